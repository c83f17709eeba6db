"""Helpers for the moderation tests: cycles in a given state, drafts, and submissions.

Everything goes through the real services (providers.moderation.services), so a helper that
succeeds is itself a small test that the happy path works.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from wagtail.models import Page

from providers.moderation.enums import CycleStatus
from providers.moderation.models import SubmissionCycle
from providers.moderation.services import close_cycle, open_cycle, schedule_cycle, submit_for_review


def today() -> dt.date:
    return timezone.localdate()


def make_cycle(
    moderator,
    *,
    status: str = CycleStatus.OPEN,
    opens_in: int = 0,
    days_to_deadline: int = 27,
    days_to_review: int = 21,
    name: str | None = None,
) -> SubmissionCycle:
    """A cycle opening `opens_in` days from today, moved to `status` by the services."""
    opens_on = today() + dt.timedelta(days=opens_in)
    deadline = opens_on + dt.timedelta(days=days_to_deadline)
    cycle = schedule_cycle(
        name=name or f"Cycle opening {opens_on:%-d %B %Y}",
        opens_on=opens_on,
        deadline=deadline,
        review_by=deadline + dt.timedelta(days=days_to_review),
        user=moderator,
    )
    if status in (CycleStatus.OPEN, CycleStatus.CLOSED):
        open_cycle(cycle=cycle, user=moderator)
    if status == CycleStatus.CLOSED:
        close_cycle(cycle=cycle, user=moderator)
    return cycle


def move_deadline_into_the_past(cycle: SubmissionCycle, days: int = 1) -> SubmissionCycle:
    """The deadline passes without anyone closing the cycle (the daily job has not run)."""
    deadline = today() - dt.timedelta(days=days)
    SubmissionCycle.objects.filter(pk=cycle.pk).update(
        opens_on=min(cycle.opens_on, deadline), deadline=deadline
    )
    cycle.refresh_from_db()
    return cycle


def edit_draft(page, user, **changes):
    """Save a new draft revision of a page, as the editor's "Save draft" does."""
    page = Page.objects.get(pk=page.pk).specific
    draft = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    revision = draft.save_revision(user=user)
    return Page.objects.get(pk=page.pk).specific, revision


def submit(page, user, **kwargs):
    return submit_for_review(page=Page.objects.get(pk=page.pk), user=user, **kwargs)


def refresh(page):
    return Page.objects.get(pk=page.pk).specific
