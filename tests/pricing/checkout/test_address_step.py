"""The name and address for a family's invoices, asked in the booking journey the first
time the family pays: every invoice must name its customer's address (HMRC)."""

from __future__ import annotations

import pytest

from pricing.bookings.models import Booking
from pricing.invoices.models import CustomerDetails, Document
from tests.factories import UserFactory
from tests.html import soup_of, text_of
from tests.pricing.checkout.conftest import signed_in, step
from tests.pricing.factories import ChildFactory, SessionFactory

pytestmark = pytest.mark.django_db

ADDRESS = "4 Canal Street\nNorthbridge\nNB2 7QT"


@pytest.fixture
def new_family():
    """A family that has never given an address for its invoices."""
    return UserFactory(email="first.time@example.org", first_name="Jo", last_name="Bloggs")


@pytest.fixture
def new_child(new_family):
    return ChildFactory(family=new_family, first_name="Ola")


@pytest.fixture
def new_client(new_family, new_child):
    return signed_in(new_family)


def answer_up_to_method(client, session, child, method="invoice") -> None:
    service = session.offer.service
    client.post(step("session", service), {"session": session.pk})
    client.post(step("child", service), {"child": child.pk})
    client.post(step("places", service), {"places": 1})
    response = client.post(step("method", service), {"method": method})
    assert response.url == step("address", service)


@pytest.mark.parametrize("method", ["invoice", "card"])
def test_a_family_paying_for_the_first_time_is_asked_after_how_to_pay(
    new_client, session, new_child, service, method, ready_organisation
):
    answer_up_to_method(new_client, session, new_child, method)
    assert new_client.get(step("check", service)).url == step("address", service)
    page = new_client.get(step("address", service))
    assert page.status_code == 200
    html = soup_of(page)
    assert text_of(html.h1) == "What name and address should go on your invoices?"
    assert html.select_one(".govuk-back-link")["href"] == step("method", service)
    # The account's name is offered; the address is the family's to give.
    assert html.select_one("#id_name")["value"] == "Jo Bloggs"
    assert text_of(html.select_one("#id_address")) == ""


def test_an_empty_address_is_refused_and_the_name_kept(new_client, session, new_child, service):
    answer_up_to_method(new_client, session, new_child)
    page = new_client.post(step("address", service), {"name": "Jo Bloggs", "address": "  \n "})
    assert page.status_code == 200
    html = soup_of(page)
    assert text_of(html.title).startswith("Error: ")
    summary = html.select_one(".govuk-error-summary")
    assert [text_of(a) for a in summary.select("a")] == ["Enter your postal address"]
    assert summary.select_one("a")["href"] == "#id_address"
    assert html.select_one("#id_name")["value"] == "Jo Bloggs"
    assert not CustomerDetails.objects.exists()


def test_the_answer_shows_on_check_your_answers_with_a_change_link(
    new_client, session, new_child, service
):
    answer_up_to_method(new_client, session, new_child)
    response = new_client.post(step("address", service), {"name": "Jo Bloggs", "address": ADDRESS})
    assert response.url == step("check", service)
    html = soup_of(new_client.get(step("check", service)))
    row = next(r for r in html.select(".govuk-summary-list__row") if "invoices" in text_of(r.dt))
    assert "Jo Bloggs" in text_of(row) and "NB2 7QT" in text_of(row)
    assert row.select_one("a")["href"] == step("address", service)
    assert html.select_one(".govuk-back-link")["href"] == step("address", service)
    # Going back to change it shows what was given.
    again = soup_of(new_client.get(step("address", service)))
    assert "4 Canal Street" in text_of(again.select_one("#id_address"))


def test_confirming_saves_the_details_and_the_invoice_prints_them(
    new_client, session, new_child, service, new_family
):
    answer_up_to_method(new_client, session, new_child)
    new_client.post(step("address", service), {"name": "Jo Bloggs", "address": ADDRESS})
    page = new_client.get(step("check", service))
    new_client.post(step("check", service), {"token": page.context["token"]})
    booking = Booking.objects.get(family=new_family)
    details = CustomerDetails.objects.get(user=new_family)
    assert (details.name, details.address) == ("Jo Bloggs", ADDRESS)
    invoice = Document.objects.get(kind="invoice", customer=new_family)
    assert invoice.customer_name == "Jo Bloggs"
    assert invoice.customer_address == ADDRESS
    assert invoice.booking_reference == booking.reference


def test_a_journey_left_before_confirming_saves_nothing(new_client, session, new_child, service):
    answer_up_to_method(new_client, session, new_child)
    new_client.post(step("address", service), {"name": "Jo Bloggs", "address": ADDRESS})
    assert not CustomerDetails.objects.exists()


def test_a_family_that_gave_its_address_is_not_asked_again(
    new_client, session, new_child, service, new_family
):
    answer_up_to_method(new_client, session, new_child)
    new_client.post(step("address", service), {"name": "Jo Bloggs", "address": ADDRESS})
    page = new_client.get(step("check", service))
    new_client.post(step("check", service), {"token": page.context["token"]})

    later = SessionFactory(offer=session.offer)
    new_client.post(step("session", service), {"session": later.pk})
    new_client.post(step("child", service), {"child": new_child.pk})
    new_client.post(step("places", service), {"places": 1})
    assert new_client.post(step("method", service), {"method": "invoice"}).url == step(
        "check", service
    )
    assert new_client.get(step("address", service)).url == step("check", service)


def test_a_free_session_asks_for_no_address(new_client, offer, new_child, service):
    option = offer.cost_option
    option.is_free, option.amount = True, None
    option.save()
    session = SessionFactory(offer=offer, capacity=5)
    new_client.post(step("session", service), {"session": session.pk})
    new_client.post(step("child", service), {"child": new_child.pk})
    assert new_client.post(step("places", service), {"places": 1}).url == step("check", service)
    assert new_client.get(step("address", service)).url == step("check", service)
