"""How much a family gets back when it cancels: one pure function over plain values.

Kept apart from the database so every policy can be tested with exact `Decimal` literals
(docs/decisions/0013-bookings.md). The payments layer makes the actual refund.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from localoffer.core.money import round_money
from pricing.offers.enums import POLICY_TERMS


def refund_due(policy: str, paid: Decimal, starts_at: dt.datetime, now: dt.datetime) -> Decimal:
    """The refund owed for cancelling at `now` something that starts at `starts_at`.

    Up to and including the cut-off (N hours before the start) everything paid comes
    back; after it, the policy's late share (nothing or half), rounded half up to the
    penny. Nothing paid means nothing to refund, whatever the policy.
    """
    if policy not in POLICY_TERMS:
        raise ValueError(f"Unknown cancellation policy: {policy!r}")
    if paid < 0:
        raise ValueError("A paid amount cannot be negative")
    free_hours, late_share = POLICY_TERMS[policy]
    if now <= starts_at - dt.timedelta(hours=free_hours):
        return round_money(paid)
    return round_money(paid * late_share)
