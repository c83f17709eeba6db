"""The coordinator's assessment: starting (from nothing or from the family's
self-assessment), completing (every question answered; the working written down at the
child's age that day, never changed by a newer questionnaire) and withdrawing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from wagtail.models import ModelLogEntry

from pricing.allocation.enums import AssessmentKind, AssessmentStatus, VersionStatus
from pricing.allocation.models import (
    Answer,
    Assessment,
    DomainScore,
    FundingBand,
    Question,
    QuestionnaireVersion,
    StreamResult,
)
from pricing.allocation.scoring import work_out
from pricing.allocation.services.answers import Given, chosen_descriptors, save_answers
from pricing.allocation.services.assessments import (
    complete_assessment,
    start_assessment,
    withdraw_assessment,
    working_of,
)
from pricing.allocation.services.common import AllocationError
from tests.pricing.allocation.factories import answer_all, make_questionnaire
from tests.pricing.factories import ChildFactory

pytestmark = pytest.mark.django_db

SCORES = {
    "Communication and learning": 4,
    "Social and emotional wellbeing": 2,
    "Personal care and daily living": 6,
    "Health and physical needs": 3,
    "Family and carers": 2,
}
BIRTHDAY = dt.date(2014, 6, 15)


@pytest.fixture
def child(family):
    return ChildFactory(family=family, first_name="Amira", date_of_birth=BIRTHDAY)


def self_assessment(council, version, child, *, scores=SCORES) -> Assessment:
    """A self-assessment the family has filled in and sent (made directly: the family's
    side has its own services and tests)."""
    sent = Assessment.objects.create(
        council=council,
        reference=f"SA-{child.pk}-{version.number}",
        kind=AssessmentKind.SELF,
        version=version,
        child=child,
    )
    answer_all(sent, scores, by=child.family)
    Assessment.objects.filter(pk=sent.pk).update(status=AssessmentStatus.SENT)
    sent.refresh_from_db()
    return sent


def start(council, coordinator, child, **kwargs):
    return start_assessment(
        council=council, coordinator=coordinator, child=child, by=coordinator, **kwargs
    )


def test_start_puts_it_in_the_caseload_on_the_current_version(
    council, questionnaire, coordinator, child
) -> None:
    newer = make_questionnaire(council, number=2)
    make_questionnaire(council, number=3, publish=False)  # a draft is never used
    started = start(council, coordinator, child)
    assessment = started.assessment
    assert assessment.kind == AssessmentKind.COORDINATOR
    assert assessment.status == AssessmentStatus.IN_PROGRESS
    assert assessment.version == newer
    assert assessment.coordinator == coordinator
    assert assessment.reference.startswith("AS-")
    assert started.answers_copied == 0
    assert ModelLogEntry.objects.filter(
        object_id=str(assessment.pk), action="pricing.allocation_assessment_started"
    ).exists()


def test_no_published_questionnaire_refuses_to_start(council, coordinator, child) -> None:
    make_questionnaire(council, publish=False)
    with pytest.raises(AllocationError, match="no published questionnaire"):
        start(council, coordinator, child)


def test_starting_from_a_self_assessment_copies_its_answers_and_notes(
    council, questionnaire, coordinator, child
) -> None:
    sent = self_assessment(council, questionnaire, child)
    Answer.objects.filter(assessment=sent).update(note="He needs help to dress.")
    started = start(council, coordinator, child, from_self=sent)
    assessment = started.assessment
    assert assessment.started_from == sent
    assert started.answers_copied == Question.objects.filter(domain__version=questionnaire).count()
    assert chosen_descriptors(assessment) == chosen_descriptors(sent)
    assert set(assessment.answers.values_list("note", flat=True)) == {"He needs help to dress."}
    # The family's own answers stay as they sent them.
    assert sent.answers.count() == assessment.answers.count()


def test_a_self_assessment_on_an_older_version_is_linked_but_not_copied(
    council, questionnaire, coordinator, child
) -> None:
    sent = self_assessment(council, questionnaire, child)
    make_questionnaire(council, number=2)
    started = start(council, coordinator, child, from_self=sent)
    assert started.assessment.started_from == sent
    assert started.answers_copied == 0
    assert not started.assessment.answers.exists()
    assert "older questionnaire" in started.note


def test_only_a_sent_self_assessment_of_the_same_child_can_be_started_from(
    council, questionnaire, coordinator, child, other_child
) -> None:
    sent = self_assessment(council, questionnaire, child)
    with pytest.raises(AllocationError, match="self-assessment"):
        start(council, coordinator, other_child, from_self=sent)
    start(council, coordinator, child, from_self=sent)
    with pytest.raises(AllocationError, match="already been started"):
        start(council, coordinator, child, from_self=sent)


def test_completion_is_refused_while_questions_are_unanswered(
    council, questionnaire, coordinator, child
) -> None:
    assessment = start(council, coordinator, child).assessment
    first = Question.objects.filter(domain__version=questionnaire).order_by(
        "domain__position", "position"
    )
    # Answer only the first domain's two questions.
    given = {q.pk: Given(q.descriptors.first().pk) for q in first[:2]}
    save_answers(assessment, given, by=coordinator)
    with pytest.raises(AllocationError) as refused:
        complete_assessment(assessment, by=coordinator)
    message = str(refused.value)
    assert "Social and emotional wellbeing" in message
    assert "Family and carers" in message
    assert "Communication and learning" not in message
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.IN_PROGRESS
    assert not DomainScore.objects.filter(assessment=assessment).exists()


def test_completion_writes_the_working_as_work_out_gives_it(
    council, questionnaire, coordinator, child
) -> None:
    assessment = start(council, coordinator, child).assessment
    answer_all(assessment, SCORES, by=coordinator)
    day = dt.date(2026, 6, 14)  # the day before the 12th birthday: 11, counted at 100%
    done = complete_assessment(assessment, by=coordinator, today=day)
    expected = work_out(questionnaire, chosen_descriptors(assessment), age=11)
    assert done.status == AssessmentStatus.COMPLETED
    assert done.age_at_completion == 11
    assert done.completed_at is not None
    assert [(s.domain.name, s.raw_score) for s in done.domain_scores.all()] == [
        (d.name, d.raw_score) for d in expected.domains
    ]
    results = {r.stream: r for r in StreamResult.objects.filter(assessment=done)}
    for stream in expected.streams:
        stored = results[stream.stream]
        assert (
            stored.raw_points,
            stored.age_percent,
            stored.adjusted_points,
            stored.band_name,
            stored.amount,
        ) == (
            stream.raw_points,
            stream.age_percent,
            stream.adjusted_points,
            stream.band_name,
            stream.amount,
        )
    assert working_of(done) == expected
    assert working_of(done).total == Decimal("6300")
    with pytest.raises(AllocationError):
        complete_assessment(done, by=coordinator, today=day)


def test_the_age_is_the_childs_age_on_the_day_of_completion(
    council, questionnaire, coordinator, family
) -> None:
    # Born 15 June 2021: 4 on 14 June 2026 (counted at 60%), 5 on the birthday (80%).
    young = ChildFactory(family=family, date_of_birth=dt.date(2021, 6, 15))
    before = start(council, coordinator, young).assessment
    answer_all(before, SCORES, by=coordinator)
    on_birthday = start(council, coordinator, young).assessment
    answer_all(on_birthday, SCORES, by=coordinator)
    before = complete_assessment(before, by=coordinator, today=dt.date(2026, 6, 14))
    on_birthday = complete_assessment(on_birthday, by=coordinator, today=dt.date(2026, 6, 15))
    assert before.age_at_completion == 4
    assert on_birthday.age_at_completion == 5
    assert {s.age_percent for s in working_of(before).streams} == {Decimal("60")}
    assert {s.age_percent for s in working_of(on_birthday).streams} == {Decimal("80")}
    # 10 education points at 60% is 6.00 (band B), at 80% 8.00 (still band B).
    education = {s.stream: s for s in working_of(before).streams}["education"]
    assert (education.adjusted_points, education.band_name) == (Decimal("6.00"), "Band B")


def test_a_newer_published_version_does_not_change_a_completed_working(
    council, questionnaire, coordinator, child
) -> None:
    assessment = start(council, coordinator, child).assessment
    answer_all(assessment, SCORES, by=coordinator)
    done = complete_assessment(assessment, by=coordinator, today=dt.date(2026, 6, 14))
    before = working_of(done)
    # The newer version pays more in every band: the completed working must not follow it.
    newer = make_questionnaire(council, number=2, publish=False)
    FundingBand.objects.filter(version=newer).update(amount=Decimal("99999"))
    QuestionnaireVersion.objects.filter(pk=newer.pk).update(status=VersionStatus.PUBLISHED)
    done.refresh_from_db()
    assert done.version == questionnaire
    assert working_of(done) == before
    assert start(council, coordinator, child).assessment.version == newer


def test_a_draft_shows_its_working_so_far(council, questionnaire, coordinator, child) -> None:
    assessment = start(council, coordinator, child).assessment
    question = Question.objects.get(
        domain__version=questionnaire, domain__name="Health and physical needs"
    )
    save_answers(
        assessment, {question.pk: Given(question.descriptors.get(score=6).pk)}, by=coordinator
    )
    working = working_of(assessment)
    assert {d.name: d.raw_score for d in working.domains}["Health and physical needs"] == 6
    assert {s.stream: s.band_name for s in working.streams}["health"] == "Band C"
    assert not StreamResult.objects.filter(assessment=assessment).exists()


def test_withdraw(council, questionnaire, coordinator, child) -> None:
    assessment = start(council, coordinator, child).assessment
    withdrawn = withdraw_assessment(assessment, by=coordinator, reason="The family moved away.")
    assert withdrawn.status == AssessmentStatus.WITHDRAWN
    assert ModelLogEntry.objects.filter(
        object_id=str(assessment.pk), action="pricing.allocation_assessment_withdrawn"
    ).exists()
    with pytest.raises(AllocationError):
        withdraw_assessment(withdrawn, by=coordinator)
    with pytest.raises(AllocationError):
        save_answers(withdrawn, {}, by=coordinator)
