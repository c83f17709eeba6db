"""The third party decides on bookings paid from the part it holds, with the officer's own
services: told by email that one waits, it approves (nothing moves until the invoice is
paid) or refuses with a reason (the booking is cancelled, the money released, the family
told why, the provider only that the budget will not pay). It never decides on money the
council manages, nor on another budget's bookings; the officer still decides everything.
The provider's documents for its bookings are emailed to its account and downloaded by it.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from pricing.bookings.enums import BookingStatus
from pricing.budgets.enums import ApprovalStatus
from pricing.budgets.services import (
    BudgetError,
    accept_third_party_invitation,
    remove_third_party,
)
from pricing.budgets.services.approvals import PROVIDER_REASON, approve_booking, refuse_booking
from pricing.invoices.enums import DocumentKind
from pricing.invoices.models import Document
from pricing.invoices.selectors import credited, may_read
from pricing.invoices.services import save_customer_details
from tests.factories import UserFactory
from tests.pricing.budgets.test_approvals import invoice_of
from tests.pricing.budgets.test_funding import (
    ENDS,
    STARTS,
    _at_now,  # noqa: F401  (the bookings' clock)
    money,
    pot,
    topped_up,
)
from tests.pricing.budgets.third_party_setup import (
    BROKER_EMAIL,
    BROKER_NAME,
    COUNCIL,
    THIRD_PARTY,
)

pytestmark = pytest.mark.django_db
REASON = "The brokerage already pays for a Saturday club this term"


def sent_to(address: str) -> list:
    return [m for m in mail.outbox if m.to == [address]]


def test_the_third_party_is_told_a_booking_waits_and_approves_it(
    accepted, broker, child, waiting_booking, django_capture_on_commit_callbacks
):
    funding = waiting_booking(accepted)
    assert funding.approval == ApprovalStatus.PENDING
    assert money(pot(accepted, THIRD_PARTY)) == (D("0.00"), D("24.00"), D("176.00"))
    told = next(m for m in sent_to(BROKER_EMAIL) if "waiting for your decision" in m.subject)
    assert told.subject == "A booking for Amira is waiting for your decision"
    decide = reverse("third_party:decide", args=[accepted.reference, funding.pk])
    assert f"http://testserver{decide}" in told.body
    assert funding.booking.family.email not in told.body  # nothing about the family

    with django_capture_on_commit_callbacks(execute=True):
        approved = approve_booking(funding=funding, by=broker, reason="Within the plan")

    assert (approved.approval, approved.decided_by) == (ApprovalStatus.APPROVED, broker)
    assert money(pot(accepted, THIRD_PARTY)) == (D("0.00"), D("24.00"), D("176.00"))
    family_email = next(m for m in sent_to(child.family.email) if "will pay" in m.subject)
    reference = funding.booking.reference
    assert family_email.subject == f"Brightpath Brokerage will pay for Amira's booking {reference}"
    assert "A note from Brightpath Brokerage: Within the plan" in family_email.body
    entry = ModelLogEntry.objects.get(action="pricing.budget_booking_approved")
    assert entry.user_id == broker.pk


def test_a_refusal_cancels_releases_the_money_and_tells_the_family_the_reason(
    accepted, broker, child, waiting_booking, django_capture_on_commit_callbacks
):
    funding = waiting_booking(accepted)
    booking = funding.booking
    with django_capture_on_commit_callbacks(execute=True):
        refuse_booking(funding=funding, by=broker, reason=f"  {REASON} ")

    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert booking.reason == PROVIDER_REASON
    assert money(pot(accepted, THIRD_PARTY)) == (D("0.00"), D("0.00"), D("200.00"))
    invoice = invoice_of(booking)
    assert credited(invoice) == D("24.00")
    credit_note = Document.objects.get(kind=DocumentKind.CREDIT_NOTE, corrects=invoice)
    assert credit_note.customer_name == f"{BROKER_NAME}, for Amira"
    funding.refresh_from_db()
    assert (funding.approval, funding.decision_reason) == (ApprovalStatus.REFUSED, REASON)
    told = next(m for m in sent_to(child.family.email) if "will not pay" in m.subject)
    assert REASON in told.body
    assert "contact Brightpath Brokerage, or the officer" in told.body
    # Nobody but the family reads the reason: the provider learns only the budget won't pay.
    assert not [m for m in mail.outbox if REASON in m.body and m.to != [child.family.email]]
    assert ModelLogEntry.objects.get(action="pricing.budget_booking_refused").user_id == broker.pk


@pytest.mark.parametrize("reason", ["", "   ", "x" * 1001])
def test_a_refusal_needs_a_reason(accepted, broker, waiting_booking, reason):
    funding = waiting_booking(accepted)
    with pytest.raises(BudgetError) as refused:
        refuse_booking(funding=funding, by=broker, reason=reason)
    assert refused.value.field == "reason"
    funding.refresh_from_db()
    assert funding.approval == ApprovalStatus.PENDING
    assert funding.booking.status == BookingStatus.CONFIRMED


def test_the_third_party_never_decides_money_the_council_manages(
    make_budget, broker, invite_link, waiting_booking
):
    """Amira's budget: social care held by the brokerage, education managed by the council."""
    both = make_budget(
        lines=[("social_care", THIRD_PARTY, "2600.00"), ("education", COUNCIL, "2600.00")],
        starts_on=STARTS,
        ends_on=ENDS,
        third_party_name=BROKER_NAME,
    )
    topped_up(both, "200.00", held_as=COUNCIL, stream="education")
    accept_third_party_invitation(token=invite_link(both), user=broker)
    managed = waiting_booking(both, held_as=COUNCIL)
    assert managed.approval == ApprovalStatus.PENDING
    # It is not told of bookings the council pays for either.
    assert not [m for m in sent_to(BROKER_EMAIL) if "waiting for your decision" in m.subject]

    with pytest.raises(BudgetError, match="only the officer can decide"):
        approve_booking(funding=managed, by=broker)
    with pytest.raises(BudgetError, match="only the officer can decide"):
        refuse_booking(funding=managed, by=broker, reason="No")
    managed.refresh_from_db()
    assert managed.approval == ApprovalStatus.PENDING
    assert not ModelLogEntry.objects.filter(action__startswith="pricing.budget_booking_").exclude(
        action="pricing.budget_booking_funded"
    )


