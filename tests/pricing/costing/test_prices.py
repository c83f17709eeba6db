""" "Use this as my price": a new revision of the listing, submitted for review, and a
proposal naming the saved costing; the live price changes only when a moderator approves."""

from __future__ import annotations

from decimal import Decimal

import pytest
from wagtail.models import Page, Revision

from pricing.costing.enums import CostingStatus, UnitsMethod
from pricing.costing.models import Costing, PriceProposal
from pricing.costing.services import CostingError, finalise_costing, save_service, use_as_price
from pricing.offers.models import BookableOffer
from providers.models import CostOption, ServicePage
from providers.moderation.enums import SubmissionStatus, UrgentReason
from providers.moderation.models import Submission
from providers.moderation.services import approve_submission, mark_urgent
from tests.factories import CostOptionFactory, OrganisationPageFactory, ServicePageFactory
from tests.pricing.factories import BookableOfferFactory

pytestmark = pytest.mark.django_db
D = Decimal


def link(costing, swim, listing, provider, **changes):
    values = {
        "name": "Swim Club",
        "unit_label": "place",
        "units_method": UnitsMethod.SESSIONS,
        "sessions": D("40"),
        "places": D("10"),
        "occupancy_percent": D("75"),
        "headcount": D("2"),
        "staff_time": D("520"),
        **changes,
    }
    return save_service(costing=costing, by=provider, service=swim, listing=listing, **values)


@pytest.fixture
def offer(service):
    return BookableOfferFactory(service=service)


def test_use_as_price_saves_the_costing_and_submits_a_new_revision(
    costing, swim, service, offer, provider, users_by_role
):
    link(costing, swim, service, provider)
    revisions_before = Revision.page_revisions.filter(object_id=str(service.pk)).count()

    proposal = use_as_price(costing_service=swim, by=provider)

    # A draft is saved first: a price always names a dated version that never changes.
    saved = Costing.objects.get(pk=costing.pk)
    assert saved.status == CostingStatus.FINAL and saved.finalised_at is not None
    assert (proposal.costing, proposal.service, proposal.listing_id) == (saved, swim, service.pk)
    assert (proposal.old_price, proposal.new_price) == (D("24.00"), D("52.22"))
    assert proposal.cost_option_id == offer.cost_option_id
    assert proposal.created_by == provider

    submission = proposal.submission
    assert submission.status in (SubmissionStatus.WAITING, SubmissionStatus.IN_REVIEW)
    assert submission.submitted_by == provider
    assert submission.note.startswith(
        "Price worked out from our full cost recovery costing 2026 to 2027, version 1, saved on "
    )
    assert submission.note.endswith(": unit cost £52.22")
    assert Revision.page_revisions.filter(object_id=str(service.pk)).count() == revisions_before + 1
    submitted = submission.revision.as_object()
    assert [o.amount for o in submitted.cost_options.all()] == [D("52.22")]

    # Nothing a family pays has changed yet.
    assert CostOption.objects.get(pk=offer.cost_option_id).amount == D("24.00")
    assert BookableOffer.objects.get(pk=offer.pk).unit_price == D("24.00")
    assert ServicePage.objects.get(pk=service.pk).cost_options.get().amount == D("24.00")

    moderator = users_by_role["moderator"]
    mark_urgent(submission=submission, user=moderator, reason=UrgentReason.UNSAFE)
    approve_submission(submission=Submission.objects.get(pk=submission.pk), user=moderator)

    assert CostOption.objects.get(pk=offer.cost_option_id).amount == D("52.22")
    assert BookableOffer.objects.get(pk=offer.pk).unit_price == D("52.22")


def test_an_unsubmitted_draft_of_the_listing_is_kept(costing, swim, service, offer, provider):
    link(costing, swim, service, provider)
    draft = Page.objects.get(pk=service.pk).specific.get_latest_revision_as_object()
    draft.summary = "Now with a second pool on Sundays."
    draft.save_revision(user=provider, clean=False)

    proposal = use_as_price(costing_service=swim, by=provider)

    submitted = proposal.submission.revision.as_object()
    assert submitted.summary == "Now with a second pool on Sundays."
    assert submitted.cost_options.get().amount == D("52.22")
    assert ServicePage.objects.get(pk=service.pk).summary != "Now with a second pool on Sundays."


def test_a_saved_costing_is_used_as_it_is(costing, swim, service, offer, provider):
    link(costing, swim, service, provider)
    finalise_costing(costing=costing, by=provider)
    finalised_at = Costing.objects.get(pk=costing.pk).finalised_at
    proposal = use_as_price(costing_service=swim, by=provider)
    assert proposal.costing.finalised_at == finalised_at


def test_the_first_cost_row_is_used_when_the_listing_is_not_bookable(
    costing, swim, service, provider
):
    CostOptionFactory(service=service, amount=D("40.00"))
    first = CostOption.objects.filter(service=service).order_by("sort_order", "pk").first()
    link(costing, swim, service, provider)
    proposal = use_as_price(costing_service=swim, by=provider)
    assert proposal.cost_option_id == first.pk


def test_refused_for_a_service_with_no_listing(costing, swim, provider):
    with pytest.raises(CostingError, match="Link Swim Club to one of your listings first"):
        use_as_price(costing_service=swim, by=provider)
    assert Costing.objects.get(pk=costing.pk).status == CostingStatus.DRAFT


def test_refused_for_a_listing_with_no_price(costing, swim, organisation, provider):
    bare = ServicePageFactory(parent=organisation, cost_options=[])
    link(costing, swim, bare, provider, current_price=D("45.00"))
    with pytest.raises(CostingError, match="has no price to change"):
        use_as_price(costing_service=swim, by=provider)
    # Nothing was kept: not even the costing's saving.
    assert Costing.objects.get(pk=costing.pk).status == CostingStatus.DRAFT
    assert not PriceProposal.objects.exists()


def test_refused_when_the_price_is_already_the_unit_cost(costing, swim, service, provider):
    CostOption.objects.filter(service=service).update(amount=D("52.22"))
    link(costing, swim, service, provider)
    with pytest.raises(CostingError, match="already costs £52.22"):
        use_as_price(costing_service=swim, by=provider)


def test_refused_when_the_costing_cannot_be_saved(costing, swim, service, provider):
    link(costing, swim, service, provider, occupancy_percent=D("0"))
    with pytest.raises(CostingError, match="cannot be saved yet"):
        use_as_price(costing_service=swim, by=provider)
    assert Costing.objects.get(pk=costing.pk).status == CostingStatus.DRAFT
    assert not Submission.objects.exists()


def test_refused_for_a_listing_of_another_organisation(costing, swim, organisation_index, provider):
    # A listing linked before it moved, or written by other code: checked again here.
    elsewhere = ServicePageFactory(parent=OrganisationPageFactory(parent=organisation_index))
    type(swim).objects.filter(pk=swim.pk).update(listing=elsewhere)
    swim.refresh_from_db()
    with pytest.raises(CostingError, match="not one of your organisation's"):
        use_as_price(costing_service=swim, by=provider)


def test_refused_for_someone_outside_the_team(costing, swim, service, users_by_role):
    with pytest.raises(CostingError, match="own team"):
        use_as_price(costing_service=swim, by=users_by_role["moderator"])
