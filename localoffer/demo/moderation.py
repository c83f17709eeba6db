"""Demo data for moderation: a closed past cycle with figures, an open one with work in it.

Made through the services moderators and providers use (`providers.moderation.services`),
each step with the clock moved back to the day it happened in the demo's story
(`localoffer.demo.clock.on`), so revisions, decisions and audit entries carry realistic
dates. `build_demo` runs it with mail switched off (`localoffer.demo.clock.quietly`).

The story, counted back from today:

- 130 days ago a moderator plans the past cycle; one change is sent before it opens
  and waits for it. The cycle opens 100 days ago; providers send changes, the moderator
  approves, sends back or rejects each. Four weeks later it closes with one change still
  in review (decided two days later), and the demo provider's first listing, which had
  missed the round before too, is flagged as out of date (`localoffer.demo.freshness`).
- Between the cycles the current one is planned, and a change a provider says is urgent
  is marked urgent by the moderator: it is in review outside any cycle.
- The current cycle opened 10 days ago: for the demo provider (provider@, "Sunflower
  Sensory Centre") one listing is sent back for changes, one is in review and one is
  approved, and another listing is confirmed as still right.

Changes to other organisations' listings are sent by the council's site administrator,
as the Local Offer team does for a provider who emails a change in: the demo has no
accounts for those organisations. Idempotent: nothing is made once any cycle exists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Page

from localoffer.demo import freshness
from localoffer.demo.clock import at, on
from providers.enums import VerificationStatus
from providers.models import OrganisationPage, ServicePage
from providers.moderation.enums import SubmissionStatus, UrgentReason
from providers.moderation.freshness.enums import ConfirmationMethod
from providers.moderation.freshness.services import confirm_listing
from providers.moderation.models import Submission, SubmissionCycle
from providers.moderation.selectors import REVIEW_DAYS, SUBMISSION_DAYS, season_name
from providers.moderation.services import (
    approve_submission,
    close_cycle,
    mark_urgent,
    open_cycle,
    reject_submission,
    request_changes,
    schedule_cycle,
    submit_for_review,
)

DEMO_PROVIDER_ORGANISATION = freshness.DEMO_ORGANISATION
MODERATOR_EMAIL = "moderator@northbridge.example"
PROVIDER_EMAIL = "provider@northbridge.example"
TEAM_EMAIL = "admin@northbridge.example"


@dataclass(frozen=True)
class Step:
    """A change sent `submitted` days after its cycle opened (negative: before it opened)
    and decided `decided` days after, or left in review when `status` is None."""

    submitted: int
    decided: int | None = None
    status: SubmissionStatus | None = None
    reason: str = ""


PAST_STEPS = (
    Step(-6, 2, SubmissionStatus.APPROVED),
    Step(1, 3, SubmissionStatus.APPROVED),
    Step(
        2,
        9,
        SubmissionStatus.CHANGES_REQUESTED,
        "Please add the session times and say whether it runs in the school holidays.",
    ),
    Step(5, 8, SubmissionStatus.APPROVED, "Thank you. The new pictures show the room well."),
    Step(
        10,
        24,
        SubmissionStatus.REJECTED,
        "The listing does not say how the service supports children with SEND. Please "
        "answer the five SEND questions and submit it again.",
    ),
    Step(20, 30, SubmissionStatus.APPROVED, "Approved after the deadline, as agreed by phone."),
)
CURRENT_STEPS = (
    Step(
        1,
        4,
        SubmissionStatus.CHANGES_REQUESTED,
        "Please say what a session costs after the free first visit, and add the address of "
        "the hall so families can plan the journey.",
    ),
    Step(2),
    Step(3, 6, SubmissionStatus.APPROVED, "Thank you for keeping your listing up to date."),
)
PAST_OPENS_DAYS_AGO = 100
CURRENT_OPENS_DAYS_AGO = 10


@dataclass(frozen=True)
class People:
    moderator: Any
    team: Any  # the site administrator, sending changes for organisations without accounts
    provider: Any  # the demo provider, or None


class Story:
    """Steps of the demo's history, each run at its moment, in the order they happened."""

    def __init__(self) -> None:
        self.steps: list[tuple[dt.datetime, Callable[[], object]]] = []

    def add(self, moment: dt.datetime, step: Callable[[], object]) -> None:
        self.steps.append((moment, step))

    def tell(self) -> None:
        # sorted() is stable: steps at the same moment keep the order they were added in.
        for moment, step in sorted(self.steps, key=lambda item: item[0]):
            with on(moment):
                step()


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


def _edit_and_submit(page: Page, *, user: Any, note: str, urgent_reason: str = "") -> Submission:
    """Save a change to the listing as its editor would, then submit it for review."""
    draft = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    if isinstance(draft, ServicePage):
        draft.summary = f"{draft.summary.rstrip('.')}. Updated for the new term."[:250]
    elif isinstance(draft, OrganisationPage):
        draft.phone = draft.phone or "01632 960 100"
    draft.save_revision(user=user, log_action=True, clean=False)
    return submit_for_review(page=draft, user=user, note=note, urgent_reason=urgent_reason)


def _decide(submission: Submission, *, step: Step, moderator: Any) -> None:
    if step.status == SubmissionStatus.APPROVED:
        approve_submission(submission=submission, user=moderator, reason=step.reason)
    elif step.status == SubmissionStatus.CHANGES_REQUESTED:
        request_changes(submission=submission, user=moderator, reason=step.reason)
    elif step.status == SubmissionStatus.REJECTED:
        reject_submission(submission=submission, user=moderator, reason=step.reason)


