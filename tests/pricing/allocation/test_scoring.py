"""The resource allocation system's arithmetic, worked by hand from the test questionnaire
(tests/pricing/allocation/factories.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pricing.allocation.models import Descriptor, Question
from pricing.allocation.scoring import work_out

pytestmark = pytest.mark.django_db


def chosen(version, scores: dict[str, int]) -> dict[int, Descriptor]:
    picks = {}
    for question in Question.objects.filter(domain__version=version).select_related("domain"):
        score = scores.get(question.domain.name, 0)
        picks[question.pk] = Descriptor.objects.get(question=question, score=score)
    return picks


def test_every_step_of_the_working_for_a_twelve_year_old(questionnaire) -> None:
    answers = chosen(
        questionnaire,
        {
            "Communication and learning": 4,  # 2 questions: 8
            "Social and emotional wellbeing": 2,  # 4: half each to education and social care
            "Personal care and daily living": 6,
            "Health and physical needs": 3,
            "Family and carers": 2,
        },
    )
    working = work_out(questionnaire, answers, age=12)
    assert [(d.name, d.raw_score) for d in working.domains] == [
        ("Communication and learning", 8),
        ("Social and emotional wellbeing", 4),
        ("Personal care and daily living", 6),
        ("Health and physical needs", 3),
        ("Family and carers", 2),
    ]
    by_stream = {s.stream: s for s in working.streams}
    assert by_stream["education"].raw_points == Decimal("10.00")  # 8 + 4 / 2
    assert by_stream["social_care"].raw_points == Decimal("10.00")  # 4 / 2 + 6 + 2
    assert by_stream["health"].raw_points == Decimal("3.00")
    assert {s.age_percent for s in working.streams} == {Decimal("100")}
    assert (by_stream["education"].band_name, by_stream["education"].amount) == (
        "Band C",
        Decimal("2500"),
    )
    assert (by_stream["social_care"].band_name, by_stream["social_care"].amount) == (
        "Band C",
        Decimal("3000"),
    )
    assert (by_stream["health"].band_name, by_stream["health"].amount) == ("Band B", Decimal("800"))
    assert working.total == Decimal("6300")
