"""The coordinator sends a completed assessment to the panel: the page shows what goes,
asks who looks after the budget and when it starts, keeps what was typed when something
is wrong, and is open only for a completed assessment of the coordinator's own caseload."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from pricing.allocation.enums import AssessmentStatus
from pricing.allocation.models import Assessment
from pricing.allocation.services.assessments import complete_assessment, start_assessment
from pricing.allocation.services.costing import add_outcome, adjust
from tests.factories import UserFactory
from tests.pricing.allocation.factories import answer_all
from tests.pricing.allocation.panel_setup import SCORES, TODAY, area
from tests.pricing.factories import ChildFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(family):
    # 9 on TODAY: the questionnaire counts 80% of the points.
    return ChildFactory(family=family, first_name="Amira", date_of_birth=dt.date(2017, 1, 10))


@pytest.fixture
def assessment(council, questionnaire, coordinator, child) -> Assessment:
    return start_assessment(
        council=council, coordinator=coordinator, child=child, by=coordinator
    ).assessment


@pytest.fixture
def completed(assessment, coordinator) -> Assessment:
    """Education B £1,000 and social care C £3,000 (panel_setup.py), with £1,800 of
    costed provision for education and one outcome."""
    answer_all(assessment, SCORES, by=coordinator)
    complete_assessment(assessment, by=coordinator, today=TODAY)
    adjust(
        assessment,
        stream="education",
        amount=Decimal("1800.00"),
        reason="Learning support assistant, 2 hours a week",
        by=coordinator,
    )
    return assessment


@pytest.fixture
def with_outcome(completed, coordinator) -> Assessment:
    add_outcome(completed, description="Make friends outside school", area=area(), by=coordinator)
    return completed


def send_url(assessment: Assessment) -> str:
    return reverse("assessment_admin:send_to_panel", args=[assessment.reference])


def detail_url(assessment: Assessment) -> str:
    return reverse("assessment_admin:detail", args=[assessment.reference])


def test_a_completed_assessment_is_sent_to_the_panel(
    client_for, with_outcome, users_by_role
) -> None:
    client = client_for("coordinator")
    detail = client.get(detail_url(with_outcome)).text
    assert f'href="{send_url(with_outcome)}"' in detail

    page = client.get(send_url(with_outcome))
    assert page.status_code == 200
    text = page.text
    assert "Education" in text and "£1,000" in text and "£1,800" in text
    assert "Social care" in text and "£3,000" in text
    assert "Make friends outside school" in text
    # Finance officers and site administrators look after budgets; the coordinator does not.
    finance, admin = users_by_role["finance_officer"], users_by_role["superuser"]
    assert f'value="{finance.pk}"' in text
    assert f'value="{admin.pk}"' in text
    assert f'value="{users_by_role["coordinator"].pk}"' not in text

    sent = client.post(
        send_url(with_outcome), {"budget_officer": finance.pk, "starts_on": "2026-04-01"}
    )
    assert sent.status_code == 302
    assert sent["Location"] == detail_url(with_outcome)
    with_outcome.refresh_from_db()
    assert with_outcome.status == AssessmentStatus.AT_PANEL
    assert with_outcome.budget_officer == finance
    assert with_outcome.budget_starts_on == dt.date(2026, 4, 1)

    after = client.get(detail_url(with_outcome)).text
    assert "Waiting for the panel since" in after
    assert "1 April 2026" in after
    assert f'href="{send_url(with_outcome)}"' not in after
    again = client.get(send_url(with_outcome))
    assert again.status_code == 302
    assert again["Location"] == detail_url(with_outcome)


def test_another_coordinators_assessment_is_not_found(
    client_for, with_outcome, users_by_role
) -> None:
    groups = list(users_by_role["coordinator"].groups.all())
    other = UserFactory(email="other.coordinator@northbridge.example", groups=groups)
    client = client_for(None)
    client.force_login(other)
    assert client.get(send_url(with_outcome)).status_code == 404
    posted = client.post(
        send_url(with_outcome),
        {"budget_officer": users_by_role["finance_officer"].pk, "starts_on": "2026-04-01"},
    )
    assert posted.status_code == 404
    with_outcome.refresh_from_db()
    assert with_outcome.status == AssessmentStatus.COMPLETED


@pytest.mark.parametrize("role", ["finance_officer", "panel_member", "provider", "family"])
def test_people_without_the_role_are_refused(client_for, with_outcome, users_by_role, role) -> None:
    client = client_for(role)
    for response in (
        client.get(send_url(with_outcome)),
        client.post(
            send_url(with_outcome),
            {"budget_officer": users_by_role["finance_officer"].pk, "starts_on": "2026-04-01"},
        ),
    ):
        # Wagtail turns the refusal into a redirect away from the area.
        assert response.status_code in {302, 403, 404}
        if response.status_code == 302:
            assert "assessments" not in response["Location"].split("?")[0]
    with_outcome.refresh_from_db()
    assert with_outcome.status == AssessmentStatus.COMPLETED


def test_an_assessment_in_progress_cannot_be_sent(
    client_for, assessment, coordinator, users_by_role
) -> None:
    client = client_for("coordinator")
    assert f'href="{send_url(assessment)}"' not in client.get(detail_url(assessment)).text
    page = client.get(send_url(assessment), follow=True)
    assert page.redirect_chain[-1][0] == detail_url(assessment)
    assert "Only a completed assessment can be sent to the panel." in page.text
    posted = client.post(
        send_url(assessment),
        {"budget_officer": users_by_role["finance_officer"].pk, "starts_on": "2026-04-01"},
    )
    assert posted.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.IN_PROGRESS
    assert assessment.budget_officer is None


def test_errors_are_listed_and_keep_what_was_typed(client_for, with_outcome) -> None:
    client = client_for("coordinator")
    page = client.post(send_url(with_outcome), {"budget_officer": "", "starts_on": "2026-02-30"})
    assert page.status_code == 200
    text = page.text
    assert "There is a problem" in text
    assert 'href="#id_budget_officer"' in text
    assert "Choose a finance officer to look after the budget" in text
    assert "Enter the day the budget would start as a real date" in text
    assert 'value="2026-02-30"' in text
    with_outcome.refresh_from_db()
    assert with_outcome.status == AssessmentStatus.COMPLETED


def test_the_services_rule_is_shown_with_the_choices_kept(
    client_for, completed, users_by_role
) -> None:
    """Without an outcome the service refuses; the page says so and keeps the choices."""
    finance = users_by_role["finance_officer"]
    page = client_for("coordinator").post(
        send_url(completed), {"budget_officer": finance.pk, "starts_on": "2026-04-01"}
    )
    assert page.status_code == 200
    assert "There is a problem" in page.text
    assert "Add at least one outcome agreed in the plan" in page.text
    assert f'<option value="{finance.pk}" selected>' in page.text
    assert 'value="2026-04-01"' in page.text
    completed.refresh_from_db()
    assert completed.status == AssessmentStatus.COMPLETED
