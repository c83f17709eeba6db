"""The coordinator's screens: the caseload, starting an assessment, the questionnaire a
domain a page, the working, costed provision, and who may open each address."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from pricing.allocation.enums import AssessmentKind, AssessmentStatus
from pricing.allocation.models import Assessment, ProvisionLine, Question
from pricing.allocation.services.assessments import complete_assessment, start_assessment
from pricing.allocation.services.costing import add_outcome
from pricing.provision.models import StandardUnitCost
from tests.factories import CategoryFactory, OutcomeFactory, UserFactory
from tests.pricing.allocation.factories import answer_all
from tests.pricing.factories import ChildFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(family):
    return ChildFactory(family=family, first_name="Amira", date_of_birth=dt.date(2014, 6, 15))


@pytest.fixture
def assessment(council, questionnaire, coordinator, child) -> Assessment:
    return start_assessment(
        council=council, coordinator=coordinator, child=child, by=coordinator
    ).assessment


def other_coordinator(users_by_role):
    """A second coordinator, with their own caseload (and, as staff, two-factor sign-in)."""
    groups = list(users_by_role["coordinator"].groups.all())
    return UserFactory(email="other.coordinator@northbridge.example", groups=groups)


def url(name: str, assessment: Assessment, *args) -> str:
    return reverse(f"assessment_admin:{name}", args=[assessment.reference, *args])


def test_caseload_lists_only_the_coordinators_own(
    client_for, assessment, council, questionnaire, users_by_role, family
) -> None:
    other = other_coordinator(users_by_role)
    theirs = start_assessment(
        council=council, coordinator=other, child=ChildFactory(family=family), by=other
    ).assessment
    page = client_for("coordinator").get(reverse("assessment_admin:index"))
    assert page.status_code == 200
    assert assessment.reference in page.text
    assert theirs.reference not in page.text
    filtered = client_for("coordinator").get(
        reverse("assessment_admin:index"), {"status": "completed"}
    )
    assert assessment.reference not in filtered.text


def test_new_assessment_finds_the_family_then_the_child(client_for, questionnaire, child) -> None:
    client = client_for("coordinator")
    new = reverse("assessment_admin:new")
    assert client.get(new).status_code == 200
    missing = client.post(new, {"email": "nobody@example.org"})
    assert "No family with children" in missing.text
    assert 'value="nobody@example.org"' in missing.text
    invalid = client.post(new, {"email": "not an address"})
    assert "Enter an email address in the right form" in invalid.text
    assert 'value="not an address"' in invalid.text
    step_two = client.post(new, {"email": child.family.email.upper()})
    assert "Amira" in step_two.text
    no_child = client.post(new, {"email": child.family.email, "choose": "1"})
    assert "Choose the child or young person" in no_child.text
    started = client.post(new, {"email": child.family.email, "choose": "1", "child": child.pk})
    made = Assessment.objects.get(child=child, kind=AssessmentKind.COORDINATOR)
    assert started.status_code == 302
    assert started["Location"] == url("question", made, 1)


def test_self_assessments_sent_and_start_from_this(
    client_for, council, questionnaire, child, coordinator
) -> None:
    sent = Assessment.objects.create(
        council=council,
        reference="SA-TEST01",
        kind=AssessmentKind.SELF,
        version=questionnaire,
        child=child,
    )
    answer_all(sent, 0, by=child.family)
    Assessment.objects.filter(pk=sent.pk).update(status=AssessmentStatus.SENT)
    client = client_for("coordinator")
    listing = client.get(reverse("assessment_admin:sent"))
    assert "SA-TEST01" in listing.text and "Start from this" in listing.text
    start = reverse("assessment_admin:start_from", args=["SA-TEST01"])
    assert client.get(start).status_code == 200
    assert client.post(start).status_code == 302
    made = Assessment.objects.get(started_from=sent)
    assert made.answers.count() == sent.answers.count()
    assert "SA-TEST01" not in client.get(reverse("assessment_admin:sent")).text
    assert client.get(start).status_code == 404


def test_answering_a_domain_a_page_then_checking_and_completing(
    client_for, assessment, questionnaire
) -> None:
    client = client_for("coordinator")
    domains = list(questionnaire.domains.order_by("position"))
    page = client.get(url("question", assessment, 1))
    assert page.status_code == 200
    first = domains[0].questions.order_by("position")
    assert first[0].descriptors.first().text in page.text
    data = {f"question_{q.pk}": q.descriptors.get(score=4).pk for q in first}
    data[f"note_{first[0].pk}"] = "Uses a few signs"
    data["continue"] = "1"
    response = client.post(url("question", assessment, 1), data)
    assert response["Location"] == url("question", assessment, 2)
    later = client.post(url("question", assessment, 2), {"later": "1"})
    assert later["Location"] == url("detail", assessment)
    detail = client.get(url("detail", assessment))
    assert "The working so far" in detail.text and "Communication and learning" in detail.text
    refused = client.post(url("complete", assessment))
    assert "Questions are left in" in refused.text
    for number, domain in enumerate(domains[1:], start=2):
        data = {f"question_{q.pk}": q.descriptors.get(score=0).pk for q in domain.questions.all()}
        response = client.post(url("question", assessment, number), {**data, "continue": "1"})
    assert response["Location"] == url("check", assessment)
    check = client.get(url("check", assessment))
    assert "Uses a few signs" in check.text
    done = client.post(url("complete", assessment))
    assert done.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.COMPLETED
    result = client.get(url("detail", assessment)).text
    # 2 questions x 4 = 8 points of education, age 11 or 12 counts 100%: band B, £1,000.
    assert "The result" in result
    assert "8.00" in result and "Band B" in result and "£1,000" in result
    assert client.get(url("question", assessment, 1)).status_code == 302


def test_costed_provision_page(client_for, council, assessment, coordinator) -> None:
    category = CategoryFactory(name="Learning support")
    StandardUnitCost.objects.create(
        council=council, category=category, unit="hour", description="LSA", amount=Decimal(20)
    )
    area = OutcomeFactory(name="Cognition and learning")
    client = client_for("coordinator")
    costed = url("costed", assessment)
    assert client.get(costed).status_code == 200
    empty = client.post(costed, {"outcome": "1", "outcome-description": "", "outcome-area": ""})
    assert "Say what the child wants to achieve" in empty.text
    client.post(
        costed, {"outcome": "1", "outcome-description": "Read at home", "outcome-area": area.pk}
    )
    outcome = assessment.outcomes.get()
    bad = client.post(
        costed,
        {
            "line": "1",
            "line-outcome": outcome.pk,
            "line-provision": f"{category.pk}:hour",
            "line-quantity": "lots",
            "line-frequency": "week",
            "line-stream": "education",
        },
    )
    assert "Enter the number of units" in bad.text and 'value="lots"' in bad.text
    client.post(
        costed,
        {
            "line": "1",
            "line-outcome": outcome.pk,
            "line-provision": f"{category.pk}:hour",
            "line-quantity": "2",
            "line-frequency": "term_week",
            "line-stream": "education",
        },
    )
    assert ProvisionLine.objects.get().annual_cost == Decimal("1560.00")
    no_reason = client.post(
        costed, {"adjust": "1", "adjust-stream": "education", "adjust-amount": "-60"}
    )
    assert "Say why the costed total changes" in no_reason.text
    assert 'value="-60"' in no_reason.text
    client.post(
        costed,
        {
            "adjust": "1",
            "adjust-stream": "education",
            "adjust-amount": "-60",
            "adjust-reason": "Shared",
        },
    )
    page = client.get(costed).text
    assert "£1,560" in page and "£1,500" in page and "Shared" in page
    line = ProvisionLine.objects.get()
    assert client.post(url("remove_line", assessment, line.pk)).status_code == 302
    assert not ProvisionLine.objects.exists()


def test_withdraw_needs_a_reason(client_for, assessment) -> None:
    client = client_for("coordinator")
    assert "Say why" in client.post(url("withdraw", assessment), {"reason": ""}).text
    client.post(url("withdraw", assessment), {"reason": "Moved away"})
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.WITHDRAWN


PAGES = ["detail", "check", "complete", "withdraw", "costed"]


@pytest.mark.parametrize("name", PAGES + ["question"])
def test_another_coordinators_assessment_is_not_found(
    client, users_by_role, assessment, name
) -> None:
    other = other_coordinator(users_by_role)
    client.force_login(other)
    args = (1,) if name == "question" else ()
    assert client.get(url(name, assessment, *args)).status_code == 404
    assert client.post(url(name, assessment, *args)).status_code == 404


@pytest.mark.parametrize(
    "role", ["finance_officer", "panel_member", "provider", "family", "content_editor"]
)
@pytest.mark.parametrize("name", ["index", "new", "sent", *PAGES])
def test_people_without_the_role_are_refused(client_for, assessment, role, name) -> None:
    address = (
        reverse(f"assessment_admin:{name}")
        if name in {"index", "new", "sent"}
        else url(name, assessment)
    )
    response = client_for(role).get(address)
    assert response.status_code in {302, 403, 404}
    if response.status_code == 302:
        assert "/login/" in response["Location"] or response["Location"].startswith("/admin/")
        assert "assessments" not in response["Location"].split("?")[0]


def test_anonymous_is_sent_to_log_in(client_for, assessment) -> None:
    response = client_for(None).get(url("detail", assessment))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_menu_shows_assessments_to_coordinators_only(client_for) -> None:
    assert "Assessments" in client_for("coordinator").get("/admin/").text
    finance = client_for("finance_officer").get("/admin/").text
    assert reverse("assessment_admin:index") not in finance


def test_a_completed_assessment_shows_the_stored_working(
    client_for, assessment, coordinator
) -> None:
    answer_all(assessment, 0, by=coordinator)
    complete_assessment(assessment, by=coordinator, today=dt.date(2026, 6, 14))
    add_outcome(assessment, description="Friends", area=OutcomeFactory(), by=coordinator)
    page = client_for("coordinator").get(url("detail", assessment)).text
    assert "when Amira was 11" in page
    assert Question.objects.exists()
