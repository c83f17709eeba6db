"""What every moderation write shares: its error, its audit actions, who may act."""

from __future__ import annotations

from typing import Any

from localoffer.core.transitions import DomainError
from providers.moderation.permissions import can_moderate

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


class ModerationError(DomainError):
    """A moderation step the rules do not allow; the message is for the person who tried."""


def require_moderator(user: Any, doing: str) -> None:
    # Views check this too; the service checks again so no other caller can skip it.
    if not can_moderate(user):
        raise ModerationError(f"Only the council's moderators can {doing}.")


def copy_to(target: Any, source: Any, fields: list[str]) -> None:
    """Keep the caller's instance in step with the row the service changed."""
    if target is not source:
        for name in fields:
            setattr(target, name, getattr(source, name))
