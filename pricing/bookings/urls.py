"""The family's bookings, included at /account/bookings/."""

from django.urls import path

import localoffer.core.converters  # noqa: F401  (registers <id:...>)
from pricing.bookings.views import changes, hours, profile, waiting, your_bookings

app_name = "bookings"

urlpatterns = [
    path("", your_bookings.your_bookings, name="list"),
    path("ask/<id:service>/", hours.ask_child, name="ask"),
    path("ask/<id:service>/how-many/", hours.ask_units, name="ask_units"),
    path("ask/<id:service>/when/", hours.ask_times, name="ask_times"),
    path("ask/<id:service>/how-to-pay/", hours.ask_method, name="ask_method"),
    path("ask/<id:service>/check/", hours.ask_check, name="ask_check"),
    path("waiting-list/join/<id:session>/", waiting.join, name="join_waiting_list"),
    path("waiting-list/<id:entry>/leave/", waiting.leave, name="leave_waiting_list"),
    path("<str:reference>/", your_bookings.detail, name="detail"),
    path("<str:reference>/calendar.ics", your_bookings.calendar_file, name="calendar"),
    path("<str:reference>/cancel/", changes.cancel, name="cancel"),
    path("<str:reference>/change/", changes.move, name="move"),
    path("<str:reference>/other-times/", changes.answer_proposal, name="answer_proposal"),
    path("<str:reference>/sent/", hours.request_sent, name="request_sent"),
    path("<str:reference>/share-profile/", profile.share, name="share_profile"),
]
