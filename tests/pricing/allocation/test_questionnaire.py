"""Versions of the questionnaire: a draft is a whole, independent copy of the newest
published version; publishing checks every rule and says which are broken; a published
version is frozen, and a newer one never changes an assessment already made."""

from __future__ import annotations

from decimal import Decimal

import pytest
from wagtail.models import ModelLogEntry

from localoffer.core.immutable import ChangeRefused
from pricing.allocation.enums import AssessmentKind, VersionStatus
from pricing.allocation.models import (
    AgeAdjustment,
    Assessment,
    Descriptor,
    Domain,
    FundingBand,
    Question,
    QuestionnaireVersion,
)
from pricing.allocation.scoring import work_out
from pricing.allocation.services.answers import chosen_descriptors
from pricing.allocation.services.common import AllocationError
from pricing.allocation.services.questionnaire import (
    NotPublishable,
    current_version,
    delete_draft,
    new_draft,
    publish,
)
from tests.pricing.allocation.factories import answer_all, make_questionnaire

pytestmark = pytest.mark.django_db


def shape(version: QuestionnaireVersion) -> list:
    """Everything a version says, without its rows' ids."""
    return [
        [
            (d.name, d.position, d.education_share, d.social_care_share, d.health_share)
            for d in version.domains.all()
        ],
        [
            (q.domain.name, q.text, q.position)
            for q in Question.objects.filter(domain__version=version)
        ],
        [
            (x.question.text, x.text, x.score, x.need_level, x.position)
            for x in Descriptor.objects.filter(question__domain__version=version)
        ],
        [(a.from_age, a.to_age, a.percent) for a in version.age_adjustments.all()],
        [(b.stream, b.name, b.from_points, b.amount) for b in version.bands.all()],
    ]


def refusal(version: QuestionnaireVersion, by) -> list[str]:
    with pytest.raises(NotPublishable) as caught:
        publish(version, by=by)
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT
    return caught.value.problems


def test_a_new_draft_copies_the_newest_published_version_whole(questionnaire, users_by_role):
    admin = users_by_role["superuser"]
    draft = new_draft(questionnaire.council, by=admin)
    assert (draft.number, draft.status) == (2, VersionStatus.DRAFT)
    assert shape(draft) == shape(questionnaire)
    assert len(shape(draft)[2]) == 25  # every answer of the 7 questions
    assert ModelLogEntry.objects.filter(
        action="pricing.allocation_questionnaire_draft_made", object_id=str(draft.pk)
    ).exists()
    assert current_version(questionnaire.council) == questionnaire


def test_the_copy_is_independent_of_the_published_version(questionnaire, users_by_role):
    before = shape(questionnaire)
    draft = new_draft(questionnaire.council, by=users_by_role["superuser"])
    domain = draft.domains.first()
    domain.name = "Communication"
    domain.save()
    descriptor = Descriptor.objects.filter(question__domain__version=draft).first()
    descriptor.score = 9
    descriptor.save()
    draft.bands.first().delete()
    AgeAdjustment.objects.filter(version=draft).first().delete()
    assert shape(questionnaire) == before
    assert shape(draft) != before


def test_the_first_draft_is_empty_and_only_one_draft_at_a_time(council, users_by_role):
    admin = users_by_role["superuser"]
    assert current_version(council) is None
    draft = new_draft(council, by=admin)
    assert (draft.number, shape(draft)) == (1, [[], [], [], [], []])
    with pytest.raises(AllocationError, match="already a draft"):
        new_draft(council, by=admin)
    delete_draft(draft, by=admin)
    assert not QuestionnaireVersion.objects.filter(council=council).exists()
    assert new_draft(council, by=admin).number == 1


def test_publishing_a_draft_that_meets_every_rule(council, users_by_role):
    admin = users_by_role["superuser"]
    draft = make_questionnaire(council, publish=False)
    published = publish(draft, by=admin)
    assert published.status == VersionStatus.PUBLISHED
    assert published.published_by == admin and published.published_at is not None
    assert current_version(council) == published
    assert ModelLogEntry.objects.filter(
        action="pricing.allocation_questionnaire_published", object_id=str(draft.pk)
    ).exists()
    with pytest.raises(AllocationError, match="published"):
        publish(published, by=admin)
    with pytest.raises(AllocationError, match="published"):
        delete_draft(published, by=admin)


def test_too_few_or_too_many_domains(council, users_by_role):
    draft = make_questionnaire(council, publish=False)
    draft.domains.last().delete()
    assert "A questionnaire needs 5 to 10 domains: this one has 4." in refusal(
        draft, users_by_role["superuser"]
    )
    for n in range(7):
        domain = Domain.objects.create(version=draft, name=f"Extra {n}", health_share=100)
        question = Question.objects.create(domain=domain, text=f"Extra question {n}")
        for score in (0, 1):
            Descriptor.objects.create(question=question, text="x", score=score, need_level="none")
    assert "A questionnaire needs 5 to 10 domains: this one has 11." in refusal(
        draft, users_by_role["superuser"]
    )


def test_each_domain_has_one_to_five_questions(council, users_by_role):
    draft = make_questionnaire(council, publish=False)
    Question.objects.filter(domain__name="Health and physical needs").delete()
    family = Question.objects.get(domain__version=draft, domain__name="Family and carers")
    for n in range(5):
        Question.objects.create(domain=family.domain, text=f"More {n}")
    problems = refusal(draft, users_by_role["superuser"])
    assert "“Health and physical needs” needs 1 to 5 questions: it has 0." in problems
    assert "“Family and carers” needs 1 to 5 questions: it has 6." in problems


