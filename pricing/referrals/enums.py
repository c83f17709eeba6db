"""The referral state machine: its statuses, the one table of moves, and named groups.

A provider asks the family first (AWAITING_CONSENT): nothing about the child reaches the
other organisation until the family agrees (SENT). The receiving organisation accepts or
declines; an accepted referral becomes BOOKED when the family's booking for the child at
that listing is confirmed. The family can withdraw it until it is booked; the referring
provider can cancel it until it is accepted.
"""

from __future__ import annotations

from django.db import models


class ReferralStatus(models.TextChoices):
    AWAITING_CONSENT = "awaiting_consent", "Waiting for the family to agree"
    DECLINED_BY_FAMILY = "declined_by_family", "The family said no"
    SENT = "sent", "Sent, waiting for an answer"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    BOOKED = "booked", "Booked"
    WITHDRAWN = "withdrawn", "Withdrawn by the family"
    CANCELLED = "cancelled", "Cancelled by the referring provider"


S = ReferralStatus

REFERRAL_TRANSITIONS: dict[str, frozenset[str]] = {
    S.AWAITING_CONSENT: frozenset({S.SENT, S.DECLINED_BY_FAMILY, S.WITHDRAWN, S.CANCELLED}),
    S.SENT: frozenset({S.ACCEPTED, S.DECLINED, S.WITHDRAWN, S.CANCELLED}),
    # Once accepted the receiving organisation is expecting the family: only the family
    # can call it off, so the referring provider no longer can.
    S.ACCEPTED: frozenset({S.BOOKED, S.WITHDRAWN}),
    S.DECLINED_BY_FAMILY: frozenset(),
    S.DECLINED: frozenset(),
    S.BOOKED: frozenset(),
    S.WITHDRAWN: frozenset(),
    S.CANCELLED: frozenset(),
}

# Named groups (with matching queryset methods on Referral.objects).
OPEN = frozenset({S.AWAITING_CONSENT, S.SENT, S.ACCEPTED})
CLOSED = frozenset({S.DECLINED_BY_FAMILY, S.DECLINED, S.BOOKED, S.WITHDRAWN, S.CANCELLED})
AWAITING_FAMILY = frozenset({S.AWAITING_CONSENT})
AWAITING_RECEIVER = frozenset({S.SENT})
# The family agreed, so the receiving organisation has seen it (and keeps seeing its status).
CONSENTED = frozenset({S.SENT, S.ACCEPTED, S.DECLINED, S.BOOKED})
