"""Verifying organisations: moderators verify (publishing the page) or refuse (with a reason).

Only moderators and site administrators reach the verification screens; a decision is
made once; the organisation's admins are told by email and on their admin home page.
"""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.log_actions import registry as log_registry
from wagtail.models import PageLogEntry

from providers.enums import VerificationStatus
from providers.models import OrganisationPage, OrganisationRegistration
from providers.organisations import policy
from providers.organisations.access import grant_organisation_access
from providers.organisations.services import (
    RegistrationDetails,
    VerificationError,
    ask_to_check_again,
    refuse_organisation,
    register_organisation,
    verify_organisation,
)
from tests.factories import OrganisationPageFactory, UserFactory

INDEX_URL = "/admin/organisations/verify/"

REGISTRATION = {
    "organisation_type": "charity",
    "charity_number": "1199001",
    "description": "Swimming lessons for disabled children.",
    "email": "hello@otters.example.org",
    "phone": "01632 960 777",
    "address_line_1": "The Pool",
    "town": "Northbridge",
    "postcode": "NB2 3CD",
    "safeguarding_lead_name": "Jo Green",
    "safeguarding_lead_role": "Welfare officer",
    "safeguarding_lead_email": "jo@otters.example.org",
    "safeguarding_lead_phone": "07700 900 321",
    "insurance_held": True,
    "insurance_expires_on": dt.date(timezone.localdate().year + 1, 6, 30),
    "dbs_checks_confirmed": True,
    "safeguarding_policy_confirmed": True,
    "terms_accepted": True,
}


@pytest.fixture
def registrant(users_by_role):
    return UserFactory(email="lee@otters.example.org", first_name="Lee")


@pytest.fixture
def pending(registrant, organisation_index) -> OrganisationPage:
    return register_organisation(
        user=registrant, details=RegistrationDetails(**{**REGISTRATION, "name": "Otters Swim Club"})
    )


@pytest.fixture
def pending_member(pending):
    member = UserFactory(email="member@otters.example.org")
    grant_organisation_access(organisation=pending, user=member, admin=False)
    return member


def detail_url(organisation: OrganisationPage) -> str:
    return f"{INDEX_URL}{organisation.pk}/"


