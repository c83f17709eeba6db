"""The base rows (home page, directory, organisation, listing, users) made once for a
group of tests instead of once per test, where that changes nothing a test sees.

Making them is most of many tests' time: Wagtail pages are saved, revised and published
one by one, and the staff roles and two teams are set up with their permissions. Django's
`TestCase.setUpTestData` answers the same problem for classes; this does it for the tests
of a module that ask for the same base fixtures (their "signature"):

- the tests of a module are grouped by signature: the module-scoped fixture that holds
  the rows is parametrised with each test's signature (conftest.py), so pytest runs a
  signature's tests together and makes the rows once for them;
- the rows are made in a transaction opened when the group's first test starts and
  rolled back when its last test ends;
- each test runs inside it, in its own savepoint (pytest-django's usual per-test
  transaction, nested), so what a test changes is rolled back before the next;
- each test reads the rows again by primary key, so no test sees another's objects in
  memory.

Every database test takes part, those that ask for no base rows as a group of their own,
so that no test runs while another group's rows are there. A module shares rows only when
that cannot change what a test sees (`plan`): none of its database tests is transactional
(those commit and flush) or keeps Wagtail's indexes (its rows would be indexed while the
group starts, outside the switch in conftest.py), no conftest below this one redefines a
base fixture, and the rows would carry the same time as when made per test: a module
whose tests stop the clock shares only when every test stops it with the same fixture,
one that stands alone (no arguments: a fixed instant), and the group's rows are made
under that same clock (`stopped_clocks`). Other modules make the rows per test.
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import models, transaction

BASE_FIXTURES = ("home", "organisation_index", "organisation", "service", "users_by_role")
# Autouse fixtures that stop the clock for each test of a module (time-machine's travel).
CLOCK_FIXTURES = frozenset({"_at_now", "_clock", "_today"})
_DATABASE_FIXTURES = frozenset({"db", "transactional_db", "django_db_reset_sequences"})
# Clock = the generator function of a clock fixture, replayed while a group's rows are made.
Clock = Callable[[], Iterator[None]]
# The modules whose base rows can be shared, each with the clocks to make them under.
SHARED_WORLDS = pytest.StashKey[dict[str, tuple[Clock, ...]]]()


def plan(
    items: Iterable[pytest.Item], *, is_transactional: Callable[[pytest.Item], bool], home: str
) -> dict[str, tuple[Clock, ...]]:
    """The modules whose base rows can be shared, with the clocks their tests stop.

    `home` is the file that defines the base fixtures (a redefinition elsewhere makes
    its modules ineligible)."""
    by_module: dict[str, list[pytest.Item]] = {}
    for item in items:
        if is_database_test(item):
            by_module.setdefault(item.nodeid.split("::")[0], []).append(item)
    shared = {}
    for module, tests in by_module.items():
        if any(signature(item, home) is None for item in tests) or any(
            is_transactional(item)
            or "transactional_db" in item.fixturenames  # type: ignore[attr-defined]
            or item.get_closest_marker("wagtail_indexes")
            for item in tests
        ):
            continue
        clocks = {_clocks(item) for item in tests}
        if len(clocks) == 1 and None not in clocks:
            shared[module] = clocks.pop()
    return shared  # type: ignore[return-value]


def _clocks(item: pytest.Item) -> tuple[Clock, ...] | None:
    """The clock fixtures the test stops the clock with, if they can be replayed before
    the test (each a fixed instant: no arguments); None if not, or if some other fixture
    moves the clock (through time-machine's fixture) while the test's rows are made.

    A test that moves the clock itself, in its body, moves it after its rows are made
    either way."""
    definitions = item._fixtureinfo.name2fixturedefs  # type: ignore[attr-defined]
    names = item.fixturenames  # type: ignore[attr-defined]
    if any(
        "time_machine" in definitions[name][-1].argnames for name in names if name in definitions
    ):
        return None
    found = []
    for name in sorted(CLOCK_FIXTURES.intersection(names)):
        func = definitions[name][-1].func
        if not inspect.isgeneratorfunction(func) or inspect.signature(func).parameters:
            return None
        found.append(func)
    return tuple(found)


@contextlib.contextmanager
def stopped_clocks(clocks: Iterable[Clock]) -> Iterator[None]:
    """The clocks stopped as each test of the group stops them."""
    with contextlib.ExitStack() as stack:
        for clock in clocks:
            stack.enter_context(contextlib.contextmanager(clock)())
        yield


def is_database_test(test: pytest.Item | pytest.Function) -> bool:
    """Whether a test uses the database (a `django_db` mark or a database fixture)."""
    return bool(
        test.get_closest_marker("django_db") or _DATABASE_FIXTURES.intersection(test.fixturenames)  # type: ignore[attr-defined]
    )


def signature(test: pytest.Item | pytest.Metafunc, home: str) -> tuple[str, ...] | None:
    """The base fixtures a test asks for (directly or through others); None when one of
    them is redefined below the root conftest."""
    definition = test.definition if isinstance(test, pytest.Metafunc) else test
    definitions = definition._fixtureinfo.name2fixturedefs  # type: ignore[attr-defined]
    names = []
    for name in BASE_FIXTURES:
        if name in test.fixturenames:
            found = definitions.get(name)
            if not found or found[-1].func.__code__.co_filename != home:
                return None
            names.append(name)
    return tuple(names)


class SharedWorld:
    """The base rows of one module, by fixture name, as model and primary key."""

    def __init__(self, made: dict[str, Any]) -> None:
        self._rows: dict[str, Any] = {}
        for name, value in made.items():
            if isinstance(value, dict):
                self._rows[name] = {key: user.pk for key, user in value.items()}
            else:
                self._rows[name] = (type(value), value.pk)

    @classmethod
    def build(
        cls,
        names: Iterable[str],
        makers: dict[str, Callable[[Any], Any]],
        made_from: dict[str, str],
    ) -> SharedWorld:
        made: dict[str, Any] = {}

        def make(name: str) -> Any:
            if name not in made:
                parent = made_from.get(name)
                made[name] = makers[name](make(parent) if parent else None)
            return made[name]

        for name in names:
            make(name)
        return cls(made)

    def fetch(self, name: str) -> Any:
        """A fresh copy of the rows, read from the database."""
        row = self._rows[name]
        if isinstance(row, dict):
            users = get_user_model().objects.in_bulk(row.values())
            return {key: users[pk] for key, pk in row.items()}
        model: type[models.Model] = row[0]
        return model._default_manager.get(pk=row[1])


@contextlib.contextmanager
def rolled_back() -> Iterator[None]:
    """A transaction around the module, always rolled back.

    Marked as Django's TestCase marks its own, so that `atomic(durable=True)` in the
    code under test still works inside it, as it does inside a test's transaction."""
    atomic = transaction.atomic()
    atomic._from_testcase = True  # type: ignore[attr-defined]
    atomic.__enter__()
    try:
        yield
    finally:
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
