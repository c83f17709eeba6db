"""Each cancellation policy, with exact Decimals, either side of its cut-off."""

import datetime as dt
from decimal import Decimal

import pytest

from pricing.offers.enums import CancellationPolicy as P
from pricing.offers.refunds import refund_due

START = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)


def at(hours_before: float) -> dt.datetime:
    return START - dt.timedelta(hours=hours_before)


@pytest.mark.parametrize(
    ("policy", "hours_before", "paid", "expected"),
    [
        (P.FREE_24_NONE, 24, Decimal("48.00"), Decimal("48.00")),
        (P.FREE_24_NONE, 23.99, Decimal("48.00"), Decimal("0.00")),
        (P.FREE_48_NONE, 48, Decimal("30.00"), Decimal("30.00")),
        (P.FREE_48_NONE, 47, Decimal("30.00"), Decimal("0.00")),
        (P.FREE_72_NONE, 73, Decimal("12.50"), Decimal("12.50")),
        (P.FREE_72_NONE, 71, Decimal("12.50"), Decimal("0.00")),
        (P.FREE_24_HALF, 25, Decimal("24.00"), Decimal("24.00")),
        (P.FREE_24_HALF, 1, Decimal("24.00"), Decimal("12.00")),
        (P.FREE_48_HALF, 2, Decimal("24.99"), Decimal("12.50")),  # 12.495 rounds half up
        (P.FREE_48_HALF, 49, Decimal("24.99"), Decimal("24.99")),
        (P.FREE_72_HALF, 0, Decimal("0.03"), Decimal("0.02")),  # 0.015 rounds half up
        (P.FREE_72_HALF, 72, Decimal("100.00"), Decimal("100.00")),
        (P.FREE_72_HALF, -5, Decimal("100.00"), Decimal("50.00")),  # after the start
        (P.FREE_48_HALF, 10, Decimal("0.00"), Decimal("0.00")),  # nothing paid
    ],
)
def test_refund_due(policy, hours_before, paid, expected):
    result = refund_due(policy, paid, START, at(hours_before))
    assert result == expected
    assert result.as_tuple().exponent == -2


def test_unknown_policy_and_negative_amount_are_refused():
    with pytest.raises(ValueError):
        refund_due("free_forever", Decimal("1.00"), START, START)
    with pytest.raises(ValueError):
        refund_due(P.FREE_24_NONE, Decimal("-1.00"), START, START)