def client_of(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


# --- verify --------------------------------------------------------------------------------


def test_a_moderator_verifies_through_the_admin_which_publishes_the_page_and_emails_admins(
    pending, registrant, client_for, users_by_role, mailoutbox, django_capture_on_commit_callbacks
):
    moderator = client_for("moderator")
    listing = moderator.get(INDEX_URL).content.decode()
    assert "Otters Swim Club" in listing
    detail = moderator.get(detail_url(pending)).content.decode()
    assert "Jo Green" in detail and "07700 900 321" in detail  # the safeguarding lead
    assert "Verify Otters Swim Club" in detail

    with django_capture_on_commit_callbacks(execute=True):
        response = moderator.post(
            detail_url(pending), {"action": "verify", "revision_id": pending.latest_revision_id}
        )
    assert response.status_code == 302
    assert response["Location"] == INDEX_URL

    pending.refresh_from_db()
    assert pending.verification_status == VerificationStatus.VERIFIED
    assert pending.verified_at is not None
    assert pending.live
    assert pending.registration.decided_by == users_by_role["moderator"]
    assert PageLogEntry.objects.filter(page=pending, action="providers.verify").exists()
    assert log_registry.get_action_label("providers.verify") == "Verify organisation"

    assert [message.to for message in mailoutbox] == [[registrant.email]]
    assert mailoutbox[0].subject == "Otters Swim Club is verified"
    assert "submit each one for review" in mailoutbox[0].body
    # The public page is there now, and the organisation has left the queue.
    assert Client().get(pending.url).status_code == 200
    assert f'href="{detail_url(pending)}"' not in moderator.get(INDEX_URL).content.decode()


def test_verifying_publishes_the_latest_revision_the_moderator_saw(
    pending, registrant, users_by_role
):
    draft = pending.get_latest_revision_as_object()
    draft.description = "<p>Now with holiday swimming too.</p>"
    draft.save_revision(user=registrant)
    pending.refresh_from_db()

    verify_organisation(
        organisation=pending,
        user=users_by_role["moderator"],
        revision_id=pending.latest_revision_id,
    )
    pending.refresh_from_db()
    assert pending.description == "<p>Now with holiday swimming too.</p>"
    assert not pending.has_unpublished_changes


def test_a_change_saved_while_the_moderator_was_looking_is_not_published_unseen(
    pending, registrant, users_by_role
):
    seen = pending.latest_revision_id
    draft = pending.get_latest_revision_as_object()
    draft.description = "<p>Changed after the moderator opened the page.</p>"
    draft.save_revision(user=registrant)

    with pytest.raises(VerificationError, match="changed its details after you opened"):
        verify_organisation(organisation=pending, user=users_by_role["moderator"], revision_id=seen)
    pending.refresh_from_db()
    assert pending.verification_status == VerificationStatus.PENDING
    assert not pending.live


def test_a_moderator_cannot_verify_an_organisation_they_belong_to(pending, users_by_role):
    moderator = users_by_role["moderator"]
    grant_organisation_access(organisation=pending, user=moderator, admin=False)
    with pytest.raises(VerificationError, match="another moderator must check it"):
        verify_organisation(organisation=pending, user=moderator)
    pending.refresh_from_db()
    assert pending.verification_status == VerificationStatus.PENDING


# --- refuse --------------------------------------------------------------------------------


def test_a_moderator_refuses_with_a_reason_the_provider_is_emailed_and_sees(
    pending, registrant, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    moderator = client_for("moderator")
    reason = "Your insurance certificate is in another organisation's name."
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator.post(detail_url(pending), {"action": "refuse", "reason": reason})
    assert response.status_code == 302

    pending.refresh_from_db()
    assert pending.verification_status == VerificationStatus.REFUSED
    assert not pending.live
    assert pending.verified_at is None
    assert pending.registration.refusal_reason == reason
    entry = PageLogEntry.objects.get(page=pending, action="providers.refuse")
    assert entry.data["reason"] == reason
    assert reason in entry.message

    assert [message.to for message in mailoutbox] == [[registrant.email]]
    assert mailoutbox[0].subject == "We could not verify Otters Swim Club"
    body = mailoutbox[0].body
    assert reason in body
    assert f"http://testserver/admin/pages/{pending.pk}/edit/" in body
    assert "ask us to check it again" in body

    provider_home = client_of(registrant).get("/admin/").content.decode()
    assert "We could not verify Otters Swim Club" in provider_home
    assert "in another organisation&#x27;s name" in provider_home
    assert "Ask us to check Otters Swim Club again" in provider_home


def test_refusing_without_a_reason_shows_an_error_and_changes_nothing(
    pending, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("moderator").post(
            detail_url(pending), {"action": "refuse", "reason": "   "}
        )
    assert response.status_code == 200
    assert "Enter the reason for refusing" in response.content.decode()
    pending.refresh_from_db()
    assert pending.verification_status == VerificationStatus.PENDING
    assert mailoutbox == []
    with pytest.raises(VerificationError):
        refuse_organisation(organisation=pending, user=pending.owner, reason="")


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        ("verify", "verify", "has already been verified"),
        ("verify", "refuse", "has already been verified"),
        ("refuse", "refuse", "has already been refused"),
        ("refuse", "verify", "must correct its details and ask to be checked again"),
    ],
)
def test_a_second_decision_is_refused_with_a_clear_message(
    pending, users_by_role, client_for, mailoutbox, first, second, message
):
    moderator = users_by_role["moderator"]
    decide = {
        "verify": lambda: verify_organisation(organisation=pending, user=moderator),
        "refuse": lambda: refuse_organisation(organisation=pending, user=moderator, reason="No."),
    }
    decide[first]()
    pending.refresh_from_db()
    status, verified_at = pending.verification_status, pending.verified_at
    with pytest.raises(VerificationError, match=message):
        decide[second]()
    pending.refresh_from_db()
    assert (pending.verification_status, pending.verified_at) == (status, verified_at)

    # Through the admin too: the error is shown, nothing changes.
    response = client_for("moderator").post(
        detail_url(pending), {"action": second, "reason": "Again."}, follow=True
    )
    assert message in response.content.decode()
    pending.refresh_from_db()
    assert pending.verification_status == status


def test_a_refused_organisation_corrects_its_details_and_asks_to_be_checked_again(
    pending,
    registrant,
    pending_member,
    users_by_role,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    refuse_organisation(organisation=pending, user=users_by_role["moderator"], reason="No DBS.")

    # Only an admin of the organisation may ask.
    client_of(pending_member).post(f"/admin/your-organisation/{pending.pk}/check-again/")
    pending.refresh_from_db()
    assert pending.verification_status == VerificationStatus.REFUSED

    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(registrant).post(f"/admin/your-organisation/{pending.pk}/check-again/")
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.verification_status == VerificationStatus.PENDING
    assert pending.registration.resubmitted_at is not None
    assert [message.to for message in mailoutbox] == [[users_by_role["moderator"].email]]
    assert mailoutbox[-1].subject == "Check again: Otters Swim Club"

    verify_organisation(organisation=pending, user=users_by_role["moderator"])
    pending.refresh_from_db()
    assert pending.is_verified
    with pytest.raises(VerificationError):
        ask_to_check_again(organisation=pending, user=registrant)


# --- the provider's admin home page --------------------------------------------------------


def test_the_provider_home_page_says_what_happens_next_for_each_organisation(
    pending, registrant, organisation, users_by_role
):
    grant_organisation_access(organisation=organisation, user=registrant, admin=False)
    home = client_of(registrant).get("/admin/").content.decode()
    assert "Your organisations" in home
    assert (
        f"We will check your details within {policy.VERIFICATION_WORKING_DAYS} working days" in home
    )
    assert "Waiting to be checked" in home
    assert "Northbridge Play Club" in home  # the verified one
    assert "Verified on" in home

    # Staff who belong to no organisation get no such panel.
    assert (
        "Your organisations"
        not in client_of(users_by_role["content_editor"]).get("/admin/").content.decode()
    )


def test_moderators_see_how_many_organisations_are_waiting(pending, client_for):
    home = client_for("moderator").get("/admin/").content.decode()
    assert "1 organisation is waiting to be checked" in home


# --- who may verify ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who",
    [
        None,
        "family",
        "provider",  # a member of another organisation
        "provider_admin",  # an admin of another organisation
        "content_editor",
        "finance_officer",
        "pending_member",  # a member of the organisation being checked
        "registrant",  # its admin
    ],
)
def test_only_moderators_reach_the_verification_screens(
    who, pending, registrant, pending_member, users_by_role, mailoutbox
):
    people = {**users_by_role, "registrant": registrant, "pending_member": pending_member}
    client = client_of(people[who] if who else None)
    for url in (INDEX_URL, detail_url(pending)):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] in ("/admin/",) or "login" in response["Location"], url
    for data in ({"action": "verify"}, {"action": "refuse", "reason": "Because."}):
        client.post(detail_url(pending), data)
    pending.refresh_from_db()
    assert pending.verification_status == VerificationStatus.PENDING
    assert not pending.live
    page = client.get("/admin/", follow=True).content.decode()
    assert "Organisations to verify" not in page
    assert "Jo Green" not in page


