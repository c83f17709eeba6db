"""The one way to move a state machine, exercised on a real model (a feedback comment)."""

from __future__ import annotations

import pytest
from django import forms
from django.db import transaction
from wagtail.models import ModelLogEntry

from localoffer.core.forms import add_domain_error
from localoffer.core.transitions import DomainError, check_transition, lock, transition
from localoffer.feedback.enums import FEEDBACK_TRANSITIONS, FeedbackStatus
from localoffer.feedback.models import Feedback
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class Refused(DomainError):
    pass


@pytest.fixture
def superuser():
    return UserFactory(email="admin@northbridge.example", superuser=True)


@pytest.fixture
def feedback():
    return Feedback.objects.create(topic="health", comment="The clinic moved.")


def test_a_move_saves_the_status_and_changes_and_writes_one_audit_entry(feedback, superuser):
    with transaction.atomic():
        moved = transition(
            feedback,
            table=FEEDBACK_TRANSITIONS,
            to=FeedbackStatus.PUBLISHED,
            user=superuser,
            action="localoffer.feedback.publish",
            changes={"published_comment": "The clinic moved.", "response": "We updated it."},
            data={"why": "tested"},
        )
    assert moved is not feedback
    stored = Feedback.objects.get(pk=feedback.pk)
    assert (stored.status, stored.response) == (FeedbackStatus.PUBLISHED, "We updated it.")
    entry = ModelLogEntry.objects.get(object_id=str(feedback.pk))
    assert entry.action == "localoffer.feedback.publish"
    assert entry.user_id == superuser.pk
    assert entry.data == {"from_status": FeedbackStatus.NEW, "why": "tested"}


def test_the_table_is_checked_against_the_stored_row_not_the_callers_copy(feedback, superuser):
    # Someone else withdrew the comment after this caller loaded it as new.
    Feedback.objects.filter(pk=feedback.pk).update(status=FeedbackStatus.NOT_PUBLISHED)
    assert feedback.status == FeedbackStatus.NEW
    refused = pytest.raises(Refused, match="This is not published, so it cannot be marked not")
    with refused, transaction.atomic():
        transition(
            feedback,
            table=FEEDBACK_TRANSITIONS,
            to=FeedbackStatus.NOT_PUBLISHED,
            user=superuser,
            action="localoffer.feedback.withdraw",
            error=Refused,
        )
    assert not ModelLogEntry.objects.filter(object_id=str(feedback.pk)).exists()


def test_only_the_changed_fields_are_written(feedback, superuser):
    # A write to another column between the caller's read and the move is kept.
    Feedback.objects.filter(pk=feedback.pk).update(comment="Edited meanwhile.")
    with transaction.atomic():
        transition(
            feedback,
            table=FEEDBACK_TRANSITIONS,
            to=FeedbackStatus.NOT_PUBLISHED,
            user=superuser,
            action="localoffer.feedback.withdraw",
        )
    stored = Feedback.objects.get(pk=feedback.pk)
    assert (stored.status, stored.comment) == (FeedbackStatus.NOT_PUBLISHED, "Edited meanwhile.")


def test_check_transition_takes_a_message_and_an_error_class(feedback):
    check_transition(feedback, table=FEEDBACK_TRANSITIONS, to=FeedbackStatus.PUBLISHED)
    feedback.status = FeedbackStatus.PUBLISHED
    with pytest.raises(Refused, match="^Already out$") as error:
        check_transition(
            feedback,
            table=FEEDBACK_TRANSITIONS,
            to=FeedbackStatus.PUBLISHED,
            error=Refused,
            message="Already out",
        )
    assert error.value.field is None


def test_lock_reads_the_row_afresh(feedback):
    Feedback.objects.filter(pk=feedback.pk).update(comment="Changed")
    with transaction.atomic():
        assert lock(feedback).comment == "Changed"


class _Form(forms.Form):
    reason = forms.CharField()


def test_a_domain_error_is_shown_beside_its_field_or_at_the_top():
    form = _Form({"reason": "x"})
    assert form.is_valid()
    add_domain_error(form, DomainError("Say more.", field="reason"))
    add_domain_error(form, DomainError("Not now.", field="not_on_this_form"))
    add_domain_error(form, DomainError("Never."))
    assert form.errors["reason"] == ["Say more."]
    assert form.non_field_errors() == ["Not now.", "Never."]


def test_a_domain_error_is_a_validation_error_with_its_message():
    error = DomainError("No.", field="reason", code="refused")
    assert str(error) == "No." and error.messages == ["No."] and error.code == "refused"
