"""Reads of moderation: the current cycle, queues, decisions, figures and listing states.

Every list here costs a fixed number of queries however long it is: the rows a screen
shows (page, organisation, people, cycle) are joined or prefetched once.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from providers.moderation.enums import (
    AGE_BANDS,
    DECIDED_STATUSES,
    PENDING_STATUSES,
    CycleStatus,
    ListingStatus,
    SubmissionStatus,
)
from providers.moderation.freshness.selectors import out_of_date_page_ids
from providers.moderation.models import Submission, SubmissionCycle

# --- cycles -----------------------------------------------------------------------------------


def current_cycle() -> SubmissionCycle | None:
    """The open cycle, if any (a database constraint allows at most one)."""
    return SubmissionCycle.objects.open().first()


def next_cycle() -> SubmissionCycle | None:
    """The earliest scheduled cycle that has not opened yet."""
    return SubmissionCycle.objects.scheduled().order_by("opens_on").first()


@dataclass(frozen=True)
class CycleSuggestion:
    name: str
    opens_on: dt.date
    deadline: dt.date
    review_by: dt.date


# The rule the create form is pre-filled with, after the council's practice of "regular
# opportunities every 2 or 3 months": a cycle opens three months after the previous one
# opened (never before the day after the previous review-by date, never in the past);
# providers then have four weeks to submit (the deadline is the 28th day) and moderators
# three more weeks to decide.
MONTHS_BETWEEN_OPENINGS = 3
SUBMISSION_DAYS = 28
REVIEW_DAYS = 21


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or that month's last day (31 January + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def season_name(day: dt.date) -> str:
    """'Spring 2027'; winter spans two years ('Winter 2026 to 2027')."""
    if day.month in (3, 4, 5):
        return f"Spring {day.year}"
    if day.month in (6, 7, 8):
        return f"Summer {day.year}"
    if day.month in (9, 10, 11):
        return f"Autumn {day.year}"
    first = day.year if day.month == 12 else day.year - 1
    return f"Winter {first} to {first + 1}"


def suggested_cycle(today: dt.date | None = None) -> CycleSuggestion:
    """The dates the site suggests for the next cycle (see the rule above)."""
    today = today or timezone.localdate()
    last = SubmissionCycle.objects.order_by("-opens_on").first()
    opens_on = today
    if last is not None:
        opens_on = max(
            add_months(last.opens_on, MONTHS_BETWEEN_OPENINGS),
            last.review_by + dt.timedelta(days=1),
            today,
        )
    deadline = opens_on + dt.timedelta(days=SUBMISSION_DAYS - 1)
    review_by = deadline + dt.timedelta(days=REVIEW_DAYS)
    name = season_name(opens_on)
    if SubmissionCycle.objects.filter(name=name).exists():
        name = f"{name} ({opens_on:%B})"
    return CycleSuggestion(name=name, opens_on=opens_on, deadline=deadline, review_by=review_by)


# --- queues -----------------------------------------------------------------------------------


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
    from providers.models import OrganisationPage

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


# --- figures for the staff dashboard ----------------------------------------------------------

ONE_DAY = Decimal(86400)
TENTH = Decimal("0.1")


def percentile(values: Sequence[Decimal], fraction: Decimal) -> Decimal | None:
    """The value below which `fraction` of the values fall, by linear interpolation.

    The same rule as Python's `statistics.quantiles(method="inclusive")` and
    spreadsheets' PERCENTILE.INC: rank (n - 1) x fraction, between the two nearest
    values. With one value it is that value; with none there is no figure.
    """
    ordered = sorted(values)
    if not ordered:
        return None
    rank = (len(ordered) - 1) * fraction
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def review_started(submission: Submission) -> dt.datetime:
    """The later of the submission and the cycle's opening (or its marking as urgent)."""
    if submission.in_review_since is not None:
        return submission.in_review_since
    starts = [submission.submitted_at]
    if submission.cycle_id and submission.cycle.opened_at:
        starts.append(submission.cycle.opened_at)
    return max(starts)


def days_to_decision(submission: Submission) -> Decimal:
    seconds = Decimal(
        str((submission.decided_at - review_started(submission)).total_seconds())
    ).max(Decimal(0))
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
        median_days=_one_place(percentile(days, Decimal("0.5"))),
        p90_days=_one_place(percentile(days, Decimal("0.9"))),
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


# --- the provider's view of their listings ----------------------------------------------------


@dataclass
class ListingState:
    """Where one listing stands for its provider, and the next thing they can do.

    Built only by `listing_states`, so that other facts about a listing (for example
    "may be out of date") can be added there in one place.
    """

    page_id: int
    status: str
    submission: Submission | None = None
    # The latest decision with the moderator's words, when it still matters.
    decision: Submission | None = None
    next_step: str = ""
    next_url: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return ListingStatus(self.status).label

    @property
    def feedback(self) -> str:
        return self.decision.decision_reason if self.decision else ""


