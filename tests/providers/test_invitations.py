"""Invitations and teams: admins invite colleagues by email, change roles, remove people.

An invitation link works once, for 14 days, for the account with the invited address
only; every other use gets a page saying what to do and changes nothing. An organisation
always keeps at least one admin. Nobody sees or changes another organisation's team.
"""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from wagtail.models import PageLogEntry

from providers.enums import InvitationStatus, TeamRole
from providers.models import Invitation
from providers.organisations.access import (
    grant_organisation_access,
    is_organisation_admin,
    is_organisation_member,
)
from providers.organisations.services import (
    TeamError,
    cancel_invitation,
    change_member_role,
    invite_member,
    remove_member,
)
from tests.factories import OrganisationPageFactory, UserFactory

LINK = re.compile(r"http://testserver(/for-providers/invitations/[^/\s]+/)")


@pytest.fixture
def admin(users_by_role):
    return users_by_role["provider_admin"]


@pytest.fixture
def member(users_by_role):
    return users_by_role["provider"]


@pytest.fixture
def invitee(users_by_role):
    return UserFactory(email="robin@example.org", first_name="Robin")


def client_of(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def team_url(organisation) -> str:
    return f"/admin/your-organisation/{organisation.pk}/"


@pytest.fixture
def invite(mailoutbox, django_capture_on_commit_callbacks):
    """Invite through the admin, as an organisation's admin would; returns the email's link."""

    def send(organisation, admin, email="Robin@Example.org", role=TeamRole.MEMBER) -> str:
        with django_capture_on_commit_callbacks(execute=True):
            response = client_of(admin).post(team_url(organisation), {"email": email, "role": role})
        assert response.status_code == 302, response.content.decode()[:2000]
        return LINK.findall(mailoutbox[-1].body)[-1]

    return send


def snapshot(organisation) -> tuple:
    """Everything a use of a link could change: invitations and everyone's access."""
    return (
        sorted(Invitation.objects.values_list("pk", "status", "accepted_by_id", "token_hash")),
        sorted(
            (
                person.pk,
                is_organisation_member(person, organisation),
                is_organisation_admin(person, organisation),
            )
            for person in get_user_model().objects.all()
        ),
    )


# --- the happy path ------------------------------------------------------------------------


def test_an_admin_invites_a_colleague_who_signs_in_and_joins(
    organisation, admin, invitee, invite, mailoutbox
):
    link = invite(organisation, admin)
    message = mailoutbox[-1]
    assert message.to == ["robin@example.org"]
    assert message.subject == "You are invited to join Northbridge Play Club"
    assert "as a member" in message.body
    assert "until" in message.body

    invitation = Invitation.objects.get()
    assert invitation.email == "robin@example.org"
    assert invitation.expires_at - invitation.created_at == dt.timedelta(days=14)
    # Only a hash of the link's token is stored.
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert token not in str(Invitation.objects.values().get())
    assert PageLogEntry.objects.filter(page=organisation, action="providers.invite").exists()

    # Signed out: asked to sign in or create an account, and to come back.
    signed_out = Client().get(link)
    page = signed_out.content.decode()
    assert signed_out.status_code == 200
    assert "Sign in to join Northbridge Play Club" in page
    assert f"next={link}" in page.replace("%2F", "/")
    assert not is_organisation_member(invitee, organisation)

    client = client_of(invitee)
    page = client.get(link).content.decode()
    assert "Join Northbridge Play Club" in page
    assert not is_organisation_member(invitee, organisation)  # GET changes nothing

    response = client.post(link)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert is_organisation_member(invitee, organisation)
    assert not is_organisation_admin(invitee, organisation)
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED
    assert invitation.accepted_by == invitee
    assert "You have joined Northbridge Play Club" in client.get("/admin/").content.decode()


def test_an_invitation_as_admin_makes_an_admin(organisation, admin, invitee, invite):
    link = invite(organisation, admin, role=TeamRole.ADMIN)
    client_of(invitee).post(link)
    assert is_organisation_admin(invitee, organisation)


def test_a_person_can_belong_to_several_organisations(
    organisation, organisation_index, admin, invitee, invite
):
    other = OrganisationPageFactory(
        parent=organisation_index, title="Riverside Carers", verified=True
    )
    other_admin = UserFactory(email="admin@riverside.example.org")
    grant_organisation_access(organisation=other, user=other_admin, admin=True)
    client_of(invitee).post(invite(organisation, admin))
    client_of(invitee).post(invite(other, other_admin))
    assert is_organisation_member(invitee, organisation)
    assert is_organisation_member(invitee, other)
    page = client_of(invitee).get("/admin/your-organisation/").content.decode()
    assert "Northbridge Play Club" in page and "Riverside Carers" in page


# --- links that cannot be used -------------------------------------------------------------


def test_a_used_link_cannot_be_used_again(organisation, admin, invitee, invite):
    link = invite(organisation, admin)
    client_of(invitee).post(link)
    remove_member(organisation=organisation, member=invitee, user=admin)
    before = snapshot(organisation)

    for method in ("get", "post"):
        response = getattr(client_of(invitee), method)(link)
        assert response.status_code == 410
        assert "This invitation has already been used" in response.content.decode()
    assert snapshot(organisation) == before
    assert not is_organisation_member(invitee, organisation)


def test_an_expired_link_says_so_and_changes_nothing(organisation, admin, invitee, invite):
    link = invite(organisation, admin)
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    before = snapshot(organisation)

    client = client_of(invitee)
    for method in ("get", "post"):
        response = getattr(client, method)(link)
        assert response.status_code == 410
        page = response.content.decode()
        assert "This invitation has expired" in page
        assert "send you the invitation again" in page
    assert snapshot(organisation) == before
    assert not is_organisation_member(invitee, organisation)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: token[:-5],
        lambda token: token + "x",
        lambda token: "not-a-token",
    ],
)
def test_a_tampered_link_does_not_work_and_changes_nothing(
    organisation, admin, invitee, tamper, invite
):
    link = invite(organisation, admin)
    token = link.rstrip("/").rsplit("/", 1)[1]
    bad = f"/for-providers/invitations/{tamper(token)}/"
    before = snapshot(organisation)
    for client in (Client(), client_of(invitee)):
        for method in ("get", "post"):
            response = getattr(client, method)(bad)
            assert response.status_code == 404
            assert "This invitation link does not work" in response.content.decode()
    assert snapshot(organisation) == before
    assert not is_organisation_member(invitee, organisation)


