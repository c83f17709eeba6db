"""The family's bookings, included at /account/bookings/ (namespace `bookings`): the
bookings pages of `pricing.bookings.urls`, and asking for hours of support.

Asking for hours is a booking journey, like /book/, and pays from a personal budget, so
its pages are the checkout's (budgets sit above bookings, and bookings cannot import
them); its addresses and URL names stay with the family's bookings, where links, emails
and bookmarks already point.
"""

from django.urls import path

import localoffer.core.converters  # noqa: F401  (registers <id:...>)
from pricing.bookings.urls import urlpatterns as bookings_urlpatterns
from pricing.checkout.views import hours, hours_budget

app_name = "bookings"

urlpatterns = [
    path("ask/<id:service>/", hours.ask_child, name="ask"),
    path("ask/<id:service>/how-many/", hours.ask_units, name="ask_units"),
    path("ask/<id:service>/when/", hours.ask_times, name="ask_times"),
    path("ask/<id:service>/personal-budget/", hours_budget.ask_budget, name="ask_budget"),
    path("ask/<id:service>/outcome/", hours_budget.ask_outcome, name="ask_outcome"),
    path("ask/<id:service>/how-to-pay/", hours.ask_method, name="ask_method"),
    path("ask/<id:service>/check/", hours.ask_check, name="ask_check"),
    path("<str:reference>/sent/", hours.request_sent, name="request_sent"),
    *bookings_urlpatterns,
]
