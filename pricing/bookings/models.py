"""Bookings: a family's place on a session or agreed hours of support, and its waiting list.

A booking copies the unit price and total when it is made (the price can change on the
listing later; what the family agreed to pay cannot). Its status moves only through
`BOOKING_TRANSITIONS` (pricing/bookings/enums.py) via the services. Refunds are money owed
back (`refund_owed`) until the payments layer has paid them (`amount_refunded`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from pricing.bookings.enums import (
    ACTIVE,
    AWAITING_FAMILY,
    AWAITING_PROVIDER,
    FINISHED,
    Attendance,
    BookingStatus,
    CancelledBy,
    WaitingStatus,
)
from pricing.payments.models import PaymentMethod

MONEY: dict[str, Any] = {"max_digits": 12, "decimal_places": 2}


class BookingQuerySet(models.QuerySet):
    def active(self) -> BookingQuerySet:
        return self.filter(status__in=ACTIVE)

    def finished(self) -> BookingQuerySet:
        return self.filter(status__in=FINISHED)

    def awaiting_provider(self) -> BookingQuerySet:
        return self.filter(status__in=AWAITING_PROVIDER)

    def awaiting_family(self) -> BookingQuerySet:
        return self.filter(status__in=AWAITING_FAMILY)

    def confirmed(self) -> BookingQuerySet:
        return self.filter(status=BookingStatus.CONFIRMED)

    def taking_places(self, now: dt.datetime) -> BookingQuerySet:
        """Bookings that hold places at `now`: confirmed, or held with the hold still on.

        A hold past its expiry frees its place at once, even before `expire_holds` has
        tidied it, so a late sweep never makes a session look full.
        """
        return self.filter(
            Q(status=BookingStatus.CONFIRMED)
            | Q(status=BookingStatus.HELD, hold_expires_at__gt=now)
        )

    def upcoming(self, now: dt.datetime) -> BookingQuerySet:
        """Active bookings with a session or an appointment still to come."""
        return (
            self.active()
            .filter(Q(session__ends_at__gt=now) | Q(appointments__ends_at__gt=now))
            .distinct()
        )

    def past(self, now: dt.datetime) -> BookingQuerySet:
        """Confirmed bookings whose session or every appointment is over."""
        return (
            self.confirmed()
            .filter(Q(session__ends_at__lte=now) | Q(appointments__isnull=False))
            .exclude(appointments__ends_at__gt=now)
            .distinct()
        )

    def for_family(self, user: Any) -> BookingQuerySet:
        return self.filter(family=user)

    def for_organisation(self, organisation: Any) -> BookingQuerySet:
        return self.filter(offer__organisation=organisation)

    def owing_refund(self) -> BookingQuerySet:
        return self.filter(refund_owed__gt=0)


class Booking(models.Model):
    """One family's booking for one child: places on a session, or hours of support."""

    reference = models.CharField(max_length=12, unique=True)
    family = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bookings"
    )
    child = models.ForeignKey("pricing.Child", on_delete=models.PROTECT, related_name="bookings")
    offer = models.ForeignKey(
        "pricing.BookableOffer", on_delete=models.PROTECT, related_name="bookings"
    )
    session = models.ForeignKey(
        "pricing.Session",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bookings",
    )
    # Places on a session, or units (hours, sessions, days) of support.
    places = models.PositiveIntegerField()
    unit_price = models.DecimalField(**MONEY)
    total = models.DecimalField(**MONEY)
    # The listing's VAT treatment when booked (providers.enums.VatTreatment), which the
    # invoice applies; the total already includes any VAT added to the price.
    vat_treatment = models.CharField(max_length=20, blank=True)
    # Empty for a free booking: there is nothing to pay.
    method = models.CharField(max_length=10, choices=PaymentMethod.choices, blank=True)
    payment = models.OneToOneField(
        "pricing.Payment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="booking",
    )
    status = models.CharField(max_length=20, choices=BookingStatus.choices)
    hold_expires_at = models.DateTimeField(null=True, blank=True)
    # From the booking form: the same form submitted twice finds the same booking.
    idempotency_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.CharField(max_length=10, choices=CancelledBy.choices, blank=True)
    reason = models.CharField("reason given", max_length=1000, blank=True)
    refund_owed = models.DecimalField(**MONEY, default=0)
    amount_refunded = models.DecimalField(**MONEY, default=0)
    attendance = models.CharField(max_length=20, choices=Attendance.choices, blank=True)
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)
    attendance_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "hold_expires_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=BookingStatus.values), name="booking_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=BookingStatus.HELD) | Q(hold_expires_at__isnull=False),
                name="booking_hold_has_expiry",
            ),
            models.CheckConstraint(condition=Q(places__gte=1), name="booking_places_1"),
            models.CheckConstraint(
                condition=Q(unit_price__gte=0) & Q(total__gte=0), name="booking_money_positive"
            ),
            models.CheckConstraint(
                condition=Q(refund_owed__gte=0)
                & Q(amount_refunded__gte=0)
                & Q(amount_refunded__lte=models.F("total") - models.F("refund_owed")),
                name="booking_refunds_within_total",
            ),
            models.CheckConstraint(
                condition=Q(attendance__in=["", *Attendance.values]),
                name="booking_attendance_valid",
            ),
            models.CheckConstraint(
                condition=Q(method__in=["", *PaymentMethod.values]), name="booking_method_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def sharing_purpose(self) -> str:
        """What a one-page profile is shared for, as the family's sharing page lists it."""
        return f"Booking {self.reference}"

    @property
    def starts_at(self) -> dt.datetime | None:
        if self.session is not None:
            return self.session.starts_at
        first = self.appointments.order_by("starts_at").first()
        return first.starts_at if first else None

    @property
    def is_paid(self) -> bool:
        return self.payment is not None and self.payment.status == "succeeded"


class HoursRequest(models.Model):
    """What a family asked for when it requested hours of support, and the answer."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="hours_request")
    units_asked = models.PositiveIntegerField()
    suitable_times = models.CharField("days and times that suit", max_length=1000)
    message = models.CharField("anything else", max_length=2000, blank=True)
    provider_note = models.CharField(max_length=2000, blank=True)

    def __str__(self) -> str:
        return f"{self.booking.reference}: {self.units_asked} asked"


class Appointment(models.Model):
    """A dated appointment of hours-of-support booking, proposed or agreed by the provider."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="appointments")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    units = models.PositiveIntegerField(default=1)
    attendance = models.CharField(max_length=20, choices=Attendance.choices, blank=True)
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)
    attendance_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="appointment_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(units__gte=1), name="appointment_units_1"),
            models.CheckConstraint(
                condition=Q(attendance__in=["", *Attendance.values]),
                name="appointment_attendance_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.booking.reference} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"


class WaitingListQuerySet(models.QuerySet):
    def waiting(self) -> WaitingListQuerySet:
        return self.filter(status=WaitingStatus.WAITING).order_by("created_at", "pk")

    def holding_places(self, now: dt.datetime) -> WaitingListQuerySet:
        """Offers not yet taken up, whose places are kept for the family until they lapse."""
        return self.filter(status=WaitingStatus.OFFERED, offer_expires_at__gt=now)


class WaitingListEntry(models.Model):
    """A family waiting for places on a full session; first come, first offered."""

    session = models.ForeignKey(
        "pricing.Session", on_delete=models.CASCADE, related_name="waiting_list"
    )
    family = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="waiting_list_entries"
    )
    child = models.ForeignKey("pricing.Child", on_delete=models.CASCADE, related_name="+")
    places = models.PositiveIntegerField(default=1)
    status = models.CharField(
        max_length=10, choices=WaitingStatus.choices, default=WaitingStatus.WAITING
    )
    # Position in the queue is the time of joining (then the id, for the same instant).
    created_at = models.DateTimeField(default=timezone.now)
    offered_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    booking = models.OneToOneField(
        Booking, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = WaitingListQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "waiting list entries"
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=WaitingStatus.values), name="waiting_status_valid"
            ),
            models.CheckConstraint(condition=Q(places__gte=1), name="waiting_places_1"),
            models.UniqueConstraint(
                fields=["session", "child"],
                condition=Q(status__in=[WaitingStatus.WAITING, WaitingStatus.OFFERED]),
                name="waiting_once_per_child",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child} waiting for {self.session_id}"
