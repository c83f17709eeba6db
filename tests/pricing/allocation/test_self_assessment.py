"""The family's self-assessment: started on the council's current questionnaire for one of
their own children (once at a time), sent only when every question is answered, and fixed
once sent."""

from __future__ import annotations

import pytest
from wagtail.models import ModelLogEntry

from pricing.allocation.enums import AssessmentKind, AssessmentStatus
from pricing.allocation.models import Assessment
from pricing.allocation.services.answers import Given, save_answers
from pricing.allocation.services.common import AllocationError
from pricing.allocation.services.self_assessment import (
    send_self_assessment,
    start_self_assessment,
)
from tests.pricing.allocation.factories import answer_all, make_questionnaire
from tests.pricing.allocation.family_setup import SCORES
from tests.pricing.factories import ChildFactory

pytestmark = pytest.mark.django_db


def test_a_family_starts_a_self_assessment_on_the_newest_published_version(
    council, questionnaire, family, child
):
    newer = make_questionnaire(council, number=2)
    make_questionnaire(council, number=3, publish=False)  # a draft is not used

    assessment = start_self_assessment(family=family, child=child, council=council)

    assert assessment.kind == AssessmentKind.SELF
    assert assessment.status == AssessmentStatus.IN_PROGRESS
    assert assessment.version == newer
    assert assessment.coordinator is None
    assert assessment.reference.startswith("SA-")
    assert ModelLogEntry.objects.filter(
        action="pricing.allocation_self_assessment_started", object_id=str(assessment.pk)
    ).exists()


def test_starting_again_returns_the_one_in_progress(council, questionnaire, family, child):
    first = start_self_assessment(family=family, child=child, council=council)
    again = start_self_assessment(family=family, child=child, council=council)

    assert again.pk == first.pk
    assert Assessment.objects.filter(child=child, kind=AssessmentKind.SELF).count() == 1


def test_a_new_one_may_start_once_the_last_is_sent(council, questionnaire, family, child):
    first = start_self_assessment(family=family, child=child, council=council)
    answer_all(first, SCORES, by=family)
    send_self_assessment(first, by=family)

    second = start_self_assessment(family=family, child=child, council=council)

    assert second.pk != first.pk


def test_only_for_the_familys_own_child(council, questionnaire, family, other_child):
    with pytest.raises(AllocationError, match="your own children") as raised:
        start_self_assessment(family=family, child=other_child, council=council)
    assert raised.value.field == "child"
    assert not Assessment.objects.exists()


def test_no_published_questionnaire_is_said_plainly(council, family, child):
    make_questionnaire(council, publish=False)
    with pytest.raises(AllocationError, match="not ready yet"):
        start_self_assessment(family=family, child=child, council=council)


def test_sending_needs_every_question_and_names_the_domains_left(
    council, questionnaire, family, child
):
    assessment = start_self_assessment(family=family, child=child, council=council)
    answer_all(assessment, 0, by=family)
    # Take back the answers of two domains.
    assessment.answers.filter(
        question__domain__name__in=["Health and physical needs", "Family and carers"]
    ).delete()

    with pytest.raises(AllocationError) as raised:
        send_self_assessment(assessment, by=family)

    assert "‘Health and physical needs’ and ‘Family and carers’" in raised.value.message
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.IN_PROGRESS


def test_sending_fixes_the_answers_and_is_audited(council, questionnaire, family, child):
    assessment = start_self_assessment(family=family, child=child, council=council)
    answer_all(assessment, SCORES, by=family)

    sent = send_self_assessment(assessment, by=family)

    assert sent.status == AssessmentStatus.SENT
    assert ModelLogEntry.objects.filter(
        action="pricing.allocation_self_assessment_sent", object_id=str(sent.pk)
    ).exists()
    question = assessment.answers.first().question
    descriptor = question.descriptors.last()
    with pytest.raises(AllocationError, match="can no longer be changed"):
        save_answers(sent, {question.pk: Given(descriptor.pk)}, by=family)
    with pytest.raises(AllocationError, match="already been sent"):
        send_self_assessment(sent, by=family)


def test_only_the_family_sends_it(council, questionnaire, family, child, users_by_role):
    assessment = start_self_assessment(family=family, child=child, council=council)
    answer_all(assessment, SCORES, by=family)
    someone_else = ChildFactory().family

    for user in (someone_else, users_by_role["coordinator"]):
        with pytest.raises(AllocationError, match="Only the family"):
            send_self_assessment(assessment, by=user)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.IN_PROGRESS
