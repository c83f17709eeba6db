"""The append-only ledger of a budget, and what links a booking or a clawback to it.

Every pound that moves is a `LedgerEntry`, never changed or deleted (the model and the
database refuse): payments in, spending, refunds credited back, commitments (a booking
confirmed but not yet paid, an unpaid invoice) and their release, adjustments and money
recovered. A mistake is put right by an entry that reverses it. The figures a family and
an officer read are sums over these rows (`pricing.budgets.figures`), never stored.

Receipts are their own rows because a family may add the receipt after recording the
spending; an entry cannot change, but it can gain a receipt.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from localoffer.core.immutable import ImmutableModel, ImmutableQuerySet
from pricing.budgets.enums import (
    ApprovalStatus,
    ClawbackMethod,
    ClawbackStatus,
    EntryKind,
    HeldAs,
    Stream,
)
from pricing.budgets.models.budget import MONEY, PersonalBudget

SIGNED_KINDS = (EntryKind.COMMITMENT, EntryKind.ADJUSTMENT)


def private_storage() -> Any:
    from django.core.files.storage import storages  # noqa: PLC0415

    return storages["private"]


class LedgerQuerySet(ImmutableQuerySet):
    def direct_payment(self) -> LedgerQuerySet:
        return self.filter(held_as=HeldAs.DIRECT_PAYMENT)


class LedgerEntry(ImmutableModel):
    budget = models.ForeignKey(PersonalBudget, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(max_length=20, choices=EntryKind.choices)
    amount = models.DecimalField(**MONEY)
    occurred_on = models.DateField("date")
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    stream = models.CharField(max_length=20, choices=Stream.choices)
    held_as = models.CharField(max_length=20, choices=HeldAs.choices)
    # The agreed outcome spending served (`BudgetOutcome.key`); empty for money in.
    outcome_key = models.SlugField(max_length=60, blank=True)
    category = models.ForeignKey(
        "pricing.SpendingCategory",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    payee = models.CharField(max_length=200, blank=True)
    description = models.CharField("what for", max_length=500, blank=True)
    # Why staff made an adjustment, a reversal or a clawback.
    reason = models.CharField(max_length=1000, blank=True)
    booking = models.ForeignKey(
        "pricing.Booking", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    scheduled_payment = models.ForeignKey(
        "pricing.ScheduledPayment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    clawback = models.ForeignKey(
        "pricing.Clawback", on_delete=models.PROTECT, null=True, blank=True, related_name="entries"
    )
    reverses = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversed_by"
    )
    in_school = models.BooleanField("provided in a school or college", default=False)
    school_consent = models.ForeignKey(
        "pricing.SchoolConsent", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    payee_exception = models.ForeignKey(
        "pricing.PayeeException",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Our own name for what the entry records ("payment-17", "booking-42-spent-3"):
    # recording the same thing twice finds the first entry instead of adding another.
    key = models.CharField(max_length=80, null=True, blank=True)

    objects = LedgerQuerySet.as_manager()

    class Meta:
        ordering = ["occurred_on", "pk"]
        verbose_name_plural = "ledger entries"
        indexes = [
            models.Index(fields=["budget", "occurred_on"]),
            models.Index(fields=["budget", "kind"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["budget", "key"], name="ledger_key_unique"),
            models.UniqueConstraint(
                fields=["scheduled_payment"],
                condition=Q(kind=EntryKind.PAYMENT_IN, reverses__isnull=True),
                name="ledger_scheduled_payment_once",
            ),
            models.CheckConstraint(condition=Q(kind__in=EntryKind.values), name="ledger_kind_ok"),
            models.CheckConstraint(condition=Q(stream__in=Stream.values), name="ledger_stream_ok"),
            models.CheckConstraint(condition=Q(held_as__in=HeldAs.values), name="ledger_held_ok"),
            # Only signed kinds and reversals may be negative; nothing is zero.
            models.CheckConstraint(
                condition=Q(amount__gt=0)
                | (Q(amount__lt=0) & (Q(kind__in=SIGNED_KINDS) | Q(reverses__isnull=False))),
                name="ledger_amount_sign",
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=-1_000_000) & Q(amount__lt=1_000_000),
                name="ledger_amount_sensible",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount} on {self.occurred_on}"


class Receipt(models.Model):
    """A photo or PDF of a receipt for a spending entry, checked for what it really is."""

    entry = models.ForeignKey(LedgerEntry, on_delete=models.PROTECT, related_name="receipts")
    file = models.FileField(upload_to="receipts/%Y/%m/", storage=private_storage)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    original_name = models.CharField(max_length=200, blank=True)
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    def __str__(self) -> str:
        return self.original_name or str(self.file.name)


class BookingFunding(models.Model):
    """A booking paid from a budget: which pot, for which outcome, and any approval.

    The provider learns only that the booking is paid from a budget, never the budget.
    """

    booking = models.OneToOneField(
        "pricing.Booking", on_delete=models.PROTECT, related_name="funding"
    )
    budget = models.ForeignKey(PersonalBudget, on_delete=models.PROTECT, related_name="bookings")
    held_as = models.CharField(max_length=20, choices=HeldAs.choices)
    stream = models.CharField(max_length=20, choices=Stream.choices)
    outcome_key = models.SlugField(max_length=60)
    category = models.ForeignKey(
        "pricing.SpendingCategory",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Council-managed and third-party pots only; a direct payment needs no approval.
    approval = models.CharField(max_length=10, choices=ApprovalStatus.choices, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.CharField(max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(approval__in=["", *ApprovalStatus.values]), name="funding_approval_ok"
            )
        ]

    def __str__(self) -> str:
        return f"{self.booking_id} from {self.budget_id}"


class Clawback(models.Model):
    """Money the council recovers: unspent beyond what is allowed, or spent on what the
    budget cannot buy. Recovered from the next payments or by asking for it back.

    What the direct payments still to come cannot cover is never left open: that part
    is `moved` to a repayment request of its own, whose `rest_of` points back here
    (`pricing.budgets.services.clawbacks`). Still owed = amount - moved - recovered.
    """

    budget = models.ForeignKey(PersonalBudget, on_delete=models.PROTECT, related_name="clawbacks")
    amount = models.DecimalField(**MONEY)
    reason = models.CharField(max_length=1000)
    method = models.CharField(max_length=20, choices=ClawbackMethod.choices)
    status = models.CharField(
        max_length=12, choices=ClawbackStatus.choices, default=ClawbackStatus.OUTSTANDING
    )
    moved = models.DecimalField("moved to a repayment request", **MONEY, default=0)
    rest_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="rests"
    )
    # Empty when the daily job made it (a repayment request for what payments could not
    # cover): nobody typed it.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="clawback_positive"),
            models.CheckConstraint(
                condition=Q(method__in=ClawbackMethod.values), name="clawback_method_ok"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ClawbackStatus.values), name="clawback_status_ok"
            ),
            models.CheckConstraint(
                condition=Q(moved__gte=0) & Q(moved__lte=models.F("amount")),
                name="clawback_moved_within_amount",
            ),
            # Only a repayment request is the rest of another clawback.
            models.CheckConstraint(
                condition=Q(rest_of__isnull=True) | Q(method=ClawbackMethod.REPAYMENT),
                name="clawback_rest_is_repayment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.amount} ({self.get_method_display()})"
