"""Who may delete a directory page, and what stays when one is deleted.

Moderators hold add and change on the whole directory but no delete; providers may
withdraw their own draft listing; whatever is deleted, the moderation record stays
("nothing is deleted: cycles and submissions are the record of what was decided").
"""

import pytest
from django.urls import reverse
from wagtail.models import Page

from providers.models import ServicePage
from providers.moderation.enums import SubmissionStatus
from providers.moderation.models import Submission
from providers.moderation.services import request_changes, submit_for_review
from tests.factories import OrganisationPageFactory, ServicePageFactory
from tests.providers.moderation.support import edit_draft, make_cycle

pytestmark = pytest.mark.django_db


def delete(client, page):
    return client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))


def bulk_delete(client, page):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    return client.post(f"{url}?id={page.pk}", {})


def test_a_moderator_cannot_delete_a_draft_listing_or_a_pending_organisation(
    client_for, organisation, organisation_index
):
    draft = ServicePageFactory(parent=organisation, title="Draft swim", draft=True)
    pending = OrganisationPageFactory(parent=organisation_index, title="New Group", draft=True)
    client = client_for("moderator")
    for page in (draft, pending):
        assert client.get(reverse("wagtailadmin_pages:delete", args=[page.pk])).status_code in (
            302,
            403,
        )
        delete(client, page)
        bulk_delete(client, page)
        assert Page.objects.filter(pk=page.pk).exists(), page.title


def test_a_provider_cannot_delete_its_organisation_or_another_members_published_listing(
    client_for, organisation, service
):
    client = client_for("provider_admin")
    for page in (organisation, service):
        delete(client, page)
        assert Page.objects.filter(pk=page.pk).exists(), page.title


def test_a_provider_cannot_delete_a_listing_that_was_published_once(client_for, organisation):
    listing = ServicePageFactory(parent=organisation, title="Was live")
    listing.unpublish()
    delete(client_for("provider"), listing)
    assert ServicePage.objects.filter(pk=listing.pk).exists()


def test_a_provider_withdraws_its_own_draft_listing(client_for, organisation):
    draft = ServicePageFactory(parent=organisation, title="Draft swim", draft=True)
    response = delete(client_for("provider"), draft)
    assert response.status_code == 302
    assert not ServicePage.objects.filter(pk=draft.pk).exists()


def test_the_record_of_a_withdrawn_draft_survives(
    client_for, organisation, users_by_role, django_capture_on_commit_callbacks
):
    """A provider submits a new listing, the moderator asks for changes, the provider
    withdraws the draft: what was submitted and decided is still there."""
    provider = users_by_role["provider"]
    moderator = users_by_role["moderator"]
    make_cycle(moderator)
    draft = ServicePageFactory(parent=organisation, title="Holiday club", draft=True)
    edit_draft(draft, provider, summary="Five days in August.")
    with django_capture_on_commit_callbacks(execute=True):
        submission = submit_for_review(page=draft, user=provider)
    client = client_for("provider")
    # Not while a moderator is looking at it.
    delete(client, draft)
    assert ServicePage.objects.filter(pk=draft.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        request_changes(submission=submission, user=moderator, reason="Say which ages.")

    assert delete(client, draft).status_code == 302

    assert not ServicePage.objects.filter(pk=draft.pk).exists()
    kept = Submission.objects.get(pk=submission.pk)
    assert kept.page_id is None
    assert kept.page_title == "Holiday club"
    assert kept.organisation_id == organisation.pk
    assert kept.status == SubmissionStatus.CHANGES_REQUESTED
    assert kept.decided_by == moderator
    assert kept.decision_reason == "Say which ages."
    assert kept.cycle is not None and kept.submitted_by == provider


def test_a_superuser_may_delete_an_organisation_and_the_record_stays(
    client_for, organisation, service, users_by_role, django_capture_on_commit_callbacks
):
    provider = users_by_role["provider"]
    make_cycle(users_by_role["moderator"])
    edit_draft(service, provider, summary="A change.")
    with django_capture_on_commit_callbacks(execute=True):
        submission = submit_for_review(page=service, user=provider)
    title = organisation.title
    organisation.delete()
    kept = Submission.objects.get(pk=submission.pk)
    assert (kept.page_id, kept.organisation_id) == (None, None)
    assert (kept.page_title, kept.organisation_title) == ("Saturday sensory club", title)
