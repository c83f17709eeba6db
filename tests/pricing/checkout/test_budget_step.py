"""The booking journey with a child's personal budget: whether and how to pay from it,
which agreed outcome, the choice on "Check your answers", and the money committed with
the hold in one transaction (a refusal books nothing)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from pricing.bookings.enums import BookingStatus
from pricing.bookings.models import Booking
from pricing.budgets.enums import ApprovalStatus, EntryKind
from pricing.budgets.models import BookingFunding, LedgerEntry, SpendingCategory
from pricing.invoices.selectors import booking_invoice
from tests.pricing.budgets.conftest import (  # noqa: F401  (fixtures used by these tests)
    council,
    make_budget,
    officer,
    pfa_outcome,
)
from tests.pricing.budgets.test_funding import ENDS, STARTS, money, pot, topped_up
from tests.pricing.checkout.conftest import step

pytestmark = pytest.mark.django_db
DIRECT = "direct_payment"
COUNCIL = "council_managed"


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


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def words(response) -> str:
    return " ".join(soup(response).get_text(" ").split())


def to_budget_question(client, session, child, places: int = 1):
    service = session.offer.service
    client.post(step("session", service), {"session": session.pk})
    client.post(step("child", service), {"child": child.pk})
    return client.post(step("places", service), {"places": places})


def confirm(client, service):
    page = client.get(step("check", service))
    assert page.status_code == 200, page
    return page, client.post(step("check", service), {"token": page.context["token"]})


def test_a_child_with_a_budget_is_asked_whether_to_pay_from_it(
    family_client, session, child, service, two_pots
):
    response = to_budget_question(family_client, session, child)
    assert response.url == step("budget", service)
    page = family_client.get(step("budget", service))
    text = words(page)
    assert "Do you want to pay from Amira's personal budget?" in text
    assert "This booking costs £24." in text
    assert (
        "From your direct payment (you pay by card or invoice from your direct payment "
        "account) £100 available" in text
    )
    assert "Ask the council to pay from Amira's council-managed budget £200 available" in text
    assert "No, I will pay another way" in text
    back = soup(page).select_one(".govuk-back-link")["href"]
    assert back == step("places", service)


def test_paying_from_the_direct_payment_commits_the_money_with_the_hold(
    family_client, session, child, service, two_pots, family
):
    to_budget_question(family_client, session, child)
    response = family_client.post(step("budget", service), {"budget": DIRECT})
    assert response.url == step("outcome", service)
    outcome_page = family_client.get(step("outcome", service))
    assert "Which agreed outcome is this booking for?" in words(outcome_page)
    assert "Make friends outside school" in words(outcome_page)
    response = family_client.post(step("outcome", service), {"outcome": "make-friends"})
    assert response.url == step("method", service)
    method_page = family_client.get(step("method", service))
    assert soup(method_page).select_one(".govuk-back-link")["href"] == step("outcome", service)
    family_client.post(step("method", service), {"method": "invoice"})
    check, done = confirm(family_client, service)
    text = words(check)
    assert "Personal budget From your direct payment" in text
    assert "Agreed outcome Make friends outside school" in text
    links = [a["href"] for a in soup(check).select(".govuk-summary-list__actions a")]
    assert step("budget", service) in links and step("outcome", service) in links
    booking = Booking.objects.get(family=family)
    assert done.url == reverse("checkout:done", kwargs={"reference": booking.reference})
    funding = BookingFunding.objects.get(booking=booking)
    assert (funding.held_as, funding.outcome_key) == (DIRECT, "make-friends")
    assert money(pot(two_pots, DIRECT)) == (D("0.00"), D("24.00"), D("76.00"))
    assert "from your direct payment" in words(family_client.get(done.url))


def test_asking_the_council_to_pay_skips_the_payment_question_and_invoices_the_council(
    family_client, session, child, service, two_pots, family
):
    to_budget_question(family_client, session, child)
    family_client.post(step("budget", service), {"budget": COUNCIL})
    response = family_client.post(step("outcome", service), {"outcome": "make-friends"})
    assert response.url == step("check", service)
    assert family_client.get(step("method", service)).url == step("check", service)
    check, done = confirm(family_client, service)
    assert "Northbridge Play Club sends the invoice to the council to pay." in words(check)
    assert soup(check).select_one(".govuk-back-link")["href"] == step("outcome", service)
    booking = Booking.objects.get(family=family)
    assert (booking.status, booking.method) == (BookingStatus.CONFIRMED, "invoice")
    assert BookingFunding.objects.get(booking=booking).approval == ApprovalStatus.APPROVED
    assert money(pot(two_pots, COUNCIL)) == (D("0.00"), D("24.00"), D("176.00"))
    invoice = booking_invoice(booking.offer.organisation_id, booking.reference)
    assert invoice is not None and invoice.customer_name.endswith(", for Amira")
    done_page = words(family_client.get(done.url))
    assert "sends the invoice to the council, who pays it from Amira's personal budget" in done_page


def test_above_the_limit_the_family_is_told_the_council_will_decide(
    family_client, session, child, service, two_pots, family
):
    to_budget_question(family_client, session, child, places=3)  # £72, above £50
    family_client.post(step("budget", service), {"budget": COUNCIL})
    family_client.post(step("outcome", service), {"outcome": "make-friends"})
    check, done = confirm(family_client, service)
    assert "the council will approve or refuse it: we will email you" in words(check)
    booking = Booking.objects.get(family=family)
    assert BookingFunding.objects.get(booking=booking).approval == ApprovalStatus.PENDING
    assert "The council needs to approve paying for this booking" in words(
        family_client.get(done.url)
    )


def test_the_council_cannot_pay_a_provider_that_sends_no_invoices(
    family_client, session, child, service, offer, two_pots
):
    offer.accepts_invoice = False
    offer.save(update_fields=["accepts_invoice"])
    to_budget_question(family_client, session, child)
    page = family_client.get(step("budget", service))
    radios = [i["value"] for i in soup(page).select("input[name=budget]")]
    assert radios == [DIRECT, "none"]
    assert (
        "Northbridge Play Club does not send invoices, so the council cannot pay for this "
        "booking" in words(page)
    )
    response = family_client.post(step("budget", service), {"budget": COUNCIL})
    assert response.status_code == 200
    summary = soup(response).select_one(".govuk-error-summary")
    assert "Select one of the ways the budget can pay for this booking" in summary.get_text()


def test_choosing_not_to_use_the_budget_books_as_usual(
    family_client, session, child, service, two_pots, family
):
    to_budget_question(family_client, session, child)
    response = family_client.post(step("budget", service), {"budget": "none"})
    assert response.url == step("method", service)
    assert soup(family_client.get(step("method", service))).select_one(".govuk-back-link")[
        "href"
    ] == step("budget", service)
    family_client.post(step("method", service), {"method": "invoice"})
    check, _ = confirm(family_client, service)
    assert "Personal budget No, paying another way" in words(check)
    assert not BookingFunding.objects.exists()
    assert Booking.objects.get(family=family).status == BookingStatus.CONFIRMED


def test_more_than_is_available_is_refused_on_the_check_page_and_nothing_is_booked(
    family_client,
    session,
    child,
    service,
    make_budget,  # noqa: F811
):
    budget = make_budget(starts_on=STARTS, ends_on=ENDS)
    topped_up(budget, "30.00")
    to_budget_question(family_client, session, child, places=2)
    family_client.post(step("budget", service), {"budget": DIRECT})
    family_client.post(step("outcome", service), {"outcome": "make-friends"})
    family_client.post(step("method", service), {"method": "invoice"})
    _, response = confirm(family_client, service)
    assert response.status_code == 200
    summary = soup(response).select_one(".govuk-error-summary")
    assert "This costs £48 but only £30 of the budget is available now" in summary.get_text()
    assert not Booking.objects.exists()
    assert not LedgerEntry.objects.filter(kind=EntryKind.COMMITMENT).exists()


def test_a_category_the_budget_cannot_buy_is_refused_and_nothing_is_booked(
    family_client, session, child, service, two_pots
):
    dental = SpendingCategory.objects.get(council=two_pots.council, name="Dental charges")
    dental.directory_categories.add(*service.categories.all())
    to_budget_question(family_client, session, child)
    family_client.post(step("budget", service), {"budget": COUNCIL})
    family_client.post(step("outcome", service), {"outcome": "make-friends"})
    _, response = confirm(family_client, service)
    summary = soup(response).select_one(".govuk-error-summary")
    assert "A personal budget cannot pay for" in summary.get_text()
    assert "dental charges" in summary.get_text().lower()
    assert not Booking.objects.exists()


def test_a_child_without_a_budget_is_not_asked(family_client, session, child, service):
    response = to_budget_question(family_client, session, child)
    assert response.url == step("method", service)
    assert family_client.get(step("budget", service)).url == step("method", service)


def test_giving_up_a_card_hold_for_pay_later_keeps_paying_from_the_direct_payment(
    family_client, session, child, service, two_pots, family, ready_organisation
):
    to_budget_question(family_client, session, child)
    family_client.post(step("budget", service), {"budget": DIRECT})
    family_client.post(step("outcome", service), {"outcome": "make-friends"})
    family_client.post(step("method", service), {"method": "card"})
    confirm(family_client, service)
    held = Booking.objects.get(family=family)
    assert held.status == BookingStatus.HELD
    assert money(pot(two_pots, DIRECT)) == (D("0.00"), D("24.00"), D("76.00"))
    response = family_client.post(
        reverse("checkout:pay_later", kwargs={"reference": held.reference})
    )
    assert response.url == step("check", service)
    # The hold is cancelled: its commitment is released.
    assert money(pot(two_pots, DIRECT)) == (D("0.00"), D("0.00"), D("100.00"))
    check, _ = confirm(family_client, service)
    assert "Personal budget From your direct payment" in words(check)
    again = Booking.objects.exclude(pk=held.pk).get(family=family)
    assert (again.status, again.method) == (BookingStatus.CONFIRMED, "invoice")
    assert BookingFunding.objects.get(booking=again).outcome_key == "make-friends"
    assert money(pot(two_pots, DIRECT)) == (D("0.00"), D("24.00"), D("76.00"))
