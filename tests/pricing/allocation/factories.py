"""A small questionnaire for tests, with figures easy to check by hand.

Domains (scores of each question's descriptors; share of the domain per stream):
  Communication and learning      2 questions: 0, 2, 4, 6    100% education
  Social and emotional wellbeing  2 questions: 0, 2, 4, 6    50% education, 50% social care
  Personal care and daily living  1 question:  0, 3, 6       100% social care
  Health and physical needs       1 question:  0, 3, 6       100% health
  Family and carers               1 question:  0, 2, 4       100% social care
Age adjustment: ages 0-4 count 60%, 5-10 count 80%, 11-25 count 100%.
Bands (from points: amount for a year):
  education    A 0: £0, B 5: £1,000, C 10: £2,500, D 15: £5,000
  social care  A 0: £0, B 4: £1,200, C 8: £3,000, D 12: £6,000
  health       A 0: £0, B 3: £800, C 6: £2,000
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone

from pricing.allocation.enums import NeedLevel, VersionStatus
from pricing.allocation.models import (
    AgeAdjustment,
    Assessment,
    Descriptor,
    Domain,
    FundingBand,
    Question,
    QuestionnaireVersion,
)
from pricing.allocation.services.answers import Given, save_answers

LEVELS = [NeedLevel.NONE, NeedLevel.LOW, NeedLevel.MODERATE, NeedLevel.HIGH]

DOMAINS: list[tuple[str, int, tuple[int, ...], dict[str, int]]] = [
    ("Communication and learning", 2, (0, 2, 4, 6), {"education_share": 100}),
    (
        "Social and emotional wellbeing",
        2,
        (0, 2, 4, 6),
        {"education_share": 50, "social_care_share": 50},
    ),
    ("Personal care and daily living", 1, (0, 3, 6), {"social_care_share": 100}),
    ("Health and physical needs", 1, (0, 3, 6), {"health_share": 100}),
    ("Family and carers", 1, (0, 2, 4), {"social_care_share": 100}),
]
AGES = [(0, 4, "60"), (5, 10, "80"), (11, 25, "100")]
BANDS = {
    "education": [("A", "0", "0"), ("B", "5", "1000"), ("C", "10", "2500"), ("D", "15", "5000")],
    "social_care": [("A", "0", "0"), ("B", "4", "1200"), ("C", "8", "3000"), ("D", "12", "6000")],
    "health": [("A", "0", "0"), ("B", "3", "800"), ("C", "6", "2000")],
}


def make_questionnaire(
    council: Any, *, number: int = 1, publish: bool = True
) -> QuestionnaireVersion:
    """The questionnaire above, as a draft or (by default) published."""
    version = QuestionnaireVersion.objects.create(council=council, number=number)
    for position, (name, questions, scores, shares) in enumerate(DOMAINS):
        domain = Domain.objects.create(version=version, position=position, name=name, **shares)
        for q in range(questions):
            question = Question.objects.create(
                domain=domain, position=q, text=f"{name}: question {q + 1}"
            )
            for d, score in enumerate(scores):
                Descriptor.objects.create(
                    question=question,
                    position=d,
                    text=f"{name} {q + 1}: answer scoring {score}",
                    score=score,
                    need_level=LEVELS[d],
                )
    for low, high, percent in AGES:
        AgeAdjustment.objects.create(
            version=version, from_age=low, to_age=high, percent=Decimal(percent)
        )
    for stream, bands in BANDS.items():
        for name, points, amount in bands:
            FundingBand.objects.create(
                version=version,
                stream=stream,
                name=f"Band {name}",
                from_points=Decimal(points),
                amount=Decimal(amount),
            )
    if publish:
        QuestionnaireVersion.objects.filter(pk=version.pk).update(
            status=VersionStatus.PUBLISHED, published_at=timezone.now()
        )
        version.refresh_from_db()
    return version


def descriptor_scoring(version: QuestionnaireVersion, question: Question, score: int) -> Descriptor:
    return Descriptor.objects.get(question=question, score=score)


def answer_all(assessment: Assessment, scores: dict[str, int] | int, *, by: Any) -> Assessment:
    """Answer every question: `scores` is one score for all, or per domain name (a domain
    left out scores 0). Each score must be one of its questions' descriptors' scores."""
    given = {}
    questions = Question.objects.filter(domain__version=assessment.version).select_related("domain")
    for question in questions:
        score = scores if isinstance(scores, int) else scores.get(question.domain.name, 0)
        descriptor = Descriptor.objects.get(question=question, score=score)
        given[question.pk] = Given(descriptor.pk)
    return save_answers(assessment, given, by=by)
