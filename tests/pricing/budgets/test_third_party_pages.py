"""The third party's pages as it reads and uses them, and the officer's screens for it.

The third party accepts its invitation with one button (opening the link changes
nothing), reads the part of the budget it holds (paid in, spent, committed, available;
nothing of the family's direct payment), decides on a booking (a refusal needs a reason,
shown in the error summary with what was typed kept) and downloads the invoice made out to
it. The officer invites it, sends the link again and removes its access from the budget's
page, with the same error summary for bad input.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from pricing.bookings.enums import BookingStatus
from pricing.budgets.enums import ApprovalStatus, InvitationStatus
from pricing.budgets.models import BudgetInvitation
from pricing.budgets.services import accept_third_party_invitation
from tests.html import get, soup_of, text_of
from tests.pricing.budgets.test_funding import ENDS, STARTS, _at_now, topped_up  # noqa: F401
from tests.pricing.budgets.third_party_setup import (
    BROKER_EMAIL,
    BROKER_NAME,
    THIRD_PARTY,
    token_in,
)

pytestmark = pytest.mark.django_db


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def errors_of(response) -> list[str]:
    summary = soup_of(response).select_one(".govuk-error-summary, .error-summary, [role=alert]")
    return [text_of(item) for item in summary.select("li")] if summary else []


@pytest.fixture
def two_parts(make_budget):
    """Amira's budget: a direct payment the family holds (£500 in) and social care held by
    the brokerage (£200 in)."""
    budget = make_budget(
        lines=[("social_care", THIRD_PARTY, "2600.00"), ("health", "direct_payment", "1300.00")],
        starts_on=STARTS,
        ends_on=ENDS,
        third_party_name=BROKER_NAME,
    )
    topped_up(budget, "200.00", held_as=THIRD_PARTY)
    topped_up(budget, "517.00", held_as="direct_payment", stream="health")
    return budget


def test_accepting_takes_one_button_and_the_link_then_stops_working(held, broker, invite_link):
    path = reverse("third_party:accept", args=[invite_link(held)])
    client = client_of(broker)
    page = get(client, path)
    assert text_of(page.h1) == "Hold part of Amira's personal budget"
    assert BROKER_EMAIL in text_of(page.main)
    held.refresh_from_db()
    assert held.third_party is None  # opening the link changes nothing

    response = client.post(path)
    assert response.status_code == 302
    assert response["Location"] == reverse("third_party:detail", args=[held.reference])
    held.refresh_from_db()
    assert held.third_party == broker
    after = client.get(path)
    assert after.status_code == 404
    assert text_of(soup_of(after).h1) == "This invitation cannot be used"


def test_the_family_accepting_is_told_why_not(held, child, invite_link):
    path = reverse("third_party:accept", args=[invite_link(held, email=child.family.email)])
    response = client_of(child.family).post(path)
    assert response.status_code == 200
    assert errors_of(response) == [
        "This is the family's account. The third party needs an account of its own"
    ]
    held.refresh_from_db()
    assert held.third_party is None


def test_the_budget_shows_only_the_part_held_and_what_waits(
    two_parts, broker, invite_link, waiting_booking
):
    accept_third_party_invitation(token=invite_link(two_parts), user=broker)
    funding = waiting_booking(two_parts)
    client = client_of(broker)

    listing = get(client, reverse("third_party:list"))
    row = text_of(listing.select_one("tbody tr"))
    assert row == (
        f"Amira {two_parts.reference} Northbridge Borough Council £200 £0 £24 £176 1 booking"
    )
    page = get(client, reverse("third_party:detail", args=[two_parts.reference]))
    words = text_of(page.main)
    assert "Paid in so far £200 Spent £0 Committed £24" in words
    assert "Available £176" in words
    assert funding.booking.reference in words
    # Nothing of the family's direct payment, receipts or returns, nor who the family is.
    for private in ("£517", "Direct payment", "Quarterly return", "Record spending"):
        assert private not in words, private
    assert funding.booking.family.email not in page.decode()
    # No way into the family's budget pages, its receipts or returns.
    assert not page.select(f'a[href^="{reverse("budgets:list")}"]')

    home = get(client, reverse("account_home"))
    assert home.find("a", href=reverse("third_party:list")) is not None


def test_deciding_needs_a_choice_and_a_refusal_a_reason(accepted, broker, waiting_booking):
    funding = waiting_booking(accepted)
    url = reverse("third_party:decide", args=[accepted.reference, funding.pk])
    client = client_of(broker)
    page = get(client, url)
    assert "Make friends outside school" in text_of(page.main)
    assert text_of(page.legend) == "Will you pay for this booking from the money you hold?"

    response = client.post(url, {"reason": "Typed but no choice"})
    assert errors_of(response) == ["Choose whether to approve or refuse the booking"]
    assert "Typed but no choice" in response.content.decode()
    response = client.post(url, {"decision": "refused", "reason": "   "})
    assert errors_of(response) == ["Give a reason: the family will read it"]
    assert soup_of(response).select_one(".govuk-error-summary a")["href"] == "#id_reason"
    funding.refresh_from_db()
    assert funding.approval == ApprovalStatus.PENDING

    response = client.post(url, {"decision": "refused", "reason": "Not in the plan"})
    assert response.status_code == 302
    assert response["Location"] == reverse("third_party:detail", args=[accepted.reference])
    funding.refresh_from_db()
    funding.booking.refresh_from_db()
    assert funding.approval == ApprovalStatus.REFUSED
    assert funding.booking.status == BookingStatus.CANCELLED
    page = get(client, url)
    assert "Refused by you on" in text_of(page.main)
    assert page.main.find("form", method="post") is None
    # Deciding twice is refused by the service.
    response = client.post(url, {"decision": "approved", "reason": ""})
    assert errors_of(response) == ["This booking has already been refused"]


def test_the_invoice_made_out_to_the_third_party_is_listed_and_downloads(
    accepted, broker, waiting_booking
):
    funding = waiting_booking(accepted)
    client = client_of(broker)
    page = get(client, reverse("third_party:detail", args=[accepted.reference]))
    links = [a for a in page.select("a[href]") if a["href"].endswith("/pdf/")]
    assert len(links) == 1
    # It has no postal address yet: the page says so and where to give one.
    assert page.find("a", string="Give the address to print")["href"] == reverse(
        "documents:details"
    )
    row = text_of(links[0].find_parent("tr"))
    assert row.startswith("Invoice ") and row.endswith("£24 Issued: £24 to pay Download")
    response = client.get(links[0]["href"])
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert funding.booking.reference


def test_the_officer_invites_resends_and_removes_from_the_budgets_page(
    held, officer, broker, django_capture_on_commit_callbacks
):
    client = client_of(officer)
    ref = held.reference
    page = get(client, reverse("budget_admin:detail", args=[ref]))
    invite_url = reverse("budget_admin:third_party", args=[ref])
    assert page.find("a", href=invite_url, string="Invite the third party") is not None

    response = client.post(invite_url, {"third_party_name": "", "email": "not an address"})
    assert response.status_code == 200
    assert errors_of(response) == [
        "Enter the name of the third party holding the money",
        "Enter an email address like name@example.com",
    ]
    assert 'value="not an address"' in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(invite_url, {"third_party_name": BROKER_NAME, "email": BROKER_EMAIL})
    assert response.status_code == 302
    first = token_in(mail.outbox[-1].body)

    words = text_of(get(client, reverse("budget_admin:detail", args=[ref])).main)
    assert f"Sent to {BROKER_EMAIL} on" in words and "not accepted yet" in words
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("budget_admin:third_party_resend", args=[ref]))
    assert response.status_code == 302
    second = token_in(mail.outbox[-1].body)
    assert second != first

    accept_third_party_invitation(token=second, user=broker)
    words = text_of(get(client, reverse("budget_admin:detail", args=[ref])).main)
    assert re.search(rf"{re.escape(BROKER_EMAIL)}, accepted on \d+ \w+ \d{{4}}", words)

    remove_url = reverse("budget_admin:third_party_remove", args=[ref])
    assert BROKER_EMAIL in text_of(get(client, remove_url).main)
    response = client.post(remove_url, {"reason": ""})
    assert errors_of(response) == ["Say why the third party's access is removed"]
    response = client.post(remove_url, {"reason": "The brokerage contract ended"})
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.third_party is None
    assert BudgetInvitation.objects.filter(status=InvitationStatus.REMOVED).count() == 1
    words = text_of(get(client, reverse("budget_admin:detail", args=[ref])).main)
    assert "None: you record its decisions" in words
