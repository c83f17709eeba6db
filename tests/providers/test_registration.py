"""Registering an organisation: the form, its errors, what one registration creates.

A provider registers on a public GOV.UK page; one transaction creates the unpublished
organisation page, the private registration row and the registrant's admin access, and
the registrant and the council's moderators are emailed. Anything wrong on the form
saves nothing at all.
"""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from wagtail.models import PageLogEntry

from localoffer.roles import MODERATORS
from providers.enums import VerificationStatus
from providers.models import OrganisationPage, OrganisationRegistration
from providers.organisations import policy
from providers.organisations.access import is_organisation_admin
from providers.organisations.services import (
    RegistrationDetails,
    RegistrationError,
    refuse_organisation,
    register_organisation,
    verify_organisation,
)
from tests.factories import OrganisationIndexPageFactory, UserFactory, site_roles, site_tree

REGISTER_URL = "/for-providers/register/"
NEXT_YEAR = timezone.localdate().year + 1


def valid_form(**changes) -> dict:
    data = {
        "name": "Bright Sparks Play Group",
        "organisation_type": "charity",
        "charity_number": "1 234 567",
        "company_number": "",
        "description": "Saturday play sessions for autistic children.\n\nParents welcome.",
        "website": "https://brightsparks.example.org",
        "address_line_1": "4 Mill Lane",
        "address_line_2": "",
        "town": "Northbridge",
        "postcode": "nb1 4aa",
        "email": "Hello@BrightSparks.example.org",
        "phone": "01632 960 555",
        "safeguarding_lead_name": "Priya Shah",
        "safeguarding_lead_role": "Designated Safeguarding Lead",
        "safeguarding_lead_email": "priya@brightsparks.example.org",
        "safeguarding_lead_phone": "07700 900 123",
        "insurance_held": "yes",
        "insurance_expires_on_day": "31",
        "insurance_expires_on_month": "3",
        "insurance_expires_on_year": str(NEXT_YEAR),
        "dbs_checks_confirmed": "yes",
        "safeguarding_policy_confirmed": "yes",
        "terms_accepted": "yes",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def index(db):
    home = site_tree()
    site_roles()
    return OrganisationIndexPageFactory(parent=home)


@pytest.fixture
def moderator(index):
    return UserFactory(
        email="moderator@northbridge.example", groups=[Group.objects.get(name=MODERATORS)]
    )


@pytest.fixture
def registrant(index):
    return UserFactory(email="sam@brightsparks.example.org", first_name="Sam")


@pytest.fixture
def registrant_client(registrant) -> Client:
    client = Client()
    client.force_login(registrant)
    return client


def nothing_saved() -> None:
    assert not OrganisationPage.objects.exists()
    assert not OrganisationRegistration.objects.exists()
    assert not Group.objects.filter(name__startswith="Provider").exists()


# --- the happy path ------------------------------------------------------------------------


def test_registering_creates_an_unpublished_organisation_its_registration_and_admin_access(
    registrant_client, registrant, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = registrant_client.post(REGISTER_URL, valid_form())

    organisation = OrganisationPage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/for-providers/register/{organisation.pk}/done/"

    # The page: unpublished, waiting, with its first revision, under the directory.
    assert organisation.title == "Bright Sparks Play Group"
    assert not organisation.live
    assert organisation.verification_status == VerificationStatus.PENDING
    assert organisation.latest_revision is not None
    assert organisation.get_parent().specific_class.__name__ == "OrganisationIndexPage"
    assert organisation.charity_number == "1234567"
    assert organisation.postcode == "NB1 4AA"
    assert organisation.email == "hello@brightsparks.example.org"
    assert organisation.description == (
        "<p>Saturday play sessions for autistic children.</p>\n\n<p>Parents welcome.</p>"
    )

    # The private registration row: safeguarding lead, declarations, terms.
    registration = organisation.registration
    assert registration.safeguarding_lead_name == "Priya Shah"
    assert registration.safeguarding_lead_email == "priya@brightsparks.example.org"
    assert registration.insurance_expires_on == dt.date(NEXT_YEAR, 3, 31)
    assert registration.dbs_checks_confirmed and registration.safeguarding_policy_confirmed
    assert registration.terms_version == policy.LISTING_TERMS_VERSION
    assert registration.terms_accepted_at is not None
    assert registration.registered_by == registrant

    # Private details never reach the public page or its revisions.
    revision_json = str(organisation.latest_revision.content)
    assert "Priya" not in revision_json and "07700 900 123" not in revision_json

    # The registrant is the organisation's admin.
    assert is_organisation_admin(registrant, organisation)
    assert PageLogEntry.objects.filter(page=organisation, action="providers.register").exists()

    # Emails: the registrant and the moderators, in plain English.
    by_recipient = {message.to[0]: message for message in mailoutbox}
    assert set(by_recipient) == {registrant.email, moderator.email}
    to_registrant = by_recipient[registrant.email]
    assert "Bright Sparks Play Group" in to_registrant.subject
    assert f"within {policy.VERIFICATION_WORKING_DAYS} working days" in to_registrant.body
    to_moderator = by_recipient[moderator.email]
    assert "New organisation to check" in to_moderator.subject
    assert f"http://testserver/admin/organisations/verify/{organisation.pk}/" in to_moderator.body


def test_the_confirmation_page_says_what_happens_next_only_to_the_organisations_people(
    registrant_client, registrant, index
):
    registrant_client.post(REGISTER_URL, valid_form())
    organisation = OrganisationPage.objects.get()
    url = f"/for-providers/register/{organisation.pk}/done/"

    page = registrant_client.get(url).content.decode()
    assert "Registration sent" in page
    assert "Bright Sparks Play Group" in page
    assert f"within {policy.VERIFICATION_WORKING_DAYS} working days" in page

    stranger = Client()
    stranger.force_login(UserFactory(email="someone@example.org"))
    assert stranger.get(url).status_code == 404


def test_a_company_registers_with_its_company_number(registrant_client):
    response = registrant_client.post(
        REGISTER_URL,
        valid_form(organisation_type="cic", charity_number="", company_number="ab123456"),
    )
    assert response.status_code == 302
    assert OrganisationPage.objects.get().company_number == "AB123456"


def test_a_community_group_needs_no_number(registrant_client):
    response = registrant_client.post(
        REGISTER_URL, valid_form(organisation_type="community_group", charity_number="")
    )
    assert response.status_code == 302
    assert OrganisationPage.objects.get().charity_number == ""


def test_a_person_can_register_a_second_organisation(registrant_client, registrant):
    registrant_client.post(REGISTER_URL, valid_form())
    registrant_client.post(
        REGISTER_URL,
        valid_form(name="Second Group", organisation_type="community_group", charity_number=""),
    )
    assert OrganisationPage.objects.count() == 2
    assert all(is_organisation_admin(registrant, page) for page in OrganisationPage.objects.all())


# --- every validation error, and nothing saved -------------------------------------------


def error_summary(response) -> list[str]:
    page = response.content.decode()
    summary = re.search(r'govuk-error-summary__list">(.*?)</ul>', page, re.S)
    assert summary, "the GOV.UK error summary is missing"
    return re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary.group(1))


@pytest.mark.parametrize(
    ("changes", "anchor", "message"),
    [
        ({"charity_number": "12345"}, "charity_number", "Enter a charity number like 1234567"),
        ({"charity_number": "ABCDEFG"}, "charity_number", "Enter a charity number like 1234567"),
        (
            {"charity_number": ""},
            "charity_number",
            "Enter the charity number of your registered charity",
        ),
        (
            {"organisation_type": "cio", "charity_number": ""},
            "charity_number",
            "Enter the charity number",
        ),
        (
            {"organisation_type": "company", "charity_number": ""},
            "company_number",
            "Enter your Companies House number",
        ),
        ({"company_number": "12AB"}, "company_number", "Enter a company number like 01234567"),
        ({"name": ""}, "name", "Enter your organisation&#x27;s name"),
        ({"organisation_type": None}, "organisation_type", "Select the type of organisation"),
        ({"organisation_type": "bank"}, "organisation_type", "Select the type of organisation"),
        ({"description": ""}, "description", "Enter what your organisation does"),
        ({"website": "not a website"}, "website", "Enter a website address like"),
        ({"address_line_1": ""}, "address_line_1", "Enter address line 1"),
        ({"town": ""}, "town", "Enter town or city"),
        ({"postcode": ""}, "postcode", "Enter postcode"),
        ({"postcode": "NB1"}, "postcode", "Enter a full postcode, like NB1 4AA"),
        ({"postcode": "HELLO"}, "postcode", "Enter a full postcode, like NB1 4AA"),
        ({"email": "nobody"}, "email", "Enter an email address in the correct format"),
        ({"phone": "call me"}, "phone", "Enter a phone number, like 01632 960 001"),
        ({"safeguarding_lead_name": ""}, "safeguarding_lead_name", "Enter the safeguarding lead"),
        ({"safeguarding_lead_role": ""}, "safeguarding_lead_role", "Enter the safeguarding lead"),
        ({"safeguarding_lead_email": ""}, "safeguarding_lead_email", "Enter the safeguarding lead"),
        ({"safeguarding_lead_phone": "12"}, "safeguarding_lead_phone", "Enter a phone number"),
        (
            {"insurance_held": None},
            "insurance_held",
            "Confirm that your organisation has public liability insurance",
        ),
        (
            {
                "insurance_expires_on_day": "",
                "insurance_expires_on_month": "",
                "insurance_expires_on_year": "",
            },
            "insurance_expires_on-day",
            "Enter the date your insurance ends",
        ),
        (
            {"insurance_expires_on_year": ""},
            "insurance_expires_on-day",
            "The date your insurance ends must include a year",
        ),
        (
            {"insurance_expires_on_day": "31", "insurance_expires_on_month": "2"},
            "insurance_expires_on-day",
            "The date your insurance ends must be a real date",
        ),
        (
            {"insurance_expires_on_year": str(NEXT_YEAR - 2)},
            "insurance_expires_on-day",
            "The date your insurance ends must be in the future",
        ),
        ({"dbs_checks_confirmed": None}, "dbs_checks_confirmed", "enhanced DBS checks"),
        (
            {"safeguarding_policy_confirmed": None},
            "safeguarding_policy_confirmed",
            "Confirm that your organisation has a safeguarding policy",
        ),
        ({"terms_accepted": None}, "terms_accepted", "Confirm that you accept the listing terms"),
    ],
)
def test_each_mistake_is_shown_in_the_error_summary_and_nothing_is_saved(
    registrant_client,
    moderator,
    mailoutbox,
    django_capture_on_commit_callbacks,
    changes,
    anchor,
    message,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = registrant_client.post(REGISTER_URL, valid_form(**changes))

    assert response.status_code == 200
    summary = error_summary(response)
    assert [href for href, _ in summary] == [anchor]
    assert message in summary[0][1]
    page = response.content.decode()
    assert "<title>Error: Register your organisation" in page
    # What was typed comes back, so nothing needs typing again.
    assert 'value="Priya Shah"' in page or changes.get("safeguarding_lead_name") == ""
    nothing_saved()
    assert mailoutbox == []


def test_several_mistakes_are_listed_in_page_order(registrant_client):
    response = registrant_client.post(
        REGISTER_URL, valid_form(terms_accepted=None, name="", charity_number="12345")
    )
    assert [href for href, _ in error_summary(response)] == [
        "name",
        "charity_number",
        "terms_accepted",
    ]
    nothing_saved()


def test_a_charity_number_already_registered_is_refused(registrant_client, index):
    registrant_client.post(REGISTER_URL, valid_form())
    response = registrant_client.post(
        REGISTER_URL, valid_form(name="Copy", charity_number="1234567")
    )
    summary = error_summary(response)
    assert summary[0][0] == "charity_number"
    assert "already registered" in summary[0][1]
    assert OrganisationPage.objects.count() == 1


def _details(**changes) -> RegistrationDetails:
    """A community group's registration as the service takes it (no charity number needed)."""
    return RegistrationDetails(
        **{
            "name": "Bright Sparks Play Group",
            "organisation_type": "community_group",
            "description": "We play.",
            "email": "a@example.org",
            "phone": "01632 960 555",
            "address_line_1": "1 Road",
            "town": "Northbridge",
            "postcode": "NB1 4AA",
            "safeguarding_lead_name": "A",
            "safeguarding_lead_role": "B",
            "safeguarding_lead_email": "c@example.org",
            "safeguarding_lead_phone": "01632 960 556",
            "insurance_held": True,
            "insurance_expires_on": dt.date(NEXT_YEAR, 1, 1),
            "dbs_checks_confirmed": True,
            "safeguarding_policy_confirmed": True,
            "terms_accepted": True,
            **changes,
        }
    )


def test_one_person_cannot_flood_the_moderators_with_registrations(registrant, index):
    data = {
        "organisation_type": "community_group",
        "description": "We play.",
        "email": "a@example.org",
        "phone": "01632 960 555",
        "address_line_1": "1 Road",
        "town": "Northbridge",
        "postcode": "NB1 4AA",
        "safeguarding_lead_name": "A",
        "safeguarding_lead_role": "B",
        "safeguarding_lead_email": "c@example.org",
        "safeguarding_lead_phone": "01632 960 556",
        "insurance_held": True,
        "insurance_expires_on": dt.date(NEXT_YEAR, 1, 1),
        "dbs_checks_confirmed": True,
        "safeguarding_policy_confirmed": True,
        "terms_accepted": True,
    }
    for number in range(policy.MAX_PENDING_REGISTRATIONS_PER_PERSON):
        register_organisation(
            user=registrant, details=RegistrationDetails(**{**data, "name": f"Group {number}"})
        )
    with pytest.raises(RegistrationError, match="waiting for us to check"):
        register_organisation(
            user=registrant, details=RegistrationDetails(**{**data, "name": "One too many"})
        )
    assert OrganisationPage.objects.count() == policy.MAX_PENDING_REGISTRATIONS_PER_PERSON


def test_the_service_refuses_missing_declarations_even_without_the_form(registrant, index):
    details = _details(name="X", dbs_checks_confirmed=False, terms_accepted=False)
    with pytest.raises(RegistrationError) as caught:
        register_organisation(user=registrant, details=details)
    assert caught.value.field == "dbs_checks_confirmed"
    assert "enhanced DBS checks" in caught.value.message
    nothing_saved()


# --- markup in the name ------------------------------------------------------------------


def test_markup_in_the_name_is_stored_as_typed_and_shown_as_text(
    registrant_client, moderator, index
):
    name = '<script>alert("x")</script> <b>Sparks</b>'
    registrant_client.post(
        REGISTER_URL,
        valid_form(name=name, description="<img src=x onerror=alert(1)> We play."),
    )
    organisation = OrganisationPage.objects.get()
    assert organisation.title == name
    # The description is rich text, so markup typed in plain text is made inert text.
    assert "<img" not in organisation.description
    assert "&lt;img src=x onerror=alert(1)&gt; We play." in organisation.description

    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &lt;b&gt;Sparks&lt;/b&gt;"
    confirmation = registrant_client.get(f"/for-providers/register/{organisation.pk}/done/")
    assert escaped in confirmation.content.decode()
    assert '<script>alert("x")' not in confirmation.content.decode()

    moderator_client = Client()
    moderator_client.force_login(moderator)
    for url in ("/admin/organisations/verify/", f"/admin/organisations/verify/{organisation.pk}/"):
        page = moderator_client.get(url).content.decode()
        assert escaped in page, url
        assert '<script>alert("x")' not in page, url


# --- who can register --------------------------------------------------------------------


def test_signed_out_people_are_asked_to_sign_in_and_come_back(index):
    response = Client().get(REGISTER_URL)
    assert response.status_code == 302
    assert "next=/for-providers/register/" in response["Location"]
    Client().post(REGISTER_URL, valid_form())
    nothing_saved()


def test_a_person_who_has_not_confirmed_their_email_is_asked_to_first(index):
    client = Client()
    client.force_login(UserFactory(email="new@example.org", verified_email=False))
    response = client.get(REGISTER_URL)
    assert response.status_code == 403
    assert "Confirm your email address first" in response.content.decode()
    client.post(REGISTER_URL, valid_form())
    nothing_saved()


def test_the_listing_terms_page_is_public_and_versioned(index):
    response = Client().get("/for-providers/terms/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Listing terms for providers</h1>' in page
    assert f"Version {policy.LISTING_TERMS_VERSION}" in page


def test_the_form_links_to_the_terms(registrant_client):
    page = registrant_client.get(REGISTER_URL).content.decode()
    assert 'href="/for-providers/terms/"' in page
    assert page.count("<h1") == 1


# --- the decision is safe from revisions ---------------------------------------------------


def _registered(registrant) -> OrganisationPage:
    return register_organisation(user=registrant, details=_details(name="Revision Test Group"))


def test_publishing_an_old_revision_never_changes_the_verification(registrant, moderator):
    organisation = _registered(registrant)
    old_revision = organisation.latest_revision  # saved while pending
    verified = verify_organisation(organisation=organisation, user=moderator)
    verified_at = verified.verified_at
    assert verified.verification_status == VerificationStatus.VERIFIED

    old_revision.refresh_from_db()
    old_revision.publish(user=moderator, skip_permission_checks=True)
    organisation.refresh_from_db()
    assert organisation.verification_status == VerificationStatus.VERIFIED
    assert organisation.verified_at == verified_at


def test_a_revision_claiming_verification_cannot_verify_a_refused_organisation(
    registrant, moderator
):
    organisation = _registered(registrant)
    refuse_organisation(organisation=organisation, user=moderator, reason="No insurance proof.")
    organisation.refresh_from_db()
    # A revision whose JSON says "verified" (as an edited or old revision could).
    organisation.verification_status = VerificationStatus.VERIFIED
    organisation.verified_at = timezone.now()
    forged = organisation.save_revision(user=registrant, clean=False)
    forged.refresh_from_db()
    assert forged.content["verification_status"] == "verified"

    forged.publish(user=moderator, skip_permission_checks=True)
    organisation.refresh_from_db()
    assert organisation.verification_status == VerificationStatus.REFUSED
    assert organisation.verified_at is None
    assert organisation.get_latest_revision_as_object().verification_status == "refused"


def test_a_copied_organisation_is_not_verified(registrant, moderator, index):
    organisation = verify_organisation(organisation=_registered(registrant), user=moderator)
    copy = organisation.copy(update_attrs={"title": "Copy", "slug": "copy"})
    assert copy.specific.verification_status == VerificationStatus.PENDING
    assert copy.specific.verified_at is None


def test_every_field_has_a_label_and_ids_are_unique_even_with_errors(registrant_client):
    """What axe checks first (labels, duplicate ids), on the page with every error showing."""
    for response in (
        registrant_client.get(REGISTER_URL),
        registrant_client.post(REGISTER_URL, {"organisation_type": "charity"}),
    ):
        page = response.content.decode()
        ids = re.findall(r'\sid="([^"]+)"', page)
        assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
        labelled = set(re.findall(r'<label[^>]*\sfor="([^"]+)"', page))
        form = page[page.index('id="registration-form"') :]
        inputs = re.findall(
            r'<(?:input|textarea|select)\b(?![^>]*type="hidden")[^>]*\sid="([^"]+)"', form
        )
        assert inputs and set(inputs) <= labelled, set(inputs) - labelled
        # Every link in the error summary lands on an element of the page.
        for href in re.findall(r'govuk-error-summary__list">.*?</ul>', page, re.S):
            for anchor in re.findall(r'href="#([^"]+)"', href):
                assert anchor in ids, anchor
