"""Writes of moderation, one module per use case; the names are gathered here for callers.

- `cycles`: plan, change, open and close submission cycles;
- `submissions`: submit a listing, mark it urgent, approve it, send it back or reject it;
- `scheduling`: the daily job's rules (`run_day`), which open and close cycles by date.
"""

from providers.moderation.services.common import (
    ACTION_APPROVE,
    ACTION_CYCLE_CHANGE,
    ACTION_CYCLE_CLOSE,
    ACTION_CYCLE_OPEN,
    ACTION_CYCLE_SCHEDULE,
    ACTION_MARK_URGENT,
    ACTION_REJECT,
    ACTION_REQUEST_CHANGES,
    ACTION_SUBMIT,
    ACTION_WITHDRAW,
    ModerationError,
)
from providers.moderation.services.cycles import (
    change_cycle,
    close_cycle,
    open_cycle,
    schedule_cycle,
)
from providers.moderation.services.scheduling import run_day
from providers.moderation.services.submissions import (
    NOTE_MAX_LENGTH,
    REASON_MAX_LENGTH,
    approve_submission,
    directory_listing,
    mark_urgent,
    reject_submission,
    request_changes,
    submit_for_review,
)

__all__ = [
    "ACTION_APPROVE",
    "ACTION_CYCLE_CHANGE",
    "ACTION_CYCLE_CLOSE",
    "ACTION_CYCLE_OPEN",
    "ACTION_CYCLE_SCHEDULE",
    "ACTION_MARK_URGENT",
    "ACTION_REJECT",
    "ACTION_REQUEST_CHANGES",
    "ACTION_SUBMIT",
    "ACTION_WITHDRAW",
    "NOTE_MAX_LENGTH",
    "REASON_MAX_LENGTH",
    "ModerationError",
    "approve_submission",
    "change_cycle",
    "close_cycle",
    "directory_listing",
    "mark_urgent",
    "open_cycle",
    "reject_submission",
    "request_changes",
    "run_day",
    "schedule_cycle",
    "submit_for_review",
]
