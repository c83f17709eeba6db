"""On PostgreSQL, the daily payments job started twice at the same moment (two workers,
each with its own connection) records each scheduled payment once, and takes money the
council is recovering once: each payment is recorded under its budget's row lock."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import connection, connections

from pricing.budgets.enums import ClawbackMethod, ClawbackStatus, EntryKind, ScheduleStatus
from pricing.budgets.figures import figures
from pricing.budgets.models import Clawback, LedgerEntry, ScheduledPayment
from pricing.budgets.services import record_clawback, record_payments_due

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL's row locks and real concurrency (SQLite serialises writes)",
    ),
]

YEAR_END = dt.date(2027, 3, 31)


def at_once(count: int, work: Callable[[], int]) -> list[int]:
    """Run `work` in `count` threads released together; each has its own connection."""
    start = threading.Barrier(count)
    results: list[int] = []
    failures: list[BaseException] = []

    def run() -> None:
        try:
            start.wait()
            results.append(work())
        except BaseException as error:  # noqa: BLE001 - reported below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    return results


def test_two_runs_at_once_record_each_payment_once(make_budget, other_child):
    first = make_budget()
    second = make_budget([("education", "council_managed", "1000.00")], for_child=other_child)

    results = at_once(2, lambda: record_payments_due(YEAR_END))

    assert sum(results) == 26
    for budget, paid_in in ((first, Decimal("1300.00")), (second, Decimal("1000.00"))):
        assert LedgerEntry.objects.filter(budget=budget, kind=EntryKind.PAYMENT_IN).count() == 13
        assert figures(budget).paid_in == paid_in
    assert not ScheduledPayment.objects.exclude(status=ScheduleStatus.PAID).exists()
    assert record_payments_due(YEAR_END) == 0


def test_four_runs_at_once_recover_a_clawback_once(budget, officer):
    record_clawback(
        budget=budget,
        amount=Decimal("150.00"),
        reason="Money not spent for more than 8 weeks",
        method=ClawbackMethod.NEXT_PAYMENTS,
        by=officer,
    )

    results = at_once(4, lambda: record_payments_due(dt.date(2026, 6, 24)))

    assert sum(results) == 4
    recovered = LedgerEntry.objects.filter(budget=budget, kind=EntryKind.CLAWBACK)
    assert sorted(recovered.values_list("amount", flat=True)) == [
        Decimal("50.00"),
        Decimal("100.00"),
    ]
    assert Clawback.objects.get().status == ClawbackStatus.RECOVERED
    got = figures(budget)
    assert (got.payments_in, got.recovered, got.paid_in) == (
        Decimal("400.00"),
        Decimal("150.00"),
        Decimal("250.00"),
    )
