"""bench/demo_site.py copies a built database for each site that serves it.

The browser tests build the demo once and give each worker a copy (SQLite's backup of
the file here; PostgreSQL's CREATE DATABASE ... TEMPLATE on the PostgreSQL leg): the copy
must hold what the build wrote, and what a site then writes must stay in its own copy.
"""

import os
import sqlite3
from contextlib import closing
from urllib.parse import urlsplit

import pytest

from bench.demo_site import _is_postgres, demo_database


def _rows(url: str) -> list[str]:
    with closing(sqlite3.connect(urlsplit(url).path[1:])) as connection:
        return [name for (name,) in connection.execute("SELECT name FROM page ORDER BY name")]


def _write(url: str, *names: str) -> None:
    with closing(sqlite3.connect(urlsplit(url).path[1:])) as connection, connection:
        connection.execute("CREATE TABLE IF NOT EXISTS page (name TEXT)")
        connection.executemany("INSERT INTO page VALUES (?)", [(name,) for name in names])


def test_a_copy_holds_the_build_and_keeps_its_own_changes(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)  # the SQLite branch, on either leg
    with demo_database(suffix="copy_test_template") as template:
        _write(template, "home", "services")
        with (
            demo_database(suffix="copy_test_a", template=template) as first,
            demo_database(suffix="copy_test_b", template=template) as second,
        ):
            assert _rows(first) == _rows(second) == ["home", "services"]
            _write(first, "feedback")

            assert _rows(first) == ["feedback", "home", "services"]
            assert _rows(second) == ["home", "services"]
            assert _rows(template) == ["home", "services"]


@pytest.mark.skipif(
    not _is_postgres(os.environ.get("DATABASE_URL", "")),
    reason="copies a PostgreSQL database: set DATABASE_URL to a PostgreSQL server",
)
def test_a_postgresql_copy_holds_the_build_and_keeps_its_own_changes():
    import psycopg

    def run(url: str, statement: str) -> list[tuple]:
        with psycopg.connect(url, autocommit=True) as connection:
            cursor = connection.execute(statement)
            return cursor.fetchall() if cursor.description else []

    with demo_database(suffix="copy_test_template") as template:
        run(template, "CREATE TABLE page (name TEXT)")
        run(template, "INSERT INTO page VALUES ('home')")
        with (
            demo_database(suffix="copy_test_a", template=template) as first,
            demo_database(suffix="copy_test_b", template=template) as second,
        ):
            run(first, "INSERT INTO page VALUES ('feedback')")

            assert run(first, "SELECT name FROM page ORDER BY name") == [("feedback",), ("home",)]
            assert run(second, "SELECT name FROM page") == [("home",)]
            assert run(template, "SELECT name FROM page") == [("home",)]
