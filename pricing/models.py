"""The marketplace's models, one module per use case (imported here so Django finds them)."""

from pricing.bookings.models import Appointment, Booking, HoursRequest, WaitingListEntry
from pricing.families.models import Child
from pricing.offers.models import BookableOffer, Session, TermDates
from pricing.payments.models import Payment, PaymentMethod, PaymentStatus

__all__ = [
    "Appointment",
    "BookableOffer",
    "Booking",
    "Child",
    "HoursRequest",
    "Payment",
    "PaymentMethod",
    "PaymentStatus",
    "Session",
    "TermDates",
    "WaitingListEntry",
]
