"""What a provider makes bookable: an offer on a listing, its dated sessions, term dates.

The price is never stored on the offer: it is read from one of the listing's
`CostOption` rows when a family books, and the booking keeps a copy (its snapshot). If
the provider removes that cost option from the listing, the link becomes empty and the
offer stops being bookable until they choose another, so no family is ever charged a
price the listing no longer shows.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from localoffer.core.money import round_money
from pricing.offers.enums import (
    CancellationPolicy,
    OfferKind,
    SessionStatus,
    TermKind,
)
from pricing.payments.models import PaymentMethod


class BookableOffer(models.Model):
    """A listing made bookable: sessions with places, or hours of support on request."""

    service = models.OneToOneField(
        "providers.ServicePage", on_delete=models.CASCADE, related_name="bookable_offer"
    )
    # The listing's parent page, kept here so a provider's bookings are one indexed query
    # away (a listing never changes organisation: pages are not moved out of the directory).
    organisation = models.ForeignKey(
        "providers.OrganisationPage", on_delete=models.CASCADE, related_name="bookable_offers"
    )
    kind = models.CharField(max_length=10, choices=OfferKind.choices)
    cost_option = models.ForeignKey(
        "providers.CostOption",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The price families pay, chosen from the listing's costs.",
    )
    accepts_card = models.BooleanField(default=True)
    accepts_invoice = models.BooleanField("accepts pay later on invoice", default=False)
    booking_opens_days_before = models.PositiveIntegerField(
        default=56, validators=[MaxValueValidator(366)]
    )
    booking_closes_hours_before = models.PositiveIntegerField(
        default=2, validators=[MaxValueValidator(24 * 14)]
    )
    cancellation_policy = models.CharField(
        max_length=20,
        choices=CancellationPolicy.choices,
        default=CancellationPolicy.FREE_48_NONE,
    )
    is_active = models.BooleanField(default=True)
    # Sessions only: families may share the cost of one session for a group of children
    # (for example up to four children for £80), each paying its share.
    group_price = models.DecimalField(
        "group price", max_digits=12, decimal_places=2, null=True, blank=True
    )
    group_size = models.PositiveSmallIntegerField(
        "children in a group", null=True, blank=True, validators=[MaxValueValidator(30)]
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=OfferKind.values), name="offer_kind_valid"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(group_price__isnull=True, group_size__isnull=True)
                    | models.Q(group_price__gt=0, group_size__gte=2)
                ),
                name="offer_group_price_with_size",
            ),
            models.CheckConstraint(
                condition=models.Q(cancellation_policy__in=CancellationPolicy.values),
                name="offer_cancellation_policy_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(accepts_card=True) | models.Q(accepts_invoice=True),
                name="offer_accepts_a_payment_method",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service.title} ({self.get_kind_display().lower()})"

    @property
    def unit_price(self) -> Decimal | None:
        """The price of one unit now, from the listing; None when there is none to book at."""
        option = self.cost_option
        if option is None:
            return None
        if option.is_free:
            return Decimal("0.00")
        return round_money(option.amount) if option.amount is not None else None

    @property
    def is_bookable(self) -> bool:
        return self.is_active and self.unit_price is not None

    def payment_methods(self, *, card_ready: bool) -> list[str]:
        """The ways a family may pay for this offer.

        Card only when the provider's Stripe account can take payments (`card_ready`,
        which the caller reads from the payments layer: this module does not know it).
        """
        methods = []
        if self.accepts_card and card_ready:
            methods.append(PaymentMethod.CARD.value)
        if self.accepts_invoice:
            methods.append(PaymentMethod.INVOICE.value)
        return methods

    def window_for(self, starts_at: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
        """When booking opens and closes for something starting at `starts_at`."""
        return (
            starts_at - dt.timedelta(days=self.booking_opens_days_before),
            starts_at - dt.timedelta(hours=self.booking_closes_hours_before),
        )


class Session(models.Model):
    """One dated occurrence of a sessions offer, with a number of places."""

    offer = models.ForeignKey(BookableOffer, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    location = models.ForeignKey(
        "providers.ServiceLocation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    online = models.BooleanField(default=False)
    capacity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    status = models.CharField(
        max_length=10, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    cancelled_reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["offer", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=SessionStatus.values), name="session_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
            ),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="session_capacity_1"),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{self.offer.service.title}, {local:%a %-d %b %Y %H:%M}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED

    @property
    def place_description(self) -> str:
        if self.online:
            return "Online"
        return str(self.location) if self.location_id else ""


class TermDates(models.Model):
    """A council's school term, or a break within it, for term-time-only sessions.

    One install may serve several councils, each a Wagtail Site, and councils set their
    own terms, so every row belongs to a Site.
    """

    council = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="term_dates"
    )
    name = models.CharField(max_length=80, help_text="For example 'Autumn term 2026'.")
    kind = models.CharField(max_length=10, choices=TermKind.choices, default=TermKind.TERM)
    starts_on = models.DateField()
    ends_on = models.DateField(help_text="The last day, included.")

    class Meta:
        ordering = ["council", "starts_on", "kind"]
        verbose_name = "term dates"
        verbose_name_plural = "term dates"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=TermKind.values), name="term_dates_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="term_dates_end_not_before_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.starts_on:%-d %b %Y} to {self.ends_on:%-d %b %Y})"
