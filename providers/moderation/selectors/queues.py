"""Reads of the moderators' queues and decisions.

Every list here costs a fixed number of queries however long it is: the rows a screen
shows (page, organisation, people, cycle) are joined or prefetched once.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from providers.models import OrganisationPage
from providers.moderation.enums import AGE_BANDS, SubmissionStatus
from providers.moderation.models import Submission, SubmissionCycle
from providers.moderation.selectors.cycles import current_cycle


def _with_rows(queryset: QuerySet[Submission]) -> QuerySet[Submission]:
    return queryset.select_related(
        "page", "organisation", "submitted_by", "decided_by", "cycle", "marked_urgent_by"
    )


def age_band_q(band: str) -> Q:
    """Submissions whose submitted version's age range overlaps the band.

    The ages are read from the submitted revision, which is what the moderator reviews;
    organisation pages have no ages and so are in no band.
    """
    for value, _label, youngest, oldest in AGE_BANDS:
        if value == band:
            return Q(
                revision__content__min_age_months__lte=oldest,
                revision__content__max_age_months__gte=youngest,
            )
    return Q()


def filter_submissions(
    queryset: QuerySet[Submission],
    *,
    status: str = "",
    organisation_id: int | None = None,
    age_band: str = "",
    cycle_id: int | None = None,
) -> QuerySet[Submission]:
    if status:
        queryset = queryset.filter(status=status)
    if organisation_id:
        queryset = queryset.filter(organisation_id=organisation_id)
    if cycle_id:
        queryset = queryset.filter(cycle_id=cycle_id)
    if age_band:
        queryset = queryset.filter(age_band_q(age_band))
    return queryset


def cycle_queue(cycle: SubmissionCycle) -> QuerySet[Submission]:
    """Every submission reviewed in a cycle, oldest first (urgent ones belong to none)."""
    return _with_rows(Submission.objects.filter(cycle=cycle)).order_by("submitted_at", "pk")


def urgent_queue() -> QuerySet[Submission]:
    """Urgent submissions, decided or not, oldest first."""
    return _with_rows(Submission.objects.filter(urgent=True)).order_by("submitted_at", "pk")


def waiting_queue() -> QuerySet[Submission]:
    """Submissions waiting for the next cycle; those the provider says are urgent first."""
    return _with_rows(Submission.objects.waiting()).order_by(
        # Suggested urgency first ("" sorts before any reason, so descending).
        "-urgent_reason",
        "submitted_at",
        "pk",
    )


def decisions() -> QuerySet[Submission]:
    """Every decision, newest first."""
    return _with_rows(Submission.objects.decided()).order_by("-decided_at", "-pk")


def page_decisions(page_id: int) -> list[Submission]:
    """The decisions on one page, newest first: what moderators said before."""
    return list(decisions().filter(page_id=page_id))


def organisations_with_submissions() -> list[tuple[int, str]]:

    return list(
        OrganisationPage.objects.filter(submissions__isnull=False)
        .distinct()
        .order_by("title")
        .values_list("pk", "title")
    )


def days_waiting(submission: Submission, now: dt.datetime | None = None) -> int:
    """Whole days since the provider submitted (what they have been waiting)."""
    now = now or timezone.now()
    return max(0, (now - submission.submitted_at).days)


def queue_counts() -> dict[str, int]:
    """For the moderators' home panel: what needs them now."""
    open_cycle = current_cycle()
    counts = Submission.objects.aggregate(
        urgent_now=Count("pk", filter=Q(urgent=True, status=SubmissionStatus.IN_REVIEW)),
        waiting_now=Count("pk", filter=Q(status=SubmissionStatus.WAITING)),
        suggested_urgent=Count(
            "pk", filter=Q(status=SubmissionStatus.WAITING) & ~Q(urgent_reason="")
        ),
        in_review_now=Count("pk", filter=Q(status=SubmissionStatus.IN_REVIEW, urgent=False)),
        in_open_cycle=Count(
            "pk",
            filter=Q(status=SubmissionStatus.IN_REVIEW, cycle=open_cycle)
            if open_cycle
            else Q(pk__in=[]),
        ),
    )
    return counts
