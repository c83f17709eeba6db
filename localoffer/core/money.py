"""Money: the one place that rounds pounds and converts them to pence.

Prices are `Decimal` pounds with two places (never floats). Rounding is ROUND_HALF_UP, the
way people round money by hand and the way HMRC expects VAT on an invoice line.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

PENNY = Decimal("0.01")
VAT_RATE = Decimal("0.20")
REDUCED_VAT_RATE = Decimal("0.05")


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


@dataclass(frozen=True)
class LineAmounts:
    """One invoice line's money: without VAT, the VAT, and with VAT."""

    net: Decimal
    vat: Decimal
    gross: Decimal


def vat_line(
    *, quantity: Decimal | int, unit_price: Decimal, rate: Decimal | None, includes_vat: bool
) -> LineAmounts:
    """The amounts of one line of `quantity` units at `unit_price`, VAT rounded per line.

    `rate` None means no VAT is charged at all (the supplier is not registered, or the
    supply is exempt); a zero rate is still VAT (zero rated) but adds nothing. When the
    price `includes_vat`, the line's total is what the family pays and the VAT is the
    fraction of it (rate / (1 + rate)); otherwise VAT is added to the line. Rounding once
    per line, not per unit, is what HMRC allows and keeps the line's total exact.
    """
    gross_or_net = round_money(Decimal(quantity) * unit_price)
    if not rate:
        return LineAmounts(net=gross_or_net, vat=Decimal("0.00"), gross=gross_or_net)
    if includes_vat:
        vat = round_money(gross_or_net * rate / (1 + rate))
        return LineAmounts(net=gross_or_net - vat, vat=vat, gross=gross_or_net)
    vat = round_money(gross_or_net * rate)
    return LineAmounts(net=gross_or_net, vat=vat, gross=gross_or_net + vat)


def split_evenly(total: Decimal, parts: int) -> list[Decimal]:
    """`total` in `parts` amounts that differ by at most a penny and add up to it exactly.

    The first amounts carry the odd pennies (£1,000 in 13 is 76,923 pence and 1 over:
    the first four are £76.93 and the other nine £76.92), so money is paid in no later
    than it would be with equal shares.
    """
    if not isinstance(total, Decimal):
        raise TypeError(f"Money must be a Decimal, not {type(total).__name__}")
    # Rounding a part-penny (or NaN) total first would split another amount than asked.
    if not total.is_finite() or total != round_money(total):
        raise ValueError("Split an amount in pounds and pence")
    if parts < 1 or total < 0:
        raise ValueError("Split a positive amount into one part or more")
    pence = to_pence(total)
    each, odd = divmod(pence, parts)
    return [from_pence(each + (1 if index < odd else 0)) for index in range(parts)]
