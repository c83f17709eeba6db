"""Two clients writing to the zero-set-up SQLite database at once both succeed.

Found by trying the site from outside: one registration answered 500 "database is
locked" while another client was busy, because SQLite ran with rollback journalling and
deferred transactions: a transaction that read, then wrote after another client's write,
failed at once. The default database now runs with WAL, a busy timeout and immediate
transactions (localoffer/settings/base.py). The clients here are real threads on a
database file (an in-memory database has no second client), each with its own
connection made from the site's settings, as two web server threads would.
"""

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, OperationalError, connection, connections, transaction

from localoffer.settings.base import SQLITE_OPTIONS

ALIAS = "sqlite_file"


def file_database(path: Path, options: dict, blocker) -> Iterator[str]:
    """A database alias for a SQLite file with these options, removed afterwards.

    Its own file, not the test database: pytest-django's blocker is lifted for it only.
    """
    connections.settings[ALIAS] = {
        **connections.settings[DEFAULT_DB_ALIAS],
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": options,
        "TEST": {},
    }
    try:
        with blocker.unblock():
            yield ALIAS
    finally:
        connections[ALIAS].close()
        del connections[ALIAS]
        del connections.settings[ALIAS]


@pytest.fixture
def site_sqlite(tmp_path, django_db_blocker) -> Iterator[str]:
    yield from file_database(tmp_path / "site.sqlite3", SQLITE_OPTIONS, django_db_blocker)


@pytest.fixture
def old_sqlite(tmp_path, django_db_blocker) -> Iterator[str]:
    """Django's defaults: rollback journal, deferred transactions, 5 s busy timeout."""
    yield from file_database(tmp_path / "old.sqlite3", {}, django_db_blocker)


def register_at_once(alias: str) -> list[BaseException]:
    """Two clients each read, then write, in one transaction, at the same moment.

    As a registration does: look something up, then save. Each waits (briefly) for the
    other to have read before writing, so the transactions overlap whenever the database
    lets them. Returns the errors the clients met.
    """
    with connections[alias].cursor() as cursor:
        cursor.execute("CREATE TABLE registration (id INTEGER PRIMARY KEY, name TEXT)")
    connections[alias].close()
    have_read = [threading.Event(), threading.Event()]
    errors: list[BaseException] = []

    def client(me: int) -> None:
        try:
            with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                cursor.execute("SELECT count(*) FROM registration")
                have_read[me].set()
                have_read[1 - me].wait(timeout=1)
                cursor.execute("INSERT INTO registration (name) VALUES (%s)", [f"client {me}"])
        except OperationalError as error:
            errors.append(error)
        finally:
            have_read[me].set()
            connections[alias].close()

    threads = [threading.Thread(target=client, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return errors


def test_two_clients_writing_at_once_both_succeed(site_sqlite):
    assert register_at_once(site_sqlite) == []
    with connections[site_sqlite].cursor() as cursor:
        cursor.execute("SELECT name FROM registration ORDER BY name")
        assert cursor.fetchall() == [("client 0",), ("client 1",)]


def test_with_django_defaults_the_same_clients_collide(old_sqlite):
    """The test above would catch the failure: the old configuration fails it."""
    errors = register_at_once(old_sqlite)
    assert [str(error) for error in errors] == ["database is locked"]


def test_the_site_database_runs_with_wal_a_busy_timeout_and_immediate_transactions(
    site_sqlite,
):
    wrapper = connections[site_sqlite]
    with wrapper.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone() == ("wal",)
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone() == (20_000,)
    assert wrapper.transaction_mode == "IMMEDIATE"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite options apply to SQLite")
def test_the_default_sqlite_database_is_given_the_options():
    options = settings.DATABASES[DEFAULT_DB_ALIAS]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] == SQLITE_OPTIONS["timeout"]
    assert "journal_mode=WAL" in options["init_command"]
