"""Writes of moderation: submission cycles, submissions and moderators' decisions.

Why our own flow and not Wagtail workflows: docs/decisions/0005-submission-cycles-and-moderation.md.
A provider's edit is a Wagtail revision; a `Submission` asks the council to publish that
revision. The live version stays live until a moderator approves, and approving publishes
exactly the revision submitted, never a later draft.

Every function here locks the rows it changes, checks the move against the transition
tables in `providers.moderation.enums`, saves only the fields it changes, writes a Wagtail audit log
entry (on the page, or on the cycle) and sends email once the transaction commits.

Locks are always taken in the same order, so two of these never wait on each other:
open cycles, then the page, then its submissions.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, Revision

from localoffer.emails import send_email, site_url
from providers.moderation.enums import (
    CYCLE_TRANSITIONS,
    PENDING_STATUSES,
    SUBMISSION_TRANSITIONS,
    CycleStatus,
    SubmissionStatus,
    UrgentReason,
)
from providers.moderation.models import Submission, SubmissionCycle
from providers.moderation.permissions import can_moderate
from providers.moderation.signals import cycle_closed, cycle_opened

ACTION_SUBMIT = "moderation.submit"
ACTION_WITHDRAW = "moderation.withdraw"
ACTION_MARK_URGENT = "moderation.mark_urgent"
ACTION_APPROVE = "moderation.approve"
ACTION_REQUEST_CHANGES = "moderation.request_changes"
ACTION_REJECT = "moderation.reject"
ACTION_CYCLE_SCHEDULE = "moderation.cycle_schedule"
ACTION_CYCLE_CHANGE = "moderation.cycle_change"
ACTION_CYCLE_OPEN = "moderation.cycle_open"
ACTION_CYCLE_CLOSE = "moderation.cycle_close"

NOTE_MAX_LENGTH = 2000
REASON_MAX_LENGTH = 4000


class ModerationError(ValidationError):
    """A moderation step the rules do not allow; the message is for the person who tried.

    `field` names the form field the problem is about, so a form can show it there.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


# --- checks shared by every step --------------------------------------------------------------


def _require_moderator(user: Any, doing: str) -> None:
    # Views check this too; the service checks again so no other caller can skip it.
    if not can_moderate(user):
        raise ModerationError(f"Only the council's moderators can {doing}.")


def _check_cycle_move(cycle: SubmissionCycle, target: str) -> None:
    if target not in CYCLE_TRANSITIONS[cycle.status]:
        current = CycleStatus(cycle.status).label.lower()
        raise ModerationError(
            f"“{cycle.name}” is {current}, so it cannot be {_CYCLE_VERB[target]}."
        )


_CYCLE_VERB = {CycleStatus.OPEN: "opened", CycleStatus.CLOSED: "closed"}


def _check_submission_move(submission: Submission, target: str) -> None:
    if target not in SUBMISSION_TRANSITIONS[submission.status]:
        current = SubmissionStatus(submission.status).label.lower()
        raise ModerationError(
            f"This submission is “{current}”, so it cannot be {_SUBMISSION_VERB[target]}."
        )


_SUBMISSION_VERB = {
    SubmissionStatus.IN_REVIEW: "marked urgent",
    SubmissionStatus.APPROVED: "approved",
    SubmissionStatus.CHANGES_REQUESTED: "sent back for changes",
    SubmissionStatus.REJECTED: "rejected",
    SubmissionStatus.WITHDRAWN: "withdrawn",
}


def directory_listing(page: Page) -> tuple[Page, Any]:
    """The specific page and its organisation, for a page that is a directory listing.

    Only organisations and their services are moderated here; statutory pages belong to
    the council's content editors and are published by them.
    """
    from providers.models import OrganisationPage, ServicePage

    specific = page.specific
    if isinstance(specific, OrganisationPage):
        return specific, specific
    if isinstance(specific, ServicePage):
        organisation = specific.organisation
        if organisation is not None:
            return specific, organisation
    raise ModerationError("Only organisation and service listings in the directory are reviewed.")


