"""The moderation demo: a closed cycle with figures, an open one with work in it."""

import pytest
from wagtail.models import Page

from localoffer.demo.moderation import ensure_demo_moderation
from providers.moderation.enums import CycleStatus, ListingStatus, SubmissionStatus
from providers.moderation.models import Submission, SubmissionCycle
from providers.moderation.selectors import cycle_figures, listing_states
from providers.organisations.access import grant_organisation_access
from tests.factories import OrganisationPageFactory, ServicePageFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_past_cycle_with_figures_and_work_in_the_current_one(
    organisation_index, users_by_role
):
    sunflower = OrganisationPageFactory(
        parent=organisation_index, title="Sunflower Sensory Centre", verified=True
    )
    services = [
        ServicePageFactory(parent=sunflower, title=f"Sunflower service {n}") for n in range(5)
    ]
    provider = UserFactory(email="provider@northbridge.example")
    grant_organisation_access(organisation=sunflower, user=provider, admin=True)
    others = [
        ServicePageFactory(parent=OrganisationPageFactory(parent=organisation_index, verified=True))
        for _ in range(6)
    ]
    made = ensure_demo_moderation()
    assert made == 9
    assert ensure_demo_moderation() == 0  # a second run changes nothing
    past = SubmissionCycle.objects.get(status=CycleStatus.CLOSED)
    current = SubmissionCycle.objects.get(status=CycleStatus.OPEN)
    assert past.review_by < current.opens_on
    figures = {row.label: row for row in cycle_figures()}
    assert (figures[past.name].approved, figures[past.name].decided) == (4, 6)
    assert figures[past.name].queue_at_close == 1
    assert figures[past.name].median_days is not None
    now = Submission.objects.filter(cycle=current)
    assert sorted(now.values_list("status", flat=True)) == sorted(
        [SubmissionStatus.IN_REVIEW, SubmissionStatus.CHANGES_REQUESTED, SubmissionStatus.APPROVED]
    )
    # The demo provider sees its listing in review and the one sent back.
    states = listing_states(Page.objects.filter(pk__in=[page.pk for page in services]).specific())
    assert {state.status for state in states.values()} >= {
        ListingStatus.IN_REVIEW,
        ListingStatus.CHANGES_REQUESTED,
    }
    assert services[0].pk not in {s.page_id for s in now}  # left for the freshness demo
    # Approved changes were published (the last approval of each page is its live version).
    approved = Submission.objects.filter(status=SubmissionStatus.APPROVED).order_by("decided_at")
    last_approved = {submission.page_id: submission.revision_id for submission in approved}
    for page_id, revision_id in last_approved.items():
        assert Page.objects.get(pk=page_id).live_revision_id == revision_id
    assert set(last_approved) <= {page.pk for page in [*others, *services]}
