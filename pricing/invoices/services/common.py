"""What every invoicing write shares: its audit action prefix, its error, a line to issue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from localoffer.core.transitions import DomainError

ACTION = "pricing.document_"  # + "issued", "payment_recorded"


class InvoiceError(DomainError):
    """An invoicing step the rules refuse; the message is for the person who tried it."""


@dataclass(frozen=True)
class LineInput:
    """One line to invoice, as the caller knows it: the price as the listing states it."""

    description: str
    quantity: Decimal
    unit_price: Decimal
    vat_treatment: str
    unit: str = ""
    supply_date: dt.date | None = None
