"""A case at the panel, built through the services a coordinator uses, for the panel's
tests. With the test questionnaire (factories.py) a 9-year-old (80%) answered as in
SCORES gets: education 10 points -> 8.00 -> Band B £1,000; social care 12 -> 9.60 ->
Band C £3,000; health 3 -> 2.40 -> Band A £0. The costed provision adds £1,800 to
education (an adjustment), so education costs £1,800.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from pricing.allocation.models import Assessment, PanelMember
from pricing.allocation.services.assessments import complete_assessment, start_assessment
from pricing.allocation.services.costing import add_outcome, adjust
from pricing.allocation.services.panel import send_to_panel
from providers.enums import OutcomeGroup
from providers.models import Outcome
from tests.pricing.allocation.factories import answer_all

SCORES = {
    "Communication and learning": 4,
    "Social and emotional wellbeing": 2,
    "Personal care and daily living": 6,
    "Health and physical needs": 3,
    "Family and carers": 4,
}
ZERO_SCORES: dict[str, int] = {}
STARTS_ON = dt.date(2026, 4, 1)
TODAY = dt.date(2026, 3, 2)


def area() -> Outcome:
    found, _ = Outcome.objects.get_or_create(
        slug="friends-relationships-community",
        defaults={
            "name": "Friends, relationships and community",
            "group": OutcomeGroup.PREPARING_FOR_ADULTHOOD,
        },
    )
    return found


def case_at_panel(
    *,
    council: Any,
    coordinator: Any,
    child: Any,
    officer: Any,
    scores: dict[str, int] | None = None,
    budget: Any = None,
    costed: Decimal | None = Decimal("1800.00"),
    starts_on: dt.date = STARTS_ON,
) -> Assessment:
    assessment = start_assessment(
        council=council, coordinator=coordinator, child=child, by=coordinator, budget=budget
    ).assessment
    answer_all(assessment, SCORES if scores is None else scores, by=coordinator)
    complete_assessment(assessment, by=coordinator, today=TODAY)
    add_outcome(assessment, description="Make friends outside school", area=area(), by=coordinator)
    if costed:
        adjust(
            assessment,
            stream="education",
            amount=costed,
            reason="Learning support assistant, 2 hours a week",
            by=coordinator,
        )
    return send_to_panel(assessment, by=coordinator, budget_officer=officer, starts_on=starts_on)


def seat(user: Any, council: Any, stream: str, limit: str) -> PanelMember:
    return PanelMember.objects.create(
        council=council, user=user, stream=stream, limit=Decimal(limit)
    )


@pytest.fixture
def officer(users_by_role):
    return users_by_role["finance_officer"]


@pytest.fixture
def case(council, questionnaire, coordinator, child, officer) -> Assessment:
    return case_at_panel(council=council, coordinator=coordinator, child=child, officer=officer)


@pytest.fixture
def seats(panel_member, council) -> dict[str, PanelMember]:
    """The panel member decides each stream up to £5,000."""
    return {
        stream: seat(panel_member, council, stream, "5000")
        for stream in ("education", "social_care", "health")
    }
