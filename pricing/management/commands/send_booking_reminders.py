"""Email families about what they have booked for tomorrow. Run once a day.

manage.py send_booking_reminders
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from pricing.bookings.services import send_booking_reminders


class Command(BaseCommand):
    help = "Send the day-before reminder for confirmed bookings and appointments."

    def handle(self, *args, **options) -> None:
        sent = send_booking_reminders(now=timezone.now())
        self.stdout.write(f"Sent {sent} reminders.")
