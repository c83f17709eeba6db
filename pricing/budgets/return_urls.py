"""The family's quarterly returns, included at /account/budgets/returns/."""

from django.urls import path

import localoffer.core.converters  # noqa: F401 (registers the <id:...> converter)
from pricing.budgets import return_views as views

app_name = "budget_returns"

urlpatterns = [
    path("<str:reference>/", views.quarters_list, name="list"),
    path("<str:reference>/make/", views.make, name="make"),
    path("<str:reference>/<id:ret>/", views.detail, name="detail"),
    path("<str:reference>/<id:ret>/make-again/", views.remake, name="remake"),
    path("<str:reference>/<id:ret>/send/", views.send, name="send"),
    path("<str:reference>/<id:ret>/answer/", views.answer, name="answer"),
    path("<str:reference>/<id:ret>/pdf/", views.return_file, {"kind": "pdf"}, name="pdf"),
    path("<str:reference>/<id:ret>/csv/", views.return_file, {"kind": "csv"}, name="csv"),
    path("<str:reference>/<id:ret>/zip/", views.return_file, {"kind": "zip"}, name="zip"),
]
