"""Settle card payments a lost webhook left pending, by asking Stripe (run every 15 minutes)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from pricing.payments.services import reconcile_pending


class Command(BaseCommand):
    help = (
        "Ask Stripe about card payments still pending after PAYMENTS_RECONCILE_AFTER_MINUTES "
        "and send again refunds Stripe never answered."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--minutes", type=int, default=None, help="pending for at least")

    def handle(self, *args: Any, minutes: int | None = None, **options: Any) -> None:
        result = reconcile_pending(minutes=minutes)
        self.stdout.write(
            f"Asked Stripe about {result.asked} payments; {len(result.moved)} moved; "
            f"{result.refunds_sent} refunds sent."
        )
        for error in result.errors:
            self.stderr.write(error)
