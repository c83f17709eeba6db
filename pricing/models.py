"""The marketplace's models, one module per use case (imported here so Django finds them)."""

from pricing.families.models import Child
from pricing.payments.models import Payment, PaymentMethod, PaymentStatus

__all__ = ["Child", "Payment", "PaymentMethod", "PaymentStatus"]
