"""The provider's invoices area in the workspace: its addresses and its menu items.

Imported by pricing/wagtail_hooks.py (Wagtail loads only the app's own hooks module).
The menu items show only to people in an organisation's team; every view checks again.
"""

from __future__ import annotations

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

import localoffer.core.converters  # noqa: F401 (registers the <id:...> converter)
from pricing.invoices import admin_views as views
from pricing.offers.admin_views import TeamMenuItem

invoice_urls = (
    [
        path("", views.InvoicesIndexView.as_view(), name="index"),
        path("billing/", views.BillingIndexView.as_view(), name="billing_index"),
        path("<id:organisation>/", views.DocumentListView.as_view(), name="list"),
        path("<id:organisation>/billing/", views.BillingDetailsView.as_view(), name="billing"),
        path("<id:organisation>/export/", views.ExportView.as_view(), name="export"),
        path(
            "<id:organisation>/families/<id:customer>/",
            views.StatementView.as_view(),
            name="statement",
        ),
        path("documents/<id:document>/", views.DocumentView.as_view(), name="document"),
        path(
            "documents/<id:document>/payment/",
            views.RecordPaymentView.as_view(),
            name="record_payment",
        ),
        path("documents/<id:document>/credit/", views.CreditNoteView.as_view(), name="credit"),
        path("documents/<id:document>/remind/", views.RemindView.as_view(), name="remind"),
    ],
    "provider_invoices",
)


@hooks.register("register_admin_urls")
def register_invoices_admin_urls() -> list:
    return [path("invoices/", include(invoice_urls))]


@hooks.register("register_admin_menu_item")
def register_invoices_menu_item() -> MenuItem:
    return TeamMenuItem(
        "Invoices",
        reverse("provider_invoices:index"),
        name="invoices",
        icon_name="doc-full",
        order=156,
    )


@hooks.register("register_admin_menu_item")
def register_billing_menu_item() -> MenuItem:
    return TeamMenuItem(
        "Billing details",
        reverse("provider_invoices:billing_index"),
        name="billing-details",
        icon_name="cog",
        order=157,
    )
