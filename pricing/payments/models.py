"""Money that moves through Stripe, or is recorded by hand for pay-later bookings.

`Payment` knows nothing of bookings (bookings point at it): it is the lower layer of the
marketplace, shared later by invoices and budgets. Amounts are `Decimal` pounds; pence
exist only at the Stripe edge (`pricing.payments.gateway`, through `localoffer.core.money`).
"""

from __future__ import annotations

from decimal import Decimal

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


S = PaymentStatus
# Only forward. Succeeded and cancelled are final. A failed attempt is not: Stripe puts
# the PaymentIntent back to "requires a payment method" and the family may try another
# card, so a later success (or bank check) still applies. A stale "failed" arriving after
# "succeeded" is refused by the table; stale in-between states are ignored by their
# event time (`Payment.stripe_seen_at`, see services.apply_intent_state).
PAYMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    S.CREATED: frozenset({S.REQUIRES_ACTION, S.PROCESSING, S.SUCCEEDED, S.FAILED, S.CANCELLED}),
    S.REQUIRES_ACTION: frozenset({S.PROCESSING, S.SUCCEEDED, S.FAILED, S.CANCELLED}),
    S.PROCESSING: frozenset({S.SUCCEEDED, S.FAILED, S.CANCELLED}),
    S.FAILED: frozenset({S.REQUIRES_ACTION, S.PROCESSING, S.SUCCEEDED, S.CANCELLED}),
    S.SUCCEEDED: frozenset(),
    S.CANCELLED: frozenset(),
}
# Still waiting for Stripe to tell us the outcome: what reconciliation asks about.
PENDING_STATUSES = frozenset({S.CREATED, S.REQUIRES_ACTION, S.PROCESSING})


class PaymentQuerySet(models.QuerySet["Payment"]):
    def pending(self) -> PaymentQuerySet:
        return self.filter(status__in=PENDING_STATUSES)

    def succeeded(self) -> PaymentQuerySet:
        return self.filter(status=PaymentStatus.SUCCEEDED)


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
    # Saved (and committed) before the PaymentIntent is created, so a retry after a lost
    # answer sends the same key and Stripe returns the same intent instead of a second one.
    # The client secret is not stored: it lets whoever holds it confirm the payment, and
    # it can be fetched again from Stripe when the card page is shown again.
    intent_idempotency_key = models.CharField(max_length=255, blank=True)
    # The connected account the charge was sent to ("" for a platform charge), and the
    # council's fee taken from it, as they were when the intent was created.
    destination_account_id = models.CharField(max_length=255, blank=True)
    application_fee = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    # When the state we hold was true at Stripe (the event's `created`, or when we asked):
    # an older event about an in-between state is ignored, so order does not matter.
    stripe_seen_at = models.DateTimeField(null=True, blank=True)
    failure_message = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    # Pay later: who recorded the money arriving and how (a bank transfer's reference).
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    offline_reference = models.CharField(max_length=100, blank=True)

    objects = PaymentQuerySet.as_manager()

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

    @property
    def refundable(self) -> Decimal:
        """What may still be refunded: paid minus refunded (refunds in flight included)."""
        if self.status != PaymentStatus.SUCCEEDED:
            return Decimal("0.00")
        return Decimal(self.amount) - Decimal(self.amount_refunded)


class RefundStatus(models.TextChoices):
    PENDING = "pending", "Being refunded"
    SUCCEEDED = "succeeded", "Refunded"
    FAILED = "failed", "Refund failed"


REFUND_TRANSITIONS: dict[str, frozenset[str]] = {
    RefundStatus.PENDING: frozenset({RefundStatus.SUCCEEDED, RefundStatus.FAILED}),
    # Stripe may report a refund that succeeded as failed later (the card was closed).
    RefundStatus.SUCCEEDED: frozenset({RefundStatus.FAILED}),
    RefundStatus.FAILED: frozenset(),
}


class Refund(models.Model):
    """Money given back on a payment: all of it, or part of it, with the reason why.

    The row is written (with its idempotency key) before Stripe is asked, and the amount
    counts against the payment at once, so two refunds at the same moment can never give
    back more than was paid. A refund Stripe refuses releases its amount again.
    """

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    reason = models.CharField(max_length=500)
    status = models.CharField(
        max_length=10, choices=RefundStatus.choices, default=RefundStatus.PENDING
    )
    stripe_refund_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    idempotency_key = models.CharField(max_length=255, unique=True)
    failure_message = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="refund_amount_positive"),
            models.CheckConstraint(
                condition=models.Q(status__in=RefundStatus.values), name="refund_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Refund {self.pk} of {self.payment}"


class ConnectedAccount(models.Model):
    """An organisation's Stripe Express account, where its card payments are paid out.

    The fields copy what Stripe last told us (`account.updated`, or asking it): an
    organisation takes card payments only when its account is ready, that is when Stripe
    lets it both take charges and receive payouts.

    `is_local_test` marks an account made by this site itself in development and tests,
    where the local Stripe has no Connect: its charges are plain platform charges. Such
    accounts count only where settings.STRIPE_LOCAL_TEST_ACCOUNTS is on.
    """

    organisation = models.OneToOneField(
        "providers.OrganisationPage", on_delete=models.CASCADE, related_name="stripe_account"
    )
    stripe_account_id = models.CharField(max_length=255, unique=True)
    charges_enabled = models.BooleanField(default=False)
    payouts_enabled = models.BooleanField(default=False)
    details_submitted = models.BooleanField(default=False)
    requirements_currently_due = models.JSONField(default=list, blank=True)
    requirements_disabled_reason = models.CharField(max_length=255, blank=True)
    is_local_test = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.stripe_account_id

    @property
    def ready(self) -> bool:
        return self.charges_enabled and self.payouts_enabled


class WebhookEvent(models.Model):
    """A Stripe event we have applied: its id is unique, so a redelivery does nothing."""

    stripe_event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    received_at = models.DateTimeField(default=timezone.now)
    processed_at = models.DateTimeField(null=True, blank=True)
    payload = models.JSONField()

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.type} {self.stripe_event_id}"
