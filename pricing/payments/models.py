"""Money that moves through Stripe, or is recorded by hand for pay-later bookings.

`Payment` knows nothing of bookings (bookings point at it): it is the lower layer of the
marketplace, shared later by invoices and budgets. Amounts are `Decimal` pounds; pence
exist only at the Stripe edge (`localoffer.core.money.to_pence`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class PaymentMethod(models.TextChoices):
    CARD = "card", "Card"
    INVOICE = "invoice", "Pay later on invoice"


class PaymentStatus(models.TextChoices):
    CREATED = "created", "Not paid yet"
    REQUIRES_ACTION = "requires_action", "Waiting for the bank's check"
    PROCESSING = "processing", "Processing"
    SUCCEEDED = "succeeded", "Paid"
    FAILED = "failed", "Payment failed"
    CANCELLED = "cancelled", "Cancelled"


class Payment(models.Model):
    """One amount a family owes a provider, and how far it has been paid and refunded."""

    # Our own unique reference (for example the booking reference): idempotency keys and
    # Stripe metadata are derived from it, so a retried call can never charge twice.
    reference = models.CharField(max_length=40, unique=True)
    organisation = models.ForeignKey(
        "providers.OrganisationPage", on_delete=models.PROTECT, related_name="+"
    )
    payer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="payments"
    )
    method = models.CharField(max_length=10, choices=PaymentMethod.choices)
    status = models.CharField(
        max_length=20, choices=PaymentStatus.choices, default=PaymentStatus.CREATED
    )
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    amount_refunded = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    currency = models.CharField(max_length=3, default="gbp")
    stripe_payment_intent_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=PaymentStatus.values), name="payment_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0)
                & models.Q(amount_refunded__gte=0)
                & models.Q(amount_refunded__lte=models.F("amount")),
                name="payment_refund_within_amount",
            ),
        ]

    def __str__(self) -> str:
        return self.reference