def _plan_cycle(
    story: Story, *, opens_on: dt.date, planned_on: dt.date, moderator: Any, name: str
) -> dict[str, SubmissionCycle]:
    """Schedule and open a cycle in the story; the dict holds it once it is scheduled."""
    deadline = opens_on + dt.timedelta(days=SUBMISSION_DAYS - 1)
    made: dict[str, SubmissionCycle] = {}

    def schedule() -> None:
        made["cycle"] = schedule_cycle(
            name=name,
            opens_on=opens_on,
            deadline=deadline,
            review_by=deadline + dt.timedelta(days=REVIEW_DAYS),
            user=moderator,
        )

    story.add(at(planned_on, 10), schedule)
    story.add(
        at(opens_on, 9),
        lambda: open_cycle(cycle=made["cycle"], user=moderator, today=opens_on),
    )
    return made


def _submissions(
    story: Story,
    *,
    pages: list[tuple[Page, Any]],
    steps: tuple[Step, ...],
    opens_on: dt.date,
    moderator: Any,
    note: str,
) -> None:
    """Each page (with who sends its change) submitted and decided as its step says."""
    for (page, user), step in zip(pages, steps, strict=True):
        sent: dict[str, Submission] = {}

        def send(page: Page = page, user: Any = user, sent: dict[str, Submission] = sent) -> None:
            sent["submission"] = _edit_and_submit(page, user=user, note=note)

        story.add(at(opens_on + dt.timedelta(days=step.submitted), 11), send)
        if step.decided is not None:

            def decide(step: Step = step, sent: dict[str, Submission] = sent) -> None:
                _decide(sent["submission"], step=step, moderator=moderator)

            story.add(at(opens_on + dt.timedelta(days=step.decided), 15), decide)


def _people() -> People | None:
    users = get_user_model().objects
    moderator = users.filter(email=MODERATOR_EMAIL).first()
    team = users.filter(email=TEAM_EMAIL, is_superuser=True).first()
    if moderator is None or team is None:
        return None
    return People(moderator, team, users.filter(email=PROVIDER_EMAIL).first())


def ensure_demo_moderation(today: dt.date | None = None) -> int:
    """Make the two demo cycles and their submissions; returns how many submissions."""
    if SubmissionCycle.objects.exists():
        return 0
    people = _people()
    own, others = _candidates()
    if people is None or len(others) < len(PAST_STEPS) + 1:
        return 0
    if people.provider is None:
        own = []
    today = today or timezone.localdate()
    moderator = people.moderator
    story = Story()

    past_opens = today - dt.timedelta(days=PAST_OPENS_DAYS_AGO)
    past = _plan_cycle(
        story,
        opens_on=past_opens,
        planned_on=past_opens - dt.timedelta(days=30),
        moderator=moderator,
        name=season_name(past_opens),
    )
    _submissions(
        story,
        pages=[(page, people.team) for page in others[: len(PAST_STEPS)]],
        steps=PAST_STEPS,
        opens_on=past_opens,
        moderator=moderator,
        note="New times and prices for the coming term.",
    )
    listings = freshness.demo_listings()
    if listings:
        # Before the close: the close counts its second miss and flags it.
        story.add(
            at(past_opens, 8),
            lambda: freshness.record_earlier_history(
                listings[0], last_checked=at(past_opens - dt.timedelta(days=200), 10)
            ),
        )
    story.add(
        at(past_opens + dt.timedelta(days=SUBMISSION_DAYS), 9),
        lambda: close_cycle(cycle=past["cycle"], user=moderator),
    )

    current_opens = today - dt.timedelta(days=CURRENT_OPENS_DAYS_AGO)
    name = season_name(current_opens)
    current = _plan_cycle(
        story,
        opens_on=current_opens,
        planned_on=current_opens - dt.timedelta(days=30),
        moderator=moderator,
        name=name if name != season_name(past_opens) else f"{name} ({current_opens:%B})",
    )
    # Between the cycles: a provider says a change cannot wait, and the moderator agrees.
    urgent_page = others[len(PAST_STEPS)]
    urgent: dict[str, Submission] = {}

    def send_urgent() -> None:
        urgent["submission"] = _edit_and_submit(
            urgent_page,
            user=people.team,
            note="Our phone number has changed: calls to the old one are not answered.",
            urgent_reason=UrgentReason.WRONG_CONTACT,
        )

    story.add(at(current_opens - dt.timedelta(days=20), 16), send_urgent)
    story.add(
        at(current_opens - dt.timedelta(days=19), 10),
        lambda: mark_urgent(
            submission=urgent["submission"], user=moderator, reason=UrgentReason.WRONG_CONTACT
        ),
    )

    # The current cycle: the demo provider's listings first, so provider@ sees them.
    used = {page.pk for page in [*others[: len(PAST_STEPS)], urgent_page]}
    pool = [(page, people.provider) for page in own]
    pool += [(page, people.team) for page in others if page.pk not in used]
    _submissions(
        story,
        pages=pool[: len(CURRENT_STEPS)],
        steps=CURRENT_STEPS[: len(pool)],
        opens_on=current_opens,
        moderator=moderator,
        note="We have changed our opening times.",
    )
    if people.provider is not None and len(listings) > 1:
        story.add(
            at(current_opens + dt.timedelta(days=2), 18),
            lambda: confirm_listing(
                page=listings[1],
                cycle=current["cycle"],
                user=people.provider,
                method=ConfirmationMethod.EMAIL_LINK,
            ),
        )
    story.tell()
    return len(PAST_STEPS) + 1 + min(len(pool), len(CURRENT_STEPS))