def test_a_cancelled_invitation_cannot_be_accepted(organisation, admin, invitee, invite):
    link = invite(organisation, admin)
    response = client_of(admin).post(
        f"{team_url(organisation)}invitations/{Invitation.objects.get().pk}/cancel/"
    )
    assert response.status_code == 302
    before = snapshot(organisation)
    response = client_of(invitee).post(link)
    assert response.status_code == 410
    assert "This invitation has been cancelled" in response.content.decode()
    assert snapshot(organisation) == before
    assert not is_organisation_member(invitee, organisation)


def test_the_wrong_account_is_told_to_sign_in_with_the_invited_address(
    organisation, admin, users_by_role, invite
):
    link = invite(organisation, admin)
    somebody_else = users_by_role["family"]
    before = snapshot(organisation)
    client = client_of(somebody_else)
    for method in ("get", "post"):
        response = getattr(client, method)(link)
        assert response.status_code == 403
        page = response.content.decode()
        assert "This invitation is for a different email address" in page
        assert "robin@example.org" not in page  # the invited address is not revealed
        assert 'action="/account/logout/"' in page
    assert snapshot(organisation) == before
    assert not is_organisation_member(somebody_else, organisation)


def test_sending_again_gives_a_new_link_and_the_old_one_stops_working(
    organisation, admin, invitee, django_capture_on_commit_callbacks, invite, mailoutbox
):
    old_link = invite(organisation, admin)
    invitation = Invitation.objects.get()
    Invitation.objects.update(expires_at=timezone.now() + dt.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(admin).post(
            f"{team_url(organisation)}invitations/{invitation.pk}/send-again/"
        )
    assert response.status_code == 302
    new_link = LINK.findall(mailoutbox[-1].body)[-1]
    assert new_link != old_link
    invitation.refresh_from_db()
    assert invitation.expires_at > timezone.now() + dt.timedelta(days=13)

    assert client_of(invitee).post(old_link).status_code == 404
    assert not is_organisation_member(invitee, organisation)
    assert client_of(invitee).post(new_link).status_code == 302
    assert is_organisation_member(invitee, organisation)


def test_an_expired_invitation_is_replaced_by_inviting_again(organisation, admin, invitee, invite):
    invite(organisation, admin)
    with pytest.raises(TeamError, match="already invited"):
        invite_member(
            organisation=organisation, email="robin@example.org", role="member", user=admin
        )
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(days=1))
    link = invite(organisation, admin)
    assert sorted(Invitation.objects.values_list("status", flat=True)) == ["cancelled", "pending"]
    client_of(invitee).post(link)
    assert is_organisation_member(invitee, organisation)


