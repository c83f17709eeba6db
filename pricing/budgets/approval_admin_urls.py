"""The officer's approvals area, at /admin/budgets/approvals/ (registered in
pricing/budgets/wagtail_hooks.py): bookings waiting for a decision, the invoices the
council pays and its payment run."""

from django.urls import path

import localoffer.core.converters  # noqa: F401 (registers the <id:...> converter)
from pricing.budgets import approval_admin_views as views

app_name = "budget_approvals"

urlpatterns: list = [
    path("", views.ApprovalsView.as_view(), name="index"),
    path("bookings/<id:funding>/", views.DecideView.as_view(), name="decide"),
    path("invoices/<id:document>/pay/", views.RecordPaymentView.as_view(), name="pay"),
    path("invoices/<id:document>/pdf/", views.InvoicePdfView.as_view(), name="pdf"),
    path("payment-run/", views.PaymentRunView.as_view(), name="run"),
    path("payment-run.csv", views.PaymentRunCsvView.as_view(), name="run_csv"),
]
