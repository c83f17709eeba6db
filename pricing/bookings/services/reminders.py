"""The reminder the day before: one email per confirmed booking or appointment tomorrow."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
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
    sent = 0
    bookings = Booking.objects.filter(
        status=BookingStatus.CONFIRMED,
        reminder_sent_at__isnull=True,
        session__starts_at__gte=start,
        session__starts_at__lt=end,
    ).values_list("pk", flat=True)
    for pk in list(bookings):
        with transaction.atomic():
            booking = Booking.objects.select_for_update().get(pk=pk)
            if booking.reminder_sent_at is not None:
                continue
            booking.reminder_sent_at = now
            booking.save(update_fields=["reminder_sent_at"])
            tell(booking, "reminder")
            sent += 1
    appointments = Appointment.objects.filter(
        booking__status=BookingStatus.CONFIRMED,
        reminder_sent_at__isnull=True,
        starts_at__gte=start,
        starts_at__lt=end,
    ).values_list("pk", flat=True)
    for pk in list(appointments):
        with transaction.atomic():
            appointment = Appointment.objects.select_for_update().get(pk=pk)
            if appointment.reminder_sent_at is not None:
                continue
            appointment.reminder_sent_at = now
            appointment.save(update_fields=["reminder_sent_at"])
            tell(appointment.booking, "reminder")
            sent += 1
    return sent
