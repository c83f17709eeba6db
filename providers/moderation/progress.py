"""How long work (closing a cycle, mailing every provider) tells whoever started it how it goes.

The daily command passes a `Progress` that draws tqdm bars and prints notes; a
moderator's click in the admin and a background task pass nothing and get `LOGGED`:
no bars, notes to the log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol

logger = logging.getLogger(__name__)

Update = Callable[[int], object]


class Progress(Protocol):
    def bar(self, description: str, total: int) -> AbstractContextManager[Update]:
        """A context manager yielding `update(n)`: n more of `total` done."""
        ...

    def note(self, message: str) -> None: ...


def _ignore(n: int = 1) -> None:
    """Counts nothing: the log gets notes, not every step."""


class LoggedProgress:
    """No bars; notes go to the log."""

    @contextmanager
    def bar(self, description: str, total: int) -> Iterator[Update]:
        yield _ignore

    def note(self, message: str) -> None:
        logger.info(message)


LOGGED = LoggedProgress()
