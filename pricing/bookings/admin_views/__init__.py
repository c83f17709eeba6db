"""The provider's bookings area in the workspace (/admin/bookings/), one module per part:
the front page and requests (`index`), sessions (`sessions`), answering a request for
hours (`requests`), and a booking with its actions (`bookings`)."""

from pricing.bookings.admin_views.bookings import (
    BookingView,
    CancelBookingView,
    PaymentReceivedView,
    ProfileView,
    RefundPartView,
)
from pricing.bookings.admin_views.index import BookingsIndexView, OfferBookingsView, RequestsView
from pricing.bookings.admin_views.requests import AnswerRequestView
from pricing.bookings.admin_views.sessions import (
    AddPatternView,
    AddSessionView,
    CancelSessionView,
    SessionsView,
    SessionView,
)

__all__ = [
    "AddPatternView",
    "AddSessionView",
    "AnswerRequestView",
    "BookingView",
    "BookingsIndexView",
    "CancelBookingView",
    "CancelSessionView",
    "OfferBookingsView",
    "PaymentReceivedView",
    "ProfileView",
    "RefundPartView",
    "RequestsView",
    "SessionView",
    "SessionsView",
]
