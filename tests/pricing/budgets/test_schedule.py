"""When a funding line's payments fall due and how much each is, and a budget's quarters.

A year's direct payment is paid every 4 weeks in advance: 13 payments that add up to the
annual amount to the penny, the odd pennies paid first. Quarters are three-month blocks
from the first day of the budget, each return covering one. Pure date arithmetic: no
database.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from pricing.budgets.schedule import payment_dates, quarter_of, quarters, schedule

D = dt.date
YEAR_START, YEAR_END = D(2026, 4, 1), D(2027, 3, 31)

FOUR_WEEKLY_2026 = [
    D(2026, 4, 1),
    D(2026, 4, 29),
    D(2026, 5, 27),
    D(2026, 6, 24),
    D(2026, 7, 22),
    D(2026, 8, 19),
    D(2026, 9, 16),
    D(2026, 10, 14),
    D(2026, 11, 11),
    D(2026, 12, 9),
    D(2027, 1, 6),
    D(2027, 2, 3),
    D(2027, 3, 3),
]


def test_a_year_paid_every_four_weeks_has_thirteen_payments_on_these_dates():
    # The payment that would fall on 31 March 2027 pays for weeks in the next year.
    assert payment_dates(YEAR_START, YEAR_END, 4) == FOUR_WEEKLY_2026


def test_a_thousand_pounds_a_year_is_four_payments_of_76_93_then_nine_of_76_92():
    payments = schedule(Decimal("1000.00"), YEAR_START, YEAR_END, 4)

    assert [day for day, _ in payments] == FOUR_WEEKLY_2026
    assert [amount for _, amount in payments] == [Decimal("76.93")] * 4 + [Decimal("76.92")] * 9
    assert sum(amount for _, amount in payments) == Decimal("1000.00")


@pytest.mark.parametrize(
    ("annual", "first", "rest", "first_count"),
    [
        ("1000.00", "76.93", "76.92", 4),  # 100,000p = 13 x 7,692p + 4p
        ("5000.00", "384.62", "384.61", 7),  # 500,000p = 13 x 38,461p + 7p
        ("0.13", "0.01", "0.01", 13),
        ("12345.67", "949.67", "949.66", 9),  # 1,234,567p = 13 x 94,966p + 9p
        ("1300.00", "100.00", "100.00", 13),
    ],
)
def test_the_thirteen_payments_add_up_to_the_annual_amount_to_the_penny(
    annual, first, rest, first_count
):
    amounts = [amount for _, amount in schedule(Decimal(annual), YEAR_START, YEAR_END, 4)]

    assert len(amounts) == 13
    assert sum(amounts) == Decimal(annual)
    assert amounts == [Decimal(first)] * first_count + [Decimal(rest)] * (13 - first_count)
    assert max(amounts) - min(amounts) <= Decimal("0.01")
    assert all(amount.as_tuple().exponent == -2 for amount in amounts)


def test_a_leap_year_still_has_thirteen_four_weekly_payments():
    # 1 April 2027 to 31 March 2028 has 366 days (29 February 2028).
    dates = payment_dates(D(2027, 4, 1), D(2028, 3, 31), 4)

    assert len(dates) == 13
    assert dates[0] == D(2027, 4, 1)
    assert dates[-1] == D(2028, 3, 2)
    amounts = [a for _, a in schedule(Decimal("1000.00"), D(2027, 4, 1), D(2028, 3, 31), 4)]
    assert sum(amounts) == Decimal("1000.00")


def test_six_months_paid_every_four_weeks_is_six_payments():
    payments = schedule(Decimal("650.00"), D(2026, 4, 1), D(2026, 9, 30), 4)

    assert [day for day, _ in payments] == FOUR_WEEKLY_2026[:6]
    assert [amount for _, amount in payments] == [Decimal("108.34")] * 2 + [Decimal("108.33")] * 4
    assert sum(amount for _, amount in payments) == Decimal("650.00")


def test_a_year_paid_every_two_weeks_is_twenty_six_payments():
    payments = schedule(Decimal("1000.00"), YEAR_START, YEAR_END, 2)

    assert len(payments) == 26
    assert payments[0] == (D(2026, 4, 1), Decimal("38.47"))
    assert payments[1][0] == D(2026, 4, 15)
    assert payments[-1] == (D(2027, 3, 17), Decimal("38.46"))
    # 100,000p = 26 x 3,846p + 4p: four payments carry the odd pennies.
    assert [amount for _, amount in payments].count(Decimal("38.47")) == 4
    assert sum(amount for _, amount in payments) == Decimal("1000.00")


def test_a_year_paid_weekly_is_fifty_two_payments_and_every_13_weeks_is_four():
    assert len(payment_dates(YEAR_START, YEAR_END, 1)) == 52
    assert payment_dates(YEAR_START, YEAR_END, 13) == [
        D(2026, 4, 1),
        D(2026, 7, 1),
        D(2026, 9, 30),
        D(2026, 12, 30),
    ]


def test_a_period_shorter_than_the_step_is_paid_in_one_payment():
    payments = schedule(Decimal("99.99"), D(2026, 4, 1), D(2026, 4, 20), 4)

    assert payments == [(D(2026, 4, 1), Decimal("99.99"))]


def test_a_period_of_exactly_one_step_is_one_payment():
    assert payment_dates(D(2026, 4, 1), D(2026, 4, 28), 4) == [D(2026, 4, 1)]
    assert payment_dates(D(2026, 4, 1), D(2026, 5, 26), 4) == [D(2026, 4, 1), D(2026, 4, 29)]


# Quarters ---------------------------------------------------------------------------


def test_a_year_from_1_april_has_four_calendar_quarters():
    assert quarters(YEAR_START, YEAR_END) == [
        (D(2026, 4, 1), D(2026, 6, 30)),
        (D(2026, 7, 1), D(2026, 9, 30)),
        (D(2026, 10, 1), D(2026, 12, 31)),
        (D(2027, 1, 1), D(2027, 3, 31)),
    ]


def test_a_year_from_31_january_has_four_quarters_anchored_on_the_first_day():
    """31 January + 3 months is 30 April (April has 30 days); the next quarter starts
    on 31 July, not a day earlier: quarters are counted from the budget's first day,
    so a short month does not pull the rest of the year back and leave a fifth,
    one-day quarter at the end."""
    assert quarters(D(2027, 1, 31), D(2028, 1, 30)) == [
        (D(2027, 1, 31), D(2027, 4, 29)),
        (D(2027, 4, 30), D(2027, 7, 30)),
        (D(2027, 7, 31), D(2027, 10, 30)),
        (D(2027, 10, 31), D(2028, 1, 30)),
    ]


def test_a_year_from_30_november_crosses_february_without_drifting():
    assert quarters(D(2026, 11, 30), D(2027, 11, 29)) == [
        (D(2026, 11, 30), D(2027, 2, 27)),
        (D(2027, 2, 28), D(2027, 5, 29)),
        (D(2027, 5, 30), D(2027, 8, 29)),
        (D(2027, 8, 30), D(2027, 11, 29)),
    ]


def test_the_last_quarter_of_a_period_that_is_not_whole_quarters_is_short():
    assert quarters(D(2026, 4, 1), D(2026, 8, 15)) == [
        (D(2026, 4, 1), D(2026, 6, 30)),
        (D(2026, 7, 1), D(2026, 8, 15)),
    ]


def test_a_last_quarter_of_one_day_joins_the_one_before():
    """A return covers more than a day (the database insists), so a period typed as
    1 April to 1 April has four quarters, the last a day longer."""
    assert quarters(D(2026, 4, 1), D(2027, 4, 1))[-1] == (D(2027, 1, 1), D(2027, 4, 1))
    assert len(quarters(D(2026, 4, 1), D(2027, 4, 1))) == 4
    assert quarters(D(2026, 4, 1), D(2026, 4, 2)) == [(D(2026, 4, 1), D(2026, 4, 2))]
    assert quarters(D(2026, 4, 1), D(2026, 7, 2))[-1] == (D(2026, 7, 1), D(2026, 7, 2))


@pytest.mark.parametrize(
    ("day", "quarter"),
    [
        (D(2026, 4, 1), (D(2026, 4, 1), D(2026, 6, 30))),
        (D(2026, 6, 30), (D(2026, 4, 1), D(2026, 6, 30))),
        (D(2026, 7, 1), (D(2026, 7, 1), D(2026, 9, 30))),
        (D(2027, 3, 31), (D(2027, 1, 1), D(2027, 3, 31))),
    ],
)
def test_quarter_of_a_day_in_the_period(day, quarter):
    assert quarter_of(day, YEAR_START, YEAR_END) == quarter


@pytest.mark.parametrize("day", [D(2026, 3, 31), D(2027, 4, 1), D(2030, 1, 1)])
def test_quarter_of_a_day_outside_the_period_is_refused(day):
    with pytest.raises(ValueError, match="outside the budget's period"):
        quarter_of(day, YEAR_START, YEAR_END)
