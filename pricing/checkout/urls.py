"""The booking journey and card payment pages, included at /book/."""

from django.urls import path

import localoffer.core.converters  # noqa: F401  (registers <id:...>)
from pricing.checkout.views import budget, journey, paying, profile

app_name = "checkout"

urlpatterns = [
    path("pay/<str:reference>/", paying.pay, name="pay"),
    path("pay/<str:reference>/pay-later/", paying.pay_later, name="pay_later"),
    path("done/<str:reference>/", paying.done, name="done"),
    path("done/<str:reference>/calendar.ics", paying.calendar, name="calendar"),
    path("<id:service>/", journey.choose_session, name="session"),
    path("<id:service>/child/", journey.choose_child, name="child"),
    path("<id:service>/share-profile/", profile.choose_profile, name="profile"),
    path("<id:service>/places/", journey.choose_places, name="places"),
    path("<id:service>/personal-budget/", budget.choose_budget, name="budget"),
    path("<id:service>/outcome/", budget.choose_outcome, name="outcome"),
    path("<id:service>/how-to-pay/", journey.choose_method, name="method"),
    path("<id:service>/address/", journey.choose_address, name="address"),
    path("<id:service>/check/", journey.check_answers, name="check"),
]
