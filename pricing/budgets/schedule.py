"""Dates: when a funding line's payments fall due, and a budget's quarters.

Pure functions of dates and amounts, so the rules are tested without a database.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from localoffer.core.money import split_evenly

QUARTER_MONTHS = 3
# The council's rules: a quarter's return is due when the quarter ends and overdue this
# many days after; no more than this many weeks of payments should be left unspent.
RETURN_DUE_DAYS = 28
WEEKS_HELD_LIMIT = 8


def payment_dates(starts_on: dt.date, ends_on: dt.date, every_weeks: int) -> list[dt.date]:
    """Every `every_weeks` weeks from the first day, each paying in advance for the weeks
    that follow, so only a payment whose weeks begin and end in the period is made (the
    first always is).

    A year (1 April to 31 March) paid every 4 weeks has 13 payments: weeks 0, 4, ... 48;
    week 52 falls on 31 March, but its four weeks would be in the next year.
    """
    step = dt.timedelta(weeks=every_weeks)
    dates, day = [starts_on], starts_on + step
    while day + step - dt.timedelta(days=1) <= ends_on:
        dates.append(day)
        day += step
    return dates


def schedule(
    amount: Decimal, starts_on: dt.date, ends_on: dt.date, every_weeks: int
) -> list[tuple[dt.date, Decimal]]:
    """The payments of `amount` over the period: they add up to it to the penny."""
    dates = payment_dates(starts_on, ends_on, every_weeks)
    return list(zip(dates, split_evenly(amount, len(dates)), strict=True))


def quarters(starts_on: dt.date, ends_on: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The budget's quarters: three-month blocks from its first day (the last may be short).

    Each quarter starts a whole number of quarters after the first day, never three months
    after the previous one: from 31 January, 30 April (a short month) must not pull the
    next quarter back to 30 July and leave a fifth, one-day quarter at the year's end.
    """
    blocks: list[tuple[dt.date, dt.date]] = []
    number, first = 1, starts_on
    while first <= ends_on:
        following = starts_on + relativedelta(months=QUARTER_MONTHS * number)
        last = min(following - dt.timedelta(days=1), ends_on)
        if first == last and blocks:
            # A last "quarter" of one day (a year typed as 1 April to 1 April) joins the
            # one before: a return must cover more than a day.
            blocks[-1] = (blocks[-1][0], last)
        else:
            blocks.append((first, last))
        first, number = following, number + 1
    return blocks


def quarter_of(day: dt.date, starts_on: dt.date, ends_on: dt.date) -> tuple[dt.date, dt.date]:
    for first, last in quarters(starts_on, ends_on):
        if first <= day <= last:
            return first, last
    raise ValueError(f"{day} is outside the budget's period")


def weeks_between(first: dt.date, last: dt.date) -> Decimal:
    """The period's length in weeks, counting both ends (a year is 52.14 weeks)."""
    return Decimal((last - first).days + 1) / 7
