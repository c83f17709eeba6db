"""Release held places and waiting-list offers that have run out. Run every minute or two.

manage.py expire_booking_holds
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from pricing.bookings.services import expire_holds


class Command(BaseCommand):
    help = "Release held places and waiting-list offers whose time has run out."

    def handle(self, *args, **options) -> None:
        result = expire_holds(now=timezone.now())
        self.stdout.write(
            f"Released {result.holds} held bookings and {result.waiting_offers} "
            "waiting-list offers."
        )
