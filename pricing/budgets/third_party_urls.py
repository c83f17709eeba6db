"""The third party's pages, included at /account/third-party/ (namespace "third_party").

The fixed prefix ("invitation/") comes before the budget's reference. The documents made
out to the third party are downloaded at the invoices' own address (`invoices:pdf`).
"""

from django.urls import path

import localoffer.core.converters  # noqa: F401  (registers <id:...>)
from pricing.budgets import third_party_views as views

app_name = "third_party"

urlpatterns = [
    path("", views.held_list, name="list"),
    path("invitation/<str:token>/", views.accept, name="accept"),
    path("<str:reference>/", views.detail, name="detail"),
    path("<str:reference>/bookings/<id:funding>/", views.decide, name="decide"),
]
