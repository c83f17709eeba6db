"""Writes for 'You said, we did': taking a comment, publishing it with a response, withdrawing it.

Regulation 56 of the SEND Regulations 2014 makes the council publish the comments it
receives about its Local Offer with its response and the action it will take. Every
moderation step is therefore a named action here: it locks the row, checks the move
against FEEDBACK_TRANSITIONS, saves only the fields it changes and writes an audit entry
that the Wagtail admin shows in the comment's history.
"""

from typing import Any

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from localoffer.core.transitions import DomainError, lock, transition
from localoffer.feedback.enums import FEEDBACK_TRANSITIONS, FeedbackStatus, FeedbackTopic
from localoffer.feedback.models import Feedback
from localoffer.feedback.paths import safe_local_path

ACTION_PUBLISH = "localoffer.feedback.publish"
ACTION_WITHDRAW = "localoffer.feedback.withdraw"
ACTION_EDIT = "localoffer.feedback.edit"


class FeedbackError(DomainError):
    """A moderation step that the rules do not allow; the message is for staff to read."""


def submit_feedback(*, topic: str, comment: str, page_url: str) -> Feedback:
    """Store an anonymous comment as new, for staff to read before anything is published."""
    if topic not in FeedbackTopic.values:
        raise FeedbackError("Choose a topic from the list.", field="topic")
    comment = comment.strip()
    if not comment:
        raise FeedbackError("Enter your comment.", field="comment")
    return Feedback.objects.create(
        topic=topic,
        comment=comment[:2000],
        # Only a same-site path is kept: the page is context for staff, never a link out.
        page_url=safe_local_path(page_url)[:300],
        status=FeedbackStatus.NEW,
    )


def publish_feedback(
    *,
    feedback: Feedback,
    user: Any,
    published_comment: str,
    response: str,
    action: str,
    topic: str | None = None,
) -> Feedback:
    """Publish the edited comment with the council's response and the action it will take.

    A comment is never published without a response: the regulation asks for the
    council's reply, and a bare comment tells families nothing about what changed.
    """
    published_comment = published_comment.strip()
    response = response.strip()
    action = action.strip()
    if not published_comment:
        raise FeedbackError("Enter the comment as it will be published.", field="published_comment")
    if not response:
        raise FeedbackError("Enter the council's response before publishing.", field="response")
    if topic is not None and topic not in FeedbackTopic.values:
        raise FeedbackError("Choose a topic from the list.", field="topic")
    changes: dict[str, Any] = {
        "published_comment": published_comment,
        "response": response,
        "action": action,
        "published_at": timezone.now(),
        "responded_by": user,
    }
    if topic is not None:
        changes["topic"] = topic
    with transaction.atomic():
        # Two moderators may act on the same comment at once; the second waits here and
        # then sees the first one's status, so it cannot publish over a withdrawal.
        current = lock(feedback)
        return transition(
            current,
            table=FEEDBACK_TRANSITIONS,
            to=FeedbackStatus.PUBLISHED,
            user=user,
            action=ACTION_PUBLISH,
            changes=changes,
            data={"topic": changes.get("topic", current.topic), "has_action": bool(action)},
            error=FeedbackError,
        )


def withdraw_feedback(*, feedback: Feedback, user: Any, reason: str) -> Feedback:
    """Mark a comment as not published, or take a published one down, saying why.

    The reason goes in the audit log only: it often quotes what made the comment
    unpublishable (a child's name, for instance), which must not reach the public page.
    """
    reason = reason.strip()
    if not reason:
        raise FeedbackError("Say why this comment will not be published.", field="reason")
    with transaction.atomic():
        return transition(
            feedback,
            table=FEEDBACK_TRANSITIONS,
            to=FeedbackStatus.NOT_PUBLISHED,
            user=user,
            action=ACTION_WITHDRAW,
            # published_at is cleared so the public page and its year grouping forget it.
            changes={"responded_by": user, "published_at": None},
            data={"reason": reason[:500]},
            error=FeedbackError,
        )


def save_feedback_draft(
    *,
    feedback: Feedback,
    user: Any,
    published_comment: str,
    response: str,
    action: str,
    topic: str | None = None,
) -> Feedback:
    """Save the moderator's wording without changing the comment's status.

    On a published comment this corrects the public text in place, so it still needs the
    published comment and the response that publishing requires.
    """
    with transaction.atomic():
        locked = lock(feedback)
        if locked.status == FeedbackStatus.PUBLISHED:
            if not published_comment.strip():
                raise FeedbackError(
                    "A published comment needs its published wording.", field="published_comment"
                )
            if not response.strip():
                raise FeedbackError("A published comment needs a response.", field="response")
        if topic is not None and topic not in FeedbackTopic.values:
            raise FeedbackError("Choose a topic from the list.", field="topic")
        changes = {
            "published_comment": published_comment.strip(),
            "response": response.strip(),
            "action": action.strip(),
        }
        if topic is not None:
            changes["topic"] = topic
        changed = [name for name, value in changes.items() if getattr(locked, name) != value]
        if not changed:
            return locked
        for name in changed:
            setattr(locked, name, changes[name])
        locked.save(update_fields=changed)
        log(
            instance=locked,
            action=ACTION_EDIT,
            user=user,
            data={"status": locked.status, "fields": changed},
        )
    return locked
