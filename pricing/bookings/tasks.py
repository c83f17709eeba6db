"""Background jobs of bookings (django-tasks): release lapsed holds, send reminders.

Run from cron through the management commands `expire_booking_holds` (every minute or
two), `send_booking_reminders` and `invoice_delivered_hours` (once a day), or enqueued as tasks.
"""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from pricing.bookings.services import expire_holds, send_booking_reminders
from pricing.bookings.services.invoicing import invoice_delivered_hours


@task()
def expire_holds_task() -> int:
    result = expire_holds(now=timezone.now())
    return result.holds + result.waiting_offers


@task()
def send_booking_reminders_task() -> int:
    return send_booking_reminders(now=timezone.now())


@task()
def invoice_delivered_hours_task() -> int:
    return invoice_delivered_hours(now=timezone.now())