def listing_states(pages: Iterable[Any]) -> dict[int, ListingState]:
    """Each page's state (draft, submitted or waiting, changes requested, approved,
    published) from its latest submissions, in two queries whatever the number of pages.

    `pages` are Page objects (plain or specific) with `live`, `has_unpublished_changes`,
    `latest_revision_id` and `live_revision_id` loaded.
    """
    pages = list(pages)
    ids = [page.pk for page in pages]
    pending: dict[int, Submission] = {}
    decided: dict[int, Submission] = {}
    submissions = (
        Submission.objects.filter(page_id__in=ids)
        .filter(status__in=[*PENDING_STATUSES, *DECIDED_STATUSES])
        .select_related("cycle", "decided_by")
        .order_by("submitted_at", "pk")
    )
    for submission in submissions:
        if submission.status in PENDING_STATUSES:
            pending[submission.page_id] = submission
        elif submission.decided_at and (
            submission.page_id not in decided
            or submission.decided_at >= decided[submission.page_id].decided_at
        ):
            decided[submission.page_id] = submission
    upcoming = next_cycle()
    open_cycle = current_cycle()
    out_of_date = out_of_date_page_ids(ids)
    states = {}
    for page in pages:
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        submit_url = reverse("moderation:submit", args=[page.pk])
        last = decided.get(page.pk)
        state = ListingState(page_id=page.pk, status=ListingStatus.PUBLISHED)
        if page.pk in pending:
            submission = pending[page.pk]
            state.submission = submission
            if submission.status == SubmissionStatus.IN_REVIEW:
                state.status = ListingStatus.IN_REVIEW
                when = (
                    f" by {submission.cycle.review_by:%-d %B %Y}"
                    if submission.cycle_id and not submission.urgent
                    else " soon"
                )
                state.next_step = f"Nothing for now. A moderator will decide{when}."
            else:
                state.status = ListingStatus.WAITING
                state.next_step = (
                    f"Nothing for now. It will be reviewed when the next cycle opens on "
                    f"{upcoming.opens_on:%-d %B %Y}."
                    if upcoming
                    else "Nothing for now. It will be reviewed when the next cycle opens."
                )
            if last and last.status == SubmissionStatus.CHANGES_REQUESTED:
                state.decision = last
        elif page.has_unpublished_changes and last and last.revision_id == page.latest_revision_id:
            # The moderator's decision is about the version the provider last saved.
            state.decision = last
            if last.status == SubmissionStatus.APPROVED:
                # Approved but not live (for example scheduled to go live later).
                state.status = ListingStatus.APPROVED
            else:
                state.status = (
                    ListingStatus.CHANGES_REQUESTED
                    if last.status == SubmissionStatus.CHANGES_REQUESTED
                    else ListingStatus.REJECTED
                )
                state.next_step = "Make the changes the moderator asked for, then submit it again."
                state.next_url = edit_url
        elif page.has_unpublished_changes:
            state.status = ListingStatus.DRAFT
            if last and last.status == SubmissionStatus.CHANGES_REQUESTED:
                state.decision = last
            if open_cycle and timezone.localdate() <= open_cycle.deadline:
                state.next_step = (
                    f"Submit it for review by {open_cycle.deadline:%-d %B %Y} to have it "
                    "reviewed in this cycle."
                )
            else:
                state.next_step = "Submit it for review. It will wait for the next cycle."
            state.next_url = submit_url
        elif not page.live:
            state.status = ListingStatus.DRAFT
            state.next_step = "Edit it and save your changes, then submit it for review."
            state.next_url = edit_url
        elif (
            last
            and last.status == SubmissionStatus.APPROVED
            and (last.revision_id == page.live_revision_id)
        ):
            state.status = ListingStatus.APPROVED
            state.decision = last if last.decision_reason else None
            state.next_step = "Nothing. Edit it whenever something changes."
            state.next_url = edit_url
        elif page.pk in out_of_date:
            state.status = ListingStatus.STALE
            state.next_step = (
                "Confirm it is still right, or update it and submit it, or it will be "
                "unpublished when the next cycle closes."
            )
            state.next_url = edit_url
        else:
            state.next_step = "Nothing. Edit it whenever something changes."
            state.next_url = edit_url
        states[page.pk] = state
    return states


def provider_listings(user: Any) -> list[tuple[Any, list[Any]]]:
    """The user's organisations, each with its pages (the organisation and its services)."""
    from providers.models import OrganisationPage, ServicePage
    from providers.selectors import organisations_of_user

    organisations = list(organisations_of_user(user).order_by("title"))
    if not organisations:
        return []
    services = ServicePage.objects.none()
    for organisation in organisations:
        services = services | ServicePage.objects.child_of(organisation)
    by_organisation: dict[int, list[Any]] = {org.pk: [] for org in organisations}
    for service in services.with_organisation().order_by("title"):
        by_organisation.setdefault(service.organisation_id, []).append(service)
    return [
        (organisation, [organisation, *by_organisation.get(organisation.pk, [])])
        for organisation in organisations
        if isinstance(organisation, OrganisationPage)
    ]
