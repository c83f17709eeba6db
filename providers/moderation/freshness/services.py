"""Writes for listing confirmations and stale listings.

The rule, as providers are told it:

- When a cycle opens, every member of every organisation is asked by email to confirm
  that each of its published listings is still right (`request_confirmations`).
- A listing is *checked* in a cycle when a member confirmed it (`confirm_listing`), or a
  change to it was published (`record_listing_published`: an approved submission), at any
  time between the cycle's opening and its close. A change the provider submitted that is
  still waiting for a moderator at the close also counts: the provider did their part.
- Missed cycles are counted at each cycle's close (`count_missed_cycles`). A check at any
  time sets the count back to zero and clears the flag.
- At 2 missed cycles the listing is flagged: families see "may be out of date" and its
  members are warned that it will be unpublished if it is not confirmed or updated by the
  next cycle's deadline. A reminder goes a week before that deadline
  (`send_deadline_reminders`, run daily by `manage.py run_submission_cycles`).
- At 3 missed cycles it is unpublished at the close (Wagtail's unpublish, which takes it
  out of search), and its members are told how to get it back: check it, update it if
  needed and submit it for review; it is published again when a moderator approves it.

Each listing's counts live in `ListingFreshness`, locked before it changes: a provider
confirming while the close counts waits for the count, or the count sees the confirmation.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.log_actions import log
from wagtail.models import Page

from localoffer.core.mail import send_email, site_url
from providers.models import OrganisationPage, ServicePage
from providers.moderation.enums import PENDING_STATUSES, CycleStatus
from providers.moderation.freshness import progress
from providers.moderation.freshness.enums import ConfirmationMethod
from providers.moderation.freshness.links import confirmation_url, expires_on
from providers.moderation.freshness.models import (
    FLAG_AFTER_MISSED,
    UNPUBLISH_AFTER_MISSED,
    ListingConfirmation,
    ListingFreshness,
)
from providers.moderation.freshness.selectors import (
    checked_since,
    cycle_opened_at,
    members_by_organisation,
    next_scheduled_cycle,
    open_cycle,
    organisation_of_pages,
)
from providers.moderation.models import Submission, SubmissionCycle

ACTION_CONFIRM = "moderation.freshness.confirm"
ACTION_FLAG = "moderation.freshness.flag"
ACTION_REMIND = "moderation.freshness.remind"
ACTION_UNPUBLISH = "moderation.freshness.unpublish"
ACTION_CLEAR = "moderation.freshness.clear"

REMINDER_DAYS_BEFORE_DEADLINE = 7
BATCH = 500


class FreshnessError(ValidationError):
    """A confirmation the rules do not allow; the message is for the provider to read."""


# --- helpers -------------------------------------------------------------------------------


def _chunks(items: Sequence[Any], size: int = BATCH) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _lock(page_id: int) -> ListingFreshness:
    """The listing's freshness row, created if missing, locked until the transaction ends."""
    ListingFreshness.objects.get_or_create(page_id=page_id)
    return ListingFreshness.objects.select_for_update().get(page_id=page_id)


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
    for chunk in _chunks(missing, 1000):
        ListingFreshness.objects.bulk_create(
            [ListingFreshness(page_id=pk, last_updated_at=published) for pk, published in chunk],
            ignore_conflicts=True,
        )
    return len(missing)


def _counts_as_checked(cycle: SubmissionCycle) -> Q:
    """Checked in this cycle: confirmed or published since it opened, or a submitted change
    is waiting for a moderator (the provider has done their part; the council has not yet)."""
    pending = Submission.objects.filter(status__in=PENDING_STATUSES).values("page_id")
    return checked_since(cycle_opened_at(cycle)) | Q(page_id__in=pending)


def _dashboard_url() -> str:
    return site_url() + reverse("wagtailadmin_home")


def _edit_url(page_id: int) -> str:
    return site_url() + reverse("wagtailadmin_pages:edit", args=[page_id])


def _by_organisation(pages: Iterable[ServicePage]) -> dict[OrganisationPage, list[ServicePage]]:
    pages = list(pages)
    organisations = organisation_of_pages(pages)
    grouped: dict[OrganisationPage, list[ServicePage]] = defaultdict(list)
    for page in pages:
        organisation = organisations.get(page.pk)
        if organisation is not None:
            grouped[organisation].append(page)
    return grouped


def _email_members(
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
                    "edit_url": _edit_url(page.pk),
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
                    "dashboard_url": _dashboard_url(),
                },
            )
            sent += 1
    return sent


