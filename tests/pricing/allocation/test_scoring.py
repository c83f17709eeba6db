"""The resource allocation system's arithmetic, worked by hand from the test questionnaire
(tests/pricing/allocation/factories.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pricing.allocation.enums import NeedLevel, VersionStatus
from pricing.allocation.models import (
    AgeAdjustment,
    Descriptor,
    Domain,
    FundingBand,
    Question,
    QuestionnaireVersion,
)
from pricing.allocation.scoring import ScoringError, work_out
from tests.pricing.allocation.factories import BANDS

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


# --- the age adjustment ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "percent", "education_points", "band"),
    [
        (0, "60", "4.20", "Band A"),  # 7 points count 60%: 4.2
        (4, "60", "4.20", "Band A"),
        (5, "80", "5.60", "Band B"),  # 7 points count 80%: 5.6, over band B's 5
        (10, "80", "5.60", "Band B"),
        (11, "100", "7.00", "Band B"),
        (25, "100", "7.00", "Band B"),
    ],
)
def test_the_age_adjustment_of_each_age_band(questionnaire, age, percent, education_points, band):
    # Education: 4 + 2 from communication, and half of 2 from the shared domain: 7 points.
    answers = chosen(questionnaire, {"Social and emotional wellbeing": 0})
    questions = Question.objects.filter(domain__name="Communication and learning").order_by("pk")
    answers[questions[0].pk] = Descriptor.objects.get(question=questions[0], score=4)
    answers[questions[1].pk] = Descriptor.objects.get(question=questions[1], score=2)
    shared = Question.objects.filter(domain__name="Social and emotional wellbeing").first()
    answers[shared.pk] = Descriptor.objects.get(question=shared, score=2)
    education = stream_of(work_out(questionnaire, answers, age=age), "education")
    assert education.raw_points == Decimal("7.00")
    assert education.age_percent == Decimal(percent)
    assert education.adjusted_points == Decimal(education_points)
    assert education.band_name == band


def test_an_age_no_adjustment_covers_cannot_be_scored(questionnaire) -> None:
    with pytest.raises(ScoringError):
        work_out(questionnaire, chosen(questionnaire, {}), age=26)


def test_adjusted_points_are_rounded_half_up_to_the_penny_of_a_point(council) -> None:
    # One point counting 62.5% is 0.625: half up gives 0.63 (rounding to even would give 0.62).
    version = exact_points_version(council, percent="62.5")
    education = stream_of(work_out(version, points_of(version, education=1), age=8), "education")
    assert education.adjusted_points == Decimal("0.63")
    # And 0.8 of an odd number of points keeps its tenth: 0.8 x 7 = 5.6.
    version = exact_points_version(council, percent="80", number=2)
    education = stream_of(work_out(version, points_of(version, education=7), age=8), "education")
    assert education.adjusted_points == Decimal("5.60")


def test_rounding_up_to_a_band_start_reaches_the_band(council) -> None:
    # 10 points counting 99.95% are 9.995, rounded half up to 10.00: band C, not B.
    version = exact_points_version(council, percent="99.95")
    education = stream_of(work_out(version, points_of(version, education=10), age=8), "education")
    assert (education.adjusted_points, education.band_name) == (Decimal("10.00"), "Band C")
    # 99.94% gives 9.994, rounded to 9.99: still band B.
    version = exact_points_version(council, percent="99.94", number=2)
    education = stream_of(work_out(version, points_of(version, education=10), age=8), "education")
    assert (education.adjusted_points, education.band_name) == (Decimal("9.99"), "Band B")


# --- every band boundary ----------------------------------------------------------------------

BOUNDARIES = [
    (stream, index, Decimal(points))
    for stream, bands in BANDS.items()
    for index, (_, points, _) in enumerate(bands)
]


@pytest.mark.parametrize(("stream", "index", "start"), BOUNDARIES)
def test_every_band_boundary_of_every_stream(council, stream, index, start) -> None:
    version = exact_points_version(council)
    bands = BANDS[stream]
    name, _, amount = bands[index]
    steps = [(start, index), (start + 1, index)]
    if index:
        steps.append((start - 1, index - 1))
    for points, expected in steps:
        working = work_out(version, points_of(version, **{stream: int(points)}), age=14)
        result = stream_of(working, stream)
        expected_name, _, expected_amount = bands[expected]
        assert result.adjusted_points == points, (stream, points)
        assert (result.band_name, result.amount) == (
            f"Band {expected_name}",
            Decimal(expected_amount),
        ), (stream, points)


def test_a_shared_domain_counts_half_to_each_stream(questionnaire) -> None:
    working = work_out(
        questionnaire, chosen(questionnaire, {"Social and emotional wellbeing": 6}), age=15
    )
    assert [d.raw_score for d in working.domains if d.name.startswith("Social")] == [12]
    assert stream_of(working, "education").raw_points == Decimal("6.00")
    assert stream_of(working, "social_care").raw_points == Decimal("6.00")
    assert stream_of(working, "health").raw_points == Decimal("0.00")
    # 2 + 4 in the shared domain, the rest nothing: 3 points to each stream.
    questions = Question.objects.filter(domain__name="Social and emotional wellbeing")
    answers = chosen(questionnaire, {})
    answers[questions[0].pk] = Descriptor.objects.get(question=questions[0], score=2)
    answers[questions[1].pk] = Descriptor.objects.get(question=questions[1], score=4)
    del answers[Question.objects.get(domain__name="Family and carers").pk]
    working = work_out(questionnaire, answers, age=15)
    assert stream_of(working, "education").raw_points == Decimal("3.00")
    assert stream_of(working, "social_care").raw_points == Decimal("3.00")


def test_unanswered_questions_score_nothing(questionnaire) -> None:
    one = Question.objects.filter(domain__name="Communication and learning").first()
    working = work_out(
        questionnaire, {one.pk: Descriptor.objects.get(question=one, score=6)}, age=15
    )
    assert [d.raw_score for d in working.domains] == [6, 0, 0, 0, 0]
    assert [(s.stream, s.raw_points, s.amount) for s in working.streams] == [
        ("education", Decimal("6.00"), Decimal("1000")),
        ("social_care", Decimal("0.00"), Decimal("0")),
        ("health", Decimal("0.00"), Decimal("0")),
    ]
    assert working.total == Decimal("1000")


# --- helpers ------------------------------------------------------------------------------------


def stream_of(working, stream: str):
    return next(s for s in working.streams if s.stream == stream)


def exact_points_version(council, *, percent: str = "100", number: int = 1):
    """A published version with one domain per stream, each of one question whose answers score 0 to
    20, and the test questionnaire's bands: a stream's points are the score chosen (times
    `percent`, for every age)."""
    version = QuestionnaireVersion.objects.create(council=council, number=number)
    for position, stream in enumerate(BANDS):
        domain = Domain.objects.create(
            version=version, position=position, name=stream, **{f"{stream}_share": 100}
        )
        question = Question.objects.create(domain=domain, text=f"How much {stream}?")
        for score in range(21):
            Descriptor.objects.create(
                question=question,
                position=score,
                text=f"{score}",
                score=score,
                need_level=NeedLevel.NONE if score == 0 else NeedLevel.MODERATE,
            )
    AgeAdjustment.objects.create(version=version, from_age=0, to_age=25, percent=Decimal(percent))
    for stream, bands in BANDS.items():
        for name, points, amount in bands:
            FundingBand.objects.create(
                version=version,
                stream=stream,
                name=f"Band {name}",
                from_points=Decimal(points),
                amount=Decimal(amount),
            )
    # Published the way the factory does, so a test may make several.
    QuestionnaireVersion.objects.filter(pk=version.pk).update(status=VersionStatus.PUBLISHED)
    return version


def points_of(version, **scores: int) -> dict[int, Descriptor]:
    """Answers giving each stream named its score (the others 0)."""
    picks = {}
    for question in Question.objects.filter(domain__version=version).select_related("domain"):
        score = scores.get(question.domain.name, 0)
        picks[question.pk] = Descriptor.objects.get(question=question, score=score)
    return picks