def test_another_budgets_third_party_and_a_stranger_cannot_decide(
    accepted, make_budget, other_child, waiting_booking, invite_link
):
    funding = waiting_booking(accepted)
    theirs = make_budget(
        lines=[("social_care", THIRD_PARTY, "1300.00")],
        for_child=other_child,
        third_party_name="Other Trust",
    )
    other_broker = UserFactory(email="money@othertrust.example")
    accept_third_party_invitation(
        token=invite_link(theirs, email=other_broker.email, name="Other Trust"), user=other_broker
    )
    for person in (other_broker, UserFactory(), funding.booking.family):
        with pytest.raises(BudgetError, match="Only the officer looking after this budget"):
            approve_booking(funding=funding, by=person)
    funding.refresh_from_db()
    assert funding.approval == ApprovalStatus.PENDING


def test_the_officer_still_decides_and_a_removed_third_party_no_longer_can(
    accepted, broker, officer, waiting_booking
):
    first = waiting_booking(accepted)
    approve_booking(funding=first, by=officer, reason="Agreed at panel")
    first.refresh_from_db()
    assert first.decided_by == officer

    second = waiting_booking(accepted)
    remove_third_party(budget=accepted, reason="Contract ended", by=officer)
    with pytest.raises(BudgetError, match="Only the officer"):
        approve_booking(funding=second, by=broker)
    refuse_booking(funding=second, by=officer, reason="Not in the plan")


def test_invoices_go_to_the_third_partys_account_once_it_has_one(
    held, broker, officer, invite_link, waiting_booking, django_capture_on_commit_callbacks
):
    before = waiting_booking(held)  # no account yet: the officer passes the invoice on
    assert invoice_of(before.booking).customer_email == officer.email
    assert invoice_of(before.booking).customer_address == ""

    accept_third_party_invitation(token=invite_link(held), user=broker)
    # The postal address its account keeps for invoices is printed on them.
    save_customer_details(user=broker, name="Brightpath", address="1 Mill Lane\nNorthbridge")
    during = waiting_booking(held)
    invoice = invoice_of(during.booking)
    assert invoice.customer_name == f"{BROKER_NAME}, for Amira"
    assert invoice.customer_address == "1 Mill Lane\nNorthbridge"
    assert invoice.customer_email == BROKER_EMAIL
    with_pdf = [m for m in sent_to(BROKER_EMAIL) if m.attachments]
    assert [m.attachments[0][2] for m in with_pdf] == ["application/pdf"]
    assert invoice.number in with_pdf[0].subject + with_pdf[0].body

    remove_third_party(budget=held, reason="Contract ended", by=officer)
    after = waiting_booking(held)
    assert invoice_of(after.booking).customer_email == officer.email


def test_the_third_party_reads_the_documents_made_out_to_it_and_no_others(
    accepted, broker, officer, waiting_booking, child
):
    funding = waiting_booking(accepted)
    refuse_booking(funding=funding, by=broker, reason=REASON)
    invoice = invoice_of(funding.booking)
    credit_note = Document.objects.get(kind=DocumentKind.CREDIT_NOTE, corrects=invoice)
    assert may_read(broker, invoice) and may_read(broker, credit_note)
    # The family is still the customer; a stranger reads nothing.
    assert may_read(child.family, invoice)
    assert not may_read(UserFactory(), invoice)

    remove_third_party(budget=accepted, reason="Contract ended", by=officer)
    assert not may_read(broker, invoice)
