"""On SQLite, flushing still empties the tables of issued documents, whose triggers refuse
DELETE, and leaves the triggers in place afterwards.

SQLite has no TRUNCATE: Django's test runner (after every transactional test) and
`manage.py flush` empty its tables with DELETE FROM, which the triggers would refuse. The
project's SQLite backend (localoffer.core.db.sqlite3) lifts them for the flush alone.
"""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from pricing.invoices.models import Document, DocumentLine, InvoicePayment
from pricing.invoices.services import record_invoice_payment
from tests.pricing.factories import NOW

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "sqlite",
        reason="PostgreSQL flushes with TRUNCATE, which fires no row triggers",
    ),
]

TABLES = ["pricing_document", "pricing_documentline", "pricing_invoicepayment"]


def read(table: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} ORDER BY id")  # noqa: S608 - names above
        return cursor.fetchall()


def write_back(table: str, rows: list[tuple]) -> None:
    marks = ", ".join(["%s"] * len(rows[0]))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)  # noqa: S608


def test_flushing_empties_issued_documents_and_leaves_their_deletes_refused(billing, issue):
    record_invoice_payment(
        invoice=issue(), amount=Decimal("24.00"), received_on=NOW.date(), way="cash", now=NOW
    )
    kept = {table: read(table) for table in TABLES}
    assert all(kept.values())
    triggers = connection.ops.refuse_delete_triggers()
    assert {table for _, table, _ in triggers} >= set(TABLES)

    # As the test runner flushes: post_migrate would make the content types again under
    # new ids, which the rows put back for the next transactional test would clash with.
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)

    assert not Document.objects.exists()
    assert not DocumentLine.objects.exists()
    assert not InvoicePayment.objects.exists()
    assert connection.ops.refuse_delete_triggers() == triggers
    # The same rows written back (the rows they point at are gone, but SQLite checks
    # foreign keys at commit, which never comes) are refused DELETE again.
    for table in TABLES:
        with (
            pytest.raises(IntegrityError, match=f"rows of {table} cannot be deleted"),
            transaction.atomic(),
        ):
            for each in TABLES:
                write_back(each, kept[each])
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608
        assert read(table) == []
