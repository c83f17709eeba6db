"""On SQLite, flushing still empties the append-only ledger, whose trigger refuses DELETE,
and leaves the trigger in place afterwards.

SQLite has no TRUNCATE: Django's test runner (after every transactional test) and
`manage.py flush` empty its tables with DELETE FROM, which the trigger would refuse. The
project's SQLite backend (localoffer.core.db.sqlite3) lifts it for the flush alone.
"""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from pricing.budgets.models import LedgerEntry
from pricing.budgets.services import record_payments_due

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "sqlite",
        reason="PostgreSQL flushes with TRUNCATE, which fires no row triggers",
    ),
]


def test_flushing_empties_the_ledger_and_leaves_its_deletes_refused(budget):
    record_payments_due(dt.date(2026, 4, 1))
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM pricing_ledgerentry")
        kept = cursor.fetchall()
    assert len(kept) == 1
    trigger = "pricing_ledgerentry_refuse_delete"
    assert trigger in {name for name, _, _ in connection.ops.refuse_delete_triggers()}

    # As the test runner flushes: post_migrate would make the content types again under
    # new ids, which the rows put back for the next transactional test would clash with.
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)

    assert not LedgerEntry.objects.exists()
    assert trigger in {name for name, _, _ in connection.ops.refuse_delete_triggers()}
    # The entry written back (its budget is gone, but SQLite checks foreign keys at
    # commit, which never comes) is refused DELETE again.
    marks = ", ".join(["%s"] * len(kept[0]))
    with (
        pytest.raises(IntegrityError, match="rows of pricing_ledgerentry cannot be deleted"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"INSERT INTO pricing_ledgerentry VALUES ({marks})", kept[0])  # noqa: S608
        cursor.execute("DELETE FROM pricing_ledgerentry")
    assert not LedgerEntry.objects.exists()
