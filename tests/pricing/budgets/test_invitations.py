"""The officer invites the parent (or the young person) to see a budget; the emailed link
works once, only the newest link works, and it links the budget to the family's own
child only."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest
from django.core import mail
from django.urls import reverse

from pricing.budgets.enums import InvitationStatus
from pricing.budgets.models import BudgetInvitation, PersonalBudget
from pricing.budgets.services import BudgetError, accept_invitation, invite
from tests.factories import UserFactory
from tests.pricing.factories import ChildFactory, born_years_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def unlinked(make_budget) -> PersonalBudget:
    """A budget for "Sam" that no family has accepted yet."""
    return make_budget(for_child=None)


@pytest.fixture
def send(officer, django_capture_on_commit_callbacks):
    """invite() and the token from the link in the email it sent."""

    def make(budget: PersonalBudget, email: str = "parent@example.org") -> str:
        before = len(mail.outbox)
        with django_capture_on_commit_callbacks(execute=True):
            invite(budget=budget, email=email, by=officer)
        assert len(mail.outbox) == before + 1
        prefix = re.escape("http://testserver" + str(reverse("budgets:accept", args=["TOKEN"])))
        found = re.search(prefix.replace("TOKEN", r"([\w-]+)"), str(mail.outbox[-1].body))
        assert found, mail.outbox[-1].body
        return found.group(1)

    return make


def test_the_invitation_emails_a_link_in_plain_english(unlinked, send):
    token = send(unlinked, "  Parent@Example.ORG ")

    invitation = BudgetInvitation.objects.get(budget=unlinked)
    assert invitation.email == "parent@example.org"
    assert invitation.status == InvitationStatus.SENT
    # Only a hash of the token is kept.
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in invitation.token_hash
    assert len(token) >= 40
    message = mail.outbox[-1]
    assert message.to == ["parent@example.org"]
    assert message.subject == "See Sam's personal budget online"
    assert unlinked.reference in message.body
    for jargon in ("{{", "{%", "<", "&amp;", "&#x27;", "None"):
        assert jargon not in message.body


def test_accepting_links_the_budget_to_the_familys_own_child(unlinked, send, family, child):
    token = send(unlinked)

    budget = accept_invitation(token=token, user=family, child=child)

    assert budget == unlinked
    unlinked.refresh_from_db()
    assert unlinked.child == child
    assert list(PersonalBudget.objects.for_family(family)) == [unlinked]
    invitation = BudgetInvitation.objects.get(budget=unlinked)
    assert invitation.status == InvitationStatus.ACCEPTED
    assert invitation.accepted_by == family
    assert invitation.accepted_at is not None


def test_another_familys_child_is_refused_and_the_link_still_works(
    unlinked, send, family, child, other_child
):
    token = send(unlinked)

    with pytest.raises(BudgetError) as refused:
        accept_invitation(token=token, user=family, child=other_child)
    assert refused.value.field == "child"
    unlinked.refresh_from_db()
    assert unlinked.child is None
    assert BudgetInvitation.objects.get().status == InvitationStatus.SENT

    accept_invitation(token=token, user=family, child=child)
    unlinked.refresh_from_db()
    assert unlinked.child == child


def test_a_link_works_once(unlinked, send, family, child):
    token = send(unlinked)
    accept_invitation(token=token, user=family, child=child)

    with pytest.raises(BudgetError, match="used or withdrawn"):
        accept_invitation(token=token, user=family, child=child)
    stranger = UserFactory()
    with pytest.raises(BudgetError, match="used or withdrawn"):
        accept_invitation(token=token, user=stranger, child=ChildFactory(family=stranger))
    unlinked.refresh_from_db()
    assert unlinked.child == child


def test_a_new_invitation_withdraws_the_earlier_ones(unlinked, send, family, child):
    first = send(unlinked, "old@example.org")
    second = send(unlinked, "parent@example.org")

    statuses = dict(BudgetInvitation.objects.values_list("email", "status"))
    assert statuses == {
        "old@example.org": InvitationStatus.WITHDRAWN,
        "parent@example.org": InvitationStatus.SENT,
    }
    with pytest.raises(BudgetError, match="used or withdrawn"):
        accept_invitation(token=first, user=family, child=child)
    accept_invitation(token=second, user=family, child=child)


def test_an_accepted_invitation_is_not_withdrawn_by_a_later_one(unlinked, send, family, child):
    accept_invitation(token=send(unlinked), user=family, child=child)
    send(unlinked, "second.carer@example.org")
    assert BudgetInvitation.objects.filter(status=InvitationStatus.ACCEPTED).count() == 1


def test_a_made_up_token_is_refused(unlinked, send, family, child):
    send(unlinked)
    with pytest.raises(BudgetError, match="used or withdrawn"):
        accept_invitation(token="not-a-real-token", user=family, child=child)


def test_a_young_person_accepts_for_themselves(unlinked, send):
    young_person = UserFactory(email="sam@example.org")
    themselves = ChildFactory(
        family=young_person,
        first_name="Sam",
        date_of_birth=born_years_ago(19),
        is_account_holder=True,
    )
    token = send(unlinked, "sam@example.org")

    accept_invitation(token=token, user=young_person, child=themselves)

    unlinked.refresh_from_db()
    assert unlinked.child == themselves
    assert list(PersonalBudget.objects.for_family(young_person)) == [unlinked]


def test_a_budget_linked_to_one_child_is_not_moved_to_another(budget, send, family, child):
    """`budget` is already Amira's; a new invitation cannot move it to her brother."""
    brother = ChildFactory(family=family, first_name="Omar", date_of_birth=dt.date(2016, 1, 5))
    token = send(budget)

    with pytest.raises(BudgetError, match="already linked"):
        accept_invitation(token=token, user=family, child=brother)
    budget.refresh_from_db()
    assert budget.child == child
    accept_invitation(token=send(budget), user=family, child=child)  # the same child is fine


@pytest.mark.parametrize("email", ["", "   ", "not an address", "parent@"])
def test_an_invitation_needs_an_email_address(unlinked, officer, email):
    with pytest.raises(BudgetError) as refused:
        invite(budget=unlinked, email=email, by=officer)
    assert refused.value.field == "email"
    assert not BudgetInvitation.objects.exists()
    assert mail.outbox == []


def test_a_refused_invitation_leaves_the_earlier_link_working(unlinked, send, officer):
    send(unlinked)
    with pytest.raises(BudgetError):
        invite(budget=unlinked, email="oops", by=officer)
    assert BudgetInvitation.objects.get().status == InvitationStatus.SENT
