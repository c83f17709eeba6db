"""The budget's words as data: funding streams, ways of holding money, ledger entry kinds,
and the state machines of quarterly returns, council approvals, shared bookings and
clawbacks. Read as tables in docs/decisions/0017-personal-budgets.md."""

from __future__ import annotations

from django.db import models


class Stream(models.TextChoices):
    """Where the money comes from; streams may be pooled into one budget."""

    EDUCATION = "education", "Education (high needs)"
    SOCIAL_CARE = "social_care", "Social care"
    HEALTH = "health", "Health (personal health budget)"


class HeldAs(models.TextChoices):
    """How one stream's money is held. Each way is a separate pot: a booking paid by the
    family draws on the direct payment; one the council pays draws on the managed pot."""

    DIRECT_PAYMENT = "direct_payment", "Direct payment (the family holds the money)"
    COUNCIL_MANAGED = "council_managed", "Council-managed (notional)"
    THIRD_PARTY = "third_party", "Held by a third party"


class EntryKind(models.TextChoices):
    """What a ledger line records. Amounts are positive except where the kind is signed:
    a commitment released, an adjustment down, or any entry reversing another."""

    PAYMENT_IN = "payment_in", "Payment in"
    SPENDING = "spending", "Spending"
    REFUND = "refund", "Refund credited back"
    COMMITMENT = "commitment", "Committed"  # signed: a release is negative
    ADJUSTMENT = "adjustment", "Adjustment by the council"  # signed
    CLAWBACK = "clawback", "Money recovered by the council"


class BudgetStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    ENDED = "ended", "Ended"


class ScheduleStatus(models.TextChoices):
    DUE = "due", "Due"
    PAID = "paid", "Paid"
    # A review made a new version: its own schedule replaces the payments still due.
    SUPERSEDED = "superseded", "Replaced by a new version"


class InvitationStatus(models.TextChoices):
    SENT = "sent", "Sent"
    ACCEPTED = "accepted", "Accepted"
    WITHDRAWN = "withdrawn", "Withdrawn"
    # The officer took a third party's access away after it had accepted.
    REMOVED = "removed", "Access removed"


class InvitationRole(models.TextChoices):
    """Who an invitation to a budget is for: the family sees all of it; the third party
    only the part it holds, the bookings it pays for and the invoices made out to it."""

    FAMILY = "family", "The family"
    THIRD_PARTY = "third_party", "The third party"


class ReturnStatus(models.TextChoices):
    DRAFT = "draft", "Ready to check"
    SUBMITTED = "submitted", "Sent to the council"
    QUERIED = "queried", "Questions from the council"
    ACCEPTED = "accepted", "Accepted"


R = ReturnStatus
RETURN_TRANSITIONS: dict[str, frozenset[str]] = {
    R.DRAFT: frozenset({R.SUBMITTED}),
    R.SUBMITTED: frozenset({R.QUERIED, R.ACCEPTED}),
    # The family answers every question, then sends the return again.
    R.QUERIED: frozenset({R.SUBMITTED}),
    R.ACCEPTED: frozenset(),
}


class ApprovalStatus(models.TextChoices):
    """A booking paid from a council-managed or third-party pot."""

    PENDING = "pending", "Waiting for approval"
    APPROVED = "approved", "Approved"
    REFUSED = "refused", "Refused"


A = ApprovalStatus
APPROVAL_TRANSITIONS: dict[str, frozenset[str]] = {
    A.PENDING: frozenset({A.APPROVED, A.REFUSED}),
    # Hours of support whose other times cost more than was approved, above the limit,
    # wait for a decision again (pricing.budgets.services.proposals).
    A.APPROVED: frozenset({A.PENDING}),
    A.REFUSED: frozenset(),
}


class ClawbackMethod(models.TextChoices):
    NEXT_PAYMENTS = "next_payments", "Taken from the next payments"
    REPAYMENT = "repayment", "Repayment requested from the family"


class ClawbackStatus(models.TextChoices):
    OUTSTANDING = "outstanding", "Being recovered"
    RECOVERED = "recovered", "Recovered"
    WAIVED = "waived", "Waived"
    # Recovered from the next payments as far as they went; the payments left could not
    # cover the rest, which became a repayment request of its own (`Clawback.rest_of`).
    MOVED = "moved", "Rest asked for as a repayment"


class ReviewKind(models.TextChoices):
    FIRST = "first", "First review (within 3 months of the first payment)"
    ANNUAL = "annual", "Annual review"


class SharedStatus(models.TextChoices):
    COLLECTING = "collecting", "Collecting shares"
    CONFIRMED = "confirmed", "Confirmed"
    RELEASED = "released", "Released: not every share was paid in time"
    CANCELLED = "cancelled", "Cancelled"


SH = SharedStatus
SHARED_TRANSITIONS: dict[str, frozenset[str]] = {
    SH.COLLECTING: frozenset({SH.CONFIRMED, SH.RELEASED, SH.CANCELLED}),
    SH.CONFIRMED: frozenset({SH.CANCELLED}),
    SH.RELEASED: frozenset(),
    SH.CANCELLED: frozenset(),
}


class ShareStatus(models.TextChoices):
    INVITED = "invited", "Invited"
    JOINED = "joined", "Joined, not paid yet"
    PAID = "paid", "Paid"
    REFUNDED = "refunded", "Refunded"
    DECLINED = "declined", "Declined"
