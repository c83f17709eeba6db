"""The two state machines of moderation: submission cycles and submissions.

Each has one table of allowed transitions; services move a row only along it
(`providers.moderation.services`), and a database constraint keeps the column to known values.
"""

from django.db import models


class CycleStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    OPEN = "open", "Open for submissions"
    CLOSED = "closed", "Closed"


CYCLE_TRANSITIONS: dict[str, frozenset[str]] = {
    CycleStatus.SCHEDULED: frozenset({CycleStatus.OPEN}),
    CycleStatus.OPEN: frozenset({CycleStatus.CLOSED}),
    CycleStatus.CLOSED: frozenset(),
}


class SubmissionStatus(models.TextChoices):
    # Submitted between cycles: reviewed when the next cycle opens, unless marked urgent.
    WAITING = "waiting", "Waiting for the next review round"
    IN_REVIEW = "in_review", "Submitted for review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    APPROVED = "approved", "Approved and published"
    REJECTED = "rejected", "Rejected"
    # The provider submitted a newer version, or withdrew it, before a decision.
    WITHDRAWN = "withdrawn", "Withdrawn"


SUBMISSION_TRANSITIONS: dict[str, frozenset[str]] = {
    SubmissionStatus.WAITING: frozenset({SubmissionStatus.IN_REVIEW, SubmissionStatus.WITHDRAWN}),
    SubmissionStatus.IN_REVIEW: frozenset(
        {
            SubmissionStatus.APPROVED,
            SubmissionStatus.CHANGES_REQUESTED,
            SubmissionStatus.REJECTED,
            SubmissionStatus.WITHDRAWN,
        }
    ),
    SubmissionStatus.CHANGES_REQUESTED: frozenset(),
    SubmissionStatus.APPROVED: frozenset(),
    SubmissionStatus.REJECTED: frozenset(),
    SubmissionStatus.WITHDRAWN: frozenset(),
}

# A page has at most one submission in these states at a time.
PENDING_STATUSES = (SubmissionStatus.WAITING, SubmissionStatus.IN_REVIEW)
DECIDED_STATUSES = (
    SubmissionStatus.APPROVED,
    SubmissionStatus.CHANGES_REQUESTED,
    SubmissionStatus.REJECTED,
)


class UrgentReason(models.TextChoices):
    """Changes that cannot wait for the next cycle, because families could be misled or harmed."""

    CLOSING = "closing", "The service is closing or has closed"
    UNSAFE = "unsafe", "The listing is unsafe or misleading"
    WRONG_CONTACT = "wrong_contact", "The contact details are wrong"


class ListingStatus(models.TextChoices):
    """Where a listing stands, as its provider sees it (moderation.selectors.listing_states)."""

    DRAFT = "draft", "Draft: not submitted"
    WAITING = "waiting", "Waiting for the next review round"
    IN_REVIEW = "in_review", "Submitted for review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    REJECTED = "rejected", "Not approved"
    APPROVED = "approved", "Approved and published"
    PUBLISHED = "published", "Published"
    # Published, but not confirmed or updated for two cycles (providers.moderation.freshness).
    STALE = "stale", "May be out of date"


class NextStep(models.TextChoices):
    """What a provider can do next about a listing (moderation.selectors.listing_states).

    The sentence and the link for each are in templates/moderation/admin/includes/next_step.html.
    """

    NONE = "", "Nothing to do"
    WAIT_FOR_DECISION = "wait_for_decision", "Wait for a moderator's decision"
    WAIT_FOR_NEXT_CYCLE = "wait_for_next_cycle", "Wait for the next cycle"
    MAKE_CHANGES = "make_changes", "Make the changes asked for"
    SUBMIT = "submit", "Submit for review"
    EDIT_AND_SUBMIT = "edit_and_submit", "Edit, then submit for review"
    CONFIRM_OR_UPDATE = "confirm_or_update", "Confirm or update"
    EDIT_WHEN_CHANGED = "edit_when_changed", "Edit whenever something changes"


# Age bands for the moderation queue's filter, as (value, label, youngest month, oldest
# month). A listing is in a band when its age range overlaps it; ages are in completed
# months and a listing's oldest age includes that whole year (docs/decisions/0003).
AGE_BANDS: tuple[tuple[str, str, int, int], ...] = (
    ("0-4", "Under 5", 0, 5 * 12 - 1),
    ("5-10", "5 to 10 years", 5 * 12, 11 * 12 - 1),
    ("11-15", "11 to 15 years", 11 * 12, 16 * 12 - 1),
    ("16-17", "16 and 17 years", 16 * 12, 18 * 12 - 1),
    ("18-25", "18 to 25 years", 18 * 12, 26 * 12 - 1),
)
