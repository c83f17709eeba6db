"""Bookings paid from a budget keep its ledger in step: committed while unpaid, spent once
paid, released when a hold lapses, credited back when refunded; and the rules that refuse
a booking (more than is available, a category the budget cannot buy).

The helpers at the top are shared by the other funding, approval and payment-run tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal as D
from typing import Any

import pytest
import time_machine
from django.db import transaction

from pricing.bookings.enums import BookingStatus
from pricing.bookings.models import Booking
from pricing.bookings.services import (
    cancel_by_family,
    confirm_booking,
    expire_holds,
    hold_places,
    refund_part,
)
from pricing.bookings.services.paying import give_back, give_back_cancelled
from pricing.budgets.enums import EntryKind
from pricing.budgets.figures import Figures, figures
from pricing.budgets.models import BookingFunding, LedgerEntry, PersonalBudget, SpendingCategory
from pricing.budgets.services import BudgetError, adjust, fund_booking
from pricing.invoices.enums import PaymentWay
from pricing.invoices.models import Document
from pricing.invoices.selectors import booking_invoice
from pricing.invoices.services import record_payment_by_hand
from pricing.payments.services import apply_intent_state
from tests.pricing.factories import NOW

pytestmark = pytest.mark.django_db

# A budget period around NOW (Monday 2 March 2026), the bookings' clock.
STARTS = dt.date(2026, 3, 1)
ENDS = dt.date(2027, 2, 28)


@pytest.fixture(autouse=True)
def _at_now() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def topped_up(
    budget: PersonalBudget,
    amount: str,
    held_as: str = "direct_payment",
    stream: str = "social_care",
) -> PersonalBudget:
    """Exactly `amount` paid into one pot of the budget (an adjustment by its officer)."""
    adjust(
        budget=budget,
        amount=D(amount),
        stream=stream,
        held_as=held_as,
        reason="Opening balance for the test",
        by=budget.officer,
    )
    return budget


def budget_with(make_budget: Any, held_as: str, amount: str, **options: Any) -> PersonalBudget:
    """A budget of one pot held `held_as`, with `amount` available in it."""
    budget = make_budget(
        lines=[("social_care", held_as, "2600.00")], starts_on=STARTS, ends_on=ENDS, **options
    )
    return topped_up(budget, amount, held_as=held_as)


def book(
    *,
    child: Any,
    session: Any,
    budget: PersonalBudget,
    held_as: str = "direct_payment",
    method: str = "invoice",
    places: int = 1,
    outcome: str = "make-friends",
) -> Booking:
    """Hold places and fund them in one transaction, as the checkout does."""
    with transaction.atomic():
        booking = hold_places(
            family=child.family,
            child=child,
            session=session,
            places=places,
            method=method,
            now=NOW,
            card_ready=True,
        )
        fund_booking(
            booking=booking, budget=budget, held_as=held_as, outcome_key=outcome, by=child.family
        )
    return booking


def book_and_confirm(**kwargs: Any) -> Booking:
    booking = book(**kwargs)
    return confirm_booking(booking=booking, now=NOW, by=booking.family).booking


def pot(budget: PersonalBudget, held_as: str = "direct_payment") -> Figures:
    return figures(budget, held_as=held_as)


def money(figures: Figures) -> tuple[D, D, D]:
    """(spent, committed, available) of a pot."""
    return figures.spent, figures.committed, figures.available


def pay_invoice(booking: Booking, by: Any) -> Document:
    """The booking's invoice paid in full, recorded by hand."""
    invoice = booking_invoice(booking.offer.organisation_id, booking.reference)
    assert invoice is not None
    record_payment_by_hand(
        invoice=invoice,
        payments_seen=0,
        amount=invoice.gross_total,
        received_on=NOW.date(),
        way=PaymentWay.BANK_TRANSFER,
        now=NOW,
        by=by,
    )
    return invoice


def card_paid(booking: Booking) -> Booking:
    """Stripe's word that the card payment succeeded, through the webhooks' own path."""
    with transaction.atomic():
        apply_intent_state(payment=booking.payment, stripe_status="succeeded", seen_at=NOW)
    booking.refresh_from_db()
    return booking


@pytest.fixture
def dp_budget(make_budget) -> PersonalBudget:
    """A direct payment with exactly £100 available."""
    return budget_with(make_budget, "direct_payment", "100.00")


# --- direct payment, by card -------------------------------------------------------------


