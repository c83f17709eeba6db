"""The provider's view of their listings: where each stands and what they can do next."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from providers.models import OrganisationPage, ServicePage
from providers.moderation.enums import (
    DECIDED_STATUSES,
    PENDING_STATUSES,
    ListingStatus,
    NextStep,
    SubmissionStatus,
)
from providers.moderation.freshness.selectors import out_of_date_page_ids
from providers.moderation.models import Submission
from providers.moderation.selectors.cycles import current_cycle, next_cycle
from providers.selectors import organisations_of_user


@dataclass
class ListingState:
    """Where one listing stands for its provider, and the next thing they can do.

    Built only by `listing_states`, so that other facts about a listing (for example
    "may be out of date") can be added there in one place. The facts are dates; how they
    are said to the provider is the template's (moderation/admin/includes/next_step.html).
    """

    page_id: int
    status: str
    submission: Submission | None = None
    # The latest decision with the moderator's words, when it still matters.
    decision: Submission | None = None
    next: str = NextStep.NONE
    # A moderator decides by this day (None: "soon", an urgent change or no cycle).
    decide_by: dt.date | None = None
    # The next cycle opens on this day, when one is planned.
    next_opens_on: dt.date | None = None
    # Submitted by this day, a change is reviewed in the open cycle.
    submit_by: dt.date | None = None
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
        page_id = submission.page_id
        if page_id is None:  # the page was deleted; filtered on page_id__in, so never here
            continue
        if submission.status in PENDING_STATUSES:
            pending[page_id] = submission
        elif submission.decided_at is not None:
            latest = decided.get(page_id)
            if (
                latest is None
                or latest.decided_at is None
                or (submission.decided_at >= latest.decided_at)
            ):
                decided[page_id] = submission
    upcoming = next_cycle()
    open_now = current_cycle()
    today = timezone.localdate()
    out_of_date = out_of_date_page_ids(ids)
    states = {}
    for page in pages:
        last = decided.get(page.pk)
        state = ListingState(page_id=page.pk, status=ListingStatus.PUBLISHED)
        if page.pk in pending:
            submission = pending[page.pk]
            state.submission = submission
            if submission.status == SubmissionStatus.IN_REVIEW:
                state.status = ListingStatus.IN_REVIEW
                state.next = NextStep.WAIT_FOR_DECISION
                if submission.cycle is not None and not submission.urgent:
                    state.decide_by = submission.cycle.review_by
            else:
                state.status = ListingStatus.WAITING
                state.next = NextStep.WAIT_FOR_NEXT_CYCLE
                state.next_opens_on = upcoming.opens_on if upcoming else None
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
                state.next = NextStep.MAKE_CHANGES
        elif page.has_unpublished_changes:
            state.status = ListingStatus.DRAFT
            if last and last.status == SubmissionStatus.CHANGES_REQUESTED:
                state.decision = last
            state.next = NextStep.SUBMIT
            if open_now is not None and open_now.accepts_submissions_on(today):
                state.submit_by = open_now.deadline
        elif not page.live:
            state.status = ListingStatus.DRAFT
            state.next = NextStep.EDIT_AND_SUBMIT
        elif (
            last
            and last.status == SubmissionStatus.APPROVED
            and (last.revision_id == page.live_revision_id)
        ):
            state.status = ListingStatus.APPROVED
            state.decision = last if last.decision_reason else None
            state.next = NextStep.EDIT_WHEN_CHANGED
        elif page.pk in out_of_date:
            state.status = ListingStatus.STALE
            state.next = NextStep.CONFIRM_OR_UPDATE
        else:
            state.next = NextStep.EDIT_WHEN_CHANGED
        states[page.pk] = state
    return states


def provider_listings(user: Any) -> list[tuple[Any, list[Any]]]:
    """The user's organisations, each with its pages (the organisation and its services)."""

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
