"""Whole journeys through the site, the way people take them, on SQLite and PostgreSQL.

Each step is an HTTP request a person's browser would make (sign-up, the registration
form, the Wagtail editor, the moderation screens, the public search); only the passing of
time between review rounds is done by calling the cycle services, as the daily
`run_submission_cycles` job would.
"""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from localoffer.roles import MODERATORS
from providers.enums import VerificationStatus
from providers.models import Category, OrganisationPage, ServicePage
from providers.moderation.enums import SubmissionStatus
from providers.moderation.models import Submission, SubmissionCycle
from providers.moderation.services import close_cycle, open_cycle, schedule_cycle
from tests.admin_forms import content_state, form_data
from tests.factories import (
    OrganisationIndexPageFactory,
    OrganisationPageFactory,
    ServicePageFactory,
    UserFactory,
    site_roles,
    site_tree,
)
from tests.providers.test_registration import valid_form

PASSWORD = "a long journey password 7"
TODAY = timezone.localdate()


def link_in(body: str) -> str:
    """The path of the first link to this site in an email."""
    match = re.search(r"https?://[^/\s]+(/\S*)", body)
    assert match, body
    return match.group(1)


@pytest.fixture
def site(db):
    home = site_tree()
    index = OrganisationIndexPageFactory(parent=home)
    site_roles()
    Category.objects.get_or_create(slug="play-and-leisure", defaults={"name": "Play and leisure"})
    return index


@pytest.fixture
def moderator(site) -> Client:
    person = UserFactory(
        email="moderator@northbridge.example", groups=[Group.objects.get(name=MODERATORS)]
    )
    client = Client()
    client.force_login(person)
    return client


def open_a_cycle(moderator: Client, *, days_left: int = 20) -> SubmissionCycle:
    """A moderator schedules a cycle starting today and opens it from its admin screen."""
    staff = get_user_model().objects.get(email="moderator@northbridge.example")
    cycle = schedule_cycle(
        name=f"Round {SubmissionCycle.objects.count() + 1}",
        opens_on=TODAY,
        deadline=TODAY + dt.timedelta(days=days_left),
        review_by=TODAY + dt.timedelta(days=days_left + 14),
        user=staff,
    )
    response = moderator.post(reverse("moderation:cycle_open", args=[cycle.pk]))
    assert response.status_code == 302
    cycle.refresh_from_db()
    assert cycle.status == "open"
    return cycle