def test_inviting_someone_already_in_the_team_or_a_bad_address_shows_an_error(
    organisation, admin, member, django_capture_on_commit_callbacks, mailoutbox
):
    client = client_of(admin)
    for email, message in (
        (member.email, "is already in your team"),
        ("not an address", "Enter an email address in the correct format"),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(team_url(organisation), {"email": email, "role": "member"})
        assert response.status_code == 200
        assert message in response.content.decode()
    assert not Invitation.objects.exists()
    assert mailoutbox == []


# --- roles and removal ---------------------------------------------------------------------


def test_the_last_admin_can_be_neither_removed_nor_made_a_member(organisation, admin, member):
    with pytest.raises(TeamError, match="only admin"):
        remove_member(organisation=organisation, member=admin, user=admin)
    with pytest.raises(TeamError, match="only admin"):
        change_member_role(organisation=organisation, member=admin, role="member", user=admin)
    assert is_organisation_admin(admin, organisation)

    # Through the admin too: the message is shown and nothing changes.
    response = client_of(admin).post(
        f"{team_url(organisation)}people/{admin.pk}/remove/", follow=True
    )
    assert "is the only admin of Northbridge Play Club" in response.content.decode()
    assert is_organisation_admin(admin, organisation)


def test_an_admin_changes_roles_and_removes_people(organisation, admin, member):
    client = client_of(admin)
    client.post(f"{team_url(organisation)}people/{member.pk}/role/", {"role": "admin"})
    assert is_organisation_admin(member, organisation)

    # With a second admin, the first may step down, then be removed by the other.
    client.post(f"{team_url(organisation)}people/{admin.pk}/role/", {"role": "member"})
    assert not is_organisation_admin(admin, organisation)
    assert is_organisation_member(admin, organisation)

    confirm = client_of(member).get(f"{team_url(organisation)}people/{admin.pk}/remove/")
    assert "Are you sure you want to remove" in confirm.content.decode()
    client_of(member).post(f"{team_url(organisation)}people/{admin.pk}/remove/")
    assert not is_organisation_member(admin, organisation)
    assert PageLogEntry.objects.filter(page=organisation, action="providers.remove_member").exists()


def test_members_see_the_team_read_only(organisation, member, admin, invite):
    invite(organisation, admin)
    client = client_of(member)
    page = client.get(team_url(organisation)).content.decode()
    assert admin.email in page
    assert "robin@example.org" not in page  # waiting invitations are for admins
    assert "Send invitation" not in page and "Change role" not in page

    client.post(team_url(organisation), {"email": "new@example.org", "role": "admin"})
    client.post(f"{team_url(organisation)}people/{admin.pk}/remove/")
    client.post(f"{team_url(organisation)}people/{member.pk}/role/", {"role": "admin"})
    client.post(f"{team_url(organisation)}invitations/{Invitation.objects.get().pk}/cancel/")
    assert Invitation.objects.get().status == InvitationStatus.PENDING
    assert Invitation.objects.count() == 1
    assert is_organisation_admin(admin, organisation)
    assert not is_organisation_admin(member, organisation)


# --- another organisation's team -----------------------------------------------------------


@pytest.fixture
def other_organisation(organisation_index, django_capture_on_commit_callbacks):
    other = OrganisationPageFactory(
        parent=organisation_index, title="Riverside Carers", verified=True
    )
    other_admin = UserFactory(email="admin@riverside.example.org")
    other_member = UserFactory(email="member@riverside.example.org")
    grant_organisation_access(organisation=other, user=other_admin, admin=True)
    grant_organisation_access(organisation=other, user=other_member, admin=False)
    with django_capture_on_commit_callbacks(execute=True):
        invite_member(
            organisation=other, email="waiting@example.org", role="member", user=other_admin
        )
    return other


@pytest.mark.parametrize(
    "who", ["provider_admin", "provider", "family", "content_editor", "finance_officer", None]
)
def test_nobody_outside_an_organisation_sees_or_changes_its_team(
    who, other_organisation, users_by_role
):
    other = other_organisation
    other_admin = get_user_model().objects.get(email="admin@riverside.example.org")
    other_member = get_user_model().objects.get(email="member@riverside.example.org")
    invitation = Invitation.objects.get(organisation=other)
    client = client_of(users_by_role[who] if who else None)
    url = team_url(other)

    response = client.get(url)
    assert response.status_code == 302
    assert "member@riverside.example.org" not in client.get(url, follow=True).content.decode()

    client.post(url, {"email": "intruder@example.org", "role": "admin"})
    client.post(f"{url}invitations/{invitation.pk}/send-again/")
    client.post(f"{url}invitations/{invitation.pk}/cancel/")
    client.post(f"{url}people/{other_member.pk}/role/", {"role": "admin"})
    client.post(f"{url}people/{other_admin.pk}/remove/")
    client.post(f"{url}people/{other_admin.pk}/role/", {"role": "member"})

    assert list(Invitation.objects.filter(organisation=other).values_list("email", "status")) == [
        ("waiting@example.org", "pending")
    ]
    assert is_organisation_admin(other_admin, other)
    assert not is_organisation_admin(other_member, other)


def test_an_admin_cannot_reach_another_organisations_invitation_through_their_own_team(
    organisation, admin, other_organisation
):
    invitation = Invitation.objects.get(organisation=other_organisation)
    client = client_of(admin)
    for action in ("send-again", "cancel"):
        response = client.post(f"{team_url(organisation)}invitations/{invitation.pk}/{action}/")
        assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING


def test_moderators_may_look_at_any_team_but_not_change_it(
    other_organisation, client_for, users_by_role
):
    client = client_for("moderator")
    page = client.get(team_url(other_organisation)).content.decode()
    assert "member@riverside.example.org" in page
    assert "Send invitation" not in page
    client.post(team_url(other_organisation), {"email": "x@example.org", "role": "member"})
    assert Invitation.objects.filter(organisation=other_organisation).count() == 1
    with pytest.raises(TeamError):
        cancel_invitation(
            invitation=Invitation.objects.get(organisation=other_organisation),
            user=users_by_role["moderator"],
        )
