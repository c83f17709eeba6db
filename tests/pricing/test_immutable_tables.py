"""Every model written once (an ImmutableModel) has database triggers that refuse UPDATE
and DELETE of its rows, on SQLite and on PostgreSQL: a table added later without them
fails here."""

import pytest
from django.apps import apps
from django.db import connection

from localoffer.core.immutable import ImmutableModel

pytestmark = pytest.mark.django_db


def tables_refusing(event: str) -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT event_object_table FROM information_schema.triggers "
                "WHERE action_timing = 'BEFORE' AND event_manipulation = %s",
                [event],
            )
        else:
            cursor.execute(
                "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE %s",
                [f"%BEFORE {event} ON%RAISE(ABORT%"],
            )
        return {table for (table,) in cursor.fetchall()}


def test_the_database_refuses_changes_and_deletes_of_every_model_written_once():
    written_once = {
        model._meta.db_table for model in apps.get_models() if issubclass(model, ImmutableModel)
    }
    assert {"pricing_document", "pricing_ledgerentry"} <= written_once
    assert written_once - tables_refusing("UPDATE") == set()
    assert written_once - tables_refusing("DELETE") == set()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own DELETE triggers")
def test_the_sqlite_backend_finds_every_trigger_refusing_delete_by_its_name():
    found = {table for _, table, _ in connection.ops.refuse_delete_triggers()}
    assert found == tables_refusing("DELETE")
