"""Money is Decimal pounds, rounded half up to the penny, and pence only at the payment edge."""

from decimal import Decimal

import pytest

from localoffer.core.money import format_pounds, from_pence, round_money, to_pence


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
