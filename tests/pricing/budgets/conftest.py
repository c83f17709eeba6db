"""Fixtures for personal budgets (on top of tests/pricing/conftest.py).

council          the default Wagtail Site (every budget belongs to a council)
officer          the finance officer of users_by_role, whose caseload the budgets are in
pfa_outcome      the Preparing for Adulthood outcome "Friends, relationships and community"
make_budget      make_budget(lines=[("social_care", "direct_payment", "1300.00")], ...) ->
                 a budget for `child` (linked, as if the family accepted the invitation),
                 a year from 1 April 2026, with one outcome ("make-friends")
budget           make_budget(): a direct payment of £1,300 a year for social care
                 (13 payments of £100 every 4 weeks from 1 April 2026)
pay_in           pay_in(budget, until=date) records the scheduled payments due by then

and the third party's (held, broker, accepted, invite_link, waiting_booking), described in
tests/pricing/budgets/third_party_setup.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from wagtail.models import Site

from pricing.budgets.models import PersonalBudget
from pricing.budgets.services import (
    LineInput,
    OutcomeInput,
    record_payments_due,
    set_up_budget,
)
from providers.enums import OutcomeGroup
from providers.models import Outcome
from tests.pricing.budgets.third_party_setup import (  # noqa: F401  (fixtures)
    accepted,
    broker,
    held,
    invite_link,
    waiting_booking,
)

YEAR_START = dt.date(2026, 4, 1)
YEAR_END = dt.date(2027, 3, 31)


@pytest.fixture
def council(home) -> Site:
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def officer(users_by_role):
    return users_by_role["finance_officer"]


@pytest.fixture
def pfa_outcome(db):
    """Made by the taxonomy's data migration; made here if a test flushed it."""
    found, _ = Outcome.objects.get_or_create(
        slug="friends-relationships-community",
        defaults={
            "name": "Friends, relationships and community",
            "group": OutcomeGroup.PREPARING_FOR_ADULTHOOD,
        },
    )
    return found


@pytest.fixture
def make_budget(council, officer, child, pfa_outcome) -> Callable[..., PersonalBudget]:
    def make(
        lines: list[tuple[str, str, str]] | None = None,
        *,
        starts_on: dt.date = YEAR_START,
        ends_on: dt.date = YEAR_END,
        for_child: Any = child,
        approval_limit: Decimal = Decimal("0.00"),
        third_party_name: str = "",
        outcomes: list[OutcomeInput] | None = None,
    ) -> PersonalBudget:
        budget = set_up_budget(
            council=council,
            officer=officer,
            child_name=for_child.first_name if for_child else "Sam",
            child_date_of_birth=for_child.date_of_birth if for_child else dt.date(2015, 5, 1),
            starts_on=starts_on,
            ends_on=ends_on,
            outcomes=outcomes
            or [
                OutcomeInput(
                    description="Make friends outside school", area=pfa_outcome, key="make-friends"
                )
            ],
            lines=[
                LineInput(stream=stream, held_as=held_as, amount=Decimal(amount))
                for stream, held_as, amount in (
                    lines or [("social_care", "direct_payment", "1300.00")]
                )
            ],
            by=officer,
            approval_limit=approval_limit,
            third_party_name=third_party_name,
        )
        if for_child is not None:
            budget.child = for_child
            budget.save(update_fields=["child"])
        return budget

    return make


@pytest.fixture
def budget(make_budget) -> PersonalBudget:
    return make_budget()


@pytest.fixture
def pay_in() -> Callable[..., int]:
    def pay(until: dt.date) -> int:
        return record_payments_due(until)

    return pay
