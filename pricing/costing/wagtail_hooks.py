"""The provider's costing area in the workspace: its addresses, its menu item, and the
labels of its audit entries.

Imported by pricing/wagtail_hooks.py (Wagtail loads only the app's own hooks module).
The menu item shows only to people in an organisation's team; every view checks again.
"""

from __future__ import annotations

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

import localoffer.core.converters  # noqa: F401 (registers the <id:...> converter)
from pricing.costing import admin_views as views
from pricing.costing.recovery_urls import recovery_urls
from pricing.costing.services import LOG_ACTIONS
from pricing.costing.spreadsheet import wagtail_hooks as spreadsheet_hooks  # noqa: F401
from pricing.offers.admin_views import TeamMenuItem

costing_urls = (
    [
        path("", views.CostingIndexView.as_view(), name="index"),
        path("organisations/<id:organisation>/", views.CostingListView.as_view(), name="list"),
        path("<id:costing>/", views.CostingView.as_view(), name="costing"),
        path("<id:costing>/results/", views.ResultsView.as_view(), name="results"),
        path("<id:costing>/save/", views.FinaliseView.as_view(), name="finalise"),
        path("<id:costing>/new-draft/", views.NewDraftView.as_view(), name="new_draft"),
        path("<id:costing>/drivers/", views.DriversView.as_view(), name="drivers"),
        path("<id:costing>/services/add/", views.ServiceFormView.as_view(), name="service_add"),
        path(
            "<id:costing>/services/<id:service>/",
            views.ServiceFormView.as_view(),
            name="service_edit",
        ),
        path(
            "<id:costing>/services/<id:service>/remove/",
            views.ServiceRemoveView.as_view(),
            name="service_remove",
        ),
        path(
            "<id:costing>/services/<id:service>/use-as-price/",
            views.UsePriceView.as_view(),
            name="use_as_price",
        ),
        path("<id:costing>/lines/add/", views.LineFormView.as_view(), name="line_add"),
        path("<id:costing>/lines/<id:line>/", views.LineFormView.as_view(), name="line_edit"),
        path(
            "<id:costing>/lines/<id:line>/remove/",
            views.LineRemoveView.as_view(),
            name="line_remove",
        ),
    ],
    "provider_costing",
)


@hooks.register("register_admin_urls")
def register_costing_admin_urls() -> list:
    return [path("costing/", include(costing_urls))]


@hooks.register("register_admin_menu_item")
def register_costing_menu_item() -> MenuItem:
    return TeamMenuItem(
        "Costing",
        reverse("provider_costing:index"),
        name="costing",
        icon_name="table",
        order=159,
    )


@hooks.register("register_log_actions")
def register_costing_log_actions(actions) -> None:
    for action, label in LOG_ACTIONS.items():
        actions.register_action(action, label, label)


@hooks.register("register_admin_urls")
def register_recovery_admin_urls() -> list:
    return [path("costing/", include(recovery_urls))]
