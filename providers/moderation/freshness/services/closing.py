"""When a cycle closes: count who missed it, flag at two misses, unpublish at three.

Each function here has its own transaction, so it can run on its own (a shell, a task)
as well as inside `close_cycle`'s, where it is a savepoint of the close.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.log_actions import log
from wagtail.models import Page

from providers.models import ServicePage
from providers.moderation.freshness.models import (
    FLAG_AFTER_MISSED,
    UNPUBLISH_AFTER_MISSED,
    ListingFreshness,
)
from providers.moderation.freshness.services.common import (
    ACTION_FLAG,
    ACTION_UNPUBLISH,
    by_organisation,
    chunks,
    counts_as_checked,
    email_members,
    ensure_records,
    lock_record,
    locked_page_ids,
)
from providers.moderation.models import SubmissionCycle
from providers.moderation.progress import LOGGED, Progress
from providers.moderation.selectors.cycles import next_cycle


@dataclass
class CloseSummary:
    checked: int = 0
    missed: int = 0
    flagged: int = 0
    unpublished: int = 0


def count_missed_cycles(*, cycle: SubmissionCycle, progress: Progress = LOGGED) -> CloseSummary:
    """Count this cycle for every live listing, then flag and unpublish by the rule.

    Each listing is counted once per cycle (`last_counted_cycle`), so a repeated close
    changes nothing. The counts are two UPDATE statements: on PostgreSQL each locks the
    rows it changes and re-checks its condition against a confirmation committed
    meanwhile, so a listing confirmed during the close is never counted as missed.
    """
    with transaction.atomic():
        ensure_records()
        summary = CloseSummary()
        uncounted = ListingFreshness.objects.filter(page__live=True).exclude(
            last_counted_cycle=cycle
        )
        checked = counts_as_checked(cycle)
        summary.missed = uncounted.exclude(checked).update(
            missed_cycles=F("missed_cycles") + 1, last_counted_cycle=cycle
        )
        summary.checked = uncounted.filter(checked).update(
            missed_cycles=0, flagged_at=None, warned_at=None, last_counted_cycle=cycle
        )
        summary.unpublished = unpublish_stale_listings(cycle=cycle, progress=progress)
        summary.flagged = flag_stale_listings(cycle=cycle, progress=progress)
        progress.note(
            f"Closed {cycle.name}: {summary.checked} listing(s) checked, {summary.missed} missed, "
            f"{summary.flagged} newly flagged as out of date, {summary.unpublished} unpublished"
        )
    return summary


def flag_stale_listings(*, cycle: SubmissionCycle, progress: Progress = LOGGED) -> int:
    """Flag live listings that have reached two missed cycles, and warn their members."""
    with transaction.atomic():
        page_ids = locked_page_ids(
            ListingFreshness.objects.filter(
                page__live=True,
                missed_cycles__gte=FLAG_AFTER_MISSED,
                flagged_at__isnull=True,
            )
        )
        if not page_ids:
            return 0
        now = timezone.now()
        upcoming = next_cycle(after=cycle.opens_on)
        pages: list[ServicePage] = []
        with progress.bar("Flagging listings as out of date", len(page_ids)) as update:
            for chunk in chunks(page_ids):
                ListingFreshness.objects.filter(page_id__in=chunk).update(
                    flagged_at=now, warned_at=now
                )
                for page in ServicePage.objects.filter(pk__in=chunk):
                    log(
                        instance=page,
                        action=ACTION_FLAG,
                        user=None,
                        data={"cycle_id": cycle.pk, "cycle": cycle.name},
                    )
                    pages.append(page)
                update(len(chunk))
        email_members(
            by_organisation(pages),
            "moderation/freshness/email/stale_warning",
            {"cycle": cycle, "next_cycle": upcoming},
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
        record = lock_record(page.pk)
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


def unpublish_stale_listings(*, cycle: SubmissionCycle, progress: Progress = LOGGED) -> int:
    """Unpublish every live listing at three missed cycles and tell its members."""
    with transaction.atomic():
        page_ids = list(
            ListingFreshness.objects.filter(
                page__live=True, missed_cycles__gte=UNPUBLISH_AFTER_MISSED
            ).values_list("page_id", flat=True)
        )
        unpublished: list[ServicePage] = []
        with progress.bar("Unpublishing stale listings", len(page_ids)) as update:
            for chunk in chunks(page_ids):
                for page in ServicePage.objects.filter(pk__in=chunk):
                    if unpublish_stale_listing(page=page, cycle=cycle):
                        unpublished.append(page)
                update(len(chunk))
        email_members(
            by_organisation(unpublished),
            "moderation/freshness/email/stale_unpublished",
            {"cycle": cycle},
        )
    return len(unpublished)
