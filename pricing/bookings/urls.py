"""The family's bookings pages, included at /account/bookings/ with asking for hours of
support by `pricing.checkout.bookings_urls` (namespace `bookings`)."""

from django.urls import path

import localoffer.core.converters  # noqa: F401  (registers <id:...>)
from pricing.bookings.views import changes, profile, waiting, your_bookings

urlpatterns = [
    path("", your_bookings.your_bookings, name="list"),
    path("waiting-list/join/<id:session>/", waiting.join, name="join_waiting_list"),
    path("waiting-list/<id:entry>/leave/", waiting.leave, name="leave_waiting_list"),
    path("<str:reference>/", your_bookings.detail, name="detail"),
    path("<str:reference>/calendar.ics", your_bookings.calendar_file, name="calendar"),
    path("<str:reference>/cancel/", changes.cancel, name="cancel"),
    path("<str:reference>/change/", changes.move, name="move"),
    path("<str:reference>/other-times/", changes.answer_proposal, name="answer_proposal"),
    path("<str:reference>/share-profile/", profile.share, name="share_profile"),
]