def _lock_page_and_submission(submission: Submission) -> tuple[Page, Submission]:
    # The page first, then the submission: the order submit_for_review takes them in.
    # Approving publishes (writes the page row) while a provider may be resubmitting.
    page = Page.objects.select_for_update().get(pk=submission.page_id)
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    return page, locked


def _copy_to(target: Any, source: Any, fields: list[str]) -> None:
    """Keep the caller's instance in step with the row the service changed."""
    if target is not source:
        for name in fields:
            setattr(target, name, getattr(source, name))


# --- cycles -----------------------------------------------------------------------------------


def _check_cycle_dates(
    *, opens_on: dt.date, deadline: dt.date, review_by: dt.date, exclude_pk: int | None = None
) -> None:
    if deadline < opens_on:
        raise ModerationError(
            "The deadline must be on or after the opening date.", field="deadline"
        )
    if review_by < deadline:
        raise ModerationError(
            "The review-by date must be on or after the deadline.", field="review_by"
        )
    if deadline < timezone.localdate():
        raise ModerationError("The deadline must be today or in the future.", field="deadline")
    # Cycles may not overlap, from opening to review-by: a submission must belong to one
    # round, and moderators finish one round before the next begins.
    clash = (
        SubmissionCycle.objects.filter(opens_on__lte=review_by, review_by__gte=opens_on)
        .exclude(pk=exclude_pk)
        .order_by("opens_on")
        .first()
    )
    if clash is not None:
        raise ModerationError(
            f"These dates overlap “{clash.name}” ({clash.opens_on:%-d %B %Y} to "
            f"{clash.review_by:%-d %B %Y}). Choose dates after it ends or before it starts.",
            field="opens_on",
        )


