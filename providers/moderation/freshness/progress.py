"""Progress and notes from work that runs inside a cycle signal's receivers.

`run_submission_cycles` opens and closes cycles through `providers.moderation.services`, whose
signals call our receivers; the command cannot pass them a progress bar. It sets one
here for the duration instead. Without a reporter (a moderator's click in the admin),
notes go to the log and progress is silent.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

logger = logging.getLogger(__name__)

Update = Callable[[int], object]


@dataclass(frozen=True)
class Reporter:
    # bar(description, total) -> a context manager yielding update(n)
    bar: Callable[[str, int], object]
    note: Callable[[str], None]


_reporter: ContextVar[Reporter | None] = ContextVar("freshness_reporter", default=None)


@contextmanager
def reporting(reporter: Reporter) -> Iterator[None]:
    token = _reporter.set(reporter)
    try:
        yield
    finally:
        _reporter.reset(token)


@contextmanager
def task(description: str, total: int) -> Iterator[Update]:
    reporter = _reporter.get()
    if reporter is None or total == 0:
        yield lambda n=1: None
        return
    with reporter.bar(description, total) as bar:
        yield bar.update


def note(message: str) -> None:
    reporter = _reporter.get()
    if reporter is None:
        logger.info(message)
    else:
        reporter.note(message)
