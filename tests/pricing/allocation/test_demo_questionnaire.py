"""Northbridge's demo questionnaire: published only if it meets every rule, made once, and
it scores a sample child to amounts within each stream's matrix."""

from __future__ import annotations

from decimal import Decimal

import pytest

from localoffer.demo.questionnaire import ensure_demo_questionnaire
from pricing.allocation.enums import VersionStatus
from pricing.allocation.models import Descriptor, Question, QuestionnaireVersion
from pricing.allocation.scoring import work_out
from pricing.allocation.services.questionnaire import problems_of

pytestmark = pytest.mark.django_db


def test_the_demo_questionnaire_is_published_and_made_once(council):
    version = ensure_demo_questionnaire(council)
    assert (version.number, version.status) == (1, VersionStatus.PUBLISHED)
    assert problems_of(version) == []
    assert 7 <= version.domains.count() <= 8
    assert ensure_demo_questionnaire(council) == version
    assert QuestionnaireVersion.objects.filter(council=council).count() == 1
    shared = [d.name for d in version.domains.all() if sorted(d.shares().values()) == [0, 50, 50]]
    assert "Social, emotional and mental health" in shared
    tops = {b.stream: b.amount for b in version.bands.order_by("from_points")}
    assert tops == {
        "education": Decimal("12000"),
        "social_care": Decimal("15000"),
        "health": Decimal("8000"),
    }


def test_the_demo_questionnaire_scores_a_sample_child(council):
    version = ensure_demo_questionnaire(council)
    # An eight-year-old with moderate needs everywhere, high in keeping safe.
    chosen = {}
    for question in Question.objects.filter(domain__version=version).select_related("domain"):
        level = "high" if question.domain.name == "Keeping safe" else "moderate"
        chosen[question.pk] = Descriptor.objects.get(question=question, need_level=level)
    working = work_out(version, chosen, age=8)
    by_stream = {s.stream: s for s in working.streams}
    # Education: 8 + 8 x 50% + 4 x 50% + 4 x 50% = 16 points, 80% at eight: 12.8, band D.
    assert by_stream["education"].raw_points == Decimal("16.00")
    assert (by_stream["education"].adjusted_points, by_stream["education"].amount) == (
        Decimal("12.80"),
        Decimal("6000"),
    )
    # Social care: 4 + 8 + 6 + 8 + 2 = 28 points, 22.4 after the age adjustment: band D.
    assert by_stream["social_care"].adjusted_points == Decimal("22.40")
    assert by_stream["social_care"].amount == Decimal("6500")
    # Health: 2 + 8 = 10 points, 8 after the age adjustment: band C.
    assert (by_stream["health"].adjusted_points, by_stream["health"].amount) == (
        Decimal("8.00"),
        Decimal("3000"),
    )
    assert working.total == Decimal("15500")
