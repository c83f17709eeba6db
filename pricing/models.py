"""The marketplace's models, one module per use case (imported here so Django finds them)."""

from pricing.families.models import Child
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
    "Child",
    "ConnectedAccount",
    "Payment",
    "PaymentMethod",
    "PaymentStatus",
    "Refund",
    "RefundStatus",
    "WebhookEvent",
]
