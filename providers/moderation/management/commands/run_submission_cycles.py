"""The daily job of submission cycles: close, open, remind. Run it once a day from cron.

    manage.py run_submission_cycles            # today
    manage.py run_submission_cycles --dry-run  # say what it would do, change nothing

The rules are `providers.moderation.selectors.scheduling.plan_day`; this prints the plan,
carries it out (`providers.moderation.services.run_day`) and shows progress.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management.base import BaseCommand
from django.utils import timezone
from tqdm import tqdm

from providers.moderation.progress import Update
from providers.moderation.selectors.scheduling import plan_day
from providers.moderation.services import run_day


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
        self.show_progress = not no_progress
        plan = plan_day(date or timezone.localdate())
        if plan.is_empty:
            self.stdout.write("Nothing to do today.")
            return
        for line in plan.describe():
            self.stdout.write(line)
        if not dry_run:
            run_day(plan, progress=self)

    # The command is its own progress reporter (providers.moderation.progress.Progress).

    def note(self, message: str) -> None:
        self.stdout.write(message)

    @contextmanager
    def bar(self, description: str, total: int) -> Iterator[Update]:
        with tqdm(
            total=total,
            desc=description,
            unit="listing",
            disable=not self.show_progress or total == 0,
            file=self.stderr._out,
        ) as bar:
            yield bar.update
