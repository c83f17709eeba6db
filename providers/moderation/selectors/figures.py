"""Figures for the staff dashboard: per cycle, decisions by kind and time to decision."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q

from providers.moderation.enums import DECIDED_STATUSES, CycleStatus, SubmissionStatus
from providers.moderation.models import Submission, SubmissionCycle

ONE_DAY = Decimal(86400)
TENTH = Decimal("0.1")


def median(values: Sequence[Decimal]) -> Decimal | None:
    """The middle value; with none there is no figure."""
    return statistics.median(values) if values else None


def ninetieth_percentile(values: Sequence[Decimal]) -> Decimal | None:
    """The value below which 90% of the values fall, by linear interpolation between the
    two nearest (spreadsheets' PERCENTILE.INC). With one value it is that value."""
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=10, method="inclusive")[8]


def review_started(submission: Submission) -> dt.datetime:
    """The later of the submission and the cycle's opening (or its marking as urgent)."""
    if submission.in_review_since is not None:
        return submission.in_review_since
    starts = [submission.submitted_at]
    if submission.cycle is not None and submission.cycle.opened_at:
        starts.append(submission.cycle.opened_at)
    return max(starts)


def days_to_decision(submission: Submission) -> Decimal:
    decided_at = submission.decided_at
    if decided_at is None:
        raise ValueError("Only a decided submission has a time to decision.")
    seconds = Decimal(str((decided_at - review_started(submission)).total_seconds())).max(
        Decimal(0)
    )
    return seconds / ONE_DAY


def _one_place(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(TENTH, rounding=ROUND_HALF_UP)


@dataclass
class CycleFigures:
    """One cycle's row on the dashboard (or the urgent changes outside cycles)."""

    label: str
    status: str
    cycle: SubmissionCycle | None
    in_review: int  # waiting for a decision now
    queue_at_close: int | None
    approved: int = 0
    changes_requested: int = 0
    rejected: int = 0
    median_days: Decimal | None = None
    p90_days: Decimal | None = None

    @property
    def decided(self) -> int:
        return self.approved + self.changes_requested + self.rejected


def _figures(label: str, status: str, cycle, submissions: Iterable[Submission]) -> CycleFigures:
    submissions = list(submissions)
    counts = {status_: 0 for status_ in SubmissionStatus.values}
    days = []
    for submission in submissions:
        counts[submission.status] += 1
        if submission.status in DECIDED_STATUSES and submission.decided_at:
            days.append(days_to_decision(submission))
    return CycleFigures(
        label=label,
        status=status,
        cycle=cycle,
        in_review=counts[SubmissionStatus.IN_REVIEW],
        queue_at_close=cycle.queue_at_close if cycle is not None else None,
        approved=counts[SubmissionStatus.APPROVED],
        changes_requested=counts[SubmissionStatus.CHANGES_REQUESTED],
        rejected=counts[SubmissionStatus.REJECTED],
        median_days=_one_place(median(days)),
        p90_days=_one_place(ninetieth_percentile(days)),
    )


def cycle_figures(*, limit: int = 8) -> list[CycleFigures]:
    """The latest cycles that have opened, oldest first, then urgent changes outside cycles.

    Time to decision runs from when moderators could first review a submission (the
    later of its submission and its cycle's opening, or when it was marked urgent) to the
    decision, in days to one decimal place.
    """
    cycles = list(
        SubmissionCycle.objects.exclude(status=CycleStatus.SCHEDULED).order_by("-opens_on")[:limit]
    )
    cycles.reverse()
    by_cycle: dict[int, list[Submission]] = {cycle.pk: [] for cycle in cycles}
    urgent: list[Submission] = []
    rows = Submission.objects.filter(Q(cycle__in=cycles) | Q(cycle__isnull=True, urgent=True))
    for submission in rows.select_related("cycle").only(
        "status",
        "cycle",
        "urgent",
        "submitted_at",
        "in_review_since",
        "decided_at",
        "cycle__opened_at",
        "cycle__queue_at_close",
    ):
        if submission.cycle_id in by_cycle:
            by_cycle[submission.cycle_id].append(submission)
        else:
            urgent.append(submission)
    figures = [
        _figures(cycle.name, cycle.get_status_display(), cycle, by_cycle[cycle.pk])
        for cycle in cycles
    ]
    if urgent:
        figures.append(_figures("Urgent, outside cycles", "", None, urgent))
    return figures