# --- confirming and publishing ------------------------------------------------------------


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
    with transaction.atomic():
        record = _lock(page.pk)
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
        record = _lock(page.pk)
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


# --- when a cycle opens -------------------------------------------------------------------


def request_confirmations(*, cycle: SubmissionCycle) -> int:
    """Email every member of every organisation a link per live listing; returns emails sent.

    One email per person per organisation (a provider with ten listings gets one message
    with ten links), each link signed for that person.
    """
    ensure_records()
    listings = list(
        ServicePage.objects.live().order_by("path").only("pk", "title", "path", "depth")
    )
    flagged = set(
        ListingFreshness.objects.flagged().filter(page__live=True).values_list("page_id", flat=True)
    )
    grouped = _by_organisation(listings)
    organisations = list(grouped)
    emails = 0
    without_members = 0
    with progress.task("Asking providers to confirm their listings", len(listings)) as update:
        for chunk in _chunks(organisations):
            members = members_by_organisation([organisation.pk for organisation in chunk])
            for organisation in chunk:
                pages = grouped[organisation]
                people = members.get(organisation.pk, [])
                if not people:
                    without_members += 1
                for member in people:
                    rows = [
                        {
                            "title": page.title,
                            "flagged": page.pk in flagged,
                            "confirm_url": confirmation_url(
                                page_id=page.pk, cycle_id=cycle.pk, user_id=member.pk
                            ),
                        }
                        for page in pages
                    ]
                    send_email(
                        to=[member.email],
                        template="moderation/freshness/email/confirmation_request",
                        context={
                            "recipient": member,
                            "organisation": organisation,
                            "cycle": cycle,
                            "listings": rows,
                            "any_flagged": any(row["flagged"] for row in rows),
                            "expires_on": expires_on(cycle),
                            "dashboard_url": _dashboard_url(),
                        },
                    )
                    emails += 1
                update(len(pages))
    progress.note(
        f"Asked providers to confirm {len(listings)} listing(s) of "
        f"{len(organisations)} organisation(s): {emails} email(s)"
    )
    if without_members:
        progress.note(f"{without_members} organisation(s) have nobody to ask")
    return emails


# --- when a cycle closes ------------------------------------------------------------------


@dataclass
class CloseSummary:
    checked: int = 0
    missed: int = 0
    flagged: int = 0
    unpublished: int = 0


def count_missed_cycles(*, cycle: SubmissionCycle) -> CloseSummary:
    """Count this cycle for every live listing, then flag and unpublish by the rule.

    Each listing is counted once per cycle (`last_counted_cycle`), so a repeated close
    changes nothing. The counts are two UPDATE statements: on PostgreSQL each locks the
    rows it changes and re-checks its condition against a confirmation committed
    meanwhile, so a listing confirmed during the close is never counted as missed.
    """
    ensure_records()
    summary = CloseSummary()
    uncounted = ListingFreshness.objects.filter(page__live=True).exclude(last_counted_cycle=cycle)
    checked = _counts_as_checked(cycle)
    summary.missed = uncounted.exclude(checked).update(
        missed_cycles=F("missed_cycles") + 1, last_counted_cycle=cycle
    )
    summary.checked = uncounted.filter(checked).update(
        missed_cycles=0, flagged_at=None, warned_at=None, last_counted_cycle=cycle
    )
    summary.unpublished = unpublish_stale_listings(cycle=cycle)
    summary.flagged = flag_stale_listings(cycle=cycle)
    progress.note(
        f"Closed {cycle.name}: {summary.checked} listing(s) checked, {summary.missed} missed, "
        f"{summary.flagged} newly flagged as out of date, {summary.unpublished} unpublished"
    )
    return summary


def _locked_page_ids(queryset) -> list[int]:
    # Only the freshness rows: the pages are not changed here.
    return list(queryset.select_for_update(of=("self",)).values_list("page_id", flat=True))


