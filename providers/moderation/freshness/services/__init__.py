"""Writes for listing confirmations and stale listings, one module per moment.

The rule, as providers are told it:

- When a cycle opens, every member of every organisation is asked by email to confirm
  that each of its published listings is still right (`request_confirmations`).
- A listing is *checked* in a cycle when a member confirmed it (`confirm_listing`), or a
  change to it was published (`record_listing_published`: an approved submission), at any
  time between the cycle's opening and its close. A change the provider submitted that is
  still waiting for a moderator at the close also counts: the provider did their part.
- Missed cycles are counted at each cycle's close (`count_missed_cycles`). A check at any
  time sets the count back to zero and clears the flag.
- At 2 missed cycles the listing is flagged: families see "may be out of date" and its
  members are warned that it will be unpublished if it is not confirmed or updated by the
  next cycle's deadline. A reminder goes a week before that deadline
  (`send_deadline_reminders`, run daily by `manage.py run_submission_cycles`).
- At 3 missed cycles it is unpublished at the close (Wagtail's unpublish, which takes it
  out of search), and its members are told how to get it back: check it, update it if
  needed and submit it for review; it is published again when a moderator approves it.

Each listing's counts live in `ListingFreshness`, locked before it changes: a provider
confirming while the close counts waits for the count, or the count sees the confirmation.
"""

from providers.moderation.freshness.services.closing import (
    CloseSummary,
    count_missed_cycles,
    flag_stale_listings,
    unpublish_stale_listing,
    unpublish_stale_listings,
)
from providers.moderation.freshness.services.common import (
    ACTION_CLEAR,
    ACTION_CONFIRM,
    ACTION_FLAG,
    ACTION_REMIND,
    ACTION_UNPUBLISH,
    ensure_records,
)
from providers.moderation.freshness.services.confirming import (
    ConfirmResult,
    FreshnessError,
    confirm_listing,
    record_listing_published,
)
from providers.moderation.freshness.services.opening import request_confirmations
from providers.moderation.freshness.services.reminders import (
    REMINDER_DAYS_BEFORE_DEADLINE,
    reminder_due,
    send_deadline_reminders,
)

__all__ = [
    "ACTION_CLEAR",
    "ACTION_CONFIRM",
    "ACTION_FLAG",
    "ACTION_REMIND",
    "ACTION_UNPUBLISH",
    "REMINDER_DAYS_BEFORE_DEADLINE",
    "CloseSummary",
    "ConfirmResult",
    "FreshnessError",
    "confirm_listing",
    "count_missed_cycles",
    "ensure_records",
    "flag_stale_listings",
    "record_listing_published",
    "reminder_due",
    "request_confirmations",
    "send_deadline_reminders",
    "unpublish_stale_listing",
    "unpublish_stale_listings",
]
