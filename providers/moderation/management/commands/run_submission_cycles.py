"""The daily job of submission cycles: close, open, remind. Run it once a day from cron.

    manage.py run_submission_cycles            # today
    manage.py run_submission_cycles --dry-run  # say what it would do, change nothing

In this order, so a new cycle can open on the day the last one closes:

1. Close every open cycle whose deadline has passed (the deadline day itself is still
   open). Closing counts missed cycles, flags and unpublishes stale listings.
2. Open the earliest scheduled cycle whose opening date has come, unless another cycle
   is still open. A scheduled cycle whose deadline has already passed is left alone and
   reported: opening it would ask providers for something they could no longer do.
   Opening emails every provider a confirmation link per listing.
3. Send the one-week reminders for flagged listings in the open cycle.

Idempotent: a cycle is opened or closed once (the core services refuse a second move),
and each reminder is sent once per cycle. Running it twice a day does nothing more.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

from django.core.management.base import BaseCommand
from django.utils import timezone
from tqdm import tqdm

from providers.moderation.enums import CycleStatus
from providers.moderation.freshness import progress
from providers.moderation.freshness.services import reminder_due, send_deadline_reminders
from providers.moderation.models import SubmissionCycle


class Command(BaseCommand):
    help = "Open and close submission cycles by their dates and send deadline reminders."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--date",
            type=dt.date.fromisoformat,
            default=None,
            help="Act as if today were this date (YYYY-MM-DD). For catching up by hand.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be done, change nothing."
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="No progress bars (for cron logs)."
        )

    def handle(self, *args, date=None, dry_run=False, no_progress=False, **options) -> None:
        from providers.moderation.services import close_cycle, open_cycle

        today = date or timezone.localdate()
        self.show_progress = not no_progress
        did_something = False
        reporter = progress.Reporter(bar=self._bar, note=self._note)
        with progress.reporting(reporter):
            for cycle in SubmissionCycle.objects.open().filter(deadline__lt=today):
                self._note(f"Closing {cycle.name} (deadline {cycle.deadline:%-d %B %Y})")
                if not dry_run:
                    close_cycle(cycle=cycle)
                did_something = True

            due = SubmissionCycle.objects.scheduled().filter(opens_on__lte=today)
            for cycle in due.filter(deadline__lt=today).order_by("opens_on"):
                self._note(
                    f"Not opening {cycle.name}: its deadline ({cycle.deadline:%-d %B %Y}) has "
                    "passed. Change its dates in the admin."
                )
            still_open = SubmissionCycle.objects.open().first()
            # In a dry run the cycle closed above is still open in the database.
            if dry_run and still_open is not None and still_open.deadline < today:
                still_open = None
            candidate = due.filter(deadline__gte=today).order_by("opens_on", "pk").first()
            if candidate is not None:
                if still_open is not None:
                    self._note(f"Not opening {candidate.name}: {still_open.name} is still open.")
                else:
                    self._note(
                        f"Opening {candidate.name} (deadline {candidate.deadline:%-d %B %Y})"
                    )
                    if not dry_run:
                        open_cycle(cycle=candidate)
                    did_something = True

            current = SubmissionCycle.objects.filter(status=CycleStatus.OPEN).first()
            if current is not None and reminder_due(current, today):
                if dry_run:
                    self._note(f"Would send deadline reminders for {current.name}")
                else:
                    sent = send_deadline_reminders(today=today)
                    did_something = did_something or bool(sent)
        if not did_something:
            self.stdout.write("Nothing to do today.")

    def _note(self, message: str) -> None:
        self.stdout.write(message)

    @contextmanager
    def _bar(self, description: str, total: int):
        with tqdm(
            total=total,
            desc=description,
            unit="listing",
            disable=not self.show_progress,
            file=self.stderr._out,
        ) as bar:
            yield bar
