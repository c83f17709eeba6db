"""The ledger: scheduled payments recorded on their dates, once; the figures a family and
an officer read (paid in, spent, committed, available, balance) to the penny; the
breakdowns per outcome, stream and month; reversing an entry made by mistake."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from pricing.budgets.enums import EntryKind, HeldAs, ScheduleStatus, Stream
from pricing.budgets.figures import Figures, breakdown, figures, figures_by_budget
from pricing.budgets.models import LedgerEntry, PersonalBudget, ScheduledPayment
from pricing.budgets.services import (
    BudgetError,
    OutcomeInput,
    adjust,
    record_payments_due,
    record_spending,
    reverse_entry,
)
from pricing.budgets.services.common import post

pytestmark = pytest.mark.django_db

D = dt.date
TODAY = D(2026, 6, 15)


@pytest.fixture
def spend(budget, family):
    def record(amount: str, on: dt.date, *, outcome_key: str = "make-friends", to=budget):
        return record_spending(
            budget=to,
            by=family,
            occurred_on=on,
            payee="Northbridge Riding School",
            description="Riding lesson",
            amount=Decimal(amount),
            outcome_key=outcome_key,
            today=TODAY,
        )

    return record


def payments_in(budget: PersonalBudget) -> list[tuple[dt.date, Decimal]]:
    return list(
        LedgerEntry.objects.filter(budget=budget, kind=EntryKind.PAYMENT_IN).values_list(
            "occurred_on", "amount"
        )
    )


# Money in ---------------------------------------------------------------------------


def test_payments_due_by_a_date_are_recorded_on_their_due_dates(budget):
    assert record_payments_due(D(2026, 4, 28)) == 1
    assert record_payments_due(D(2026, 5, 27)) == 2  # 29 April and 27 May

    assert payments_in(budget) == [
        (D(2026, 4, 1), Decimal("100.00")),
        (D(2026, 4, 29), Decimal("100.00")),
        (D(2026, 5, 27), Decimal("100.00")),
    ]
    statuses = list(budget.schedule.order_by("due_on").values_list("status", flat=True))
    assert statuses == [ScheduleStatus.PAID] * 3 + [ScheduleStatus.DUE] * 10
    entry = LedgerEntry.objects.filter(budget=budget).first()
    assert entry is not None
    assert entry.scheduled_payment == budget.schedule.order_by("due_on").first()
    assert (entry.stream, entry.held_as) == (Stream.SOCIAL_CARE, HeldAs.DIRECT_PAYMENT)


def test_a_payment_is_not_recorded_the_day_before_it_is_due(budget):
    assert record_payments_due(D(2026, 3, 31)) == 0
    assert record_payments_due(D(2026, 4, 1)) == 1
    assert record_payments_due(D(2026, 4, 28)) == 0
    assert figures(budget).paid_in == Decimal("100.00")


def test_running_the_job_twice_records_each_payment_once(budget):
    assert record_payments_due(D(2026, 7, 1)) == 4
    assert record_payments_due(D(2026, 7, 1)) == 0
    assert record_payments_due(D(2026, 6, 1)) == 0

    assert LedgerEntry.objects.filter(budget=budget).count() == 4
    assert figures(budget).paid_in == Decimal("400.00")


def test_the_whole_year_pays_in_exactly_the_annual_amount(make_budget):
    budget = make_budget([("social_care", "direct_payment", "1000.00")])

    assert record_payments_due(D(2027, 3, 31)) == 13
    got = figures(budget)
    assert got.paid_in == Decimal("1000.00")
    assert got.paid_in.as_tuple().exponent == -2
    assert [amount for _, amount in payments_in(budget)] == [Decimal("76.93")] * 4 + [
        Decimal("76.92")
    ] * 9


def test_the_job_records_every_budgets_payments_and_reports_progress(make_budget, other_child):
    first = make_budget()
    second = make_budget([("education", "council_managed", "2600.00")], for_child=other_child)
    seen: list[tuple[int, int]] = []

    assert (
        record_payments_due(D(2026, 4, 29), progress=lambda done, of: seen.append((done, of))) == 4
    )

    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert figures(first).paid_in == Decimal("200.00")
    assert figures(second).paid_in == Decimal("400.00")
    assert figures(second, held_as=HeldAs.COUNCIL_MANAGED).paid_in == Decimal("400.00")
    assert figures(second, held_as=HeldAs.DIRECT_PAYMENT).paid_in == Decimal("0.00")


def test_a_superseded_payment_is_never_recorded(budget):
    ScheduledPayment.objects.filter(budget=budget, due_on=D(2026, 4, 29)).update(
        status=ScheduleStatus.SUPERSEDED
    )
    assert record_payments_due(D(2026, 5, 27)) == 2
    assert [day for day, _ in payments_in(budget)] == [D(2026, 4, 1), D(2026, 5, 27)]


# The figures ------------------------------------------------------------------------


def test_figures_after_money_in_spending_refund_adjustments_commitments_and_a_reversal(
    budget, spend, officer
):
    record_payments_due(D(2026, 5, 27))  # 3 x £100
    spend("32.50", D(2026, 4, 10))
    mistake = spend("45.25", D(2026, 5, 2))
    post(
        budget,
        kind=EntryKind.REFUND,
        amount=Decimal("10.00"),
        occurred_on=D(2026, 5, 3),
        stream=Stream.SOCIAL_CARE,
        held_as=HeldAs.DIRECT_PAYMENT,
        outcome_key="make-friends",
        description="Lesson cancelled: money back",
    )
    adjust(
        budget=budget,
        amount=Decimal("50.00"),
        stream=Stream.SOCIAL_CARE,
        held_as=HeldAs.DIRECT_PAYMENT,
        reason="One-off top-up for a summer scheme",
        by=officer,
        occurred_on=D(2026, 5, 10),
    )
    adjust(
        budget=budget,
        amount=Decimal("-20.00"),
        stream=Stream.SOCIAL_CARE,
        held_as=HeldAs.DIRECT_PAYMENT,
        reason="Correction: the top-up was £30",
        by=officer,
        occurred_on=D(2026, 5, 11),
    )
    for amount in ("60.00", "-25.00"):
        post(
            budget,
            kind=EntryKind.COMMITMENT,
            amount=Decimal(amount),
            occurred_on=D(2026, 5, 12),
            stream=Stream.SOCIAL_CARE,
            held_as=HeldAs.DIRECT_PAYMENT,
            outcome_key="make-friends",
        )
    with time_machine.travel(TODAY, tick=False):
        reverse_entry(entry=mistake, reason="Recorded twice", by=officer)

    got = figures(budget)
    assert got == Figures(
        payments_in=Decimal("300.00"),
        adjustments=Decimal("30.00"),
        recovered=Decimal("0.00"),
        spending=Decimal("32.50"),
        refunds=Decimal("10.00"),
        committed=Decimal("35.00"),
    )
    assert got.paid_in == Decimal("330.00")
    assert got.spent == Decimal("22.50")
    assert got.balance == Decimal("307.50")
    assert got.available == Decimal("272.50")
    for value in (got.paid_in, got.spent, got.balance, got.available):
        assert value.as_tuple().exponent == -2
    # Up to a date: the reversal (dated 15 June) is not in the figures to 31 May.
    assert figures(budget, until=D(2026, 5, 31)).spent == Decimal("67.75")
    assert figures(budget, before=D(2026, 5, 1)).balance == Decimal("167.50")


def test_a_budget_with_no_entries_has_zero_figures(budget):
    got = figures(budget)
    assert got == Figures()
    assert (got.paid_in, got.spent, got.committed, got.available, got.balance) == (
        Decimal("0.00"),
    ) * 5


def test_many_small_amounts_add_up_to_the_penny(budget, spend):
    """Sums are exact decimals, not floating point (SQLite stores decimals as REAL)."""
    record_payments_due(D(2026, 5, 27))
    for day in range(1, 31):
        spend("0.10", D(2026, 4, day))
        spend("0.20", D(2026, 4, day))
    got = figures(budget)
    assert got.spent == Decimal("9.00")
    assert got.available == Decimal("291.00")


def test_breakdown_by_outcome_stream_and_month(make_budget, family, pfa_outcome):
    budget = make_budget(
        [("social_care", "direct_payment", "1300.00"), ("health", "direct_payment", "650.00")],
        outcomes=[
            OutcomeInput(description="Make friends", area=pfa_outcome, key="make-friends"),
            OutcomeInput(
                description="Stay well", area=pfa_outcome, key="good-health", stream="health"
            ),
        ],
    )
    record_payments_due(D(2026, 5, 27))  # social care 3 x £100, health 3 x £50

    def spend(amount: str, on: dt.date, key: str) -> LedgerEntry:
        return record_spending(
            budget=budget,
            by=family,
            occurred_on=on,
            payee="Someone",
            description="Something",
            amount=Decimal(amount),
            outcome_key=key,
            today=TODAY,
        )

    assert spend("30.00", D(2026, 4, 10), "make-friends").stream == Stream.SOCIAL_CARE
    assert spend("20.00", D(2026, 5, 5), "good-health").stream == Stream.HEALTH
    spend("12.50", D(2026, 5, 20), "make-friends")

    got = breakdown(budget)
    assert got.by_outcome == {
        "good-health": Figures(spending=Decimal("20.00")),
        "make-friends": Figures(spending=Decimal("42.50")),
    }
    assert got.by_stream == {
        "health": Figures(payments_in=Decimal("150.00"), spending=Decimal("20.00")),
        "social_care": Figures(payments_in=Decimal("300.00"), spending=Decimal("42.50")),
    }
    assert got.by_month == {
        D(2026, 4, 1): Figures(payments_in=Decimal("300.00"), spending=Decimal("30.00")),
        D(2026, 5, 1): Figures(payments_in=Decimal("150.00"), spending=Decimal("32.50")),
    }
    assert list(got.by_month) == [D(2026, 4, 1), D(2026, 5, 1)]
    assert all(type(month) is dt.date for month in got.by_month)
    assert breakdown(budget, held_as=HeldAs.COUNCIL_MANAGED).by_stream == {}


def test_figures_by_budget_match_each_budgets_own_figures(make_budget, other_child, spend, officer):
    first = make_budget()
    second = make_budget(
        [("education", "council_managed", "2600.00"), ("social_care", "direct_payment", "650.00")],
        for_child=other_child,
    )
    untouched = make_budget(for_child=None, starts_on=D(2026, 7, 1), ends_on=D(2027, 6, 30))
    record_payments_due(D(2026, 6, 24))
    spend("99.99", D(2026, 5, 1), to=first)
    adjust(
        budget=second,
        amount=Decimal("-12.34"),
        stream=Stream.EDUCATION,
        held_as=HeldAs.COUNCIL_MANAGED,
        reason="Overpaid",
        by=officer,
        occurred_on=D(2026, 6, 1),
    )

    budgets = PersonalBudget.objects.filter(pk__in=[first.pk, second.pk, untouched.pk])
    for held_as in (None, HeldAs.DIRECT_PAYMENT, HeldAs.COUNCIL_MANAGED):
        many = figures_by_budget(budgets, held_as=held_as)
        for one in (first, second, untouched):
            assert many[one.pk] == figures(one, held_as=held_as)
    many = figures_by_budget(budgets)
    assert many[first.pk].available == Decimal("300.01")  # £400 - £99.99
    assert many[second.pk].paid_in == Decimal("987.66")  # £800 + £200 - £12.34
    assert many[untouched.pk] == Figures()


def test_figures_by_budget_reads_many_budgets_in_one_query(
    make_budget, other_child, django_assert_num_queries
):
    budgets = [make_budget(), make_budget(for_child=other_child), make_budget(for_child=None)]
    record_payments_due(D(2026, 6, 24))
    with django_assert_num_queries(1):
        found = figures_by_budget(PersonalBudget.objects.filter(pk__in=[b.pk for b in budgets]))
        assert {found[b.pk].paid_in for b in budgets} == {Decimal("400.00")}


# Adjustments ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"amount": Decimal("0.00")}, "amount"),
        ({"amount": Decimal("-0.001")}, "amount"),
        ({"amount": Decimal("NaN")}, "amount"),
        ({"reason": "  "}, "reason"),
        ({"stream": "lottery"}, "stream"),
        ({"held_as": "in_a_jar"}, "held_as"),
        ({"occurred_on": D(2027, 4, 1)}, "occurred_on"),
    ],
)
def test_an_adjustment_the_rules_refuse(budget, officer, changes, field):
    fields = {
        "budget": budget,
        "amount": Decimal("-20.00"),
        "stream": Stream.SOCIAL_CARE,
        "held_as": HeldAs.DIRECT_PAYMENT,
        "reason": "Correction",
        "by": officer,
        "occurred_on": D(2026, 5, 1),
    }
    with pytest.raises(BudgetError) as refused:
        adjust(**{**fields, **changes})
    assert refused.value.field == field
    assert not LedgerEntry.objects.exists()
