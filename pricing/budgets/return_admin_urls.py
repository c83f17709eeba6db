"""The officer's quarterly returns, included in the admin at /admin/budgets/returns/."""

from django.urls import path

import localoffer.core.converters  # noqa: F401 (registers the <id:...> converter)
from pricing.budgets import return_admin_views as views

app_name = "budget_return_admin"

urlpatterns = [
    path("", views.ReturnsIndexView.as_view(), name="index"),
    path("<id:ret>/", views.ReturnDetailView.as_view(), name="detail"),
    path("<id:ret>/pdf/", views.ReturnFileView.as_view(), {"kind": "pdf"}, name="pdf"),
    path("<id:ret>/csv/", views.ReturnFileView.as_view(), {"kind": "csv"}, name="csv"),
    path("<id:ret>/zip/", views.ReturnFileView.as_view(), {"kind": "zip"}, name="zip"),
    path("<id:ret>/copies/<id:copy>/", views.ReturnCopyView.as_view(), name="copy"),
]
