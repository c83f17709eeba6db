"""On PostgreSQL, the daily job's step that asks for what the payments left cannot cover,
started three times at the same moment (each with its own connection), makes one
repayment request and sends one email: each budget is settled under its row lock, and
what is uncovered is worked out again once the lock is held."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection

from pricing.budgets.enums import ClawbackMethod, ClawbackStatus, EntryKind
from pricing.budgets.models import Clawback, LedgerEntry
from pricing.budgets.services import record_clawback, record_payments_due, reverse_entry
from pricing.budgets.services.clawbacks import move_uncovered_clawbacks, outstanding
from tests.pricing.budgets.test_ledger_postgres import at_once

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL's row locks and real concurrency (SQLite serialises writes)",
    ),
]


def test_three_runs_at_once_ask_for_the_rest_once(budget, officer):
    original = record_clawback(
        budget=budget,
        amount=Decimal("100.00"),
        reason="Money not spent for more than 8 weeks",
        method=ClawbackMethod.NEXT_PAYMENTS,
        by=officer,
    )
    record_payments_due(dt.date(2027, 3, 31))
    taken = LedgerEntry.objects.get(kind=EntryKind.CLAWBACK)
    reverse_entry(entry=taken, reason="Taken from the wrong payment", by=officer)
    mail.outbox.clear()

    results = at_once(3, move_uncovered_clawbacks)

    assert sorted(results) == [0, 0, 1]
    request = Clawback.objects.get(rest_of=original)
    assert request.amount == Decimal("100.00")
    original.refresh_from_db()
    assert (original.moved, original.status) == (Decimal("100.00"), ClawbackStatus.MOVED)
    assert outstanding(original) == Decimal("0.00")
    assert len([m for m in mail.outbox if "pay back" in m.subject]) == 1
