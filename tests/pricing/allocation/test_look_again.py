"""Asking for an assessment to be looked at again, and the coordinator's answer: who may
ask and answer, when, what the text must be, who is emailed; and the coordinator's pages."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from localoffer.roles import ASSESSMENT_COORDINATORS
from pricing.allocation.enums import LookAgainStatus
from pricing.allocation.models import LookAgainRequest
from pricing.allocation.services.common import AllocationError
from pricing.allocation.services.look_again import answer_look_again, ask_to_look_again
from pricing.allocation.services.self_assessment import start_self_assessment
from tests.factories import UserFactory, site_roles
from tests.pricing.allocation.family_setup import completed, in_progress
from tests.pricing.factories import ChildFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(council, questionnaire, coordinator, child):
    return completed(council=council, coordinator=coordinator, child=child)


@pytest.fixture
def other_coordinator(db):
    return UserFactory(
        email="second.coordinator@northbridge.example",
        groups=[site_roles()[ASSESSMENT_COORDINATORS]],
    )


def test_the_family_asks_and_the_coordinator_is_emailed(
    assessment, family, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = ask_to_look_again(
            assessment, by=family, what_is_wrong="  She cannot go out alone; it scored 0.  "
        )

    assert request.status == LookAgainStatus.OPEN
    assert request.what_is_wrong == "She cannot go out alone; it scored 0."
    assert request.made_by == family
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert assessment.reference in mail.outbox[0].subject
    assert "She cannot go out alone" in mail.outbox[0].body
    assert reverse("look_again_admin:answer", args=[request.pk]) in mail.outbox[0].body
    assert ModelLogEntry.objects.filter(
        action="pricing.allocation_look_again_asked", object_id=str(request.pk)
    ).exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [("   ", "Tell us what you think is wrong"), ("x" * 5001, "5,000 characters or fewer")],
)
def test_the_text_is_needed_and_not_too_long(assessment, family, text, message):
    with pytest.raises(AllocationError, match=message) as raised:
        ask_to_look_again(assessment, by=family, what_is_wrong=text)
    assert raised.value.field == "what_is_wrong"
    assert not LookAgainRequest.objects.exists()


def test_5000_characters_is_allowed(assessment, family):
    assert ask_to_look_again(assessment, by=family, what_is_wrong="x" * 5000).pk


def test_only_the_childs_own_family_may_ask(assessment, coordinator):
    stranger = ChildFactory().family
    for user in (stranger, coordinator):
        with pytest.raises(AllocationError, match="Only the child's family"):
            ask_to_look_again(assessment, by=user, what_is_wrong="Wrong")


def test_not_before_the_assessment_is_completed(council, questionnaire, coordinator, child, family):
    started = in_progress(council=council, coordinator=coordinator, child=child)
    with pytest.raises(AllocationError, match="once your coordinator has completed"):
        ask_to_look_again(started, by=family, what_is_wrong="Wrong")


def test_not_about_a_self_assessment(council, questionnaire, family, child):
    own = start_self_assessment(family=family, child=child, council=council)
    with pytest.raises(AllocationError, match="once your coordinator has completed"):
        ask_to_look_again(own, by=family, what_is_wrong="Wrong")


def test_one_open_request_at_a_time(assessment, family, coordinator):
    first = ask_to_look_again(assessment, by=family, what_is_wrong="First")
    with pytest.raises(AllocationError, match="already asked"):
        ask_to_look_again(assessment, by=family, what_is_wrong="Second")

    answer_look_again(first, by=coordinator, answer="Looked again; no change.")
    assert ask_to_look_again(assessment, by=family, what_is_wrong="Second").pk


def test_the_coordinator_answers_and_the_family_is_emailed(
    assessment, family, coordinator, django_capture_on_commit_callbacks
):
    request = ask_to_look_again(assessment, by=family, what_is_wrong="Wrong")
    with django_capture_on_commit_callbacks(execute=True):
        answered = answer_look_again(request, by=coordinator, answer=" We changed two answers. ")

    assert answered.status == LookAgainStatus.ANSWERED
    assert answered.answer == "We changed two answers."
    assert answered.answered_by == coordinator
    assert answered.answered_at is not None
    assert [m.to for m in mail.outbox] == [[family.email]]
    assert "We changed two answers." in mail.outbox[0].body
    assert reverse("assessments:detail", args=[assessment.reference]) in mail.outbox[0].body
    with pytest.raises(AllocationError, match="already been answered"):
        answer_look_again(answered, by=coordinator, answer="Again")


def test_an_administrator_may_answer(assessment, family, users_by_role):
    request = ask_to_look_again(assessment, by=family, what_is_wrong="Wrong")
    answered = answer_look_again(request, by=users_by_role["superuser"], answer="Checked.")
    assert answered.status == LookAgainStatus.ANSWERED


def test_nobody_else_may_answer(assessment, family, other_coordinator, users_by_role):
    request = ask_to_look_again(assessment, by=family, what_is_wrong="Wrong")
    for user in (other_coordinator, users_by_role["panel_member"], family):
        with pytest.raises(AllocationError, match="Only the assessment's coordinator"):
            answer_look_again(request, by=user, answer="No")
    request.refresh_from_db()
    assert request.status == LookAgainStatus.OPEN


def test_an_answer_is_needed(assessment, family, coordinator):
    request = ask_to_look_again(assessment, by=family, what_is_wrong="Wrong")
    with pytest.raises(AllocationError, match="Enter your answer") as raised:
        answer_look_again(request, by=coordinator, answer="  ")
    assert raised.value.field == "answer"


# --- the coordinator's pages -----------------------------------------------------------------


def _client(client, user):
    client.force_login(user)
    return client


def test_the_coordinator_lists_and_answers_on_the_admin_pages(
    assessment, family, coordinator, client
):
    request = ask_to_look_again(assessment, by=family, what_is_wrong="She needs more help")
    page = _client(client, coordinator).get(reverse("look_again_admin:index"))
    assert page.status_code == 200
    assert "She needs more help" in page.content.decode()

    url = reverse("look_again_admin:answer", args=[request.pk])
    empty = client.post(url, {"answer": ""})
    assert empty.status_code == 200
    assert "Enter your answer to the family" in empty.content.decode()

    done = client.post(url, {"answer": "We will meet again next week."})
    assert done.status_code == 302
    request.refresh_from_db()
    assert request.answer == "We will meet again next week."
    again = client.get(url)
    assert "We will meet again next week." in again.content.decode()
    assert "Send the answer" not in again.content.decode()


def test_another_coordinators_request_is_not_found(assessment, family, other_coordinator, client):
    request = ask_to_look_again(assessment, by=family, what_is_wrong="Private words")
    _client(client, other_coordinator)
    listing = client.get(reverse("look_again_admin:index"))
    assert listing.status_code == 200
    assert "Private words" not in listing.content.decode()
    url = reverse("look_again_admin:answer", args=[request.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"answer": "No"}).status_code == 404


@pytest.mark.parametrize("role", ["finance_officer", "panel_member", "moderator"])
def test_other_staff_are_refused(assessment, family, client_for, role):
    request = ask_to_look_again(assessment, by=family, what_is_wrong="Wrong")
    client = client_for(role)
    assert client.get(reverse("look_again_admin:index")).status_code in (302, 403)
    assert client.get(reverse("look_again_admin:answer", args=[request.pk])).status_code in (
        302,
        403,
    )


def test_a_family_or_provider_gets_nothing(assessment, family, client_for, client):
    request = ask_to_look_again(assessment, by=family, what_is_wrong="Wrong")
    for c in (_client(client, family), client_for("provider")):
        for url in (
            reverse("look_again_admin:index"),
            reverse("look_again_admin:answer", args=[request.pk]),
        ):
            response = c.get(url)
            assert response.status_code in (302, 403)
            assert b"Wrong" not in response.content
