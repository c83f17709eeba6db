"""Hours of support paid from a budget: the request commits its exact cost when it is sent
(or, refused, leaves no request); other times move the commitment with the new total,
and the family can accept them only if the budget covers them; declining or withdrawing
releases the money; the council's approval works as it does for sessions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

import pytest
from django.db import transaction
from wagtail.models import ModelLogEntry

from pricing.bookings.enums import BookingStatus
from pricing.bookings.models import Booking, HoursRequest
from pricing.bookings.services import (
    BookingError,
    accept_proposal,
    accept_request,
    cancel_by_family,
    decline_request,
    propose_times,
    request_hours,
)
from pricing.budgets.enums import ApprovalStatus, EntryKind
from pricing.budgets.models import BookingFunding, LedgerEntry, PersonalBudget
from pricing.budgets.services import BudgetError, fund_booking
from pricing.budgets.services.approvals import approve_booking, refuse_booking
from tests.factories import ServicePageFactory
from tests.pricing.budgets.test_approvals import ADDRESS, invoice_of
from tests.pricing.budgets.test_funding import (
    _at_now,  # noqa: F401  (the bookings' clock)
    budget_with,
    money,
    pay_invoice,
    pot,
)
from tests.pricing.factories import NOW, BookableOfferFactory

pytestmark = pytest.mark.django_db
DIRECT = "direct_payment"
COUNCIL = "council_managed"


@pytest.fixture(autouse=True)
def _council_address(settings):
    settings.COUNCIL_INVOICE_ADDRESS = ADDRESS
    settings.COUNCIL_INVOICE_EMAIL = "payments@northbridge.example"


@pytest.fixture
def hours(organisation):
    """Hours of support at £24 an hour, card and pay later."""
    service = ServicePageFactory(parent=organisation, title="One-to-one tutoring")
    return BookableOfferFactory(service=service, hours=True)


@pytest.fixture
def dp_budget(make_budget) -> PersonalBudget:
    """A direct payment with exactly £100 available."""
    return budget_with(make_budget, DIRECT, "100.00")


def ask(
    child: Any,
    offer: Any,
    budget: PersonalBudget,
    *,
    units: int = 3,
    held_as: str = DIRECT,
    method: str = "invoice",
) -> Booking:
    """Send a request and commit its money in one transaction, as the request pages do."""
    with transaction.atomic():
        booking = request_hours(
            family=child.family,
            child=child,
            offer=offer,
            units=units,
            suitable_times="Mondays; after school",
            method=method,
            now=NOW,
            card_ready=True,
        )
        fund_booking(
            booking=booking,
            budget=budget,
            held_as=held_as,
            outcome_key="make-friends",
            by=child.family,
        )
    return booking


def slots(*units: int) -> list[tuple[dt.datetime, dt.datetime, int]]:
    """Appointments a week apart, from next Monday at 4pm, each of `units` hours."""
    first = NOW + dt.timedelta(days=7, hours=7)
    return [
        (first + dt.timedelta(weeks=i), first + dt.timedelta(weeks=i, hours=n), n)
        for i, n in enumerate(units)
    ]


def commitments(booking: Booking) -> list[D]:
    return list(
        LedgerEntry.objects.filter(booking=booking, kind=EntryKind.COMMITMENT)
        .order_by("pk")
        .values_list("amount", flat=True)
    )


def test_sending_a_request_commits_its_exact_cost(dp_budget, child, hours):
    booking = ask(child, hours, dp_budget, units=3)
    assert (booking.status, booking.total) == (BookingStatus.REQUESTED, D("72.00"))
    funding = BookingFunding.objects.get(booking=booking)
    assert (funding.held_as, funding.outcome_key, funding.approval) == (DIRECT, "make-friends", "")
    assert money(pot(dp_budget)) == (D("0.00"), D("72.00"), D("28.00"))
    assert commitments(booking) == [D("72.00")]


def test_more_than_is_available_is_refused_and_leaves_no_request(
    dp_budget, child, hours, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(BudgetError) as refused:
        ask(child, hours, dp_budget, units=5)
    assert str(refused.value) == (
        "This costs £120 but only £100 of the budget is available now. Choose fewer places "
        "or hours, or pay another way"
    )
    assert not Booking.objects.exists() and not HoursRequest.objects.exists()
    assert not LedgerEntry.objects.filter(booking__isnull=False).exists()
    assert money(pot(dp_budget)) == (D("0.00"), D("0.00"), D("100.00"))
    assert mailoutbox == []  # neither the family nor the provider was told of a request


def test_other_times_move_the_commitment_and_more_than_the_budget_cannot_be_accepted(
    dp_budget, child, hours, provider
):
    booking = ask(child, hours, dp_budget, units=3)
    proposed = propose_times(booking=booking, appointments=slots(3, 2), by=provider, now=NOW)
    assert (proposed.places, proposed.total) == (5, D("120.00"))
    # The provider's answer is never refused on the budget's account: the commitment
    # follows the new total, and the family decides.
    assert money(pot(dp_budget)) == (D("0.00"), D("120.00"), D("-20.00"))
    assert commitments(booking) == [D("72.00"), D("48.00")]

    with pytest.raises(BookingError) as refused:
        accept_proposal(booking=proposed, family=child.family, now=NOW)
    assert str(refused.value) == (
        "This now costs £120 but only £100 of the budget is available. Withdraw your "
        "request, or ask Northbridge Play Club for times that cost less"
    )
    booking.refresh_from_db()
    assert booking.status == BookingStatus.PROPOSED

    cancel_by_family(booking=booking, family=child.family, now=NOW)
    assert money(pot(dp_budget)) == (D("0.00"), D("0.00"), D("100.00"))
    assert commitments(booking) == [D("72.00"), D("48.00"), D("-120.00")]


def test_other_times_the_budget_covers_are_accepted_and_spent_when_paid(
    dp_budget, child, hours, provider
):
    booking = ask(child, hours, dp_budget, units=3)
    proposed = propose_times(booking=booking, appointments=slots(2, 2), by=provider, now=NOW)
    assert money(pot(dp_budget)) == (D("0.00"), D("96.00"), D("4.00"))
    confirmed = accept_proposal(booking=proposed, family=child.family, now=NOW)
    assert (confirmed.status, confirmed.total) == (BookingStatus.CONFIRMED, D("96.00"))
    pay_invoice(confirmed, provider)
    assert money(pot(dp_budget)) == (D("96.00"), D("0.00"), D("4.00"))


def test_fewer_hours_offered_commit_less(dp_budget, child, hours, provider):
    booking = ask(child, hours, dp_budget, units=3)
    propose_times(booking=booking, appointments=slots(2), by=provider, now=NOW)
    assert money(pot(dp_budget)) == (D("0.00"), D("48.00"), D("52.00"))


def test_declining_releases_the_money(dp_budget, child, hours, provider):
    booking = ask(child, hours, dp_budget, units=3)
    decline_request(booking=booking, by=provider, now=NOW, reason="No tutor free on Mondays")
    assert money(pot(dp_budget)) == (D("0.00"), D("0.00"), D("100.00"))
    assert commitments(booking) == [D("72.00"), D("-72.00")]


def test_above_the_limit_the_council_approves_and_is_invoiced_for_the_child(
    make_budget, child, hours, provider, officer, django_capture_on_commit_callbacks
):
    managed = budget_with(make_budget, COUNCIL, "200.00", approval_limit=D("50.00"))
    booking = ask(child, hours, managed, units=3, held_as=COUNCIL)
    funding = BookingFunding.objects.get(booking=booking)
    assert (booking.method, funding.approval) == ("invoice", ApprovalStatus.PENDING)
    assert money(pot(managed, COUNCIL)) == (D("0.00"), D("72.00"), D("128.00"))
    with django_capture_on_commit_callbacks(execute=True):
        approve_booking(funding=funding, by=officer)
    confirmed = accept_request(booking=booking, appointments=slots(2, 1), by=provider, now=NOW)
    assert confirmed.status == BookingStatus.CONFIRMED
    invoice = invoice_of(confirmed)
    assert invoice.customer_name == "Northbridge Borough Council, for Amira"
    assert invoice.customer_address == ADDRESS


def test_a_request_the_council_refuses_is_withdrawn_with_its_money_released(
    make_budget, child, hours, officer
):
    managed = budget_with(make_budget, COUNCIL, "200.00", approval_limit=D("0.00"))
    booking = ask(child, hours, managed, units=3, held_as=COUNCIL)
    funding = BookingFunding.objects.get(booking=booking)
    refuse_booking(funding=funding, by=officer, reason="Tutoring is paid from the school's budget")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert money(pot(managed, COUNCIL)) == (D("0.00"), D("0.00"), D("200.00"))


def test_other_times_costing_more_than_was_approved_wait_for_approval_again(
    make_budget, child, hours, provider
):
    managed = budget_with(make_budget, COUNCIL, "200.00", approval_limit=D("80.00"))
    booking = ask(child, hours, managed, units=3, held_as=COUNCIL)
    funding = BookingFunding.objects.get(booking=booking)
    assert funding.approval == ApprovalStatus.APPROVED  # £72, within the limit
    proposed = propose_times(booking=booking, appointments=slots(2, 2), by=provider, now=NOW)
    confirmed = accept_proposal(booking=proposed, family=child.family, now=NOW)
    assert confirmed.status == BookingStatus.CONFIRMED  # as a session booking waiting is
    funding.refresh_from_db()
    assert (funding.approval, funding.decided_at) == (ApprovalStatus.PENDING, None)
    assert money(pot(managed, COUNCIL)) == (D("0.00"), D("96.00"), D("104.00"))
    assert ModelLogEntry.objects.filter(action="pricing.budget_booking_approval_again").exists()


def test_other_times_within_the_limit_keep_the_approval(make_budget, child, hours, provider):
    managed = budget_with(make_budget, COUNCIL, "200.00", approval_limit=D("100.00"))
    booking = ask(child, hours, managed, units=3, held_as=COUNCIL)
    proposed = propose_times(booking=booking, appointments=slots(2, 2), by=provider, now=NOW)
    accept_proposal(booking=proposed, family=child.family, now=NOW)
    assert BookingFunding.objects.get(booking=booking).approval == ApprovalStatus.APPROVED
