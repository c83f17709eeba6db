"""A shared booking: families join together to pay for one activity for their children.

The provider offers a group price (a session for up to N children for one price). One
family starts a shared booking and invites others by email or by a link; each family that
joins books a place for its child, as an ordinary `Booking` held until the deadline, and
pays its share its own way (by card, on invoice, or from a budget) and gets its own
invoice. The shared booking is confirmed when every share is paid by the deadline;
otherwise every place is released and every share paid is refunded.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from pricing.budgets.enums import SharedStatus, ShareStatus

MONEY: dict[str, Any] = {"max_digits": 12, "decimal_places": 2}


class SplitRule(models.TextChoices):
    EQUAL = "equal", "Split equally"
    AGREED = "agreed", "Split as we agree"


class SharedBooking(models.Model):
    reference = models.CharField(max_length=12, unique=True)
    offer = models.ForeignKey("pricing.BookableOffer", on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey("pricing.Session", on_delete=models.PROTECT, related_name="+")
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The group price and size when the booking was started (the listing may change).
    group_price = models.DecimalField(**MONEY)
    group_size = models.PositiveSmallIntegerField()
    split = models.CharField(max_length=10, choices=SplitRule.choices, default=SplitRule.EQUAL)
    deadline = models.DateTimeField(help_text="Every share must be paid by then.")
    status = models.CharField(
        max_length=12, choices=SharedStatus.choices, default=SharedStatus.COLLECTING
    )
    # Only a hash of the invitation link's token is kept.
    link_token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=SharedStatus.values), name="shared_status_valid"
            ),
            models.CheckConstraint(condition=Q(group_price__gt=0), name="shared_price_positive"),
            models.CheckConstraint(condition=Q(group_size__gte=2), name="shared_size_2"),
        ]

    def __str__(self) -> str:
        return self.reference


class Share(models.Model):
    """One family's part of a shared booking: its child, its amount, its own booking."""

    shared = models.ForeignKey(SharedBooking, on_delete=models.CASCADE, related_name="shares")
    email = models.EmailField(blank=True)
    family = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    child = models.ForeignKey(
        "pricing.Child", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    amount = models.DecimalField(**MONEY)
    status = models.CharField(
        max_length=10, choices=ShareStatus.choices, default=ShareStatus.INVITED
    )
    booking = models.OneToOneField(
        "pricing.Booking", on_delete=models.PROTECT, null=True, blank=True, related_name="share"
    )
    invited_at = models.DateTimeField(default=timezone.now)
    joined_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["shared", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="share_amount_0"),
            models.CheckConstraint(
                condition=Q(status__in=ShareStatus.values), name="share_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.shared_id}: {self.amount}"