def test_each_question_has_two_answers_one_scoring_nothing(council, users_by_role):
    draft = make_questionnaire(council, publish=False)
    health = Question.objects.get(domain__version=draft, domain__name="Health and physical needs")
    Descriptor.objects.filter(question=health, score__gt=0).delete()
    family = Question.objects.get(domain__version=draft, domain__name="Family and carers")
    Descriptor.objects.filter(question=family, score=0).delete()
    problems = refusal(draft, users_by_role["superuser"])
    assert f"“{health.text}” needs at least 2 answers to choose from: it has 1." in problems
    assert f"“{family.text}” needs an answer scoring 0 (no extra need)." in problems


def test_each_domains_shares_add_up_to_100(council, users_by_role):
    draft = make_questionnaire(council, publish=False)
    Domain.objects.filter(version=draft, name="Social and emotional wellbeing").update(
        social_care_share=40
    )
    assert (
        "The stream shares of “Social and emotional wellbeing” add up to 90%: "
        "they must add up to 100%."
    ) in refusal(draft, users_by_role["superuser"])


def test_the_age_adjustments_cover_every_age_once(council, users_by_role):
    draft = make_questionnaire(council, publish=False)
    AgeAdjustment.objects.filter(version=draft, from_age=5).update(from_age=6, to_age=9)
    AgeAdjustment.objects.create(version=draft, from_age=20, to_age=30, percent=Decimal(100))
    problems = refusal(draft, users_by_role["superuser"])
    assert "No age adjustment covers age 5 and 10: cover every age 0 to 25." in problems
    assert (
        "More than one age adjustment covers age 20, 21, 22, 23, 24 and 25: "
        "each age must have exactly one."
    ) in problems


def test_each_streams_bands_start_at_nothing_and_rise(council, users_by_role):
    draft = make_questionnaire(council, publish=False)
    FundingBand.objects.filter(version=draft, stream="health", from_points=0).delete()
    FundingBand.objects.filter(version=draft, stream="education", name="Band C").update(
        amount=Decimal("1000")
    )
    problems = refusal(draft, users_by_role["superuser"])
    assert "Health (personal health budget) needs a band from 0 points." in problems
    assert (
        "Education (high needs): the amounts must rise with the points, but Band C "
        "(from 10.00 points) is not more than Band B."
    ) in problems
    assert len(problems) == 2


def test_a_stream_a_domain_counts_towards_needs_bands(council, users_by_role):
    draft = make_questionnaire(council, publish=False)
    FundingBand.objects.filter(version=draft, stream="health").delete()
    assert refusal(draft, users_by_role["superuser"]) == [
        "Health (personal health budget) has no bands, but “Health and physical needs” counts "
        "towards it: add its bands or change the domain's shares."
    ]
    FundingBand.objects.filter(version=draft).delete()
    assert "The funding matrix has no bands: add the bands of at least one stream." in refusal(
        draft, users_by_role["superuser"]
    )


def test_every_problem_is_listed_at_once(council, users_by_role):
    draft = new_draft(council, by=users_by_role["superuser"])
    problems = refusal(draft, users_by_role["superuser"])
    assert problems == [
        "A questionnaire needs 5 to 10 domains: this one has 0.",
        "No age adjustment covers age 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, "
        "16, 17, 18, 19, 20, 21, 22, 23, 24 and 25: cover every age 0 to 25.",
        "The funding matrix has no bands: add the bands of at least one stream.",
    ]


def test_the_rows_of_a_published_version_refuse_changes(questionnaire):
    domain = questionnaire.domains.first()
    question = domain.questions.first()
    rows = [
        domain,
        question,
        question.descriptors.first(),
        questionnaire.age_adjustments.first(),
        questionnaire.bands.first(),
    ]
    for row in rows:
        with pytest.raises(ChangeRefused):
            row.save()
        with pytest.raises(ChangeRefused):
            row.delete()
    with pytest.raises(ChangeRefused):
        Domain.objects.create(version=questionnaire, name="Late", education_share=100)
    assert questionnaire.domains.count() == 5


def test_publishing_a_new_version_never_changes_an_assessment(questionnaire, child, users_by_role):
    admin = users_by_role["superuser"]
    assessment = Assessment.objects.create(
        council=questionnaire.council,
        reference="AS-VERSION1",
        kind=AssessmentKind.SELF,
        version=questionnaire,
        child=child,
    )
    answer_all(
        assessment,
        {
            "Communication and learning": 2,
            "Social and emotional wellbeing": 4,
            "Personal care and daily living": 3,
            "Health and physical needs": 3,
            "Family and carers": 2,
        },
        by=admin,
    )
    before = work_out(questionnaire, chosen_descriptors(assessment), age=9)

    draft = new_draft(questionnaire.council, by=admin)
    for band in draft.bands.all():
        band.amount += Decimal("500")
        band.save()
    for descriptor in Descriptor.objects.filter(question__domain__version=draft):
        descriptor.score *= 2
        descriptor.save()
    publish(draft, by=admin)

    assessment.refresh_from_db()
    assert assessment.version == questionnaire
    assert current_version(questionnaire.council) == draft
    assert work_out(assessment.version, chosen_descriptors(assessment), age=9) == before
    # At 9, points count 80%: education 6.4 (band B), social care 7.2 (B), health 2.4 (A).
    assert before.total == Decimal("2200")
