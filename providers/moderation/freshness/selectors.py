"""Reads for listing confirmations and stale listings."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from providers.models import OrganisationPage, ServicePage
from providers.moderation.enums import CycleStatus
from providers.moderation.freshness.models import ListingConfirmation, ListingFreshness
from providers.moderation.models import SubmissionCycle


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


def organisation_of_pages(pages: Iterable[Any]) -> dict[int, OrganisationPage]:
    """{page id: its organisation page} in one query (pages are a tree, not foreign keys)."""
    pages = list(pages)
    parent_paths = {page.path[: -ServicePage.steplen] for page in pages}
    by_path = {org.path: org for org in OrganisationPage.objects.filter(path__in=parent_paths)}
    return {page.pk: by_path.get(page.path[: -ServicePage.steplen]) for page in pages}


def members_by_organisation(organisation_ids: Iterable[int]) -> dict[int, list[Any]]:
    """{organisation id: its active members} in two queries, however many organisations.

    Members are the people in the organisation's "Provider: <name>" group, which
    `localoffer.roles.grant_organisation_access` also puts its admins in (as
    `providers.selectors.organisation_members` reads them, one organisation at a time).
    """
    from wagtail.models import GroupPagePermission

    from localoffer.roles import PROVIDER_GROUP_PREFIX

    ids = list(organisation_ids)
    if not ids:
        return {}
    organisations_of_group: dict[int, set[int]] = defaultdict(set)
    for group_id, page_id in (
        GroupPagePermission.objects.filter(
            page_id__in=ids, group__name__startswith=PROVIDER_GROUP_PREFIX
        )
        .values_list("group_id", "page_id")
        .distinct()
    ):
        organisations_of_group[group_id].add(page_id)
    memberships = (
        get_user_model()
        .groups.through.objects.filter(
            group_id__in=list(organisations_of_group), user__is_active=True
        )
        .select_related("user")
        .order_by("user__email")
    )
    members: dict[int, dict[int, Any]] = defaultdict(dict)
    for membership in memberships:
        for organisation_id in organisations_of_group[membership.group_id]:
            members[organisation_id][membership.user_id] = membership.user
    return {org_id: list(users.values()) for org_id, users in members.items()}


def is_member(user: Any, organisation: OrganisationPage) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.pk in {
        member.pk for member in members_by_organisation([organisation.pk]).get(organisation.pk, [])
    }


def listings_to_confirm(user: Any, cycle: SubmissionCycle | None) -> list[ServicePage]:
    """The person's organisations' live listings not yet confirmed or updated in this cycle.

    Each has `.organisation_page` and `.is_flagged`. Three queries.
    """
    from providers.selectors import attach_organisations, organisations_of_user

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
