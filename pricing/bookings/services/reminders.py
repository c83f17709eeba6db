"""The reminder the day before: one email per confirmed booking or appointment tomorrow."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from pricing.bookings.enums import BookingStatus
from pricing.bookings.models import Appointment, Booking
from pricing.bookings.notifications import tell


def send_booking_reminders(*, now: dt.datetime) -> int:
    """Remind families of what starts tomorrow (local date); returns reminders sent.

    Each booking or appointment is marked as reminded in the same transaction as its
    email is queued, so running the job twice in a day sends nothing twice.
    """
    tomorrow = timezone.localdate(now) + dt.timedelta(days=1)
    start = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(tomorrow + dt.timedelta(days=1), dt.time.min))
    bookings = Booking.objects.filter(
        status=BookingStatus.CONFIRMED,
        reminder_sent_at__isnull=True,
        session__starts_at__gte=start,
        session__starts_at__lt=end,
    )
    appointments = Appointment.objects.filter(
        booking__status=BookingStatus.CONFIRMED,
        reminder_sent_at__isnull=True,
        starts_at__gte=start,
        starts_at__lt=end,
    )
    return _remind(bookings, now, lambda booking: booking) + _remind(
        appointments, now, lambda appointment: appointment.booking
    )


def _remind(due: QuerySet, now: dt.datetime, booking_of: Callable[[Any], Booking]) -> int:
    """Mark each row reminded under its lock (so a second run sends nothing) and mail."""
    sent = 0
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            row = due.model.objects.select_for_update().get(pk=pk)
            if row.reminder_sent_at is not None:
                continue
            row.reminder_sent_at = now
            row.save(update_fields=["reminder_sent_at"])
            tell(booking_of(row), "reminder")
            sent += 1
    return sent
