""" "Use this as my price": send a listing's new price, worked out from a saved costing,
to the council to check.

The price goes the ordinary moderated way: a new revision of the listing with the cost
row's amount set to the unit cost, submitted for review. The live price (and so what a
family is charged, through the bookable offer's cost row) changes only when a moderator
approves, exactly as for any other edit of the listing.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from localoffer.core.transitions import lock
from pricing.costing.models import CostedService, Costing, PriceProposal
from pricing.costing.selectors import belongs_to, costing_rows, listing_price
from pricing.costing.services.common import ACTION_PRICE_PROPOSED, CostingError, require_member
from pricing.costing.services.costings import _finalise_locked
from providers.models import ServicePage
from providers.moderation.enums import CycleStatus
from providers.moderation.models import SubmissionCycle
from providers.moderation.services import ModerationError, submit_for_review


def _day(value: Any) -> str:
    return f"{value.day} {value:%B %Y}"


def proposal_note(costing: Costing, unit_cost: Any) -> str:
    """What the council reads beside the submission."""
    saved_on = timezone.localtime(costing.finalised_at) if costing.finalised_at else None
    return (
        f"Price worked out from our full cost recovery costing {costing.label}, saved on "
        f"{_day(saved_on) if saved_on else 'an unknown date'}: unit cost £{unit_cost:,.2f}"
    )


def use_as_price(*, costing_service: CostedService, by: Any) -> PriceProposal:
    """Send the service's unit cost to the council as its listing's new price.

    Only for a service linked to one of the organisation's own listings with a cost row.
    A draft costing is saved first, in the same transaction, because a price must always
    name a dated costing that never changes. Builds on the listing's latest revision, so
    a draft the provider has not submitted yet is kept, not thrown away.
    """
    costing = costing_service.costing
    organisation = costing.organisation
    require_member(by, organisation)
    listing = costing_service.listing
    if listing is None:
        raise CostingError(f"Link {costing_service.name} to one of your listings first.")
    if not belongs_to(listing, organisation):
        raise CostingError("That listing is not one of your organisation's.")
    with transaction.atomic():
        # Lock in the order the moderation does (open cycles, then the page), so this and
        # a submission of the same listing never wait on each other.
        list(
            SubmissionCycle.objects.select_for_update()
            .for_council()
            .exclude(status=CycleStatus.CLOSED)
            .order_by("pk")
        )
        locked = lock(costing)
        if not locked.is_final:
            locked = _finalise_locked(locked, by)
        service = CostedService.objects.get(pk=costing_service.pk, costing=locked)
        result = costing_rows(locked).work_out().service(service.pk)
        if result.unit_cost is None:
            raise CostingError(f"{service.name} has no unit cost: {result.unit_cost_reason}")
        page = ServicePage.objects.select_for_update().get(pk=listing.pk)
        price = listing_price(page)
        if price is None:
            raise CostingError(f"{page.title} has no price to change. Add a cost to it first.")
        old = None if price.is_free else price.amount
        if old == result.unit_cost:
            raise CostingError(f"{page.title} already costs £{old:,.2f}.")
        draft = page.get_latest_revision_as_object()
        options = list(draft.cost_options.all())
        option = next((o for o in options if o.pk == price.cost_option_id), None)
        if option is None:
            raise CostingError(
                f"The latest version of {page.title} no longer has that price. Check the "
                "listing's costs, then try again."
            )
        option.is_free = False
        option.amount = result.unit_cost
        draft.cost_options = options
        draft.save_revision(user=by, log_action=True, clean=False)
        try:
            submission = submit_for_review(
                page=page, user=by, note=proposal_note(locked, result.unit_cost)
            )
        except ModerationError as error:
            raise CostingError(str(error.message)) from error
        proposal = PriceProposal.objects.create(
            costing=locked,
            service=service,
            listing=page,
            cost_option_id=price.cost_option_id,
            old_price=old,
            new_price=result.unit_cost,
            submission=submission,
            created_by=by,
        )
        log(
            instance=locked,
            action=ACTION_PRICE_PROPOSED,
            user=by,
            data={
                "service_id": service.pk,
                "listing_id": page.pk,
                "submission_id": submission.pk,
                "old_price": str(old) if old is not None else None,
                "new_price": str(result.unit_cost),
            },
        )
    costing.status = locked.status
    return proposal
