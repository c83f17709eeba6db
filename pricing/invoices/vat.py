"""How VAT applies to a line: the terms of a listing's VAT treatment, and the line's total.

Bookings work out what a family pays with `priced`, and invoices print the same lines
with it, so the total charged and the invoice's total are the same to the penny.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from localoffer.core.money import REDUCED_VAT_RATE, VAT_RATE, LineAmounts, vat_line
from providers.enums import VatTreatment


@dataclass(frozen=True)
class VatTerms:
    """How VAT applies to one line: the rate (None: no VAT at all), whether the price
    already includes it, and the words printed in the line's VAT column."""

    rate: Decimal | None
    includes_vat: bool
    label: str


NO_VAT = VatTerms(rate=None, includes_vat=True, label="")
EXEMPT_WORDS = "Exempt"
EXEMPT_NOTE = "Welfare services supplied by a charity are exempt from VAT (VAT Notice 701/2)."


def vat_terms(treatment: str, *, registered: bool) -> VatTerms:
    """The VAT terms of a price with this treatment, from a supplier registered or not.

    A supplier that is not registered for VAT never charges it, whatever the listing
    says. Exempt supplies carry no VAT but say so; zero rated ones are VAT at 0%.
    """
    if not registered or treatment == VatTreatment.NOT_REGISTERED:
        return NO_VAT
    if treatment == VatTreatment.EXEMPT:
        return VatTerms(rate=None, includes_vat=True, label=EXEMPT_WORDS)
    if treatment == VatTreatment.ZERO_RATED:
        return VatTerms(rate=Decimal("0.00"), includes_vat=True, label="0%")
    if treatment == VatTreatment.REDUCED:
        return VatTerms(rate=REDUCED_VAT_RATE, includes_vat=True, label="5%")
    if treatment == VatTreatment.ADDED:
        return VatTerms(rate=VAT_RATE, includes_vat=False, label="20%")
    return VatTerms(rate=VAT_RATE, includes_vat=True, label="20%")  # INCLUDED


def priced(
    *, quantity: Decimal | int, unit_price: Decimal, treatment: str, registered: bool
) -> LineAmounts:
    """One line's net, VAT and total, as the invoice will print it."""
    terms = vat_terms(treatment, registered=registered)
    return vat_line(
        quantity=quantity, unit_price=unit_price, rate=terms.rate, includes_vat=terms.includes_vat
    )
