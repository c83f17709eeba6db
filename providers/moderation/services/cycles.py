"""Writes of submission cycles: plan, change, open and close a review round.

Opening and closing do the freshness work themselves, in the same transaction: closing
counts missed cycles and flags and unpublishes stale listings
(`freshness.services.count_missed_cycles`); opening enqueues the mail asking every
provider to confirm their listings (`tasks.request_confirmations_task`), sent once the
opening commits.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from wagtail.log_actions import log

from localoffer.core.transitions import check_transition, lock, transition
from providers.moderation.enums import CYCLE_TRANSITIONS, CycleStatus, SubmissionStatus
from providers.moderation.freshness.services import count_missed_cycles
from providers.moderation.models import Submission, SubmissionCycle
from providers.moderation.progress import LOGGED, Progress
from providers.moderation.services.common import (
    ACTION_CYCLE_CHANGE,
    ACTION_CYCLE_CLOSE,
    ACTION_CYCLE_OPEN,
    ACTION_CYCLE_SCHEDULE,
    ModerationError,
    copy_to,
    require_moderator,
)
from providers.moderation.tasks import enqueue_confirmation_requests

_VERB: dict[str, str] = {CycleStatus.OPEN: "opened", CycleStatus.CLOSED: "closed"}

# Any fixed number: the key of the PostgreSQL advisory lock that serialises planning.
_PLANNING_LOCK = 0x6379636C


def _check_move(cycle: SubmissionCycle, target: str) -> None:
    check_transition(
        cycle,
        table=CYCLE_TRANSITIONS,
        to=target,
        error=ModerationError,
        message=f"“{cycle.name}” is {cycle.get_status_display().lower()}, so it cannot be "
        f"{_VERB[target]}.",
    )


def _lock_planning() -> None:
    """Make cycle planning (scheduling, changing dates) happen one at a time.

    Two moderators planning at once could otherwise both find no overlapping cycle and
    both save. Locking the existing cycles' rows cannot prevent that: when no cycle
    overlaps (or none exists yet) there is no row to lock, and two inserts never wait on
    each other. An exclusion constraint over a date range would, but only on PostgreSQL,
    with a migration SQLite (the tests' database) cannot run. So on PostgreSQL a
    transaction-level advisory lock serialises planning; SQLite lets one writer in at a
    time anyway. Planning is rare, so waiting costs nothing.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PLANNING_LOCK])


def _check_dates(
    *,
    opens_on: dt.date,
    deadline: dt.date,
    review_by: dt.date,
    today: dt.date,
    exclude_pk: int | None = None,
) -> None:
    if deadline < opens_on:
        raise ModerationError(
            "The deadline must be on or after the opening date.", field="deadline"
        )
    if review_by < deadline:
        raise ModerationError(
            "The review-by date must be on or after the deadline.", field="review_by"
        )
    if deadline < today:
        raise ModerationError("The deadline must be today or in the future.", field="deadline")
    # Cycles may not overlap, from opening to review-by: a submission must belong to one
    # round, and moderators finish one round before the next begins.
    overlapping = SubmissionCycle.objects.for_council().filter(
        opens_on__lte=review_by, review_by__gte=opens_on
    )
    if exclude_pk is not None:
        overlapping = overlapping.exclude(pk=exclude_pk)
    clash = overlapping.order_by("opens_on").first()
    if clash is not None:
        raise ModerationError(
            f"These dates overlap “{clash.name}” ({clash.opens_on:%-d %B %Y} to "
            f"{clash.review_by:%-d %B %Y}). Choose dates after it ends or before it starts.",
            field="opens_on",
        )


def _clean_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise ModerationError("Enter a name for the cycle, such as “Spring 2027”.", field="name")
    return name


def schedule_cycle(
    *, name: str, opens_on: dt.date, deadline: dt.date, review_by: dt.date, user: Any
) -> SubmissionCycle:
    """Plan a review round. It opens when a moderator (or the daily job) opens it."""
    require_moderator(user, "plan submission cycles")
    name = _clean_name(name)
    with transaction.atomic():
        _lock_planning()
        _check_dates(
            opens_on=opens_on, deadline=deadline, review_by=review_by, today=timezone.localdate()
        )
        cycle = SubmissionCycle.objects.create(
            name=name,
            opens_on=opens_on,
            deadline=deadline,
            review_by=review_by,
            status=CycleStatus.SCHEDULED,
            created_by=user,
        )
        log(
            instance=cycle,
            action=ACTION_CYCLE_SCHEDULE,
            user=user,
            data={
                "opens_on": str(opens_on),
                "deadline": str(deadline),
                "review_by": str(review_by),
            },
        )
    return cycle


