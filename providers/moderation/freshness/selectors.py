"""Reads for listing confirmations and stale listings."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from providers.models import Membership, OrganisationPage, ServicePage
from providers.moderation.enums import CycleStatus
from providers.moderation.freshness.models import ListingConfirmation, ListingFreshness
from providers.moderation.models import SubmissionCycle
from providers.organisations.access import is_organisation_member
from providers.selectors import attach_organisations, organisations_by_page, organisations_of_user


def out_of_date_page_ids(page_ids: Iterable[int]) -> set[int]:
    """Which of these listings families are told "may be out of date". One query."""
    ids = [int(pk) for pk in page_ids]
    if not ids:
        return set()
    return set(
        ListingFreshness.objects.flagged().filter(page_id__in=ids).values_list("page_id", flat=True)
    )


def freshness_of(page_id: int) -> ListingFreshness | None:
    return ListingFreshness.objects.filter(page_id=page_id).first()


def latest_opened_cycle() -> SubmissionCycle | None:
    """The most recent cycle to have opened (open now, or closed since): the one whose
    confirmation links are current. A link from any earlier cycle is out of date."""
    return (
        SubmissionCycle.objects.exclude(status=CycleStatus.SCHEDULED)
        .order_by("-opens_on", "-pk")
        .first()
    )


def cycle_opened_at(cycle: SubmissionCycle) -> dt.datetime:
    """When the cycle opened; the start of its opening day if the moment was not recorded."""
    if cycle.opened_at is not None:
        return cycle.opened_at
    return timezone.make_aware(dt.datetime.combine(cycle.opens_on, dt.time.min))


def checked_since(moment: dt.datetime) -> Q:
    """Freshness rows whose listing was confirmed or had a change published since `moment`."""
    return Q(last_confirmed_at__gte=moment) | Q(last_updated_at__gte=moment)


def stale_listings() -> QuerySet[ListingFreshness]:
    """Flagged or unpublished-for-staleness listings, for the moderators' list."""
    return ListingFreshness.objects.stale().select_related("page", "last_confirmed_by")


def organisation_of_pages(pages: Iterable[Any]) -> dict[int, OrganisationPage | None]:
    """{page id: its organisation page} in one query."""
    return organisations_by_page(pages)


def members_by_organisation(organisation_ids: Iterable[int]) -> dict[int, list[Any]]:
    """{organisation id: its active members, admins included} in one query, however many."""
    ids = list(organisation_ids)
    if not ids:
        return {}
    members: dict[int, list[Any]] = defaultdict(list)
    memberships = (
        Membership.objects.active()
        .filter(organisation_id__in=ids)
        .select_related("user")
        .order_by("user__email")
    )
    for membership in memberships:
        members[membership.organisation_id].append(membership.user)
    return dict(members)


def is_member(user: Any, organisation: OrganisationPage) -> bool:
    return is_organisation_member(user, organisation)


def listings_to_confirm(user: Any, cycle: SubmissionCycle | None) -> list[ServicePage]:
    """The person's organisations' live listings not yet confirmed or updated in this cycle.

    Each has `.organisation_page` and `.is_flagged`. Three queries.
    """
    if cycle is None or not user.is_authenticated:
        return []
    organisations = list(organisations_of_user(user).only("pk", "path", "depth"))
    if not organisations:
        return []
    in_organisations = Q()
    for organisation in organisations:
        in_organisations |= Q(path__startswith=organisation.path, depth=organisation.depth + 1)
    checked = ListingFreshness.objects.filter(
        checked_since(cycle_opened_at(cycle)), page_id=OuterRef("pk")
    )
    confirmed = ListingConfirmation.objects.filter(cycle=cycle, page_id=OuterRef("pk"))
    flagged = ListingFreshness.objects.flagged().filter(page_id=OuterRef("pk"))
    listings = (
        ServicePage.objects.live()
        .filter(in_organisations)
        .annotate(is_checked=Exists(checked) | Exists(confirmed), is_flagged=Exists(flagged))
        .filter(is_checked=False)
        .order_by("-is_flagged", "title")
    )
    return attach_organisations(listings)
