"""The third party holding part of a budget gets an account: the officer records its name
and email and invites it; the emailed link works once, only the newest works, and only
for the third party (never as the family's link); the officer can send it again, invite
someone else, or remove the access. Each step is audited; refused input changes nothing."""

from __future__ import annotations

import hashlib

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from pricing.budgets.enums import InvitationRole, InvitationStatus
from pricing.budgets.models import BudgetInvitation, PersonalBudget
from pricing.budgets.services import (
    BudgetError,
    accept_invitation,
    accept_third_party_invitation,
    invite,
    invite_third_party,
    remove_third_party,
    resend_third_party_invitation,
)
from tests.factories import UserFactory
from tests.pricing.budgets.test_funding import _at_now  # noqa: F401  (the bookings' clock)
from tests.pricing.budgets.third_party_setup import BROKER_EMAIL, BROKER_NAME, token_in

pytestmark = pytest.mark.django_db


def logged(action: str) -> list[dict]:
    entries = ModelLogEntry.objects.filter(action=f"pricing.budget_{action}").order_by("pk")
    return [entry.data for entry in entries]


def third_party_invitations(budget: PersonalBudget) -> dict[str, str]:
    rows = BudgetInvitation.objects.filter(budget=budget, role=InvitationRole.THIRD_PARTY)
    return dict(rows.values_list("email", "status"))


def test_the_invitation_emails_a_one_time_link_in_plain_english(held, officer, invite_link):
    token = invite_link(held, email="  Decisions@Brightpath.EXAMPLE ")

    invitation = BudgetInvitation.objects.get(budget=held, role=InvitationRole.THIRD_PARTY)
    assert invitation.email == BROKER_EMAIL
    assert invitation.status == InvitationStatus.SENT
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert len(token) >= 40
    message = mail.outbox[-1]
    assert message.to == [BROKER_EMAIL]
    assert message.subject == "Decide on bookings paid from Amira's personal budget"
    body = message.body
    assert "Brightpath Brokerage as holding part of Amira's personal budget" in body
    assert "Northbridge Borough Council" in body and held.reference in body
    assert "You will not see the rest of the budget" in body
    for jargon in ("{{", "{%", "<", "&amp;", "&#x27;", "None"):
        assert jargon not in body
    assert logged("third_party_invited") == [{"email": BROKER_EMAIL, "budget": held.reference}]
    # The budget has no account yet: nothing changes until someone accepts.
    held.refresh_from_db()
    assert held.third_party is None


def test_accepting_makes_the_account_the_budgets_third_party(held, broker, invite_link):
    token = invite_link(held)

    budget = accept_third_party_invitation(token=token, user=broker)

    assert budget == held and budget.third_party == broker
    assert list(PersonalBudget.objects.for_third_party(broker)) == [held]
    invitation = BudgetInvitation.objects.get(budget=held, role=InvitationRole.THIRD_PARTY)
    assert (invitation.status, invitation.accepted_by) == (InvitationStatus.ACCEPTED, broker)
    assert invitation.accepted_at is not None
    assert logged("third_party_accepted")[0]["email"] == BROKER_EMAIL
    # Accepting is not linking a child: the family's side is untouched.
    held.refresh_from_db()
    assert held.child.family != broker


def test_a_link_works_once(held, broker, invite_link):
    token = invite_link(held)
    accept_third_party_invitation(token=token, user=broker)
    with pytest.raises(BudgetError, match="used or withdrawn"):
        accept_third_party_invitation(token=token, user=UserFactory())
    held.refresh_from_db()
    assert held.third_party == broker


def test_the_familys_link_and_the_third_partys_are_never_interchangeable(
    held, broker, officer, invite_link, child, django_capture_on_commit_callbacks
):
    third_party_token = invite_link(held)
    with django_capture_on_commit_callbacks(execute=True):
        invite(budget=held, email="parent@example.org", by=officer)
    family_token = mail.outbox[-1].body.split("/account/budgets/invitation/")[1].split("/")[0]

    with pytest.raises(BudgetError, match="used or withdrawn"):
        accept_invitation(token=third_party_token, user=child.family, child=child)
    with pytest.raises(BudgetError, match="used or withdrawn"):
        accept_third_party_invitation(token=family_token, user=broker)
    # Inviting one never withdrew the other's link.
    statuses = dict(BudgetInvitation.objects.values_list("role", "status"))
    assert statuses == {"family": InvitationStatus.SENT, "third_party": InvitationStatus.SENT}


