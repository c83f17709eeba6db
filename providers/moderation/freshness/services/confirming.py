"""Confirming a listing, and a published change counting as a check."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from localoffer.core.transitions import DomainError
from providers.models import ServicePage
from providers.moderation.enums import CycleStatus
from providers.moderation.freshness.enums import ConfirmationMethod
from providers.moderation.freshness.models import ListingConfirmation, ListingFreshness
from providers.moderation.freshness.selectors import organisation_of_pages
from providers.moderation.freshness.services.common import ACTION_CLEAR, ACTION_CONFIRM, lock_record
from providers.moderation.models import SubmissionCycle
from providers.organisations.access import is_organisation_member


class FreshnessError(DomainError):
    """A confirmation the rules do not allow; the message is for the provider to read."""


@dataclass(frozen=True)
class ConfirmResult:
    confirmation: ListingConfirmation
    created: bool


def confirm_listing(
    *, page: ServicePage, cycle: SubmissionCycle, user: Any, method: str
) -> ConfirmResult:
    """Record that a member says the listing's published details are still right.

    Confirming again in the same cycle changes nothing and writes nothing, so a second
    click (or a scanner replaying the form) is harmless.
    """
    if method not in ConfirmationMethod.values:
        raise FreshnessError("Unknown way of confirming a listing.")
    # The views check this too; checked again here so no other caller can skip it.
    organisation = organisation_of_pages([page]).get(page.pk)
    if organisation is None or not is_organisation_member(user, organisation):
        raise FreshnessError(
            "Only a member of the listing's organisation can confirm it is still right."
        )
    with transaction.atomic():
        record = lock_record(page.pk)
        live = ServicePage.objects.filter(pk=page.pk, live=True).exists()
        if not live:
            raise FreshnessError(
                "This listing is not published, so there is nothing to confirm. "
                "Update it and submit it for review to publish it again."
            )
        if cycle.status == CycleStatus.SCHEDULED:
            raise FreshnessError("This review round has not opened yet.")
        existing = ListingConfirmation.objects.filter(page_id=page.pk, cycle=cycle).first()
        if existing is not None:
            return ConfirmResult(existing, created=False)
        now = timezone.now()
        confirmation = ListingConfirmation.objects.create(
            page_id=page.pk, cycle=cycle, confirmed_by=user, confirmed_at=now, method=method
        )
        was = {"missed_cycles": record.missed_cycles, "was_flagged": record.is_flagged}
        record.last_confirmed_at = now
        record.last_confirmed_by = user
        record.missed_cycles = 0
        record.flagged_at = None
        record.warned_at = None
        record.save(
            update_fields=[
                "last_confirmed_at",
                "last_confirmed_by",
                "missed_cycles",
                "flagged_at",
                "warned_at",
            ]
        )
        log(
            instance=page,
            action=ACTION_CONFIRM,
            user=user,
            data={"cycle_id": cycle.pk, "cycle": cycle.name, "method": method, **was},
        )
    return ConfirmResult(confirmation, created=True)


def record_listing_published(*, page: ServicePage) -> ListingFreshness:
    """A change to the listing was published (a moderator approved it): it is checked.

    Called for every publish of a service page (signal_handlers), including the one that
    brings back a listing unpublished for staleness.
    """
    with transaction.atomic():
        record = lock_record(page.pk)
        cleared = record.flagged_at is not None or record.unpublished_at is not None
        record.last_updated_at = timezone.now()
        record.missed_cycles = 0
        record.flagged_at = None
        record.warned_at = None
        record.unpublished_at = None
        record.save(
            update_fields=[
                "last_updated_at",
                "missed_cycles",
                "flagged_at",
                "warned_at",
                "unpublished_at",
            ]
        )
        if cleared:
            log(instance=page, action=ACTION_CLEAR, user=None, data={"reason": "published"})
    return record
