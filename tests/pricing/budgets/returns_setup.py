"""A first quarter of a direct payment with something of every kind, for the returns tests.

The `budget` (tests/pricing/budgets/conftest.py) is a direct payment of £1,300 a year for
social care: 13 payments of £100 every 4 weeks from 1 April 2026. Its first quarter runs
from 1 April to 30 June 2026, with four payments in it (1 April, 29 April, 27 May and
24 June). `first_quarter` records, in that quarter:

    payments in                                     400.00
    adjustment by the council (10 June)             +20.00
    repaid by the family to a clawback (15 June)    -15.00   -> paid in   405.00
    riding lesson, receipt (10 April)                32.50
    swimming, under £5, no receipt (3 May)            4.50
    art class, no receipt (20 May)                   45.00   <- flagged: no receipt
    taxi, no outcome, no receipt (5 June)            12.00   <- flagged twice
    a mistake of 60.00 (20 April), reversed (20 June)  0.00   (neither flagged)
    refund credited back (1 June)                   -10.00   -> spent      84.00
    a commitment (booking not paid) and council-managed spending: not in the return

so the closing balance is 0 + 405 - 84 = 321.00: 12.9 weeks of £24.93 a week (over 8).
Today is 10 July 2026: the quarter has ended, its return is due by 28 July.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pricing.budgets.enums import ClawbackMethod, EntryKind, HeldAs, Stream
from pricing.budgets.models import LedgerEntry, PersonalBudget
from pricing.budgets.services import (
    adjust,
    record_clawback,
    record_payments_due,
    record_repayment,
    record_spending,
    reverse_entry,
)
from pricing.budgets.services.common import post

D = dt.date
LONDON = ZoneInfo("Europe/London")
TODAY = D(2026, 7, 10)
NOW = dt.datetime(2026, 7, 10, 10, 0, tzinfo=LONDON)
Q1 = (D(2026, 4, 1), D(2026, 6, 30))
Q2 = (D(2026, 7, 1), D(2026, 9, 30))


def png(name: str = "till receipt.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def spend(
    budget: PersonalBudget,
    family,
    amount: str,
    on: dt.date,
    *,
    payee: str = "Northbridge Riding School",
    what: str = "Riding lesson",
    receipt: SimpleUploadedFile | None = None,
    today: dt.date = TODAY,
) -> LedgerEntry:
    return record_spending(
        budget=budget,
        by=family,
        occurred_on=on,
        payee=payee,
        description=what,
        amount=Decimal(amount),
        outcome_key="make-friends",
        receipt=receipt,
        today=today,
    )


def first_quarter(budget: PersonalBudget, family, officer) -> dict[str, LedgerEntry]:
    """Record the quarter above; the entries by name."""
    record_payments_due(Q1[1])
    entries = {
        "riding": spend(budget, family, "32.50", D(2026, 4, 10), receipt=png()),
        "swimming": spend(budget, family, "4.50", D(2026, 5, 3), payee="Leisure centre"),
        "art": spend(budget, family, "45.00", D(2026, 5, 20), payee="Art club", what="Art class"),
        "mistake": spend(budget, family, "60.00", D(2026, 4, 20), payee="Typo Ltd"),
    }
    entries["taxi"] = post(
        budget,
        kind=EntryKind.SPENDING,
        amount=Decimal("12.00"),
        occurred_on=D(2026, 6, 5),
        stream=Stream.SOCIAL_CARE,
        held_as=HeldAs.DIRECT_PAYMENT,
        payee="Northbridge Taxis",
        description="Taxi to the club",
    )
    entries["refund"] = post(
        budget,
        kind=EntryKind.REFUND,
        amount=Decimal("10.00"),
        occurred_on=D(2026, 6, 1),
        stream=Stream.SOCIAL_CARE,
        held_as=HeldAs.DIRECT_PAYMENT,
        outcome_key="make-friends",
        payee="Art club",
        description="Class cancelled",
    )
    post(  # a booking confirmed but not paid: no money has moved
        budget,
        kind=EntryKind.COMMITMENT,
        amount=Decimal("50.00"),
        occurred_on=D(2026, 6, 2),
        stream=Stream.SOCIAL_CARE,
        held_as=HeldAs.DIRECT_PAYMENT,
        outcome_key="make-friends",
    )
    post(  # money the council holds is not the family's to account for
        budget,
        kind=EntryKind.SPENDING,
        amount=Decimal("99.00"),
        occurred_on=D(2026, 6, 3),
        stream=Stream.SOCIAL_CARE,
        held_as=HeldAs.COUNCIL_MANAGED,
        outcome_key="make-friends",
        payee="Council-paid provider",
    )
    adjust(
        budget=budget,
        amount=Decimal("20.00"),
        stream=Stream.SOCIAL_CARE,
        held_as=HeldAs.DIRECT_PAYMENT,
        reason="Top-up agreed at the review",
        by=officer,
        occurred_on=D(2026, 6, 10),
    )
    clawback = record_clawback(
        budget=budget,
        amount=Decimal("15.00"),
        reason="Paid for a family holiday",
        method=ClawbackMethod.REPAYMENT,
        by=officer,
    )
    record_repayment(
        clawback=clawback, amount=Decimal("15.00"), received_on=D(2026, 6, 15), by=officer
    )
    # Reversals are dated the day they are made: this one is made within the quarter.
    with time_machine.travel(dt.datetime(2026, 6, 20, 10, 0, tzinfo=LONDON), tick=False):
        entries["reversal"] = reverse_entry(
            entry=entries["mistake"], reason="Typed twice", by=officer
        )
    return entries
