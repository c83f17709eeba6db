"""The marketplace's models, one module per use case (imported here so Django finds them)."""

from pricing.bookings.models import Appointment, Booking, HoursRequest, WaitingListEntry
from pricing.calendars.models import CalendarFeed
from pricing.families.models import Child, OnePageProfile, ProfileShare, ProfileView
from pricing.invoices.models import (
    BillingDetails,
    CustomerDetails,
    Document,
    DocumentFile,
    DocumentLine,
    DocumentSequence,
    InvoicePayment,
    InvoiceReminder,
)
from pricing.offers.models import BookableOffer, Session, TermDates
from pricing.payments.models import (
    ConnectedAccount,
    Payment,
    PaymentMethod,
    PaymentStatus,
    Refund,
    RefundStatus,
    WebhookEvent,
)

__all__ = [
    "BillingDetails",
    "CustomerDetails",
    "Document",
    "DocumentFile",
    "DocumentLine",
    "DocumentSequence",
    "InvoicePayment",
    "InvoiceReminder",
    "Appointment",
    "BookableOffer",
    "Booking",
    "CalendarFeed",
    "Child",
    "ConnectedAccount",
    "HoursRequest",
    "OnePageProfile",
    "Payment",
    "PaymentMethod",
    "PaymentStatus",
    "ProfileShare",
    "ProfileView",
    "Refund",
    "RefundStatus",
    "Session",
    "TermDates",
    "WaitingListEntry",
    "WebhookEvent",
]
