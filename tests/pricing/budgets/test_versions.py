"""Setting up a budget, and the versions a review makes.

`set_up_budget` refuses what cannot be right, naming the field to fix. A review's
`new_version` replaces the payments still due from its first day with its own schedule,
keeps what was paid, and keeps every earlier version with its outcomes and lines; an
outcome that keeps its key keeps counting the spending made under the older version.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from pricing.budgets.enums import HeldAs, ScheduleStatus, Stream
from pricing.budgets.figures import Figures, breakdown, figures
from pricing.budgets.models import (
    BudgetVersion,
    PersonalBudget,
    ScheduledPayment,
    SpendingCategory,
)
from pricing.budgets.services import (
    BudgetError,
    LineInput,
    OutcomeInput,
    new_version,
    record_payments_due,
    record_spending,
    set_up_budget,
)

pytestmark = pytest.mark.django_db

D = dt.date
SC, DP = Stream.SOCIAL_CARE, HeldAs.DIRECT_PAYMENT


def schedule_of(budget, **filters) -> list[tuple[dt.date, Decimal, str]]:
    return list(
        ScheduledPayment.objects.filter(budget=budget, **filters)
        .order_by("due_on", "pk")
        .values_list("due_on", "amount", "status")
    )


# Setting up -------------------------------------------------------------------------------


@pytest.fixture
def setup(council, officer, pfa_outcome):
    def make(**changes) -> PersonalBudget:
        fields = {
            "council": council,
            "officer": officer,
            "child_name": "Sam",
            "child_date_of_birth": D(2012, 5, 1),
            "starts_on": D(2026, 4, 1),
            "ends_on": D(2027, 3, 31),
            "outcomes": [OutcomeInput(description="Make friends outside school", area=pfa_outcome)],
            "lines": [LineInput(stream=SC, held_as=DP, amount=Decimal("1300.00"))],
            "by": officer,
        }
        return set_up_budget(**{**fields, **changes})

    return make


def test_a_budget_is_set_up_with_its_first_version_and_schedule(setup, officer, council):
    budget = setup()

    assert re.fullmatch(r"PB-[A-HJ-NP-Z2-9]{6}", budget.reference)
    assert budget.officer == officer
    assert list(PersonalBudget.objects.for_officer(officer)) == [budget]
    version = budget.current_version
    assert (version.number, version.reason) == (1, "Budget set up")
    assert [o.key for o in version.outcomes.all()] == ["make-friends-outside-school"]
    assert schedule_of(budget)[0] == (D(2026, 4, 1), Decimal("100.00"), ScheduleStatus.DUE)
    assert len(schedule_of(budget)) == 13
    assert SpendingCategory.objects.filter(council=council, excluded=True).count() == 6


def refused(setup, field: str, **changes) -> BudgetError:
    with pytest.raises(BudgetError) as caught:
        setup(**changes)
    assert caught.value.field == field
    assert not PersonalBudget.objects.exists()
    assert not ScheduledPayment.objects.exists()
    return caught.value


@pytest.mark.parametrize("ends_on", [D(2026, 3, 31), D(2026, 4, 1)])
def test_the_period_must_end_after_it_starts(setup, ends_on):
    refused(setup, "ends_on", ends_on=ends_on)


@pytest.mark.parametrize("ends_on", [D(2028, 4, 1), D(2028, 4, 2), D(2030, 3, 31)])
def test_a_period_over_two_years_is_refused(setup, ends_on):
    error = refused(setup, "ends_on", ends_on=ends_on)
    assert "two years" in error.message


def test_a_period_of_exactly_two_years_is_accepted(setup):
    budget = setup(ends_on=D(2028, 3, 31))
    assert budget.current_version.ends_on == D(2028, 3, 31)
    assert len(schedule_of(budget)) == 26


def test_at_least_one_outcome_is_needed(setup):
    refused(setup, "outcomes", outcomes=[])


def test_at_least_one_funding_line_is_needed(setup):
    refused(setup, "lines", lines=[])


def test_a_stream_is_added_once(setup):
    error = refused(
        setup,
        "lines",
        lines=[
            LineInput(stream=SC, held_as=DP, amount=Decimal("1300.00")),
            LineInput(stream=SC, held_as=HeldAs.COUNCIL_MANAGED, amount=Decimal("500.00")),
        ],
    )
    assert "once" in error.message


@pytest.mark.parametrize(
    "line",
    [
        LineInput(stream="sport", held_as=DP, amount=Decimal("100.00")),
        LineInput(stream=SC, held_as="in_a_jar", amount=Decimal("100.00")),
        LineInput(stream=SC, held_as=DP, amount=Decimal("100.00"), every_weeks=0),
        LineInput(stream=SC, held_as=DP, amount=Decimal("100.00"), every_weeks=14),
        LineInput(stream=SC, held_as=DP, amount=Decimal("0.00")),
        LineInput(stream=SC, held_as=DP, amount=Decimal("100.005")),
        # 13 payments cannot share 12 pence: a payment of nothing is not a payment.
        LineInput(stream=SC, held_as=DP, amount=Decimal("0.12")),
    ],
    ids=["stream", "held-as", "every-0-weeks", "every-14-weeks", "zero", "part-pence", "12p"],
)
def test_a_line_that_cannot_be_paid_is_refused_with_a_message(setup, line):
    refused(setup, "lines", lines=[line])


def test_thirteen_pence_a_year_is_a_penny_a_payment(setup):
    budget = setup(lines=[LineInput(stream=SC, held_as=DP, amount=Decimal("0.13"))])
    assert {amount for _, amount, _ in schedule_of(budget)} == {Decimal("0.01")}


def test_money_held_by_a_third_party_needs_the_third_partys_name(setup):
    lines = [LineInput(stream=SC, held_as=HeldAs.THIRD_PARTY, amount=Decimal("1300.00"))]
    refused(setup, "third_party_name", lines=lines)
    budget = setup(lines=lines, third_party_name="Northbridge Brokerage")
    assert budget.third_party_name == "Northbridge Brokerage"


def test_a_young_person_over_25_cannot_have_a_budget(setup):
    # 26 on the day the period starts.
    error = refused(setup, "child_date_of_birth", child_date_of_birth=D(2000, 4, 1))
    assert "25" in error.message


def test_a_young_person_of_25_can(setup):
    # 25 on the first day: their 26th birthday is the next day.
    assert setup(child_date_of_birth=D(2000, 4, 2)).pk


def test_the_child_needs_a_name(setup):
    refused(setup, "child_name", child_name="  ")


def test_every_outcome_needs_words(setup, pfa_outcome):
    outcomes = [
        OutcomeInput(description="Make friends", area=pfa_outcome),
        OutcomeInput(description="  ", area=pfa_outcome),
    ]
    refused(setup, "outcomes", outcomes=outcomes)


@pytest.mark.parametrize("limit", [Decimal("-1.00"), Decimal("10.005"), Decimal("NaN")])
def test_the_approval_limit_is_a_sum_of_money(setup, limit):
    refused(setup, "approval_limit", approval_limit=limit)


def test_an_approval_limit_is_kept(setup):
    assert setup(approval_limit=Decimal("75.00")).approval_limit == Decimal("75.00")


# New versions -----------------------------------------------------------------------------


@pytest.fixture
def review(budget, officer, pfa_outcome):
    def make(**changes) -> BudgetVersion:
        fields = {
            "budget": budget,
            "starts_on": D(2026, 10, 1),
            "ends_on": D(2027, 3, 31),
            "outcomes": [
                OutcomeInput(description="Make friends", area=pfa_outcome, key="make-friends"),
                OutcomeInput(description="Travel to college on my own", area=pfa_outcome),
            ],
            "lines": [LineInput(stream=SC, held_as=DP, amount=Decimal("780.00"))],
            "reason": "Review: more hours with a personal assistant",
            "by": officer,
        }
        return new_version(**{**fields, **changes})

    return make


def test_a_new_version_replaces_the_payments_still_due_and_keeps_those_paid(budget, review):
    record_payments_due(D(2026, 9, 30))  # 7 payments, the last on 16 September

    version = review()

    assert version.number == 2
    assert budget.current_version == version
    assert schedule_of(budget, line__version__number=1) == [
        *[(day, Decimal("100.00"), ScheduleStatus.PAID) for day in FOUR_WEEKLY[:7]],
        *[(day, Decimal("100.00"), ScheduleStatus.SUPERSEDED) for day in FOUR_WEEKLY[7:]],
    ]
    assert schedule_of(budget, line__version=version) == [
        (day, Decimal("130.00"), ScheduleStatus.DUE)
        for day in (
            D(2026, 10, 1),
            D(2026, 10, 29),
            D(2026, 11, 26),
            D(2026, 12, 24),
            D(2027, 1, 21),
            D(2027, 2, 18),
        )
    ]

    assert record_payments_due(D(2027, 3, 31)) == 6  # only the new version's
    assert figures(budget).paid_in == Decimal("1480.00")  # 7 x £100 + 6 x £130


def test_a_new_version_cannot_start_before_a_payment_already_made(budget, review):
    """Otherwise the weeks that payment paid for would be paid for twice."""
    record_payments_due(D(2026, 10, 14))  # the 8th payment, on 14 October

    with pytest.raises(BudgetError) as error:
        review()  # from 1 October

    assert error.value.field == "starts_on"
    assert "14 October 2026" in str(error.value)
    assert budget.versions.count() == 1


FOUR_WEEKLY = [
    D(2026, 4, 1),
    D(2026, 4, 29),
    D(2026, 5, 27),
    D(2026, 6, 24),
    D(2026, 7, 22),
    D(2026, 8, 19),
    D(2026, 9, 16),
    D(2026, 10, 14),
    D(2026, 11, 11),
    D(2026, 12, 9),
    D(2027, 1, 6),
    D(2027, 2, 3),
    D(2027, 3, 3),
]


def test_the_earlier_version_is_kept_with_its_outcomes_and_lines(budget, review):
    review()

    first = budget.versions.get(number=1)
    assert (first.starts_on, first.ends_on, first.reason) == (
        D(2026, 4, 1),
        D(2027, 3, 31),
        "Budget set up",
    )
    assert [(o.key, o.description) for o in first.outcomes.all()] == [
        ("make-friends", "Make friends outside school")
    ]
    assert [(line.stream, line.held_as, line.amount) for line in first.lines.all()] == [
        (SC, DP, Decimal("1300.00"))
    ]
    second = budget.versions.get(number=2)
    assert [o.key for o in second.outcomes.all()] == [
        "make-friends",
        "travel-to-college-on-my-own",
    ]
    assert second.reason == "Review: more hours with a personal assistant"


def test_spending_for_an_outcome_counts_across_versions(budget, review, family):
    record_payments_due(D(2026, 9, 30))

    def spend(amount: str, on: dt.date, key: str) -> None:
        record_spending(
            budget=budget,
            by=family,
            occurred_on=on,
            payee="Youth club",
            description="Sessions",
            amount=Decimal(amount),
            outcome_key=key,
            today=D(2026, 11, 30),
        )

    spend("40.00", D(2026, 5, 1), "make-friends")
    with pytest.raises(BudgetError):  # not agreed yet
        spend("5.00", D(2026, 9, 1), "travel-to-college-on-my-own")
    review()
    spend("25.50", D(2026, 10, 20), "make-friends")
    spend("12.00", D(2026, 11, 2), "travel-to-college-on-my-own")

    assert breakdown(budget).by_outcome == {
        "make-friends": Figures(spending=Decimal("65.50")),
        "travel-to-college-on-my-own": Figures(spending=Decimal("12.00")),
    }


@pytest.mark.parametrize("reason", ["", "  "])
def test_a_new_version_needs_a_reason(budget, review, reason):
    with pytest.raises(BudgetError) as caught:
        review(reason=reason)
    assert caught.value.field == "reason"
    assert budget.versions.count() == 1
    assert not ScheduledPayment.objects.filter(status=ScheduleStatus.SUPERSEDED).exists()


def test_a_new_version_cannot_start_before_the_current_one(budget, review):
    with pytest.raises(BudgetError) as caught:
        review(starts_on=D(2026, 3, 1))
    assert caught.value.field == "starts_on"

    review()  # from 1 October
    with pytest.raises(BudgetError) as caught:
        review(starts_on=D(2026, 9, 30), reason="Second review")
    assert caught.value.field == "starts_on"
    assert budget.versions.count() == 2


def test_a_new_version_from_the_first_day_replaces_the_whole_schedule(budget, review):
    version = review(starts_on=D(2026, 4, 1), ends_on=D(2027, 3, 31))
    assert not schedule_of(budget, line__version__number=1, status=ScheduleStatus.DUE)
    assert len(schedule_of(budget, line__version=version)) == 13


def test_a_new_version_is_checked_like_the_first(budget, review):
    with pytest.raises(BudgetError) as caught:
        review(outcomes=[])
    assert caught.value.field == "outcomes"
    with pytest.raises(BudgetError) as caught:
        review(ends_on=D(2026, 9, 30))
    assert caught.value.field == "ends_on"
    assert budget.versions.count() == 1
