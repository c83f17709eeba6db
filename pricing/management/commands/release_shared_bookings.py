"""Release shared bookings whose deadline passed before every share was paid, and refund
every share paid. Safe to run as often as wanted (a second run finds nothing to do, and
pays any refund a stopped run left owed).

manage.py release_shared_bookings

The places are free at the deadline whatever this job does (held places stop counting
then); the job tells the families and gives their money back, so run it often: every
15 minutes with `reconcile_payments`, or at least daily.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from pricing.sharing.services import release_due


class Command(BaseCommand):
    help = "Release shared bookings not fully paid by their deadline, and refund their shares."

    def handle(self, *args, **options) -> None:
        released = release_due(now=timezone.now())
        self.stdout.write(f"Released {released} shared booking{'' if released == 1 else 's'}.")
