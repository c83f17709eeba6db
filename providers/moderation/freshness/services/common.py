"""What the freshness writes share: batching, the locked freshness row, who is mailed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db.models import Q
from django.urls import reverse

from localoffer.core.mail import send_email, site_url
from providers.models import OrganisationPage, ServicePage
from providers.moderation.enums import PENDING_STATUSES
from providers.moderation.freshness.links import confirmation_url
from providers.moderation.freshness.models import ListingFreshness
from providers.moderation.freshness.selectors import (
    checked_since,
    cycle_opened_at,
    members_by_organisation,
    organisation_of_pages,
)
from providers.moderation.models import Submission, SubmissionCycle

ACTION_CONFIRM = "moderation.freshness.confirm"
ACTION_FLAG = "moderation.freshness.flag"
ACTION_REMIND = "moderation.freshness.remind"
ACTION_UNPUBLISH = "moderation.freshness.unpublish"
ACTION_CLEAR = "moderation.freshness.clear"

BATCH = 500


def chunks(items: Sequence[Any], size: int = BATCH) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def lock_record(page_id: int) -> ListingFreshness:
    """The listing's freshness row, created if missing, locked until the transaction ends."""
    ListingFreshness.objects.get_or_create(page_id=page_id)
    return ListingFreshness.objects.select_for_update().get(page_id=page_id)


def locked_page_ids(queryset) -> list[int]:
    # Only the freshness rows: the pages are not changed here.
    return list(queryset.select_for_update(of=("self",)).values_list("page_id", flat=True))


def ensure_records() -> int:
    """Give every live listing a freshness row; returns how many were made.

    Listings published before freshness was recorded (or made in bulk without Wagtail's
    signals) start from their last publication, so they are not counted as never checked.
    """
    missing = list(
        ServicePage.objects.live()
        .filter(freshness__isnull=True)
        .values_list("pk", "last_published_at")
    )
    for chunk in chunks(missing, 1000):
        ListingFreshness.objects.bulk_create(
            [ListingFreshness(page_id=pk, last_updated_at=published) for pk, published in chunk],
            ignore_conflicts=True,
        )
    return len(missing)


def counts_as_checked(cycle: SubmissionCycle) -> Q:
    """Checked in this cycle: confirmed or published since it opened, or a submitted change
    is waiting for a moderator (the provider has done their part; the council has not yet)."""
    pending = Submission.objects.filter(status__in=PENDING_STATUSES).values("page_id")
    return checked_since(cycle_opened_at(cycle)) | Q(page_id__in=pending)


def dashboard_url() -> str:
    return site_url() + reverse("wagtailadmin_home")


def edit_url(page_id: int) -> str:
    return site_url() + reverse("wagtailadmin_pages:edit", args=[page_id])


def by_organisation(pages: Iterable[ServicePage]) -> dict[OrganisationPage, list[ServicePage]]:
    pages = list(pages)
    organisations = organisation_of_pages(pages)
    grouped: dict[OrganisationPage, list[ServicePage]] = defaultdict(list)
    for page in pages:
        organisation = organisations.get(page.pk)
        if organisation is not None:
            grouped[organisation].append(page)
    return grouped


def email_members(
    grouped: dict[OrganisationPage, list[ServicePage]],
    template: str,
    context: dict[str, Any],
    *,
    confirm_in: SubmissionCycle | None = None,
) -> int:
    """One email per member per organisation, listing that organisation's pages (with a
    confirmation link signed for each member when `confirm_in` names the cycle)."""
    members = members_by_organisation([organisation.pk for organisation in grouped])
    sent = 0
    for organisation, pages in grouped.items():
        for member in members.get(organisation.pk, []):
            listings = [
                {
                    "title": page.title,
                    "edit_url": edit_url(page.pk),
                    "confirm_url": confirmation_url(
                        page_id=page.pk, cycle_id=confirm_in.pk, user_id=member.pk
                    )
                    if confirm_in is not None
                    else "",
                }
                for page in pages
            ]
            send_email(
                to=[member.email],
                template=template,
                context={
                    **context,
                    "recipient": member,
                    "organisation": organisation,
                    "listings": listings,
                    "dashboard_url": dashboard_url(),
                },
            )
            sent += 1
    return sent