def test_sending_again_makes_a_new_link_and_the_old_one_stops_working(
    held, broker, officer, django_capture_on_commit_callbacks, invite_link
):
    first = invite_link(held)
    with django_capture_on_commit_callbacks(execute=True):
        resend_third_party_invitation(budget=held, by=officer)
    second = token_in(mail.outbox[-1].body)
    assert mail.outbox[-1].to == [BROKER_EMAIL] and second != first

    with pytest.raises(BudgetError, match="used or withdrawn"):
        accept_third_party_invitation(token=first, user=broker)
    accept_third_party_invitation(token=second, user=broker)
    assert len(logged("third_party_invitation_resent")) == 1
    # Nothing is waiting now: sending again is refused and emails nobody.
    sent = len(mail.outbox)
    with pytest.raises(BudgetError, match="No invitation is waiting"):
        resend_third_party_invitation(budget=held, by=officer)
    assert len(mail.outbox) == sent


def test_someone_else_invited_replaces_the_account_when_they_accept(accepted, broker, invite_link):
    colleague = UserFactory(email="new.lead@brightpath.example")
    token = invite_link(accepted, email="new.lead@brightpath.example")
    accepted.refresh_from_db()
    assert accepted.third_party == broker  # until the new person accepts

    accept_third_party_invitation(token=token, user=colleague)

    accepted.refresh_from_db()
    assert accepted.third_party == colleague
    assert third_party_invitations(accepted) == {
        BROKER_EMAIL: InvitationStatus.REMOVED,
        "new.lead@brightpath.example": InvitationStatus.ACCEPTED,
    }
    assert logged("third_party_accepted")[-1]["replaced"] == broker.pk


def test_a_new_name_is_recorded_and_audited(held, invite_link):
    invite_link(held, name="  Brightpath Brokerage CIC ")
    held.refresh_from_db()
    assert held.third_party_name == "Brightpath Brokerage CIC"
    assert logged("third_party_named")[0]["to"] == "Brightpath Brokerage CIC"


def test_the_officer_removes_the_access_with_a_reason(accepted, broker, officer, invite_link):
    invite_link(accepted, email="someone.else@brightpath.example")  # waiting, not accepted

    remove_third_party(budget=accepted, reason="  The brokerage contract ended ", by=officer)

    accepted.refresh_from_db()
    assert accepted.third_party is None
    assert accepted.third_party_name == BROKER_NAME  # it still holds the money, on paper
    assert list(PersonalBudget.objects.for_third_party(broker)) == []
    assert third_party_invitations(accepted) == {
        BROKER_EMAIL: InvitationStatus.REMOVED,
        "someone.else@brightpath.example": InvitationStatus.WITHDRAWN,
    }
    assert logged("third_party_removed") == [
        {
            "email": BROKER_EMAIL,
            "reason": "The brokerage contract ended",
            "budget": accepted.reference,
        }
    ]
    with pytest.raises(BudgetError, match="no access to remove"):
        remove_third_party(budget=accepted, reason="Again", by=officer)


@pytest.mark.parametrize("reason", ["", "   ", "x" * 1001])
def test_removing_needs_a_reason(accepted, broker, officer, reason):
    with pytest.raises(BudgetError) as refused:
        remove_third_party(budget=accepted, reason=reason, by=officer)
    assert refused.value.field == "reason"
    accepted.refresh_from_db()
    assert accepted.third_party == broker
    assert not logged("third_party_removed")


@pytest.mark.parametrize("role", ["finance_officer", "moderator", "superuser"])
def test_council_staff_cannot_accept(held, users_by_role, invite_link, role):
    token = invite_link(held)
    with pytest.raises(BudgetError, match="council account"):
        accept_third_party_invitation(token=token, user=users_by_role[role])
    held.refresh_from_db()
    assert held.third_party is None
    assert third_party_invitations(held) == {BROKER_EMAIL: InvitationStatus.SENT}


def test_the_family_cannot_be_its_own_third_party(held, child, invite_link):
    token = invite_link(held, email=child.family.email)
    with pytest.raises(BudgetError, match="family's account"):
        accept_third_party_invitation(token=token, user=child.family)
    held.refresh_from_db()
    assert held.third_party is None


@pytest.mark.parametrize("email", ["", "   ", "not an address", "broker@", "a@b@c.example"])
def test_an_invitation_needs_an_email_address(held, officer, email):
    with pytest.raises(BudgetError) as refused:
        invite_third_party(budget=held, name=BROKER_NAME, email=email, by=officer)
    assert refused.value.field == "email"
    assert not BudgetInvitation.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("name", ["", "   ", "x" * 201])
def test_an_invitation_needs_the_third_partys_name(held, officer, name):
    with pytest.raises(BudgetError) as refused:
        invite_third_party(budget=held, name=name, email=BROKER_EMAIL, by=officer)
    assert refused.value.field == "third_party_name"
    held.refresh_from_db()
    assert held.third_party_name == BROKER_NAME
    assert not BudgetInvitation.objects.exists()


def test_a_budget_without_a_third_party_part_has_no_third_party_to_invite(budget, officer):
    with pytest.raises(BudgetError, match="No part of this budget is held by a third party"):
        invite_third_party(budget=budget, name=BROKER_NAME, email=BROKER_EMAIL, by=officer)
    budget.refresh_from_db()
    assert budget.third_party_name == ""
    assert mail.outbox == []
