"""The choices of a bookable offer: what kind it is, its cancellation policy, term rows."""

from __future__ import annotations

from decimal import Decimal

from django.db import models


class OfferKind(models.TextChoices):
    SESSIONS = "sessions", "Sessions (dated places)"
    HOURS = "hours", "Hours of support (on request)"


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


class TermKind(models.TextChoices):
    TERM = "term", "Term"
    # A break inside a term (half term, an inset day): term-time sessions skip it.
    BREAK = "break", "Half-term or other break"


class CancellationPolicy(models.TextChoices):
    """A few plain policies families can read at a glance (no provider-typed percentages).

    Each is "free until N hours before the start", then either nothing back or half back.
    """

    FREE_24_NONE = "free24_none", "Free to cancel until 24 hours before, then no refund"
    FREE_48_NONE = "free48_none", "Free to cancel until 48 hours before, then no refund"
    FREE_72_NONE = "free72_none", "Free to cancel until 72 hours before, then no refund"
    FREE_24_HALF = "free24_half", "Free to cancel until 24 hours before, then half refunded"
    FREE_48_HALF = "free48_half", "Free to cancel until 48 hours before, then half refunded"
    FREE_72_HALF = "free72_half", "Free to cancel until 72 hours before, then half refunded"


# (hours before the start until which cancelling is free, share refunded after that)
POLICY_TERMS: dict[str, tuple[int, Decimal]] = {
    CancellationPolicy.FREE_24_NONE: (24, Decimal("0")),
    CancellationPolicy.FREE_48_NONE: (48, Decimal("0")),
    CancellationPolicy.FREE_72_NONE: (72, Decimal("0")),
    CancellationPolicy.FREE_24_HALF: (24, Decimal("0.5")),
    CancellationPolicy.FREE_48_HALF: (48, Decimal("0.5")),
    CancellationPolicy.FREE_72_HALF: (72, Decimal("0.5")),
}
