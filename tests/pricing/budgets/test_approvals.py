"""Bookings the council or a third party pays for: approved at once within the budget's
limit, otherwise waiting with the money set aside; approved, then spent once the council
pays the invoice; refused, cancelled with the money released and the family told why.
The provider's invoice is made out to the council (or the third party) for the child."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from wagtail.models import ModelLogEntry

from pricing.bookings.enums import BookingStatus
from pricing.bookings.models import Booking
from pricing.bookings.services import cancel_by_family
from pricing.budgets.enums import ApprovalStatus
from pricing.budgets.models import BookingFunding
from pricing.budgets.services import BudgetError
from pricing.budgets.services.approvals import (
    PROVIDER_REASON,
    approve_booking,
    record_council_payment,
    refuse_booking,
)
from pricing.invoices.enums import DocumentKind, PaymentWay
from pricing.invoices.models import Document, InvoicePayment
from pricing.invoices.selectors import booking_invoice, credited, may_read
from tests.factories import UserFactory
from tests.pricing.budgets.test_funding import (
    _at_now,  # noqa: F401  (the bookings' clock)
    book_and_confirm,
    budget_with,
    money,
    pot,
)
from tests.pricing.factories import NOW

pytestmark = pytest.mark.django_db
COUNCIL = "council_managed"
ADDRESS = "Personal Budgets Team\nTown Hall, Market Street\nNorthbridge NB1 1AA"


@pytest.fixture(autouse=True)
def _council_address(settings):
    settings.COUNCIL_INVOICE_ADDRESS = ADDRESS
    settings.COUNCIL_INVOICE_EMAIL = "payments@northbridge.example"


@pytest.fixture
def managed(make_budget):
    """£200 available in a council-managed pot; bookings up to £50 approved at once."""
    return budget_with(make_budget, COUNCIL, "200.00", approval_limit=D("50.00"))


@pytest.fixture
def strict(make_budget):
    """£200 available in a council-managed pot; every booking waits for the officer."""
    return budget_with(make_budget, COUNCIL, "200.00", approval_limit=D("0.00"))


def invoice_of(booking: Booking) -> Document:
    found = booking_invoice(booking.offer.organisation_id, booking.reference)
    assert found is not None
    return found


def pay(invoice: Document, officer) -> InvoicePayment:
    return record_council_payment(
        invoice=invoice,
        payments_seen=0,
        amount=invoice.gross_total,
        received_on=NOW.date(),
        way=PaymentWay.BANK_TRANSFER,
        by=officer,
    )


def test_within_the_limit_it_is_approved_at_once_and_invoiced_to_the_council(
    managed, child, session, officer
):
    booking = book_and_confirm(child=child, session=session, budget=managed, held_as=COUNCIL)
    assert (booking.status, booking.method) == (BookingStatus.CONFIRMED, "invoice")
    funding = BookingFunding.objects.get(booking=booking)
    assert funding.approval == ApprovalStatus.APPROVED and funding.decided_at is not None
    assert money(pot(managed, COUNCIL)) == (D("0.00"), D("24.00"), D("176.00"))
    invoice = invoice_of(booking)
    assert invoice.customer_name == "Northbridge Borough Council, for Amira"
    assert invoice.customer_address == ADDRESS
    assert invoice.customer_email == "payments@northbridge.example"
    # Still the family's booking: the family keeps reading its documents.
    assert invoice.customer_id == child.family_id and may_read(child.family, invoice)
    assert "for Amira" in invoice.lines.get().description

    recorded = pay(invoice, officer)
    assert money(pot(managed, COUNCIL)) == (D("24.00"), D("0.00"), D("176.00"))
    assert recorded.receipt.customer_name == "Northbridge Borough Council, for Amira"
    assert ModelLogEntry.objects.filter(action="pricing.budget_invoice_paid").count() == 1


def test_above_the_limit_it_waits_with_the_money_set_aside_until_approved_and_paid(
    strict, child, session, officer, mailoutbox, django_capture_on_commit_callbacks
):
    booking = book_and_confirm(child=child, session=session, budget=strict, held_as=COUNCIL)
    funding = BookingFunding.objects.get(booking=booking)
    assert funding.approval == ApprovalStatus.PENDING
    assert money(pot(strict, COUNCIL)) == (D("0.00"), D("24.00"), D("176.00"))
    with django_capture_on_commit_callbacks(execute=True):
        approved = approve_booking(funding=funding, by=officer, reason="Agreed at panel")
    assert (approved.approval, approved.decided_by) == (ApprovalStatus.APPROVED, officer)
    assert money(pot(strict, COUNCIL)) == (D("0.00"), D("24.00"), D("176.00"))
    email = next(m for m in mailoutbox if "will pay for Amira" in m.subject)
    assert email.to == [child.family.email]
    assert "Agreed at panel" in email.body
    assert ModelLogEntry.objects.filter(action="pricing.budget_booking_approved").exists()

    pay(invoice_of(booking), officer)
    assert money(pot(strict, COUNCIL)) == (D("24.00"), D("0.00"), D("176.00"))


def test_refusing_cancels_releases_the_money_credits_the_invoice_and_tells_the_family(
    strict, child, session, officer, mailoutbox, django_capture_on_commit_callbacks
):
    booking = book_and_confirm(child=child, session=session, budget=strict, held_as=COUNCIL)
    funding = BookingFunding.objects.get(booking=booking)
    reason = "The plan already pays for a Saturday club this term"
    with django_capture_on_commit_callbacks(execute=True):
        refuse_booking(funding=funding, by=officer, reason=reason)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert booking.reason == PROVIDER_REASON
    assert money(pot(strict, COUNCIL)) == (D("0.00"), D("0.00"), D("200.00"))
    invoice = invoice_of(booking)
    assert credited(invoice) == D("24.00")
    credit_note = Document.objects.get(kind=DocumentKind.CREDIT_NOTE, corrects=invoice)
    assert credit_note.customer_name == "Northbridge Borough Council, for Amira"
    funding.refresh_from_db()
    assert (funding.approval, funding.decision_reason) == (ApprovalStatus.REFUSED, reason)
    told = next(m for m in mailoutbox if "will not pay for Amira" in m.subject)
    assert told.to == [child.family.email] and reason in told.body
    # The provider hears of the cancellation, never the officer's reason.
    assert not [m for m in mailoutbox if reason in m.body and m.to != [child.family.email]]
    assert ModelLogEntry.objects.filter(action="pricing.budget_booking_refused").exists()


def test_a_third_party_pays_on_an_invoice_made_out_to_it(make_budget, child, session, officer):
    budget = budget_with(
        make_budget,
        "third_party",
        "100.00",
        approval_limit=D("100.00"),
        third_party_name="Brightpath Brokerage",
    )
    booking = book_and_confirm(child=child, session=session, budget=budget, held_as="third_party")
    invoice = invoice_of(booking)
    assert invoice.customer_name == "Brightpath Brokerage, for Amira"
    # It has no account here: the officer, who records its payments, is sent the invoice.
    assert invoice.customer_email == officer.email
    assert money(pot(budget, "third_party")) == (D("0.00"), D("24.00"), D("76.00"))


def test_only_the_budgets_officer_decides_and_only_once(strict, child, session, officer):
    booking = book_and_confirm(child=child, session=session, budget=strict, held_as=COUNCIL)
    funding = BookingFunding.objects.get(booking=booking)
    with pytest.raises(BudgetError, match="Only the officer"):
        approve_booking(funding=funding, by=UserFactory())
    with pytest.raises(BudgetError, match="Give a reason"):
        refuse_booking(funding=funding, by=officer, reason="  ")
    approve_booking(funding=funding, by=officer)
    with pytest.raises(BudgetError, match="already been approved"):
        refuse_booking(funding=funding, by=officer, reason="Changed my mind")


def test_a_booking_the_family_cancelled_meanwhile_cannot_be_decided(
    strict, child, session, officer
):
    booking = book_and_confirm(child=child, session=session, budget=strict, held_as=COUNCIL)
    cancel_by_family(booking=booking, family=child.family, now=NOW)
    assert money(pot(strict, COUNCIL)) == (D("0.00"), D("0.00"), D("200.00"))
    funding = BookingFunding.objects.get(booking=booking)
    with pytest.raises(BudgetError, match="has been cancelled"):
        approve_booking(funding=funding, by=officer)
