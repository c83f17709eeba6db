"""The admin side of listing freshness: the provider's "Listings to confirm" dashboard
panel and its confirm button, and the moderators' list of stale listings. Each screen is
requested directly by people who must not reach it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from providers.moderation import services as core
from providers.moderation.freshness.models import ListingConfirmation, ListingFreshness
from providers.moderation.freshness.services import ACTION_CONFIRM
from providers.moderation.models import SubmissionCycle
from providers.organisations.access import grant_organisation_access
from tests.factories import OrganisationPageFactory, ServicePageFactory, UserFactory

pytestmark = pytest.mark.django_db

PANEL_HEADING = "Listings to confirm in this cycle"


@pytest.fixture
def cycle(service, users_by_role, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    scheduled = SubmissionCycle.objects.create(
        name="Spring 2027",
        opens_on=today,
        deadline=today + dt.timedelta(days=10),
        review_by=today + dt.timedelta(days=12),
    )
    with django_capture_on_commit_callbacks(execute=True):
        return core.open_cycle(cycle=scheduled)


@pytest.fixture
def other_provider(organisation):
    other_org = OrganisationPageFactory(
        parent=organisation.get_parent(), title="Other Org", verified=True
    )
    ServicePageFactory(parent=other_org, title="Their own club")
    person = UserFactory(email="someone@other.example.org")
    grant_organisation_access(organisation=other_org, user=person, admin=True)
    return person


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def confirm_url(page) -> str:
    return reverse("freshness_confirm_listing", args=[page.pk])


# --- the provider's dashboard ------------------------------------------------------------------


def test_the_dashboard_lists_listings_to_confirm_with_a_button_each(
    client_for, organisation, service, cycle
):
    flagged = ServicePageFactory(parent=organisation, title="Holiday club")
    ListingFreshness.objects.filter(page_id=flagged.pk).update(
        missed_cycles=2, flagged_at=timezone.now(), last_updated_at=None
    )
    # Both were published by the factory after the cycle opened; make them older.
    ListingFreshness.objects.update(last_updated_at=timezone.now() - dt.timedelta(days=30))

    html = client_for("provider").get(reverse("wagtailadmin_home")).content.decode()

    assert PANEL_HEADING in html
    assert "Saturday sensory club" in html and "Holiday club" in html
    assert f'action="{confirm_url(service)}"' in html
    assert f'action="{confirm_url(flagged)}"' in html
    assert "May be out of date" in html
    assert "Their own club" not in html


def test_the_confirm_button_confirms_and_the_listing_leaves_the_panel(
    client_for, service, cycle, users_by_role
):
    ListingFreshness.objects.update(last_updated_at=timezone.now() - dt.timedelta(days=30))
    client = client_for("provider")

    response = client.post(confirm_url(service), {"next": reverse("wagtailadmin_home")})

    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    confirmation = ListingConfirmation.objects.get()
    assert confirmation.confirmed_by == users_by_role["provider"]
    assert confirmation.method == "admin"
    assert PageLogEntry.objects.filter(page=service, action=ACTION_CONFIRM).count() == 1
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "You confirmed that" in html
    assert PANEL_HEADING not in html


def test_the_panel_is_not_shown_without_an_open_cycle(client_for, service):
    html = client_for("provider").get(reverse("wagtailadmin_home")).content.decode()

    assert PANEL_HEADING not in html


def test_the_confirm_button_is_post_only(client_for, service, cycle):
    response = client_for("provider").get(confirm_url(service))

    assert response.status_code == 405
    assert not ListingConfirmation.objects.exists()


def test_next_cannot_send_people_off_the_site(client_for, service, cycle):
    response = client_for("provider").post(confirm_url(service), {"next": "https://evil.example/"})

    assert response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.parametrize(
    "who", ["family", "content_editor", "finance_officer", "moderator", "other_provider"]
)
def test_only_the_organisations_members_can_confirm_its_listings(
    client_for, service, cycle, other_provider, who
):
    client = client_of(other_provider) if who == "other_provider" else client_for(who)

    response = client.post(confirm_url(service))

    # Families have no admin access (sent to sign in); the admin turns others away to the
    # dashboard with "you do not have permission".
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] != reverse("wagtailadmin_home") or who != "family"
    assert not ListingConfirmation.objects.exists()


def test_anonymous_visitors_cannot_confirm(client, service, cycle):
    response = client.post(confirm_url(service))

    assert response.status_code == 302
    assert "login" in response["Location"]
    assert not ListingConfirmation.objects.exists()


def test_another_providers_dashboard_does_not_show_our_listings(service, cycle, other_provider):
    ListingFreshness.objects.update(last_updated_at=timezone.now() - dt.timedelta(days=30))

    html = client_of(other_provider).get(reverse("wagtailadmin_home")).content.decode()

    assert "Their own club" in html
    assert "Saturday sensory club" not in html


# --- the moderators' list of stale listings -------------------------------------------------------


STALE_INDEX = "stale_listings:index"


@pytest.fixture
def stale(organisation, service):
    unpublished = ServicePageFactory(parent=organisation, title="Closed club")
    fresh = ServicePageFactory(parent=organisation, title="Fresh club")
    now = timezone.now()
    ListingFreshness.objects.filter(page_id=service.pk).update(missed_cycles=2, flagged_at=now)
    ListingFreshness.objects.filter(page_id=unpublished.pk).update(
        missed_cycles=3, flagged_at=now, unpublished_at=now
    )
    unpublished.unpublish()
    return {"flagged": service, "unpublished": unpublished, "fresh": fresh}


def test_moderators_see_flagged_and_unpublished_listings(client_for, stale):
    client = client_for("moderator")

    everything = client.get(reverse(STALE_INDEX)).content.decode()
    flagged = client.get(reverse(STALE_INDEX), {"state": "flagged"}).content.decode()
    unpublished = client.get(reverse(STALE_INDEX), {"state": "unpublished"}).content.decode()

    assert "Saturday sensory club" in everything and "Closed club" in everything
    assert "Fresh club" not in everything
    assert "Northbridge Play Club" in everything  # the organisation column
    assert "Saturday sensory club" in flagged and "Closed club" not in flagged
    assert "Closed club" in unpublished and "Saturday sensory club" not in unpublished
    assert f'href="/admin/pages/{stale["flagged"].pk}/edit/"' in everything


@pytest.mark.parametrize("who", ["family", "content_editor", "finance_officer", "provider"])
def test_the_stale_list_is_for_moderators_only(client_for, stale, who):
    response = client_for(who).get(reverse(STALE_INDEX))

    assert response.status_code in (302, 403)
    assert "Closed club" not in response.content.decode()


def test_another_organisations_provider_cannot_see_the_stale_list(stale, other_provider):
    response = client_of(other_provider).get(reverse(STALE_INDEX))

    assert response.status_code in (302, 403)
    assert "Closed club" not in response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in_for_the_stale_list(client, stale):
    response = client.get(reverse(STALE_INDEX))

    assert response.status_code == 302 and "login" in response["Location"]
