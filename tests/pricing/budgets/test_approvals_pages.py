"""The officer's approvals area by URL: what the officer sees and decides, and that nobody
else reaches it (another officer's booking is not found; families and providers are
refused). And the provider's own booking page: "Paid from a personal budget", nothing more."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from localoffer.core.roles import FINANCE_OFFICERS
from pricing.bookings.enums import BookingStatus
from pricing.bookings.services import hold_places
from pricing.budgets.enums import ApprovalStatus
from pricing.budgets.models import BookingFunding
from tests.factories import UserFactory
from tests.pricing.budgets.test_approvals import COUNCIL, invoice_of
from tests.pricing.budgets.test_funding import (
    _at_now,  # noqa: F401  (the bookings' clock)
    book_and_confirm,
    budget_with,
    money,
    pot,
)
from tests.pricing.factories import NOW

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def text(response) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


@pytest.fixture
def pending(make_budget, child, session):
    """A booking of £24 waiting for the officer (every booking waits: limit £0)."""
    budget = budget_with(make_budget, COUNCIL, "200.00", approval_limit=D("0.00"))
    booking = book_and_confirm(child=child, session=session, budget=budget, held_as=COUNCIL)
    return BookingFunding.objects.get(booking=booking)


@pytest.fixture
def other_officer(users_by_role):
    return UserFactory(
        email="other.officer@northbridge.example",
        groups=[Group.objects.get(name=FINANCE_OFFICERS)],
    )


def test_the_officer_sees_the_booking_waiting_and_approves_it(pending, officer):
    client = signed_in(officer)
    page = client.get(reverse("budget_approvals:index"))
    assert page.status_code == 200
    words = text(page)
    assert "Waiting for a decision (1)" in words
    assert pending.booking.reference in words and pending.budget.reference in words
    decide = reverse("budget_approvals:decide", args=[pending.pk])
    assert decide in page.content.decode()
    form = client.get(decide)
    assert "Will the budget pay for this booking?" in text(form)
    assert "Make friends outside school" in text(form)
    response = client.post(decide, {"decision": "approved", "reason": ""})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.approval == ApprovalStatus.APPROVED
    after = client.get(reverse("budget_approvals:index"))
    assert "Waiting for a decision (0)" in text(after)
    assert "Invoices to pay (1)" in text(after)


def test_refusing_needs_a_reason_shown_in_the_error_summary(pending, officer):
    client = signed_in(officer)
    decide = reverse("budget_approvals:decide", args=[pending.pk])
    response = client.post(decide, {"decision": "refused", "reason": ""})
    assert response.status_code == 200
    summary = BeautifulSoup(response.content, "html.parser").select_one(".help-critical")
    assert summary is not None and "Give a reason: the family will read it" in summary.text
    pending.refresh_from_db()
    assert pending.approval == ApprovalStatus.PENDING
    response = client.post(decide, {"decision": "refused", "reason": "Not in the plan"})
    assert response.status_code == 302
    pending.booking.refresh_from_db()
    assert pending.booking.status == BookingStatus.CANCELLED
    assert money(pot(pending.budget, COUNCIL)) == (D("0.00"), D("0.00"), D("200.00"))


def test_another_officers_booking_and_invoice_are_not_found(pending, officer, other_officer):
    client = signed_in(other_officer)
    assert "Waiting for a decision (0)" in text(client.get(reverse("budget_approvals:index")))
    decide = reverse("budget_approvals:decide", args=[pending.pk])
    assert client.get(decide).status_code == 404
    assert client.post(decide, {"decision": "approved"}).status_code == 404
    pending.refresh_from_db()
    assert pending.approval == ApprovalStatus.PENDING
    signed_in(officer).post(decide, {"decision": "approved"})
    invoice = invoice_of(pending.booking)
    for name in ("pay", "pdf"):
        assert client.get(reverse(f"budget_approvals:{name}", args=[invoice.pk])).status_code == 404


@pytest.mark.parametrize("role", ["family", "provider"])
def test_families_and_providers_cannot_reach_the_area(pending, users_by_role, child, role):
    user = child.family if role == "family" else users_by_role["provider"]
    client = signed_in(user)
    invoice = invoice_of(pending.booking)
    urls = [
        reverse("budget_approvals:index"),
        reverse("budget_approvals:decide", args=[pending.pk]),
        reverse("budget_approvals:pay", args=[invoice.pk]),
        reverse("budget_approvals:pdf", args=[invoice.pk]),
        reverse("budget_approvals:run"),
        reverse("budget_approvals:run_csv"),
    ]
    for url in urls:
        response = client.get(url)
        # A family has no admin access: sent to sign in. A provider is refused: Wagtail
        # sends it back to its own dashboard, saying it may not open the page.
        assert response.status_code == 302, url
        expected = reverse("account_login") if role == "family" else "/admin/"
        assert response["Location"].split("?")[0] == expected, url
        assert pending.budget.reference not in response.content.decode()
    assert client.post(urls[1], {"decision": "approved"}).status_code == 302
    pending.refresh_from_db()
    assert pending.approval == ApprovalStatus.PENDING


def test_the_officer_records_the_councils_payment_by_hand(pending, officer):
    client = signed_in(officer)
    client.post(reverse("budget_approvals:decide", args=[pending.pk]), {"decision": "approved"})
    invoice = invoice_of(pending.booking)
    url = reverse("budget_approvals:pay", args=[invoice.pk])
    form = client.get(url)
    assert "£24 is still owed" in text(form)
    response = client.post(
        url,
        {
            "amount": "24.00",
            "received_on": "2/3/2026",
            "way": "bank_transfer",
            "reference": "BACS 1234",
            "payments_seen": "0",
        },
    )
    assert response.status_code == 302, text(response)[:2000]
    assert money(pot(pending.budget, COUNCIL)) == (D("24.00"), D("0.00"), D("176.00"))
    assert "Invoices to pay (0)" in text(client.get(reverse("budget_approvals:index")))


def test_the_provider_sees_only_that_a_budget_pays(pending, users_by_role, officer):
    client = signed_in(users_by_role["provider"])
    page = client.get(reverse("provider_bookings:booking", args=[pending.booking.pk]))
    assert page.status_code == 200
    words = text(page)
    assert "Paid from a personal budget" in words
    budget = pending.budget
    for secret in (
        budget.reference,
        "Make friends outside school",
        "make-friends",
        "£176",
        "176.00",
        "£200",
        officer.email,
        officer.get_full_name(),
        "council-managed",
        "approval",
    ):
        assert secret not in words, secret


def test_the_provider_sees_nothing_of_a_budget_on_other_bookings(
    users_by_role, child, session, family
):
    booking = hold_places(
        family=family, child=child, session=session, places=1, method="invoice", now=NOW
    )
    client = signed_in(users_by_role["provider"])
    page = client.get(reverse("provider_bookings:booking", args=[booking.pk]))
    assert "personal budget" not in text(page)
