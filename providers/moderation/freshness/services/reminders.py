"""A week before the deadline: the last reminder before a flagged listing is unpublished."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from providers.models import ServicePage
from providers.moderation.freshness.models import UNPUBLISH_AFTER_MISSED, ListingFreshness
from providers.moderation.freshness.services.common import (
    ACTION_REMIND,
    by_organisation,
    chunks,
    counts_as_checked,
    email_members,
    locked_page_ids,
)
from providers.moderation.models import SubmissionCycle
from providers.moderation.progress import LOGGED, Progress
from providers.moderation.selectors.cycles import current_cycle

REMINDER_DAYS_BEFORE_DEADLINE = 7


def reminder_due(cycle: SubmissionCycle, today: dt.date) -> bool:
    """In the cycle's last week: it still takes submissions, and the deadline is near."""
    starts = cycle.deadline - dt.timedelta(days=REMINDER_DAYS_BEFORE_DEADLINE)
    return cycle.accepts_submissions_on(today) and starts <= today


def send_deadline_reminders(*, today: dt.date | None = None, progress: Progress = LOGGED) -> int:
    """Remind members of flagged listings, once per cycle in its last week, that the
    listing is unpublished at this cycle's close unless it is confirmed or updated."""
    today = today or timezone.localdate()
    cycle = current_cycle()
    if cycle is None or not reminder_due(cycle, today):
        return 0
    with transaction.atomic():
        page_ids = locked_page_ids(
            ListingFreshness.objects.filter(
                page__live=True, missed_cycles__gte=UNPUBLISH_AFTER_MISSED - 1
            )
            .exclude(counts_as_checked(cycle))
            .exclude(reminder_cycle=cycle)
        )
        now = timezone.now()
        pages: list[ServicePage] = []
        for chunk in chunks(page_ids):
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
        email_members(
            by_organisation(pages),
            "moderation/freshness/email/stale_reminder",
            {"cycle": cycle},
            confirm_in=cycle,
        )
    if pages:
        progress.note(f"Reminded the providers of {len(pages)} flagged listing(s)")
    return len(pages)
