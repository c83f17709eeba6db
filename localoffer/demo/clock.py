"""The demo's clock and post: its history happens on its own dates, and nobody is emailed.

The moderation, freshness, report and registration demos go through the same services as
the site, which stamp every row and audit entry with the current time and send mail once
the change commits. `on()` moves the clock to the moment a step happened in the demo's
story, so a cycle closed three months ago says so; `quietly()` switches mail off, so a
demo load never writes to the demo's people (or to a mailbox folder the browser tests read).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import time_machine
from django.test.utils import override_settings
from django.utils import timezone

SILENT_MAILERS = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}


def at(day: dt.date, hour: int) -> dt.datetime:
    """The given hour of a day, in the site's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@contextmanager
def on(moment: dt.datetime) -> Iterator[None]:
    """Act as if it were `moment`; the clock stands still until the block ends."""
    with time_machine.travel(moment, tick=False):
        yield


@contextmanager
def quietly() -> Iterator[None]:
    """Send no email, including from the tasks the services queue.

    Must enclose the transaction the demo is written in: mail is sent when it commits.
    Tasks still run (the demo loads with the immediate backend; load_demo refuses the
    production settings): publishing indexes listings for search through them, and the
    cycle-opening mail-out they run goes to the silent mailer.
    """
    with override_settings(MAILERS=SILENT_MAILERS):
        yield