def test_a_held_card_booking_is_committed_then_spent_once_paid(dp_budget, child, session):
    booking = book(child=child, session=session, budget=dp_budget, method="card")
    assert booking.status == BookingStatus.HELD
    assert money(pot(dp_budget)) == (D("0.00"), D("24.00"), D("76.00"))
    booking = card_paid(booking)
    assert booking.status == BookingStatus.CONFIRMED
    assert money(pot(dp_budget)) == (D("24.00"), D("0.00"), D("76.00"))
    funding = BookingFunding.objects.get(booking=booking)
    assert (funding.held_as, funding.outcome_key, funding.approval) == (
        "direct_payment",
        "make-friends",
        "",
    )
    spending = LedgerEntry.objects.get(booking=booking, kind=EntryKind.SPENDING)
    assert (spending.amount, spending.payee, spending.outcome_key) == (
        D("24.00"),
        "Northbridge Play Club",
        "make-friends",
    )


def test_a_hold_that_expires_unpaid_gives_the_commitment_back(dp_budget, child, session):
    booking = book(child=child, session=session, budget=dp_budget, method="card")
    assert pot(dp_budget).committed == D("24.00")
    expire_holds(now=NOW + dt.timedelta(hours=1))
    booking.refresh_from_db()
    assert booking.status == BookingStatus.EXPIRED
    assert money(pot(dp_budget)) == (D("0.00"), D("0.00"), D("100.00"))


def test_cancelling_a_paid_booking_with_a_full_refund_credits_it_back(dp_budget, child, session):
    booking = card_paid(book(child=child, session=session, budget=dp_budget, method="card"))
    due = cancel_by_family(booking=booking, family=child.family, now=NOW)
    assert due is not None and due.amount == D("24.00")
    give_back_cancelled(due)
    got = pot(dp_budget)
    assert (got.spending, got.refunds) == (D("24.00"), D("24.00"))
    assert money(got) == (D("0.00"), D("0.00"), D("100.00"))


def test_a_partial_refund_reduces_what_was_spent(dp_budget, child, session, provider):
    booking = card_paid(book(child=child, session=session, budget=dp_budget, method="card"))
    due = refund_part(booking=booking, amount=D("10.00"), by=provider, now=NOW, reason="Late start")
    give_back(due, key="test-part-refund", by=provider)
    assert money(pot(dp_budget)) == (D("14.00"), D("0.00"), D("86.00"))
    refund = LedgerEntry.objects.get(booking=booking, kind=EntryKind.REFUND)
    assert refund.amount == D("10.00")


# --- direct payment, on the provider's invoice ---------------------------------------------


def test_paying_later_stays_committed_until_the_invoice_is_paid(
    dp_budget, child, session, provider
):
    booking = book_and_confirm(child=child, session=session, budget=dp_budget)
    assert booking.status == BookingStatus.CONFIRMED
    assert money(pot(dp_budget)) == (D("0.00"), D("24.00"), D("76.00"))
    invoice = pay_invoice(booking, provider)
    # The family pays from its own account: the invoice is the family's.
    assert invoice.customer_id == child.family_id
    assert invoice.customer_email == child.family.email
    assert money(pot(dp_budget)) == (D("24.00"), D("0.00"), D("76.00"))


# --- refusals ----------------------------------------------------------------------------------


def test_a_booking_costing_more_than_is_available_is_refused_and_nothing_is_booked(
    make_budget, child, session
):
    budget = budget_with(make_budget, "direct_payment", "30.00")
    with pytest.raises(BudgetError) as refused:
        book(child=child, session=session, budget=budget, places=2)
    assert str(refused.value) == (
        "This costs £48 but only £30 of the budget is available now. "
        "Choose fewer places or hours, or pay another way"
    )
    assert not Booking.objects.exists()
    assert money(pot(budget)) == (D("0.00"), D("0.00"), D("30.00"))


def test_a_category_the_budget_cannot_buy_is_refused(dp_budget, child, session, service):
    gp = SpendingCategory.objects.get(council=dp_budget.council, name="GP services")
    gp.directory_categories.add(*service.categories.all())
    with pytest.raises(BudgetError) as refused:
        book(child=child, session=session, budget=dp_budget)
    message = str(refused.value)
    assert message.startswith("A personal budget cannot pay for")
    assert "gp services" in message.lower()
    assert not Booking.objects.exists()
    assert not LedgerEntry.objects.filter(kind=EntryKind.COMMITMENT).exists()


def test_a_pot_the_budget_does_not_have_is_refused(dp_budget, child, session):
    with pytest.raises(BudgetError, match="no council-managed part"):
        book(child=child, session=session, budget=dp_budget, held_as="council_managed")
    assert not Booking.objects.exists()
