"""Demo data for moderation: a closed past cycle with decisions, and an open current one.

The past cycle gives the figures page something to draw; the current one has, for the
demo provider (provider@, "Sunflower Sensory Centre"), one listing in review and one sent
back for changes, and another organisation's change approved.

Idempotent: nothing is made once any cycle exists. Written directly rather than through
the services: opening a cycle through `open_cycle` would ask every provider to confirm
every listing by email (providers.moderation.freshness), and each decision would email the
organisation, on every demo load. What the services record is recorded here too: the
same statuses and timestamps, the same audit log actions, and approved revisions
published with Wagtail's `revision.publish`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, Revision

from providers.enums import VerificationStatus
from providers.models import OrganisationPage, ServicePage
from providers.moderation.enums import CycleStatus, SubmissionStatus
from providers.moderation.models import Submission, SubmissionCycle
from providers.moderation.selectors import REVIEW_DAYS, SUBMISSION_DAYS, season_name
from providers.moderation.services import (
    ACTION_APPROVE,
    ACTION_CYCLE_CLOSE,
    ACTION_CYCLE_OPEN,
    ACTION_REJECT,
    ACTION_REQUEST_CHANGES,
    ACTION_SUBMIT,
)

DEMO_PROVIDER_ORGANISATION = "Sunflower Sensory Centre"
MODERATOR_EMAIL = "moderator@northbridge.example"
PROVIDER_EMAIL = "provider@northbridge.example"

# (days after the cycle opened it was submitted, days after opening it was decided,
# decision, the moderator's words). A negative first number: sent between cycles.
PAST_DECISIONS = [
    (1, 3, SubmissionStatus.APPROVED, ""),
    (
        2,
        9,
        SubmissionStatus.CHANGES_REQUESTED,
        "Please add the session times and say whether it runs in the school holidays.",
    ),
    (5, 8, SubmissionStatus.APPROVED, "Thank you. The new pictures show the room well."),
    (-6, 2, SubmissionStatus.APPROVED, ""),
    (
        10,
        24,
        SubmissionStatus.REJECTED,
        "The listing does not say how the service supports children with SEND. Please "
        "answer the five SEND questions and submit it again.",
    ),
    (20, 30, SubmissionStatus.APPROVED, "Approved after the deadline, as agreed by phone."),
]
CHANGES_REQUESTED_NOW = (
    "Please say what a session costs after the free first visit, and add the address of "
    "the hall so families can plan the journey."
)

ACTIONS = {
    SubmissionStatus.APPROVED: ACTION_APPROVE,
    SubmissionStatus.CHANGES_REQUESTED: ACTION_REQUEST_CHANGES,
    SubmissionStatus.REJECTED: ACTION_REJECT,
}


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour, 0))


def _candidates() -> tuple[list[Page], list[Page]]:
    """The demo provider's listings (after the two the freshness demo uses) and others'."""

    sunflower = OrganisationPage.objects.filter(title=DEMO_PROVIDER_ORGANISATION).first()
    own: list[Page] = []
    if sunflower is not None:
        own = list(ServicePage.objects.child_of(sunflower).live().order_by("title"))[2:]
        own.append(sunflower)
    verified = OrganisationPage.objects.filter(
        verification_status=VerificationStatus.VERIFIED
    ).exclude(pk=getattr(sunflower, "pk", None))
    others: list[Page] = []
    for organisation in verified.order_by("title"):
        service = ServicePage.objects.child_of(organisation).live().order_by("title").first()
        if service is not None:
            others.append(service)
    return own, others


def _submission(
    *,
    page: Page,
    cycle: SubmissionCycle,
    submitted_at: dt.datetime,
    user: Any,
    note: str,
) -> Submission:
    """A draft of the page saved and submitted at `submitted_at`."""

    specific = page.specific
    draft = specific.get_latest_revision_as_object()
    if hasattr(draft, "summary"):
        draft.summary = f"{draft.summary.rstrip('.')}. Updated for the new term."[:250]
    else:
        draft.phone = draft.phone or "01632 960 100"
    revision = draft.save_revision(user=user, log_action=False, clean=False)
    Revision.objects.filter(pk=revision.pk).update(created_at=submitted_at)
    organisation = (
        specific
        if isinstance(specific, OrganisationPage)
        else OrganisationPage.objects.get(path=specific.path[: -specific.steplen])
    )
    in_review_since = max(submitted_at, cycle.opened_at)
    submission = Submission.objects.create(
        page_id=specific.pk,
        organisation=organisation,
        revision=revision,
        cycle=cycle,
        status=SubmissionStatus.IN_REVIEW,
        note=note,
        submitted_by=user,
        submitted_at=submitted_at,
        in_review_since=in_review_since,
    )
    log(
        instance=specific,
        action=ACTION_SUBMIT,
        user=user,
        revision=revision,
        timestamp=submitted_at,
        data={"submission_id": submission.pk, "status": "in_review", "cycle": cycle.name},
    )
    return submission


def _decide(submission: Submission, *, status: str, reason: str, moderator, at: dt.datetime):
    if status == SubmissionStatus.APPROVED:
        submission.revision.publish(user=moderator, skip_permission_checks=True)
    Submission.objects.filter(pk=submission.pk).update(
        status=status, decided_by=moderator, decided_at=at, decision_reason=reason
    )
    log(
        instance=Page.objects.get(pk=submission.page_id).specific,
        action=ACTIONS[status],
        user=moderator,
        revision=submission.revision,
        timestamp=at,
        data={"submission_id": submission.pk, "cycle": submission.cycle.name, "reason": reason},
    )


def ensure_demo_moderation(today: dt.date | None = None) -> int:
    """Make the two demo cycles and their submissions; returns how many submissions."""
    if SubmissionCycle.objects.exists():
        return 0
    users = get_user_model().objects
    moderator = users.filter(email=MODERATOR_EMAIL).first()
    provider = users.filter(email=PROVIDER_EMAIL).first()
    own, others = _candidates()
    if moderator is None or not others:
        return 0
    today = today or timezone.localdate()
    past_opens = today - dt.timedelta(days=100)
    past_deadline = past_opens + dt.timedelta(days=SUBMISSION_DAYS - 1)
    past = SubmissionCycle.objects.create(
        name=season_name(past_opens),
        opens_on=past_opens,
        deadline=past_deadline,
        review_by=past_deadline + dt.timedelta(days=REVIEW_DAYS),
        status=CycleStatus.CLOSED,
        opened_at=_at(past_opens, 9),
        closed_at=_at(past_deadline + dt.timedelta(days=1), 9),
        created_by=moderator,
    )
    current_opens = today - dt.timedelta(days=10)
    current_deadline = current_opens + dt.timedelta(days=SUBMISSION_DAYS - 1)
    name = season_name(current_opens)
    current = SubmissionCycle.objects.create(
        name=name if name != past.name else f"{name} ({current_opens:%B})",
        opens_on=current_opens,
        deadline=current_deadline,
        review_by=current_deadline + dt.timedelta(days=REVIEW_DAYS),
        status=CycleStatus.OPEN,
        opened_at=_at(current_opens, 9),
        created_by=moderator,
    )
    made = 0
    undecided_at_close = 0
    # In the order they were submitted, so each page's revisions follow one another.
    for index, (submitted, decided, status, reason) in enumerate(sorted(PAST_DECISIONS)):
        page = others[index % len(others)]
        submission = _submission(
            page=page,
            cycle=past,
            submitted_at=_at(past_opens + dt.timedelta(days=submitted), 11),
            user=None,
            note="New times and prices for the coming term.",
        )
        decided_at = _at(past_opens + dt.timedelta(days=decided), 15)
        if decided_at > past.closed_at:
            undecided_at_close += 1
        _decide(submission, status=status, reason=reason, moderator=moderator, at=decided_at)
        made += 1
    SubmissionCycle.objects.filter(pk=past.pk).update(queue_at_close=undecided_at_close)
    log(instance=past, action=ACTION_CYCLE_OPEN, user=moderator, timestamp=past.opened_at)
    log(instance=past, action=ACTION_CYCLE_CLOSE, user=moderator, timestamp=past.closed_at)
    log(instance=current, action=ACTION_CYCLE_OPEN, user=moderator, timestamp=current.opened_at)

    # The current cycle: the demo provider's listings first, so provider@ sees them.
    pool = [*own, *others[len(PAST_DECISIONS) :], *others]
    chosen: list[Page] = []
    for page in pool:
        if page.pk not in {item.pk for item in chosen}:
            chosen.append(page)
        if len(chosen) == 3:
            break
    plan = [
        (1, 4, SubmissionStatus.CHANGES_REQUESTED, CHANGES_REQUESTED_NOW),
        (2, None, None, ""),
        (3, 6, SubmissionStatus.APPROVED, "Thank you for keeping your listing up to date."),
    ]
    for page, (submitted, decided, status, reason) in zip(chosen, plan, strict=False):
        submission = _submission(
            page=page,
            cycle=current,
            submitted_at=_at(current_opens + dt.timedelta(days=submitted), 11),
            user=provider if page in own else None,
            note="We have changed our opening times.",
        )
        if status is not None:
            at = _at(current_opens + dt.timedelta(days=decided), 15)
            _decide(submission, status=status, reason=reason, moderator=moderator, at=at)
        made += 1
    return made
