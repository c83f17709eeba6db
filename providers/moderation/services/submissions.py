"""Writes of submissions: a provider asks for a listing to be published; moderators decide.

Why our own flow and not Wagtail workflows: docs/decisions/0005-submission-cycles-and-moderation.md.
A provider's edit is a Wagtail revision; a `Submission` asks the council to publish that
revision. The live version stays live until a moderator approves, and approving publishes
exactly the revision submitted, never a later draft.

Every function here locks the rows it changes, checks the move against
`SUBMISSION_TRANSITIONS`, saves only the fields it changes, writes a Wagtail audit entry on
the page (where its history shows it) and sends email once the transaction commits.

Locks are always taken in the same order, so two of these never wait on each other:
open cycles, then the page, then its submissions.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, Revision

from localoffer.core.transitions import check_transition
from providers.models import OrganisationPage, ServicePage
from providers.moderation.enums import (
    PENDING_STATUSES,
    SUBMISSION_TRANSITIONS,
    CycleStatus,
    SubmissionStatus,
    UrgentReason,
)
from providers.moderation.models import Submission, SubmissionCycle
from providers.moderation.notifications import (
    tell_moderators_urgency_suggested,
    tell_organisation_decision,
)
from providers.moderation.services.common import (
    ACTION_APPROVE,
    ACTION_MARK_URGENT,
    ACTION_REJECT,
    ACTION_REQUEST_CHANGES,
    ACTION_SUBMIT,
    ACTION_WITHDRAW,
    ModerationError,
    copy_to,
    require_moderator,
)
from providers.selectors import organisations_of_user

NOTE_MAX_LENGTH = 2000
REASON_MAX_LENGTH = 4000

_VERB: dict[str, str] = {
    SubmissionStatus.IN_REVIEW: "marked urgent",
    SubmissionStatus.APPROVED: "approved",
    SubmissionStatus.CHANGES_REQUESTED: "sent back for changes",
    SubmissionStatus.REJECTED: "rejected",
    SubmissionStatus.WITHDRAWN: "withdrawn",
}


def _check_move(submission: Submission, target: str) -> None:
    # The move is checked here and the audit written on the page, not the submission
    # (`transition()` would audit the submission row, which no history screen shows).
    check_transition(
        submission,
        table=SUBMISSION_TRANSITIONS,
        to=target,
        error=ModerationError,
        message=f"This submission is “{submission.get_status_display().lower()}”, so it "
        f"cannot be {_VERB[target]}.",
    )


def directory_listing(page: Page) -> tuple[Page, Any]:
    """The specific page and its organisation, for a page that is a directory listing.

    Only organisations and their services are moderated here; statutory pages belong to
    the council's content editors and are published by them.
    """

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
            .for_council()
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
        today = timezone.localdate()
        open_cycle_now = next((c for c in cycles if c.accepts_submissions_on(today)), None)
        in_cycle = open_cycle_now is not None
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
                "cycle": open_cycle_now.name if open_cycle_now is not None else "",
                "urgent_reason": urgent_reason,
            },
        )
        if urgent_reason and not in_cycle:
            tell_moderators_urgency_suggested(submission, specific, organisation)
    return submission


def mark_urgent(*, submission: Submission, user: Any, reason: str) -> Submission:
    """Review a waiting submission now rather than in the next cycle.

    Only for changes that cannot wait because families could be misled or harmed
    (`UrgentReason`). It is reviewed at once and belongs to no cycle.
    """
    require_moderator(user, "mark submissions urgent")
    if reason not in UrgentReason.values:
        raise ModerationError("Choose why the change is urgent.", field="reason")
    with transaction.atomic():
        page, locked = _lock_page_and_submission(submission)
        if locked.status != SubmissionStatus.WAITING:
            raise ModerationError(
                "Only a submission waiting for the next cycle can be marked urgent: this one "
                f"is “{SubmissionStatus(locked.status).label.lower()}”."
            )
        _check_move(locked, SubmissionStatus.IN_REVIEW)
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
    copy_to(submission, locked, [*fields, "in_review_since"])
    return locked


def _check_decider(submission: Submission, user: Any) -> None:
    """Nobody decides on their own organisation's listing, not even a superuser."""

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

    with transaction.atomic():
        page, locked = _lock_page_and_submission(submission)
        _check_move(locked, target)
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
                "cycle": locked.cycle.name if locked.cycle is not None else "",
                "reason": reason,
            },
        )
        tell_organisation_decision(locked, specific, organisation)
    copy_to(submission, locked, fields)
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
    require_moderator(user, "approve listings")
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
    require_moderator(user, "send listings back for changes")
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
    require_moderator(user, "reject listings")
    reason = _clean_reason(reason, required="Enter why the change is rejected.")
    return _decide(
        submission=submission,
        user=user,
        target=SubmissionStatus.REJECTED,
        reason=reason,
        action=ACTION_REJECT,
    )
