"""Invoice the hours of support delivered in each period that has ended. Run once a day.

manage.py invoice_delivered_hours

Only for providers that invoice hours as delivered (weekly, four-weekly or monthly) and
bookings paid later; each booking's period is invoiced once, however often this runs.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from pricing.bookings.services.invoicing import invoice_delivered_hours


class Command(BaseCommand):
    help = "Invoice the hours of support delivered in periods that have ended."

    def handle(self, *args, **options) -> None:
        issued = invoice_delivered_hours(now=timezone.now())
        self.stdout.write(f"Issued {issued} invoices for hours delivered.")