def change_cycle(
    *,
    cycle: SubmissionCycle,
    user: Any,
    name: str,
    opens_on: dt.date,
    deadline: dt.date,
    review_by: dt.date,
) -> SubmissionCycle:
    """Change a scheduled cycle's name or dates.

    An open or closed cycle keeps its dates: providers were told them, and the figures of
    a closed round must stay what they were.
    """
    require_moderator(user, "change submission cycles")
    name = _clean_name(name)
    with transaction.atomic():
        _lock_planning()
        locked = lock(cycle)
        if locked.status != CycleStatus.SCHEDULED:
            raise ModerationError(
                f"“{locked.name}” has already opened, so its dates cannot be changed."
            )
        _check_dates(
            opens_on=opens_on,
            deadline=deadline,
            review_by=review_by,
            today=timezone.localdate(),
            exclude_pk=locked.pk,
        )
        changes = {"name": name, "opens_on": opens_on, "deadline": deadline, "review_by": review_by}
        changed = [field for field, value in changes.items() if getattr(locked, field) != value]
        if changed:
            for field in changed:
                setattr(locked, field, changes[field])
            locked.save(update_fields=changed)
            log(
                instance=locked,
                action=ACTION_CYCLE_CHANGE,
                user=user,
                data={field: str(changes[field]) for field in changed},
            )
    copy_to(cycle, locked, ["name", "opens_on", "deadline", "review_by"])
    return locked


def open_cycle(
    *, cycle: SubmissionCycle, user: Any = None, today: dt.date | None = None
) -> SubmissionCycle:
    """Open a scheduled cycle: submissions waiting between cycles join it for review, and
    every provider is emailed a link per listing to confirm it is still right.

    `user` is None when the daily job opens it; `today` is the day it acts as (the
    command's `--date`), by default today. The confirmation mail-out is a background task
    enqueued once the opening commits.
    """
    if user is not None:
        require_moderator(user, "open submission cycles")
    today = today or timezone.localdate()
    with transaction.atomic():
        current = lock(cycle)
        _check_move(current, CycleStatus.OPEN)
        already_open = (
            SubmissionCycle.objects.for_council(current.council_id)
            .open()
            .exclude(pk=current.pk)
            .first()
        )
        if already_open is not None:
            raise ModerationError(
                f"“{already_open.name}” is still open. Close it before opening another cycle."
            )
        if current.deadline < today:
            raise ModerationError(
                f"The deadline of “{current.name}” has passed. Change its dates before opening it."
            )
        now = timezone.now()
        waiting = list(
            Submission.objects.select_for_update()
            .filter(status=SubmissionStatus.WAITING)
            .values_list("pk", flat=True)
        )
        locked = transition(
            current,
            table=CYCLE_TRANSITIONS,
            to=CycleStatus.OPEN,
            user=user,
            action=ACTION_CYCLE_OPEN,
            changes={"opened_at": now},
            data={"joined_from_waiting": len(waiting)},
            error=ModerationError,
        )
        Submission.objects.filter(pk__in=waiting).update(
            status=SubmissionStatus.IN_REVIEW, cycle=locked, in_review_since=now
        )
        enqueue_confirmation_requests(locked)
    copy_to(cycle, locked, ["status", "opened_at"])
    return locked


def close_cycle(
    *, cycle: SubmissionCycle, user: Any = None, progress: Progress = LOGGED
) -> SubmissionCycle:
    """Close an open cycle, then count it for every live listing (freshness).

    Later submissions wait for the next one. Submissions still in review stay in this
    cycle and are decided as usual; how many there were is kept as the cycle's queue at
    close. Listings not confirmed or updated in it get a missed cycle: at two they are
    flagged as out of date and their providers warned, at three they are unpublished
    (`freshness.services.count_missed_cycles`), in the same transaction as the close.
    """
    if user is not None:
        require_moderator(user, "close submission cycles")
    with transaction.atomic():
        current = lock(cycle)
        _check_move(current, CycleStatus.CLOSED)
        queue = Submission.objects.filter(cycle=current, status=SubmissionStatus.IN_REVIEW).count()
        locked = transition(
            current,
            table=CYCLE_TRANSITIONS,
            to=CycleStatus.CLOSED,
            user=user,
            action=ACTION_CYCLE_CLOSE,
            changes={"closed_at": timezone.now(), "queue_at_close": queue},
            data={"queue_at_close": queue},
            error=ModerationError,
        )
        count_missed_cycles(cycle=locked, progress=progress)
    copy_to(cycle, locked, ["status", "closed_at", "queue_at_close"])
    return locked
