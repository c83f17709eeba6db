import datetime as dt
from decimal import Decimal

from pricing.budgets.figures import figures
from pricing.budgets.services import record_spending


def test_payments_in_and_spending_make_the_figures(budget, pay_in, family):
    assert pay_in(dt.date(2026, 4, 29)) == 2
    entry = record_spending(
        budget=budget,
        by=family,
        occurred_on=dt.date(2026, 4, 10),
        payee="Northbridge Riding School",
        description="Riding lesson",
        amount=Decimal("32.50"),
        outcome_key="make-friends",
        today=dt.date(2026, 5, 1),
    )
    assert entry.pk
    got = figures(budget)
    assert got.paid_in == Decimal("200.00")
    assert got.spent == Decimal("32.50")
    assert got.available == Decimal("167.50")