def flag_stale_listings(*, cycle: SubmissionCycle) -> int:
    """Flag live listings that have reached two missed cycles, and warn their members."""
    page_ids = _locked_page_ids(
        ListingFreshness.objects.filter(
            page__live=True,
            missed_cycles__gte=FLAG_AFTER_MISSED,
            flagged_at__isnull=True,
        )
    )
    if not page_ids:
        return 0
    now = timezone.now()
    next_cycle = next_scheduled_cycle(after=cycle.opens_on)
    pages: list[ServicePage] = []
    with progress.task("Flagging listings as out of date", len(page_ids)) as update:
        for chunk in _chunks(page_ids):
            ListingFreshness.objects.filter(page_id__in=chunk).update(flagged_at=now, warned_at=now)
            for page in ServicePage.objects.filter(pk__in=chunk):
                log(
                    instance=page,
                    action=ACTION_FLAG,
                    user=None,
                    data={"cycle_id": cycle.pk, "cycle": cycle.name},
                )
                pages.append(page)
            update(len(chunk))
    _email_members(
        _by_organisation(pages),
        "moderation/freshness/email/stale_warning",
        {"cycle": cycle, "next_cycle": next_cycle},
    )
    return len(pages)


def unpublish_stale_listing(*, page: ServicePage, cycle: SubmissionCycle) -> bool:
    """Unpublish one listing that reached three missed cycles; False if it no longer has.

    Wagtail's own unpublish, so the search index drops it (search.signal_handlers) and the
    page keeps its drafts and revisions for the provider to bring it back.
    """
    with transaction.atomic():
        # The page first, then its freshness: the order moderation.services and the publish
        # receiver (record_listing_published) take them in.
        Page.objects.select_for_update().filter(pk=page.pk).first()
        record = _lock(page.pk)
        page = ServicePage.objects.get(pk=page.pk)
        if not page.live or record.missed_cycles < UNPUBLISH_AFTER_MISSED:
            return False
        UnpublishPageAction(page, user=None, log_action=False).execute(skip_permission_checks=True)
        record.unpublished_at = timezone.now()
        record.save(update_fields=["unpublished_at"])
        log(
            instance=page,
            action=ACTION_UNPUBLISH,
            user=None,
            data={
                "cycle_id": cycle.pk,
                "cycle": cycle.name,
                "missed_cycles": record.missed_cycles,
            },
        )
    return True


def unpublish_stale_listings(*, cycle: SubmissionCycle) -> int:
    """Unpublish every live listing at three missed cycles and tell its members."""
    page_ids = list(
        ListingFreshness.objects.filter(
            page__live=True, missed_cycles__gte=UNPUBLISH_AFTER_MISSED
        ).values_list("page_id", flat=True)
    )
    unpublished: list[ServicePage] = []
    with progress.task("Unpublishing stale listings", len(page_ids)) as update:
        for chunk in _chunks(page_ids):
            for page in ServicePage.objects.filter(pk__in=chunk):
                if unpublish_stale_listing(page=page, cycle=cycle):
                    unpublished.append(page)
            update(len(chunk))
    _email_members(
        _by_organisation(unpublished),
        "moderation/freshness/email/stale_unpublished",
        {"cycle": cycle},
    )
    return len(unpublished)


# --- a week before the deadline -----------------------------------------------------------


def reminder_due(cycle: SubmissionCycle, today: dt.date) -> bool:
    starts = cycle.deadline - dt.timedelta(days=REMINDER_DAYS_BEFORE_DEADLINE)
    return starts <= today <= cycle.deadline


def send_deadline_reminders(*, today: dt.date | None = None) -> int:
    """Remind members of flagged listings, once per cycle in its last week, that the
    listing is unpublished at this cycle's close unless it is confirmed or updated."""
    today = today or timezone.localdate()
    cycle = open_cycle()
    if cycle is None or not reminder_due(cycle, today):
        return 0
    with transaction.atomic():
        page_ids = _locked_page_ids(
            ListingFreshness.objects.filter(
                page__live=True, missed_cycles__gte=UNPUBLISH_AFTER_MISSED - 1
            )
            .exclude(_counts_as_checked(cycle))
            .exclude(reminder_cycle=cycle)
        )
        now = timezone.now()
        pages: list[ServicePage] = []
        for chunk in _chunks(page_ids):
            ListingFreshness.objects.filter(page_id__in=chunk).update(
                reminder_cycle=cycle, reminded_at=now
            )
            for page in ServicePage.objects.filter(pk__in=chunk):
                log(
                    instance=page,
                    action=ACTION_REMIND,
                    user=None,
                    data={"cycle_id": cycle.pk, "deadline": cycle.deadline.isoformat()},
                )
                pages.append(page)
        _email_members(
            _by_organisation(pages),
            "moderation/freshness/email/stale_reminder",
            {"cycle": cycle},
            confirm_in=cycle,
        )
    if pages:
        progress.note(f"Reminded the providers of {len(pages)} flagged listing(s)")
    return len(pages)
