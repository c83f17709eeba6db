"""On PostgreSQL, quarterly returns under real concurrency: the budget's lock serialises
a family sending a return with spending recorded in its quarter at the same moment, and
two clicks on "Send" or "Make the return" at once."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, connections

from pricing.budgets.enums import ReturnStatus
from pricing.budgets.models import LedgerEntry, QuarterlyReturn
from pricing.budgets.services import BudgetError, record_payments_due, record_spending
from pricing.budgets.services.returns import make_return, submit_return

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite has no row locks; run with DATABASE_URL pointing at PostgreSQL",
    ),
]

Q1_START = dt.date(2026, 4, 1)
TODAY = dt.date(2026, 7, 10)


def at_once(*actions: Callable[[], Any]) -> list[str]:
    """Run the actions in threads released together; each one's "done" or its refusal."""
    start = threading.Barrier(len(actions))
    results: list[str] = [""] * len(actions)

    def run(index: int, action: Callable[[], Any]) -> None:
        try:
            start.wait()
            action()
            results[index] = "done"
        except BudgetError as error:
            results[index] = error.message
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_spending_in_the_quarter_and_sending_its_return_never_both_happen(budget, family):
    record_payments_due(dt.date(2026, 6, 30))
    ret = make_return(budget=budget, starts_on=Q1_START, by=family, today=TODAY)

    def spend() -> None:
        record_spending(
            budget=budget,
            by=family,
            occurred_on=dt.date(2026, 6, 30),
            payee="Late receipt",
            description="Found in a coat pocket",
            amount=Decimal("4.00"),
            outcome_key="make-friends",
            today=TODAY,
        )

    late = LedgerEntry.objects.filter(budget=budget, payee="Late receipt")
    # Whichever takes the budget's lock first wins; never both (a few rounds, as the
    # threads' order is the scheduler's).
    for _ in range(3):
        before = late.count()
        outcome = at_once(lambda ret=ret: submit_return(ret=ret, by=family, declared=True), spend)
        assert outcome.count("done") == 1, outcome
        ret.refresh_from_db()
        if ret.status == ReturnStatus.SUBMITTED:
            # Sent first: the late spending was refused, the declared figures stand.
            assert "You have sent the return" in outcome[1]
            assert late.count() == before
            assert ret.spent == Decimal("4.00") * before
            break
        # Spent first: the return was refused until made again with it.
        assert "Make it again" in outcome[0]
        assert late.count() == before + 1
        ret = make_return(budget=budget, starts_on=Q1_START, by=family, today=TODAY)


def test_two_clicks_make_one_return_and_send_it_once(budget, family):
    record_payments_due(dt.date(2026, 6, 30))
    results = at_once(
        *[lambda: make_return(budget=budget, starts_on=Q1_START, by=family, today=TODAY)] * 2
    )
    assert results == ["done", "done"]
    ret = QuarterlyReturn.objects.get()
    results = at_once(*[lambda: submit_return(ret=ret, by=family, declared=True)] * 2)
    assert sorted(results) == sorted(
        [
            "done",
            "This return has been sent to the council, so it cannot be changed. "
            "If something in it is wrong, tell your officer.",
        ]
    )
    assert ret.lines.count() == 4  # the four payments in, listed once
