"""The family's personal budget pages, included at /account/budgets/ (namespace "budgets").

The fixed prefixes ("invitation/", "receipts/") come before the budget's reference.
Receipts are served by `pricing.budgets.views`, shared with the officer's pages.
"""

from django.urls import path

import localoffer.core.converters  # noqa: F401  (registers <id:...>)
from pricing.budgets import family_views, views

app_name = "budgets"

urlpatterns = [
    path("", family_views.budget_list, name="list"),
    path("invitation/<str:token>/", family_views.accept, name="accept"),
    path("receipts/<id:receipt>/", views.receipt_file, name="receipt"),
    path("<str:reference>/", family_views.detail, name="detail"),
    path("<str:reference>/ledger/", family_views.ledger, name="ledger"),
    path("<str:reference>/spending/new/", family_views.spend, name="spend"),
    path(
        "<str:reference>/entries/<id:entry>/receipt/",
        family_views.receipt_add,
        name="receipt_add",
    ),
    path("<str:reference>/set-aside/", family_views.set_aside, name="set_aside"),
    path(
        "<str:reference>/set-aside/<id:item>/release/",
        family_views.release_set_aside,
        name="release_set_aside",
    ),
]
