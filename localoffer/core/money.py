"""Money: the one place that rounds pounds and converts them to pence.

Prices are `Decimal` pounds with two places (never floats). Rounding is ROUND_HALF_UP, the
way people round money by hand and the way HMRC expects VAT on an invoice line.
"""

from decimal import ROUND_HALF_UP, Decimal

PENNY = Decimal("0.01")
VAT_RATE = Decimal("0.20")


def round_money(amount: Decimal) -> Decimal:
    """Round a Decimal amount of pounds to whole pence, halves away from zero."""
    if not isinstance(amount, Decimal):
        raise TypeError(f"Money must be a Decimal, not {type(amount).__name__}")
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP)


def to_pence(amount: Decimal) -> int:
    """Whole pence for payment APIs that count in the smallest currency unit."""
    return int(round_money(amount) * 100)


def from_pence(pence: int) -> Decimal:
    return round_money(Decimal(pence) / 100)


def format_pounds(amount: Decimal) -> str:
    """'£24' for whole pounds, '£24.50' otherwise, with thousands separated: '£1,250'."""
    amount = round_money(amount)
    if amount == amount.to_integral_value():
        return f"£{int(amount):,}"
    return f"£{amount:,.2f}"