def decide(moderator: Client, submission: Submission, decision: str, reason: str = ""):
    response = moderator.post(
        reverse("moderation:review", args=[submission.pk]),
        {"reason": reason, f"decision-{decision}": decision, "decision": decision},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    submission.refresh_from_db()
    return submission


def submit_listing_form(client: Client, url: str, changes: dict, *, note: str = "") -> None:
    """Fill in the Wagtail editor's form, press "Submit for review", then confirm."""
    page = client.get(url)
    assert page.status_code == 200
    data = form_data(page)
    data.update(
        {name: value if isinstance(value, list) else [value] for name, value in changes.items()}
    )
    data["action-submit-for-review"] = ["1"]
    response = client.post(url, data)
    assert response.status_code == 302, _form_errors(response)
    submit_url = response["Location"]
    assert submit_url.startswith("/admin/moderation/submit/")
    assert client.get(submit_url).status_code == 200
    confirmed = client.post(submit_url, {"note": note, "urgent_reason": ""})
    assert confirmed.status_code == 302


def _form_errors(response) -> str:
    text = response.content.decode()
    found = re.findall(r'class="error-message"[^>]*>(.*?)</', text, flags=re.S)
    return f"{response.status_code}: {found or text[:3000]}"


def test_a_provider_signs_up_registers_lists_a_service_and_families_find_it(
    site, moderator, client, mailoutbox, django_capture_on_commit_callbacks
):
    # 1. Sign up and confirm the email address.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {"email": "pat@brightsparks.example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
    confirm_path = link_in(mailoutbox[-1].body)
    assert client.post(confirm_path).status_code == 302
    signed_in = client.post(
        reverse("account_login"), {"login": "pat@brightsparks.example.org", "password": PASSWORD}
    )
    assert signed_in.status_code == 302

    # 2. Register the organisation: it waits, unpublished, for verification.
    with django_capture_on_commit_callbacks(execute=True):
        registered = client.post("/for-providers/register/", valid_form())
    assert registered.status_code == 302
    organisation = OrganisationPage.objects.get(title="Bright Sparks Play Group")
    assert organisation.verification_status == VerificationStatus.PENDING
    assert not organisation.live
    assert client.get(organisation.url or "/providers/bright-sparks-play-group/").status_code == 404

    # 3. The provider drafts a listing straight away and submits it; a cycle is open.
    cycle = open_a_cycle(moderator)
    add_url = reverse("wagtailadmin_pages:add", args=["providers", "servicepage", organisation.pk])
    with django_capture_on_commit_callbacks(execute=True):
        submit_listing_form(
            client,
            add_url,
            {
                "title": "Saturday sensory play",
                "slug": "saturday-sensory-play",
                "summary": "Sensory play on Saturday mornings for autistic children aged 2 to 8.",
                "description": content_state("A calm, small group with trained play workers."),
                "how_to_access": content_state("Phone us to book a free first visit."),
                "categories": [str(Category.objects.get(slug="play-and-leisure").pk)],
                "cost_options-0-label": "A session",
                "cost_options-0-amount": "6.50",
                "cost_options-0-unit": "session",
            },
            note="Our first listing.",
        )
    listing = ServicePage.objects.get(slug="saturday-sensory-play")
    submission = Submission.objects.get(page=listing)
    assert submission.status == SubmissionStatus.IN_REVIEW
    assert submission.cycle == cycle

    # 4. An unverified organisation cannot publish: the approval is refused.
    refused = moderator.post(
        reverse("moderation:review", args=[submission.pk]),
        {"decision-approve": "approve", "decision": "approve", "reason": ""},
    )
    assert refused.status_code == 200
    assert "verif" in refused.content.decode().lower()
    listing.refresh_from_db()
    assert not listing.live

    # 5. The moderator verifies the organisation; the provider is told by email.
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        verified = moderator.post(
            reverse("organisation_verification:detail", args=[organisation.pk]),
            {"action": "verify"},
        )
    assert verified.status_code == 302
    organisation.refresh_from_db()
    assert organisation.verification_status == VerificationStatus.VERIFIED and organisation.live
    assert "pat@brightsparks.example.org" in [email.to[0] for email in mailoutbox]

    # 6. Changes requested: the provider reads the moderator's words in an email.
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide(moderator, submission, "request_changes", "Please give the ages in the summary.")
    assert submission.status == SubmissionStatus.CHANGES_REQUESTED
    assert any("Please give the ages in the summary." in email.body for email in mailoutbox)

    # 7. The provider edits and resubmits; the moderator approves; it is published.
    edit_url = reverse("wagtailadmin_pages:edit", args=[listing.pk])
    with django_capture_on_commit_callbacks(execute=True):
        submit_listing_form(
            client,
            edit_url,
            {"summary": "Sensory play on Saturdays for autistic children aged 2 to 8 years."},
        )
    resubmission = Submission.objects.get(page=listing, status=SubmissionStatus.IN_REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        decide(moderator, resubmission, "approve")
    listing.refresh_from_db()
    assert listing.live
    assert listing.summary.endswith("aged 2 to 8 years.")

    # 8. Families find it in the directory search.
    results = Client().get("/services/", {"q": "sensory play"})
    assert "Saturday sensory play" in results.content.decode()


@pytest.fixture
def provider(site, django_capture_on_commit_callbacks):
    """A verified organisation with one published listing and its admin, signed in."""
    # Publishing indexes the listing for search once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        organisation = OrganisationPageFactory(
            parent=site, title="Sunflower Sensory Centre", verification_status="verified"
        )
        listing = ServicePageFactory(
            parent=organisation, title="After-school sensory club", summary="Sensory club."
        )
    person = UserFactory(email="pat@sunflower.example.org")
    from providers.organisations.access import grant_organisation_access

    grant_organisation_access(organisation=organisation, user=person, admin=True)
    client = Client()
    client.force_login(person)
    return client, organisation, listing


def run_a_cycle(moderator_user, *, number: int) -> SubmissionCycle:
    """One review round from opening to its close, as the daily job runs it.

    Rounds may not overlap, so round n is planned n quarters from today; opening and
    closing are what the daily job does when those dates come.
    """
    opens_on = TODAY + dt.timedelta(days=91 * (number - 1))
    cycle = schedule_cycle(
        name=f"Round {number}",
        opens_on=opens_on,
        deadline=opens_on + dt.timedelta(days=28),
        review_by=opens_on + dt.timedelta(days=42),
        user=moderator_user,
    )
    open_cycle(cycle=cycle, user=moderator_user)
    close_cycle(cycle=cycle, user=moderator_user)
    return cycle


def test_a_listing_nobody_confirms_is_flagged_then_unpublished(
    provider, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    client, organisation, listing = provider
    staff = get_user_model().objects.get(email="moderator@northbridge.example")
    public = Client()

    with django_capture_on_commit_callbacks(execute=True):
        run_a_cycle(staff, number=1)
    assert "may be out of date" not in public.get(listing.url).content.decode().lower()
    confirmation_requests = [email for email in mailoutbox if "/listings/confirm/" in email.body]
    assert confirmation_requests, "the cycle's opening asks the provider to confirm"

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        run_a_cycle(staff, number=2)
    assert "may be out of date" in public.get(listing.url).content.decode().lower()
    # So does its card on the organisation's page.
    organisation_page = public.get(organisation.url).content.decode()
    assert "May be out of date" in organisation_page
    # The provider's dashboard says so too, with what to do about it.
    dashboard = client.get("/admin/").content.decode()
    assert f'data-listing="{listing.pk}" data-state="stale"' in dashboard
    assert any(
        "unpublish" in email.body.lower() or "remove" in email.body.lower() for email in mailoutbox
    )
    assert (
        "After-school sensory club"
        in public.get("/services/", {"q": "sensory club"}).content.decode()
    )

    with django_capture_on_commit_callbacks(execute=True):
        run_a_cycle(staff, number=3)
    listing.refresh_from_db()
    assert not listing.live
    assert public.get(listing.url).status_code == 404
    assert (
        "After-school sensory club"
        not in public.get("/services/", {"q": "sensory club"}).content.decode()
    )


def test_an_urgent_correction_is_published_between_cycles(
    provider, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    client, _organisation, listing = provider
    assert not SubmissionCycle.objects.open().exists()

    # The provider corrects a wrong phone number and says it cannot wait.
    edit_url = reverse("wagtailadmin_pages:edit", args=[listing.pk])
    page = client.get(edit_url)
    data = form_data(page)
    data.update({"summary": ["Sensory club. New phone number from 1 December."]})
    data["action-submit-for-review"] = ["1"]
    submit_url = client.post(edit_url, data)["Location"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            submit_url, {"note": "Our phone number changed.", "urgent_reason": "wrong_contact"}
        )
    submission = Submission.objects.get(page=listing)
    assert submission.status == SubmissionStatus.WAITING and submission.cycle is None

    # The live listing is unchanged while the correction waits.
    assert "New phone number" not in Client().get(listing.url).content.decode()

    # A moderator marks it urgent, reviews it at once and approves it.
    response = moderator.post(
        reverse("moderation:mark_urgent", args=[submission.pk]), {"reason": "wrong_contact"}
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.IN_REVIEW and submission.urgent
    with django_capture_on_commit_callbacks(execute=True):
        decide(moderator, submission, "approve")
    assert "New phone number" in Client().get(listing.url).content.decode()
