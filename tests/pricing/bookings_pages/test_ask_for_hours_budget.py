"""Asking for hours of support with a child's personal budget, as a family without
JavaScript: the session journey's budget questions (same words), the payment question
skipped when the council pays, the budget on "Check your answers" and on the booking's
page, a refusal shown on the check page with every answer kept, other times the budget
cannot cover; and the provider told only that a personal budget pays."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.test import Client
from django.urls import reverse

from pricing.bookings.enums import BookingStatus
from pricing.bookings.models import Booking
from pricing.bookings.services import propose_times
from pricing.budgets.enums import ApprovalStatus
from pricing.budgets.models import BookingFunding
from pricing.payments.models import ConnectedAccount
from tests.html import get, soup_of, text_of
from tests.pricing.budgets.conftest import (  # noqa: F401  (fixtures used by these tests)
    council,
    make_budget,
    officer,
    pfa_outcome,
)
from tests.pricing.budgets.test_funding import ENDS, STARTS, money, pot, topped_up
from tests.pricing.factories import NOW, ChildFactory

pytestmark = pytest.mark.django_db
DIRECT = "direct_payment"
COUNCIL = "council_managed"
DIRECT_LABEL = (
    "From your direct payment (you pay by card or invoice from your direct payment account)"
)
COUNCIL_LABEL = "Ask the council to pay from Amira's council-managed budget"


def step(name: str, service) -> str:
    return reverse(f"bookings:{name}", kwargs={"service": service.pk})


@pytest.fixture
def card_ready(organisation):
    ConnectedAccount.objects.create(
        organisation=organisation,
        stripe_account_id=f"acct_local_{organisation.pk}",
        is_local_test=True,
        charges_enabled=True,
        payouts_enabled=True,
        details_submitted=True,
    )


@pytest.fixture
def two_pots(make_budget):  # noqa: F811
    """£100 in a direct payment and £200 in a council-managed pot (limit £50)."""
    budget = make_budget(
        lines=[("social_care", DIRECT, "1300.00"), ("education", COUNCIL, "2600.00")],
        starts_on=STARTS,
        ends_on=ENDS,
        approval_limit=D("50.00"),
    )
    topped_up(budget, "100.00", held_as=DIRECT)
    return topped_up(budget, "200.00", held_as=COUNCIL, stream="education")


def to_budget_question(client, service, child, units: int = 3):
    client.post(step("ask", service), {"child": str(child.pk)})
    client.post(step("ask_units", service), {"units": str(units)})
    return client.post(
        step("ask_times", service), {"days": ["monday"], "parts_of_day": ["after school"]}
    )


def send(client, service):
    page = get(client, step("ask_check", service))
    token = page.find("input", attrs={"name": "token"})["value"]
    return page, client.post(step("ask_check", service), {"token": token})


def test_a_child_with_a_budget_is_asked_the_session_journeys_budget_question(
    family_client, child, hours_service, hours_offer, two_pots
):
    response = to_budget_question(family_client, hours_service, child)
    assert response.url == step("ask_budget", hours_service)
    page = get(family_client, response.url)
    assert text_of(page.find("h1")) == "Do you want to pay from Amira's personal budget?"
    assert "This request costs £72." in text_of(page.select_one(".govuk-hint"))
    items = [text_of(item) for item in page.select(".govuk-radios__item")]
    assert items == [
        f"{DIRECT_LABEL} £100 available",
        f"{COUNCIL_LABEL} £200 available",
        "No, I will pay another way",
    ]
    assert page.select_one(".govuk-back-link")["href"] == step("ask_times", hours_service)


def test_the_council_paying_skips_the_payment_question_and_commits_when_sent(
    family, family_client, child, hours_service, hours_offer, two_pots, card_ready
):
    to_budget_question(family_client, hours_service, child)
    response = family_client.post(step("ask_budget", hours_service), {"budget": COUNCIL})
    assert response.url == step("ask_outcome", hours_service)
    outcome = get(family_client, response.url)
    assert text_of(outcome.find("h1")) == "Which agreed outcome is this booking for?"
    assert outcome.select_one(".govuk-back-link")["href"] == step("ask_budget", hours_service)
    response = family_client.post(step("ask_outcome", hours_service), {"outcome": "make-friends"})
    assert response.url == step("ask_check", hours_service)
    skipped = family_client.get(step("ask_method", hours_service))
    assert skipped.url == step("ask_check", hours_service)

    page, sent = send(family_client, hours_service)
    summary = text_of(page.select_one(".govuk-summary-list"))
    assert f"Personal budget {COUNCIL_LABEL} £200 available" in summary
    assert "Agreed outcome Make friends outside school" in summary
    assert (
        "How you will pay Northbridge Play Club sends the invoice to the council to pay, once "
        "the times are agreed. The council will approve or refuse paying for it" in summary
    )
    assert page.select_one(".govuk-back-link")["href"] == step("ask_outcome", hours_service)
    booking = Booking.objects.get(family=family)
    assert sent.url == reverse("bookings:request_sent", kwargs={"reference": booking.reference})
    assert (booking.status, booking.method) == (BookingStatus.REQUESTED, "invoice")
    funding = BookingFunding.objects.get(booking=booking)
    assert (funding.held_as, funding.approval) == (COUNCIL, ApprovalStatus.PENDING)
    assert money(pot(two_pots, COUNCIL)) == (D("0.00"), D("72.00"), D("128.00"))

    detail = text_of(get(family_client, reverse("bookings:detail", args=[booking.reference])))
    assert (
        "Personal budget The council pays Northbridge Play Club's invoice from Amira's "
        "council-managed budget For the agreed outcome: Make friends outside school "
        "Waiting for the council to approve paying for it." in detail
    )


def test_paying_from_the_direct_payment_still_asks_how_to_pay(
    family, family_client, child, hours_service, hours_offer, two_pots, card_ready
):
    to_budget_question(family_client, hours_service, child)
    family_client.post(step("ask_budget", hours_service), {"budget": DIRECT})
    response = family_client.post(step("ask_outcome", hours_service), {"outcome": "make-friends"})
    assert response.url == step("ask_method", hours_service)
    method = get(family_client, response.url)
    assert method.select_one(".govuk-back-link")["href"] == step("ask_outcome", hours_service)
    assert "Pay from your direct payment account." in text_of(method)
    family_client.post(step("ask_method", hours_service), {"method": "invoice"})
    page, _ = send(family_client, hours_service)
    summary = text_of(page.select_one(".govuk-summary-list"))
    assert (
        "How you will pay Pay later, on an invoice from the provider, from your direct "
        "payment account" in summary
    )
    booking = Booking.objects.get(family=family)
    assert BookingFunding.objects.get(booking=booking).held_as == DIRECT
    assert money(pot(two_pots, DIRECT)) == (D("0.00"), D("72.00"), D("28.00"))


def test_paying_another_way_asks_no_outcome_and_commits_nothing(
    family, family_client, child, hours_service, hours_offer, two_pots
):
    to_budget_question(family_client, hours_service, child)
    response = family_client.post(step("ask_budget", hours_service), {"budget": "none"})
    assert response.url == step("ask_check", hours_service)  # one way to pay: not asked
    page, _ = send(family_client, hours_service)
    assert "Personal budget No, paying another way" in text_of(page)
    booking = Booking.objects.get(family=family)
    assert not BookingFunding.objects.filter(booking=booking).exists()
    assert money(pot(two_pots, DIRECT)) == (D("0.00"), D("0.00"), D("100.00"))


def test_unanswered_budget_questions_are_shown_again_with_the_error(
    family_client, child, hours_service, hours_offer, two_pots
):
    to_budget_question(family_client, hours_service, child)
    response = family_client.post(step("ask_budget", hours_service), {})
    assert response.status_code == 200
    page = soup_of(response)
    summary = page.select_one(".govuk-error-summary")
    assert "Select whether you want to pay from the personal budget" in text_of(summary)
    assert summary.find("a")["href"] == "#id_budget"
    assert page.find("title").get_text().startswith("Error: ")
    assert len(page.select(".govuk-radios__item")) == 3

    family_client.post(step("ask_budget", hours_service), {"budget": DIRECT})
    response = family_client.post(step("ask_outcome", hours_service), {"outcome": "nope"})
    assert "Select one of the outcomes agreed in the plan" in text_of(
        soup_of(response).select_one(".govuk-error-summary")
    )
    # The earlier answer is kept: back on the budget question, it is still chosen.
    again = get(family_client, step("ask_budget", hours_service))
    assert again.select_one("#id_budget")["value"] == DIRECT
    assert again.select_one("#id_budget").has_attr("checked")


def test_a_refusal_is_shown_on_the_check_page_with_every_answer_kept(
    family, family_client, child, hours_service, hours_offer, two_pots
):
    to_budget_question(family_client, hours_service, child, units=5)  # £120
    family_client.post(step("ask_budget", hours_service), {"budget": DIRECT})
    family_client.post(step("ask_outcome", hours_service), {"outcome": "make-friends"})
    _, response = send(family_client, hours_service)
    assert response.status_code == 200
    page = soup_of(response)
    summary = page.select_one(".govuk-error-summary")
    assert (
        "This costs £120 but only £100 of the budget is available now. Choose fewer places or "
        "hours, or pay another way" in text_of(summary)
    )
    assert summary.find("a")["href"] == "#send"
    answers = text_of(page.select_one(".govuk-summary-list"))
    assert "5 hours (£120 in all)" in answers and DIRECT_LABEL in answers
    assert "Make friends outside school" in answers
    assert not Booking.objects.filter(family=family).exists()
    # Fewer hours, and it goes through.
    family_client.post(step("ask_units", hours_service), {"units": "4"})
    _, sent = send(family_client, hours_service)
    booking = Booking.objects.get(family=family)
    assert sent.url == reverse("bookings:request_sent", kwargs={"reference": booking.reference})
    assert money(pot(two_pots, DIRECT)) == (D("0.00"), D("96.00"), D("4.00"))


def test_choosing_another_child_asks_about_that_childs_budget(
    family, family_client, child, hours_service, hours_offer, two_pots
):
    to_budget_question(family_client, hours_service, child)
    family_client.post(step("ask_budget", hours_service), {"budget": DIRECT})
    family_client.post(step("ask_outcome", hours_service), {"outcome": "make-friends"})
    zoe = ChildFactory(family=family, first_name="Zoe")
    response = family_client.post(step("ask", hours_service), {"child": str(zoe.pk)})
    assert response.url == step("ask_check", hours_service)  # Zoe has no budget
    page, _ = send(family_client, hours_service)
    assert "Personal budget" not in text_of(page.select_one(".govuk-summary-list"))
    booking = Booking.objects.get(family=family)
    assert booking.child == zoe and not BookingFunding.objects.filter(booking=booking).exists()


def _funded_request(family_client, child, hours_service) -> Booking:
    to_budget_question(family_client, hours_service, child)
    family_client.post(step("ask_budget", hours_service), {"budget": DIRECT})
    family_client.post(step("ask_outcome", hours_service), {"outcome": "make-friends"})
    send(family_client, hours_service)
    return Booking.objects.get(child=child)


def test_other_times_the_budget_cannot_cover_are_shown_and_refused(
    family_client, child, hours_service, hours_offer, two_pots, users_by_role
):
    booking = _funded_request(family_client, child, hours_service)
    start = NOW + dt.timedelta(days=7, hours=7)
    propose_times(
        booking=booking,
        appointments=[(start, start + dt.timedelta(hours=5), 5)],
        by=users_by_role["provider"],
        now=NOW,
    )
    url = reverse("bookings:answer_proposal", args=[booking.reference])
    page = get(family_client, url)
    assert (
        "These times cost £120, but only £100 of Amira's personal budget is available"
        in text_of(page.select_one(".govuk-warning-text"))
    )
    response = family_client.post(url)
    assert response.status_code == 200
    assert (
        "This now costs £120 but only £100 of the budget is available. Withdraw your request, "
        "or ask Northbridge Play Club for times that cost less"
        in text_of(soup_of(response).select_one(".govuk-error-summary"))
    )
    booking.refresh_from_db()
    assert booking.status == BookingStatus.PROPOSED


def test_the_provider_is_told_only_that_a_personal_budget_pays(
    family_client,
    child,
    hours_service,
    hours_offer,
    two_pots,
    users_by_role,
    officer,  # noqa: F811
):
    booking = _funded_request(family_client, child, hours_service)
    provider = users_by_role["provider"]
    client = Client()
    client.force_login(provider)
    for name in ("provider_bookings:answer", "provider_bookings:booking"):
        page = client.get(reverse(name, args=[booking.pk]))
        assert page.status_code == 200
        words = text_of(soup_of(page))
        assert "Paid from a personal budget" in words, name
        for secret in (
            two_pots.reference,
            "Make friends outside school",
            "direct payment",
            "council-managed",
            "£28",
            "28.00",
            "£100",
            "available",
            officer.email,
        ):
            assert secret not in words, (name, secret)
