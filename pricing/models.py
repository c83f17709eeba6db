"""The marketplace's models, one module per use case (imported here so Django finds them)."""

from pricing.calendars.models import CalendarFeed
from pricing.families.models import Child, OnePageProfile, ProfileShare, ProfileView
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
    "CalendarFeed",
    "Child",
    "ConnectedAccount",
    "OnePageProfile",
    "Payment",
    "PaymentMethod",
    "PaymentStatus",
    "ProfileShare",
    "ProfileView",
    "Refund",
    "RefundStatus",
    "WebhookEvent",
]
