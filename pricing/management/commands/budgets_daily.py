"""The personal budgets' daily job. Run it once a day from cron (or enqueue
`pricing.budgets.tasks.run_budgets_daily`).

    manage.py budgets_daily                     # today
    manage.py budgets_daily --date 2026-07-29   # act as if today were that date
    manage.py budgets_daily --no-progress       # no progress bars (for cron logs)

1. Records every scheduled payment due by today as paid in (each once, however often
   this runs: `pricing.budgets.services.record_payments_due`).
2. Asks the family to repay what the direct payments left cannot cover of money being
   recovered from them (`pricing.budgets.services.clawbacks.move_uncovered_clawbacks`).
3. Sends the quarterly return reminders: "due" once when a quarter has ended and its
   return is not sent, "overdue" once 28 days after the quarter's end
   (`pricing.budgets.services.return_reminders.send_return_reminders`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone
from tqdm import tqdm

from pricing.budgets.services import record_payments_due
from pricing.budgets.services.clawbacks import move_uncovered_clawbacks
from pricing.budgets.services.return_reminders import send_return_reminders


class Command(BaseCommand):
    help = (
        "Record the budgets' scheduled payments due, ask for repayments the payments left "
        "cannot cover, and send quarterly return reminders."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--date",
            type=dt.date.fromisoformat,
            default=None,
            help="Act as if today were this date (YYYY-MM-DD). For catching up by hand.",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="No progress bars (for cron logs)."
        )

    def handle(self, *args: Any, date: dt.date | None = None, **options: Any) -> None:
        self.show_progress = not options["no_progress"] and options["verbosity"] > 0
        today = date or timezone.localdate()
        with self.bar("Recording payments due", "payment") as update:
            recorded = record_payments_due(today, progress=update)
        self.stdout.write(f"Recorded {recorded} scheduled payments due by {today:%-d %B %Y}.")
        with self.bar("Checking money being recovered", "budget") as update:
            moved = move_uncovered_clawbacks(progress=update)
        self.stdout.write(
            f"Asked for {moved} repayments of money the payments left could not cover."
        )
        with self.bar("Checking quarterly returns", "budget") as update:
            reminded = send_return_reminders(today, progress=update)
        self.stdout.write(
            f"Sent reminders for {reminded.due} returns due and {reminded.overdue} overdue."
        )

    @contextmanager
    def bar(self, description: str, unit: str) -> Iterator[Callable[[int, int], None]]:
        """A progress bar on stderr that the services move with (done, total)."""
        with tqdm(
            desc=description, unit=unit, disable=not self.show_progress, file=self.stderr._out
        ) as bar:

            def update(done: int, total: int) -> None:
                bar.total = total
                bar.n = done
                bar.refresh()

            yield update
