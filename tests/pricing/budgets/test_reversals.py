"""Putting a mistake right: an entry is never changed, it is reversed by an entry of the
opposite amount, dated today, with its reason; once, never a reversal, never a booking's
entry (those follow the booking); afterwards the figures are as if it never happened."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db import transaction

from pricing.bookings.services import hold_places
from pricing.budgets.enums import EntryKind, HeldAs, Stream
from pricing.budgets.figures import breakdown, figures
from pricing.budgets.models import LedgerEntry
from pricing.budgets.services import (
    BudgetError,
    adjust,
    fund_booking,
    record_payments_due,
    record_spending,
    reverse_entry,
)
from pricing.budgets.services.common import post
from pricing.payments.models import PaymentMethod

pytestmark = pytest.mark.django_db

D = dt.date
TODAY = D(2026, 6, 15)


@pytest.fixture
def spend(budget, family):
    def record(amount: str, on: dt.date):
        return record_spending(
            budget=budget,
            by=family,
            occurred_on=on,
            payee="Northbridge Riding School",
            description="Riding lesson",
            amount=Decimal(amount),
            outcome_key="make-friends",
            today=TODAY,
        )

    return record


def test_a_reversal_is_the_opposite_amount_dated_today_with_its_reason(budget, spend, officer):
    record_payments_due(D(2026, 4, 1))
    entry = spend("45.25", D(2026, 4, 10))
    with time_machine.travel(TODAY, tick=False):
        reversal = reverse_entry(entry=entry, reason="  Entered by mistake  ", by=officer)

    assert reversal.kind == EntryKind.SPENDING
    assert reversal.amount == Decimal("-45.25")
    assert reversal.occurred_on == TODAY
    assert reversal.reason == "Entered by mistake"
    assert reversal.reverses == entry
    assert reversal.recorded_by == officer
    assert (reversal.stream, reversal.held_as, reversal.outcome_key) == (
        entry.stream,
        entry.held_as,
        entry.outcome_key,
    )
    entry.refresh_from_db()
    assert entry.amount == Decimal("45.25")  # the original is kept as it was


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_reversal_needs_a_reason(budget, spend, officer, reason):
    entry = spend("45.25", D(2026, 4, 10))
    with pytest.raises(BudgetError) as refused:
        reverse_entry(entry=entry, reason=reason, by=officer)
    assert refused.value.field == "reason"
    assert LedgerEntry.objects.filter(reverses=entry).count() == 0


def test_an_entry_is_reversed_once_and_a_reversal_is_never_reversed(budget, spend, officer):
    entry = spend("45.25", D(2026, 4, 10))
    reversal = reverse_entry(entry=entry, reason="Mistake", by=officer)

    with pytest.raises(BudgetError, match="already been reversed"):
        reverse_entry(entry=entry, reason="Again", by=officer)
    with pytest.raises(BudgetError, match="cannot itself be reversed"):
        reverse_entry(entry=reversal, reason="Undo the undo", by=officer)
    assert LedgerEntry.objects.filter(budget=budget).count() == 2


def test_a_bookings_entry_is_not_reversed_by_hand(budget, family, child, session, now, officer):
    record_payments_due(D(2026, 4, 1))
    with transaction.atomic():
        booking = hold_places(
            family=family,
            child=child,
            session=session,
            places=1,
            method=PaymentMethod.INVOICE,
            now=now,
        )
        fund_booking(
            booking=booking,
            budget=budget,
            held_as=HeldAs.DIRECT_PAYMENT,
            outcome_key="make-friends",
            by=family,
        )
    entry = LedgerEntry.objects.get(booking=booking)
    assert (entry.kind, entry.amount) == (EntryKind.COMMITMENT, Decimal("24.00"))

    with pytest.raises(BudgetError, match="follow the booking"):
        reverse_entry(entry=entry, reason="Not wanted", by=officer)
    assert figures(budget).committed == Decimal("24.00")


@pytest.mark.parametrize("kind", ["spending", "payment_in", "adjustment_up", "adjustment_down"])
def test_after_a_reversal_the_figures_are_as_if_the_entry_never_happened(
    budget, spend, officer, kind
):
    record_payments_due(D(2026, 5, 27))
    spend("20.00", D(2026, 4, 20))
    before = figures(budget)
    before_by_outcome = breakdown(budget).by_outcome
    before_by_stream = breakdown(budget).by_stream
    if kind == "spending":
        entry = spend("45.25", D(2026, 5, 2))
    elif kind == "payment_in":
        entry = post(
            budget,
            kind=EntryKind.PAYMENT_IN,
            amount=Decimal("100.00"),
            occurred_on=D(2026, 5, 2),
            stream=Stream.SOCIAL_CARE,
            held_as=HeldAs.DIRECT_PAYMENT,
        )
    else:
        entry = adjust(
            budget=budget,
            amount=Decimal("12.34") if kind == "adjustment_up" else Decimal("-12.34"),
            stream=Stream.SOCIAL_CARE,
            held_as=HeldAs.DIRECT_PAYMENT,
            reason="Typed in error",
            by=officer,
            occurred_on=D(2026, 5, 2),
        )
    assert figures(budget) != before

    with time_machine.travel(TODAY, tick=False):
        reverse_entry(entry=entry, reason="Mistake", by=officer)

    assert figures(budget) == before
    assert breakdown(budget).by_outcome == before_by_outcome
    assert breakdown(budget).by_stream == before_by_stream