@pytest.mark.parametrize("who", ["moderator", "superuser"])
def test_moderators_and_site_administrators_reach_the_verification_screens(
    who, pending, client_for
):
    client = client_for(who)
    assert client.get(INDEX_URL).status_code == 200
    assert client.get(detail_url(pending)).status_code == 200
    assert 'href="/admin/organisations/verify/"' in client.get("/admin/").content.decode()


# --- organisations from before online registration -----------------------------------------


def test_an_organisation_from_before_online_registration_can_be_verified(
    organisation_index, users_by_role, client_for
):
    legacy = OrganisationPageFactory(parent=organisation_index, title="Old Friends", draft=True)
    page = client_for("moderator").get(detail_url(legacy)).content.decode()
    assert "added before online registration" in page

    verify_organisation(organisation=legacy, user=users_by_role["moderator"])
    legacy.refresh_from_db()
    assert legacy.is_verified and legacy.live
    assert legacy.registration.decided_by == users_by_role["moderator"]
    assert not legacy.registration.is_online_registration


def test_a_page_that_fails_its_checks_is_not_verified_half_way(organisation_index, users_by_role):
    # A registered charity with no charity number: publishing validates the whole page.
    broken = OrganisationPageFactory(parent=organisation_index, title="No Number", draft=True)
    OrganisationPage.objects.filter(pk=broken.pk).update(charity_number="")
    broken.refresh_from_db()
    broken.save_revision(clean=False)
    with pytest.raises(VerificationError, match="cannot be published until its page is corrected"):
        verify_organisation(organisation=broken, user=users_by_role["moderator"])
    broken.refresh_from_db()
    assert broken.verification_status == VerificationStatus.PENDING
    assert not broken.live
    assert not OrganisationRegistration.objects.filter(organisation=broken).exists()
