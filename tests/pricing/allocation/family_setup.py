"""The family's side in tests: a completed council assessment of Amira, aged 7 (80%), and
how it is taken through the panel.

With the test questionnaire (factories.py) answered as in SCORES:
  Communication and learning 8; Social and emotional wellbeing 4; Personal care 6;
  Health 3; Family and carers 2.
  education    8 + half of 4 = 10 points -> 80% = 8 -> Band B (from 5) £1,000
  social care  half of 4 + 6 + 2 = 10 points -> 8 -> Band C (from 8) £3,000
  health       3 points -> 2.4 -> Band A (from 0) £0
The coordinator completes it through the services they use; the costed provision and the
panel's decision are written as rows (their own services are tested in their own files).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import storages

from pricing.allocation.enums import AssessmentStatus, Frequency
from pricing.allocation.models import (
    Assessment,
    CostedAdjustment,
    DecisionLetter,
    PanelMember,
    PlannedOutcome,
    ProvisionLine,
    StreamDecision,
)
from pricing.allocation.services.assessments import complete_assessment, start_assessment
from pricing.budgets.enums import HeldAs
from providers.enums import OutcomeGroup
from providers.models import Category, Outcome
from tests.pricing.allocation.factories import answer_all

SCORES = {
    "Communication and learning": 4,
    "Social and emotional wellbeing": 2,
    "Personal care and daily living": 6,
    "Health and physical needs": 3,
    "Family and carers": 2,
}
BIRTHDAY = dt.date(2019, 1, 10)
TODAY = dt.date(2026, 6, 1)  # Amira is 7
PDF = b"%PDF-1.4\n% a decision letter\n"


def completed(*, council: Any, coordinator: Any, child: Any) -> Assessment:
    assessment = start_assessment(
        council=council, coordinator=coordinator, child=child, by=coordinator
    ).assessment
    answer_all(assessment, SCORES, by=coordinator)
    return complete_assessment(assessment, by=coordinator, today=TODAY)


def in_progress(*, council: Any, coordinator: Any, child: Any) -> Assessment:
    assessment = start_assessment(
        council=council, coordinator=coordinator, child=child, by=coordinator
    ).assessment
    answer_all(assessment, SCORES, by=coordinator)
    return assessment


def add_costed_provision(assessment: Assessment, *, by: Any) -> None:
    area, _ = Outcome.objects.get_or_create(
        slug="friends-relationships-community",
        defaults={
            "name": "Friends, relationships and community",
            "group": OutcomeGroup.PREPARING_FOR_ADULTHOOD,
        },
    )
    category, _ = Category.objects.get_or_create(
        slug="learning-support", defaults={"name": "Learning support"}
    )
    outcome = PlannedOutcome.objects.create(
        assessment=assessment, description="Make friends outside school", area=area
    )
    ProvisionLine.objects.create(
        outcome=outcome,
        category=category,
        unit="hour",
        description="Learning support assistant at a youth club",
        quantity=Decimal("2"),
        frequency=Frequency.PER_TERM_WEEK,
        unit_price=Decimal("20.00"),
        price_source="Council standard unit cost",
        stream="education",
        annual_cost=Decimal("1560.00"),
    )
    CostedAdjustment.objects.create(
        assessment=assessment,
        stream="education",
        amount=Decimal("-60.00"),
        reason="the club gives one session free each term",
        made_by=by,
    )


def decide(assessment: Assessment, *, member_user: Any, council: Any) -> Assessment:
    """The panel's decision and letter, as the panel's services leave them."""
    Assessment.objects.filter(pk=assessment.pk).update(status=AssessmentStatus.AT_PANEL)
    for stream, indicative, final, reason in [
        ("education", "1000", "1500", "The costed support for friendships is needed."),
        ("social_care", "3000", "3000", ""),
        ("health", "0", "0", ""),
    ]:
        member, _ = PanelMember.objects.get_or_create(
            council=council, user=member_user, stream=stream, defaults={"limit": Decimal(9000)}
        )
        StreamDecision.objects.create(
            assessment=assessment,
            stream=stream,
            indicative_amount=Decimal(indicative),
            costed_amount=Decimal("1500") if stream == "education" else Decimal(0),
            final_amount=Decimal(final),
            held_as=HeldAs.DIRECT_PAYMENT if Decimal(final) else "",
            reason=reason,
            member=member,
            member_limit=member.limit,
        )
    name = storages["private"].save(
        f"allocation/letters/{assessment.reference}.pdf", ContentFile(PDF)
    )
    DecisionLetter.objects.create(assessment=assessment, pdf=name)
    Assessment.objects.filter(pk=assessment.pk).update(status=AssessmentStatus.DECIDED)
    assessment.refresh_from_db()
    return assessment
