"""Money is Decimal pounds, rounded half up to the penny, and pence only at the payment edge."""

from decimal import Decimal

import pytest

from localoffer.core.money import format_pounds, from_pence, round_money, split_evenly, to_pence


@pytest.mark.parametrize(
    ("amount", "rounded"),
    [
        ("2.345", "2.35"),  # half rounds up, not to even (banker's rounding would give 2.34)
        ("2.335", "2.34"),
        ("2.3449", "2.34"),
        ("2.3450", "2.35"),
        ("0.005", "0.01"),
        ("0.004", "0.00"),
        ("-2.345", "-2.35"),  # halves go away from zero: a refund mirrors its charge
        ("24", "24.00"),
        ("1249.995", "1250.00"),
    ],
)
def test_round_money_half_up(amount, rounded):
    result = round_money(Decimal(amount))
    assert result == Decimal(rounded)
    assert str(result) == rounded  # exactly two places


def test_round_money_refuses_floats():
    with pytest.raises(TypeError, match="Decimal"):
        round_money(24.5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("amount", "pence"),
    [("24.50", 2450), ("24", 2400), ("0.015", 2), ("0.01", 1), ("1250.005", 125001)],
)
def test_to_pence(amount, pence):
    result = to_pence(Decimal(amount))
    assert result == pence
    assert isinstance(result, int)


@pytest.mark.parametrize(("pence", "amount"), [(2450, "24.50"), (1, "0.01"), (125000, "1250.00")])
def test_from_pence(pence, amount):
    assert from_pence(pence) == Decimal(amount)
    assert str(from_pence(pence)) == amount


def test_pence_round_trip_is_exact():
    for pence in (1, 99, 100, 2450, 123456789):
        assert to_pence(from_pence(pence)) == pence


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("24", "£24"),
        ("24.00", "£24"),
        ("24.5", "£24.50"),
        ("24.50", "£24.50"),
        ("1250", "£1,250"),
        ("1250.75", "£1,250.75"),
        ("1000000", "£1,000,000"),
        ("0.99", "£0.99"),
        ("24.499", "£24.50"),
        ("0.004", "£0"),
    ],
)
def test_format_pounds(amount, text):
    assert format_pounds(Decimal(amount)) == text


# split_evenly: a budget's annual amount shared across its payments ---------------------


def test_split_evenly_pays_the_odd_pennies_first():
    assert split_evenly(Decimal("1000.00"), 13) == [Decimal("76.93")] * 4 + [Decimal("76.92")] * 9
    assert split_evenly(Decimal("0.13"), 13) == [Decimal("0.01")] * 13
    assert split_evenly(Decimal("0.02"), 3) == [Decimal("0.01"), Decimal("0.01"), Decimal("0.00")]
    assert split_evenly(Decimal("24.50"), 1) == [Decimal("24.50")]
    assert split_evenly(Decimal("0.00"), 2) == [Decimal("0.00"), Decimal("0.00")]


def test_split_evenly_adds_up_exactly_and_differs_by_at_most_a_penny():
    totals = [Decimal(p) / 100 for p in (1, 7, 13, 99, 100, 101, 12345, 100000, 1234567, 99999999)]
    for total in totals:
        for parts in range(1, 40):
            amounts = split_evenly(total, parts)
            assert len(amounts) == parts
            assert sum(amounts) == total
            assert max(amounts) - min(amounts) <= Decimal("0.01")
            assert amounts == sorted(amounts, reverse=True)  # never a later payment larger
            assert all(amount.as_tuple().exponent == -2 for amount in amounts)


@pytest.mark.parametrize("parts", [0, -1, -13])
def test_split_evenly_refuses_no_parts_or_negative_parts(parts):
    with pytest.raises(ValueError, match="one part or more"):
        split_evenly(Decimal("100.00"), parts)


@pytest.mark.parametrize("total", ["-0.01", "-100.00"])
def test_split_evenly_refuses_a_negative_total(total):
    with pytest.raises(ValueError, match="positive amount"):
        split_evenly(Decimal(total), 3)


@pytest.mark.parametrize("total", ["1.005", "0.001", "NaN", "Infinity"])
def test_split_evenly_refuses_a_total_that_is_not_whole_pence(total):
    """Rounding it first would make the parts add up to another amount than was asked."""
    with pytest.raises(ValueError, match="pounds and pence"):
        split_evenly(Decimal(total), 3)


def test_split_evenly_refuses_floats():
    with pytest.raises(TypeError):
        split_evenly(100.0, 3)
