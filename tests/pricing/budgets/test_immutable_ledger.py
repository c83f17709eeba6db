"""The ledger is append-only: the model, its querysets and the database itself refuse to
change or delete an entry, and the database refuses amounts that make no sense for their
kind even when the services are stepped round."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import ProtectedError

from localoffer.core.immutable import ChangeRefused
from pricing.budgets.enums import EntryKind, HeldAs, Stream
from pricing.budgets.models import LedgerEntry, ScheduledPayment
from pricing.budgets.services import record_payments_due

pytestmark = pytest.mark.django_db

# PostgreSQL's one trigger refuses both; SQLite's DELETE trigger is one of its own.
DELETE_REFUSED = (
    "cannot be changed or deleted" if connection.vendor == "postgresql" else "cannot be deleted"
)


@pytest.fixture
def entry(budget) -> LedgerEntry:
    record_payments_due(dt.date(2026, 4, 1))
    return LedgerEntry.objects.get(budget=budget)


def unchanged(entry: LedgerEntry) -> None:
    fresh = LedgerEntry.objects.get(pk=entry.pk)
    assert (fresh.kind, fresh.amount, fresh.description) == (
        EntryKind.PAYMENT_IN,
        Decimal("100.00"),
        "Payment from the council (Social care)",
    )


# The model and its querysets --------------------------------------------------------------


def test_saving_an_existing_entry_is_refused(entry):
    entry.amount = Decimal("1000.00")
    with pytest.raises(ChangeRefused):
        entry.save()
    with pytest.raises(ChangeRefused):
        entry.save(update_fields=["amount"])
    unchanged(entry)


def test_deleting_an_entry_is_refused(entry):
    with pytest.raises(ChangeRefused):
        entry.delete()
    unchanged(entry)


def test_bulk_updates_and_deletes_are_refused(entry, budget):
    attempts = [
        lambda: LedgerEntry.objects.filter(pk=entry.pk).update(amount=Decimal("1.00")),
        lambda: LedgerEntry.objects.all().delete(),
        lambda: budget.entries.update(description="changed"),
        lambda: budget.entries.all().delete(),
        lambda: LedgerEntry.objects.bulk_update([entry], ["amount"]),
        lambda: LedgerEntry.objects.direct_payment().delete(),
    ]
    for attempt in attempts:
        # bulk_update() works inside an atomic block that the refusal marks for rollback.
        with pytest.raises(ChangeRefused), transaction.atomic():
            attempt()
    unchanged(entry)


def test_a_budget_with_entries_cannot_be_deleted(entry, budget):
    with pytest.raises(ProtectedError), transaction.atomic():
        budget.delete()
    unchanged(entry)


def test_a_new_entry_is_written_as_an_insert(budget):
    added = LedgerEntry(
        budget=budget,
        kind=EntryKind.ADJUSTMENT,
        amount=Decimal("-5.00"),
        occurred_on=dt.date(2026, 4, 2),
        stream=Stream.SOCIAL_CARE,
        held_as=HeldAs.DIRECT_PAYMENT,
    )
    added.save()
    assert LedgerEntry.objects.get(pk=added.pk).amount == Decimal("-5.00")


# The database --------------------------------------------------------------------------


def test_the_database_refuses_a_raw_update(entry):
    with (
        pytest.raises(DatabaseError, match="cannot be changed"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE pricing_ledgerentry SET amount = %s WHERE id = %s", ["1000.00", entry.pk]
        )
    unchanged(entry)


def test_the_database_refuses_a_raw_delete(entry):
    with (
        pytest.raises(DatabaseError, match=DELETE_REFUSED),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM pricing_ledgerentry WHERE id = %s", [entry.pk])
    unchanged(entry)


def row(budget, **fields) -> LedgerEntry:
    """An entry written straight to the table, stepping round every service check."""
    values = {
        "budget": budget,
        "kind": EntryKind.SPENDING,
        "amount": Decimal("10.00"),
        "occurred_on": dt.date(2026, 4, 2),
        "stream": Stream.SOCIAL_CARE,
        "held_as": HeldAs.DIRECT_PAYMENT,
        **fields,
    }
    return LedgerEntry.objects.create(**values)


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": EntryKind.PAYMENT_IN, "amount": Decimal("-100.00")},
        {"kind": EntryKind.SPENDING, "amount": Decimal("-10.00")},
        {"kind": EntryKind.REFUND, "amount": Decimal("-10.00")},
        {"kind": EntryKind.CLAWBACK, "amount": Decimal("-10.00")},
        {"kind": EntryKind.SPENDING, "amount": Decimal("0.00")},
        {"kind": EntryKind.ADJUSTMENT, "amount": Decimal("0.00")},
        {"kind": EntryKind.ADJUSTMENT, "amount": Decimal("1000000.00")},
        {"kind": EntryKind.ADJUSTMENT, "amount": Decimal("-1000000.00")},
        {"kind": "gift"},
        {"stream": "lottery"},
        {"held_as": "in_a_jar"},
    ],
    ids=lambda fields: "-".join(str(value) for value in fields.values()),
)
def test_the_database_refuses_an_amount_or_word_that_makes_no_sense(budget, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        row(budget, **fields)
    assert not LedgerEntry.objects.exists()


def test_the_database_allows_signed_kinds_and_reversals_to_be_negative(budget):
    spent = row(budget)
    row(budget, kind=EntryKind.COMMITMENT, amount=Decimal("-3.00"))
    row(budget, kind=EntryKind.ADJUSTMENT, amount=Decimal("-3.00"))
    row(budget, amount=Decimal("-10.00"), reverses=spent)
    assert LedgerEntry.objects.count() == 4


def test_the_database_records_a_scheduled_payment_once(entry, budget):
    payment = ScheduledPayment.objects.get(pk=entry.scheduled_payment_id)
    with pytest.raises(IntegrityError), transaction.atomic():
        row(budget, kind=EntryKind.PAYMENT_IN, amount=Decimal("100.00"), scheduled_payment=payment)
    with pytest.raises(IntegrityError), transaction.atomic():
        row(budget, key=entry.key)
    assert LedgerEntry.objects.count() == 1