def schedule_cycle(
    *, name: str, opens_on: dt.date, deadline: dt.date, review_by: dt.date, user: Any
) -> SubmissionCycle:
    """Plan a review round. It opens when a moderator (or the daily job) opens it."""
    _require_moderator(user, "plan submission cycles")
    name = name.strip()
    if not name:
        raise ModerationError("Enter a name for the cycle, such as “Spring 2027”.", field="name")
    with transaction.atomic():
        _check_cycle_dates(opens_on=opens_on, deadline=deadline, review_by=review_by)
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
    _require_moderator(user, "change submission cycles")
    name = name.strip()
    if not name:
        raise ModerationError("Enter a name for the cycle, such as “Spring 2027”.", field="name")
    with transaction.atomic():
        locked = SubmissionCycle.objects.select_for_update().get(pk=cycle.pk)
        if locked.status != CycleStatus.SCHEDULED:
            raise ModerationError(
                f"“{locked.name}” has already opened, so its dates cannot be changed."
            )
        _check_cycle_dates(
            opens_on=opens_on, deadline=deadline, review_by=review_by, exclude_pk=locked.pk
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
    _copy_to(cycle, locked, ["name", "opens_on", "deadline", "review_by"])
    return locked


def open_cycle(*, cycle: SubmissionCycle, user: Any = None) -> SubmissionCycle:
    """Open a scheduled cycle: submissions waiting between cycles join it for review.

    `user` is None when the daily job opens it. `cycle_opened` is sent inside the
    transaction, after the change, so receivers' writes commit or roll back with it.
    """
    if user is not None:
        _require_moderator(user, "open submission cycles")
    with transaction.atomic():
        locked = SubmissionCycle.objects.select_for_update().get(pk=cycle.pk)
        _check_cycle_move(locked, CycleStatus.OPEN)
        already_open = SubmissionCycle.objects.open().exclude(pk=locked.pk).first()
        if already_open is not None:
            raise ModerationError(
                f"“{already_open.name}” is still open. Close it before opening another cycle."
            )
        if locked.deadline < timezone.localdate():
            raise ModerationError(
                f"The deadline of “{locked.name}” has passed. Change its dates before opening it."
            )
        now = timezone.now()
        locked.status = CycleStatus.OPEN
        locked.opened_at = now
        locked.save(update_fields=["status", "opened_at"])
        waiting = list(
            Submission.objects.select_for_update()
            .filter(status=SubmissionStatus.WAITING)
            .values_list("pk", flat=True)
        )
        Submission.objects.filter(pk__in=waiting).update(
            status=SubmissionStatus.IN_REVIEW, cycle=locked, in_review_since=now
        )
        log(
            instance=locked,
            action=ACTION_CYCLE_OPEN,
            user=user,
            data={"joined_from_waiting": len(waiting)},
        )
        cycle_opened.send(sender=SubmissionCycle, cycle=locked)
    _copy_to(cycle, locked, ["status", "opened_at"])
    return locked


def close_cycle(*, cycle: SubmissionCycle, user: Any = None) -> SubmissionCycle:
    """Close an open cycle. Later submissions wait for the next one.

    Submissions still in review stay in this cycle and are decided as usual; how many
    there were is kept as the cycle's queue at close.
    """
    if user is not None:
        _require_moderator(user, "close submission cycles")
    with transaction.atomic():
        locked = SubmissionCycle.objects.select_for_update().get(pk=cycle.pk)
        _check_cycle_move(locked, CycleStatus.CLOSED)
        locked.status = CycleStatus.CLOSED
        locked.closed_at = timezone.now()
        locked.queue_at_close = Submission.objects.filter(
            cycle=locked, status=SubmissionStatus.IN_REVIEW
        ).count()
        locked.save(update_fields=["status", "closed_at", "queue_at_close"])
        log(
            instance=locked,
            action=ACTION_CYCLE_CLOSE,
            user=user,
            data={"queue_at_close": locked.queue_at_close},
        )
        cycle_closed.send(sender=SubmissionCycle, cycle=locked)
    _copy_to(cycle, locked, ["status", "closed_at", "queue_at_close"])
    return locked


# --- submissions ------------------------------------------------------------------------------


def submit_for_review(
    *, page: Page, user: Any, note: str = "", urgent_reason: str = ""
) -> Submission:
    """Ask the council to publish the latest saved version of a listing.

    During an open cycle, up to and including its deadline, the submission is reviewed in
    that cycle; otherwise it waits for the next one. A provider may say the change is
    urgent (the service is closing, the listing is unsafe, the contact details are wrong)
    but only a moderator can make it urgent (`mark_urgent`). A newer submission of the
    same page replaces (withdraws) the one still pending.
    """
    note = note.strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise ModerationError(
            f"The note must be {NOTE_MAX_LENGTH} characters or fewer.", field="note"
        )
    if urgent_reason and urgent_reason not in UrgentReason.values:
        raise ModerationError("Choose a reason from the list.", field="urgent_reason")
    specific, organisation = directory_listing(page)
    if not specific.permissions_for_user(user).can_edit():
        raise ModerationError("You can only submit listings of your own organisation.")
    with transaction.atomic():
        # Locking the cycles that are not closed makes a submission and the opening or
        # closing of a cycle happen one after the other: a submission that finds no open
        # cycle is then certain to be waiting when the next cycle's opening collects them.
        cycles = list(
            SubmissionCycle.objects.select_for_update()
            .exclude(status=CycleStatus.CLOSED)
            .order_by("pk")
        )
        locked_page = Page.objects.select_for_update().get(pk=specific.pk)
        revision = locked_page.get_latest_revision()
        if revision is None or not locked_page.has_unpublished_changes:
            raise ModerationError(
                "There are no changes to submit. Edit the listing and save your changes first."
            )
        pending = list(
            Submission.objects.select_for_update().filter(
                page_id=locked_page.pk, status__in=PENDING_STATUSES
            )
        )
        if any(item.revision_id == revision.pk for item in pending):
            raise ModerationError(
                "This version is already submitted. Make more changes before submitting again."
            )
        for item in pending:
            item.status = SubmissionStatus.WITHDRAWN
            item.save(update_fields=["status"])
            log(
                instance=specific,
                action=ACTION_WITHDRAW,
                user=user,
                data={"submission_id": item.pk, "replaced_by_revision_id": revision.pk},
            )
        now = timezone.now()
        open_cycle_now = next((c for c in cycles if c.status == CycleStatus.OPEN), None)
        in_cycle = open_cycle_now is not None and timezone.localdate() <= open_cycle_now.deadline
        submission = Submission.objects.create(
            page_id=locked_page.pk,
            organisation=organisation,
            revision=revision,
            cycle=open_cycle_now if in_cycle else None,
            status=SubmissionStatus.IN_REVIEW if in_cycle else SubmissionStatus.WAITING,
            note=note,
            submitted_by=user,
            submitted_at=now,
            in_review_since=now if in_cycle else None,
            urgent_reason=urgent_reason,
        )
        log(
            instance=specific,
            action=ACTION_SUBMIT,
            user=user,
            revision=revision,
            data={
                "submission_id": submission.pk,
                "status": submission.status,
                "cycle": open_cycle_now.name if in_cycle else "",
                "urgent_reason": urgent_reason,
            },
        )
        if urgent_reason and not in_cycle:
            _tell_moderators_urgency_suggested(submission, specific, organisation)
    return submission


def mark_urgent(*, submission: Submission, user: Any, reason: str) -> Submission:
    """Review a waiting submission now rather than in the next cycle.

    Only for changes that cannot wait because families could be misled or harmed
    (`UrgentReason`). It is reviewed at once and belongs to no cycle.
    """
    _require_moderator(user, "mark submissions urgent")
    if reason not in UrgentReason.values:
        raise ModerationError("Choose why the change is urgent.", field="reason")
    with transaction.atomic():
        page, locked = _lock_page_and_submission(submission)
        if locked.status != SubmissionStatus.WAITING:
            raise ModerationError(
                "Only a submission waiting for the next cycle can be marked urgent: this one "
                f"is “{SubmissionStatus(locked.status).label.lower()}”."
            )
        _check_submission_move(locked, SubmissionStatus.IN_REVIEW)
        now = timezone.now()
        locked.status = SubmissionStatus.IN_REVIEW
        locked.urgent = True
        locked.urgent_reason = reason
        locked.marked_urgent_by = user
        locked.marked_urgent_at = now
        locked.in_review_since = now
        fields = ["status", "urgent", "urgent_reason", "marked_urgent_by", "marked_urgent_at"]
        locked.save(update_fields=[*fields, "in_review_since"])
        log(
            instance=page.specific,
            action=ACTION_MARK_URGENT,
            user=user,
            data={"submission_id": locked.pk, "reason": reason},
        )
    _copy_to(submission, locked, [*fields, "in_review_since"])
    return locked


def _check_decider(submission: Submission, user: Any) -> None:
    """Nobody decides on their own organisation's listing, not even a superuser."""
    from providers.selectors import organisations_of_user

    if submission.submitted_by_id == user.pk:
        raise ModerationError("You submitted this change, so another moderator must decide on it.")
    if organisations_of_user(user).filter(pk=submission.organisation_id).exists():
        raise ModerationError(
            "You belong to the organisation that submitted this change, so another "
            "moderator must decide on it."
        )


def _decide(
    *, submission: Submission, user: Any, target: str, reason: str, action: str
) -> Submission:
    from providers.models import OrganisationPage

    with transaction.atomic():
        page, locked = _lock_page_and_submission(submission)
        _check_submission_move(locked, target)
        _check_decider(locked, user)
        specific = page.specific
        organisation = OrganisationPage.objects.get(pk=locked.organisation_id)
        if target == SubmissionStatus.APPROVED:
            if not organisation.is_verified:
                raise ModerationError(
                    f"“{organisation.title}” is not verified yet. Verify the organisation "
                    "before approving its listings."
                )
            revision = (
                Revision.objects.filter(pk=locked.revision_id).first()
                if locked.revision_id
                else None
            )
            if revision is None:
                raise ModerationError(
                    "The version that was submitted no longer exists. Ask the provider to "
                    "submit the listing again."
                )
            # Our rules replace Wagtail's publish permission, which moderators do not hold
            # (docs/decisions/0004): the organisation is verified and the decision recorded.
            revision.publish(user=user, skip_permission_checks=True)
            specific = Page.objects.get(pk=page.pk).specific
        locked.status = target
        locked.decided_by = user
        locked.decided_at = timezone.now()
        locked.decision_reason = reason
        fields = ["status", "decided_by", "decided_at", "decision_reason"]
        locked.save(update_fields=fields)
        log(
            instance=specific,
            action=action,
            user=user,
            revision=Revision.objects.filter(pk=locked.revision_id).first(),
            data={
                "submission_id": locked.pk,
                "cycle": locked.cycle.name if locked.cycle_id else "",
                "reason": reason,
            },
        )
        _tell_organisation_decision(locked, specific, organisation)
    _copy_to(submission, locked, fields)
    return locked


def _clean_reason(reason: str, *, required: str | None) -> str:
    reason = (reason or "").strip()
    if required and not reason:
        raise ModerationError(required, field="reason")
    if len(reason) > REASON_MAX_LENGTH:
        raise ModerationError(
            f"Comments must be {REASON_MAX_LENGTH} characters or fewer.", field="reason"
        )
    return reason


def approve_submission(*, submission: Submission, user: Any, reason: str = "") -> Submission:
    """Publish exactly the revision that was submitted, and tell the organisation.

    Refused when the organisation is not verified (only checked organisations appear in
    the directory), when the moderator submitted the change or belongs to the
    organisation, and when the submitted revision has since been deleted.
    """
    _require_moderator(user, "approve listings")
    reason = _clean_reason(reason, required=None)
    return _decide(
        submission=submission,
        user=user,
        target=SubmissionStatus.APPROVED,
        reason=reason,
        action=ACTION_APPROVE,
    )


def request_changes(*, submission: Submission, user: Any, reason: str) -> Submission:
    """Send a submission back with what to change; the live version stays as it is."""
    _require_moderator(user, "send listings back for changes")
    reason = _clean_reason(reason, required="Enter what the provider needs to change.")
    return _decide(
        submission=submission,
        user=user,
        target=SubmissionStatus.CHANGES_REQUESTED,
        reason=reason,
        action=ACTION_REQUEST_CHANGES,
    )


def reject_submission(*, submission: Submission, user: Any, reason: str) -> Submission:
    """Refuse a submission outright, saying why; the live version stays as it is."""
    _require_moderator(user, "reject listings")
    reason = _clean_reason(reason, required="Enter why the change is rejected.")
    return _decide(
        submission=submission,
        user=user,
        target=SubmissionStatus.REJECTED,
        reason=reason,
        action=ACTION_REJECT,
    )


# --- emails -----------------------------------------------------------------------------------


def _listing_links(page: Page) -> dict[str, str]:
    links = {"edit_url": site_url() + reverse("wagtailadmin_pages:edit", args=[page.pk])}
    parts = page.get_url_parts()
    if page.live and parts:
        links["live_url"] = site_url() + parts[2]
    return links


def _tell_organisation_decision(submission: Submission, page: Page, organisation: Any) -> None:
    from providers.selectors import organisation_members

    template = {
        SubmissionStatus.APPROVED: "moderation/email/approved",
        SubmissionStatus.CHANGES_REQUESTED: "moderation/email/changes_requested",
        SubmissionStatus.REJECTED: "moderation/email/rejected",
    }[submission.status]
    open_cycle_now = SubmissionCycle.objects.open().first()
    send_email(
        to=organisation_members(organisation).values_list("email", flat=True),
        template=template,
        context={
            "listing_title": page.title,
            "organisation_name": organisation.title,
            "reason": submission.decision_reason,
            "open_cycle": open_cycle_now,
            **_listing_links(page),
        },
    )


def _tell_moderators_urgency_suggested(submission: Submission, page: Page, organisation: Any):
    from django.contrib.auth import get_user_model

    from localoffer.roles import MODERATORS

    moderators = get_user_model().objects.filter(is_active=True, groups__name=MODERATORS)
    send_email(
        to=moderators.values_list("email", flat=True),
        template="moderation/email/urgency_suggested",
        context={
            "listing_title": page.title,
            "organisation_name": organisation.title,
            "urgent_reason": UrgentReason(submission.urgent_reason).label,
            "note": submission.note,
            "review_url": site_url() + reverse("moderation:review", args=[submission.pk]),
        },
    )
