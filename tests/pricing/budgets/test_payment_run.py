"""The payment run: the unpaid invoices the council pays from council-managed budgets, as
CSV for the council's finance system (the child named by the budget's reference only),
recorded as paid in one action, all or nothing."""

from __future__ import annotations

import csv
import io
from decimal import Decimal as D

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from pricing.budgets.enums import ApprovalStatus
from pricing.budgets.models import BookingFunding
from pricing.invoices.models import BillingDetails, InvoicePayment
from pricing.invoices.selectors import owed
from tests.factories import ServicePageFactory
from tests.pricing.budgets.test_approvals import COUNCIL, invoice_of, pay
from tests.pricing.budgets.test_funding import (
    _at_now,  # noqa: F401  (the bookings' clock)
    book_and_confirm,
    budget_with,
    money,
    pot,
)
from tests.pricing.factories import BookableOfferFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(officer) -> Client:
    client = Client()
    client.force_login(officer)
    return client


@pytest.fixture
def bank(organisation):
    return BillingDetails.objects.create(
        organisation=organisation,
        legal_name="Northbridge Play Club CIO",
        address="1 Park Road\nNorthbridge NB2 3CD",
        email="accounts@playclub.example.org",
        invoice_prefix="NPC",
        bank_account_name="Northbridge Play Club",
        bank_sort_code="30-94-57",
        bank_account_number="12345678",
    )


@pytest.fixture
def run(make_budget, child, session, organisation, bank):
    """Two approved council bookings (£24 and £48), one waiting, one on a third party."""
    budget = budget_with(make_budget, COUNCIL, "500.00", approval_limit=D("100.00"))
    other = BookableOfferFactory(service=ServicePageFactory(parent=organisation))
    first = book_and_confirm(child=child, session=session, budget=budget, held_as=COUNCIL)
    second = book_and_confirm(
        child=child, session=SessionFactory(offer=other), budget=budget, held_as=COUNCIL, places=2
    )
    return budget, [first, second]


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


def run_page(client: Client):
    page = client.get(reverse("budget_approvals:run"))
    assert page.status_code == 200
    return page, BeautifulSoup(page.content, "html.parser")


def test_the_run_lists_the_unpaid_council_invoices_with_bank_details(client, run, child):
    budget, (first, second) = run
    page, soup = run_page(client)
    words = " ".join(soup.get_text(" ").split())
    assert "2 invoices, £72 in all" in words
    assert "Northbridge Play Club, 30-94-57, 12345678" in words
    csv_link = next(a for a in soup.find_all("a") if "Download the payment run" in a.get_text())
    response = client.get(csv_link["href"])
    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    assert rows[0] == [
        "Provider",
        "Invoice number",
        "Invoice date",
        "Child reference",
        "Amount",
        "Payee",
        "Sort code",
        "Account number",
    ]
    numbers = {invoice_of(first).number, invoice_of(second).number}
    assert {row[1] for row in rows[1:]} == numbers
    for row in rows[1:]:
        assert row[0] == "Northbridge Play Club CIO"
        assert row[2] == "2026-03-02"
        assert row[3] == budget.reference
        assert row[5:] == ["Northbridge Play Club", "30-94-57", "12345678"]
    assert sorted(row[4] for row in rows[1:]) == ["24.00", "48.00"]
    assert child.first_name not in b"".join(c.encode() for c in map(str, rows)).decode()


def test_recording_the_run_pays_every_invoice_and_spends_the_budget(client, run):
    budget, bookings = run
    assert money(pot(budget, COUNCIL)) == (D("0.00"), D("72.00"), D("428.00"))
    _, soup = run_page(client)
    token = soup.find("input", {"name": "run"})["value"]
    response = client.post(
        reverse("budget_approvals:run"),
        {"run": token, "received_on": "2/3/2026", "reference": "RUN-0042"},
    )
    assert response.status_code == 302
    for booking in bookings:
        assert owed(invoice_of(booking)) == D("0.00")
        assert InvoicePayment.objects.get(invoice=invoice_of(booking)).reference == "RUN-0042"
    assert money(pot(budget, COUNCIL)) == (D("72.00"), D("0.00"), D("428.00"))
    _, soup = run_page(client)
    assert "No invoice is waiting to be paid by the council" in soup.get_text()


def test_a_run_whose_invoice_was_paid_meanwhile_records_nothing(client, run, officer):
    budget, (first, second) = run
    _, soup = run_page(client)
    token = soup.find("input", {"name": "run"})["value"]
    pay(invoice_of(first), officer)  # recorded by hand while the run page was open
    response = client.post(
        reverse("budget_approvals:run"), {"run": token, "received_on": "2/3/2026"}
    )
    assert response.status_code == 200
    summary = BeautifulSoup(response.content, "html.parser").select_one(".help-critical")
    assert summary is not None
    assert f"Invoice {invoice_of(first).number} has changed since the run was made" in summary.text
    assert owed(invoice_of(second)) == D("48.00")
    assert money(pot(budget, COUNCIL)) == (D("24.00"), D("48.00"), D("428.00"))
    # The CSV of the old run is not served either: the officer gets the run again.
    response = client.get(f"{reverse('budget_approvals:run_csv')}?run={token}")
    assert response.status_code == 302 and response["Location"] == reverse("budget_approvals:run")


def test_a_forged_run_is_refused(client, run):
    response = client.post(
        reverse("budget_approvals:run"), {"run": "made-up", "received_on": "2/3/2026"}
    )
    assert response.status_code == 302
    assert not InvoicePayment.objects.exists()


def test_bookings_waiting_or_paid_by_a_third_party_are_not_in_the_run(
    client, make_budget, child, session, offer, bank
):
    waiting = budget_with(make_budget, COUNCIL, "100.00", approval_limit=D("0.00"))
    booking = book_and_confirm(child=child, session=session, budget=waiting, held_as=COUNCIL)
    assert BookingFunding.objects.get(booking=booking).approval == ApprovalStatus.PENDING
    broker = budget_with(
        make_budget,
        "third_party",
        "100.00",
        approval_limit=D("100.00"),
        third_party_name="Brightpath Brokerage",
    )
    book_and_confirm(
        child=child, session=SessionFactory(offer=offer), budget=broker, held_as="third_party"
    )
    _, soup = run_page(client)
    assert "No invoice is waiting to be paid by the council" in soup.get_text()
    index = client.get(reverse("budget_approvals:index")).content.decode()
    assert "Invoices to pay (1)" in index and "Brightpath Brokerage" in index
