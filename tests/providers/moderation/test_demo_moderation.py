"""The moderation demo: a closed cycle with figures, an open one with work in it, an urgent
change between them and a listing flagged as out of date, all dated in the past."""

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

from localoffer.demo.moderation import ensure_demo_moderation
from providers.moderation.enums import CycleStatus, ListingStatus, SubmissionStatus
from providers.moderation.freshness.models import ListingConfirmation, ListingFreshness
from providers.moderation.models import Submission, SubmissionCycle
from providers.moderation.selectors import cycle_figures, listing_states
from providers.organisations.access import grant_organisation_access
from tests.factories import OrganisationPageFactory, ServicePageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(organisation_index, users_by_role):
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
        for _ in range(8)
    ]
    made = ensure_demo_moderation()
    return made, services, others


def test_the_demo_has_a_past_cycle_with_figures_and_work_in_the_current_one(demo):
    made, services, others = demo
    assert made == 10
    assert ensure_demo_moderation() == 0  # a second run changes nothing
    past = SubmissionCycle.objects.get(status=CycleStatus.CLOSED)
    current = SubmissionCycle.objects.get(status=CycleStatus.OPEN)
    assert past.review_by < current.opens_on
    assert past.opened_at < past.closed_at < current.opened_at < timezone.now()
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


def test_the_demo_has_an_urgent_change_between_cycles_and_nothing_waiting(demo):
    urgent = Submission.objects.get(urgent=True)
    assert urgent.cycle is None and urgent.status == SubmissionStatus.IN_REVIEW
    past, current = SubmissionCycle.objects.order_by("opens_on")
    assert past.closed_at < urgent.submitted_at < urgent.marked_urgent_at < current.opened_at
    # The one sent before the past cycle opened joined it when it opened.
    early = Submission.objects.get(cycle=past, submitted_at__lt=past.opened_at)
    assert early.in_review_since == past.opened_at
    assert not Submission.objects.filter(status=SubmissionStatus.WAITING).exists()


def test_the_demo_history_is_dated_when_it_happened(demo):
    made, services, others = demo
    today = timezone.localdate()
    decided = Submission.objects.exclude(decided_at=None)
    assert all(s.submitted_at < s.decided_at for s in decided)
    assert min(s.submitted_at for s in Submission.objects.all()).date() < today - dt.timedelta(
        days=100
    )
    entries = PageLogEntry.objects.filter(action__startswith="moderation.")
    assert entries.filter(timestamp__date__lt=today - dt.timedelta(days=60)).exists()
    assert not entries.filter(timestamp__gt=timezone.now()).exists()


def test_the_demo_flags_one_of_the_providers_listings_and_confirms_another(demo):
    made, services, others = demo
    past = SubmissionCycle.objects.get(status=CycleStatus.CLOSED)
    flagged = ListingFreshness.objects.flagged()
    assert list(flagged.values_list("page_id", flat=True)) == [services[0].pk]
    assert flagged.get().flagged_at == past.closed_at
    confirmation = ListingConfirmation.objects.get()
    assert confirmation.page_id == services[1].pk
    assert confirmation.confirmed_by.email == "provider@northbridge.example"
