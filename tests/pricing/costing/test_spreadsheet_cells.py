"""A spreadsheet cell becomes an exact amount, or a refusal a provider can act on: a
workbook's binary numbers are read as the spreadsheet shows them, money is never
rounded quietly, and a percentage formatted as one is read as the percentage shown."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from pricing.costing.spreadsheet.cells import Cell, CellError, cell_number, cell_text

D = Decimal


def money(value: object, **options: object) -> Decimal:
    return cell_number(Cell("D", value, **options), whole_digits=10, money=True)


def percent(value: object, **options: object) -> Decimal:
    return cell_number(Cell("G", value, **options), whole_digits=3, percent=True)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (406.4, D("406.40")),
        (0.1 + 0.2, D("0.30")),  # 0.30000000000000004 in binary, 0.3 on screen
        (8320, D("8320.00")),
        ("8320", D("8320.00")),
        (" £1,250.50 ", D("1250.50")),
        ("12.50", D("12.50")),
        ("12.500", D("12.50")),
        (D("3200.00"), D("3200.00")),
    ],
)
def test_amounts_are_exact(value, expected):
    assert money(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (1000 / 3, "333.333333333333 has more than 2 decimal places: enter pounds and pence"),
        ("12.345", "12.345 has more than 2 decimal places: enter pounds and pence"),
        ("-5", "the figure must not be negative"),
        (-0.01, "the figure must not be negative"),
        ("twelve", "“twelve” is not a number: enter a number like 406.40"),
        ("1e3", "“1e3” is not a number: enter a number like 406.40"),
        ("1,25", "“1,25” is not a number: enter a number like 406.40"),
        ("NaN", "“NaN” is not a number: enter a number like 406.40"),
        (float("inf"), "enter a number"),
        (dt.datetime(2026, 4, 1), "enter a number, not a date or TRUE or FALSE"),
        (True, "enter a number, not a date or TRUE or FALSE"),
        ("99999999999", "99999999999 is too large"),
    ],
)
def test_what_is_not_an_amount_is_refused_with_the_reason(value, message):
    with pytest.raises(CellError) as refused:
        money(value)
    assert str(refused.value) == message


def test_a_percentage_is_read_as_shown():
    assert percent(75) == D("75.00")
    assert percent("75%") == D("75.00")
    assert percent(0.75, percent_format=True) == D("75.00")  # a cell formatted 0%
    assert percent(0.755, percent_format=True) == D("75.50")
    with pytest.raises(CellError, match="a percentage must be 100 or less"):
        percent(1.2, percent_format=True)


def test_a_formula_with_no_saved_value_is_named():
    with pytest.raises(CellError, match=r"a formula \(=B2\*2\) with no value saved for it"):
        money(None, formula="=B2*2")
    with pytest.raises(CellError, match="a formula"):
        cell_text(Cell("A", None, formula="=A1"))


def test_text_loses_the_quote_that_kept_it_from_running_as_a_formula():
    assert cell_text(Cell("A", "'=HYPERLINK(1)")) == "=HYPERLINK(1)"
    assert cell_text(Cell("A", "'Tis the season")) == "'Tis the season"
    assert cell_text(Cell("A", "  Swim \n Club ")) == "Swim Club"
    assert cell_text(Cell("B", 1234.0)) == "1234"
