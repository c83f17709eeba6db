"""Bad input on the booking pages: each refused with a message, nothing half-written."""

from __future__ import annotations

import datetime as dt

import pytest

from pricing.bookings.models import Booking
from pricing.bookings.services import hold_places
from pricing.payments.models import Payment
from tests.factories import ServicePageFactory
from tests.pricing.checkout.conftest import step
from tests.pricing.factories import NOW, BookableOfferFactory, SessionFactory

pytestmark = pytest.mark.django_db


def answered_to_places(client, session, child, service):
    client.post(step("session", service), {"session": session.pk})
    client.post(step("child", service), {"child": child.pk})


def assert_refused(response, message: str) -> None:
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html, html[:2000]
    assert message in html


def test_another_familys_child_is_refused(family_client, session, other_child, service):
    family_client.post(step("session", service), {"session": session.pk})
    response = family_client.post(step("child", service), {"child": other_child.pk})
    assert_refused(response, "Select one of your children")
    assert family_client.session["checkout"][str(service.pk)].get("child") is None


def test_another_offers_session_is_refused(family_client, session, service, organisation):
    elsewhere = SessionFactory(
        offer=BookableOfferFactory(service=ServicePageFactory(parent=organisation))
    )
    response = family_client.post(step("session", service), {"session": elsewhere.pk})
    assert_refused(response, "Select one of the sessions in the list")


@pytest.mark.parametrize("value", ["", "abc", "99999999999999999999999", "-1"])
def test_a_nonsense_session_id_is_refused(family_client, session, service, value):
    response = family_client.post(step("session", service), {"session": value})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_a_past_session_is_refused(family_client, offer, service):
    past = SessionFactory(offer=offer, starts_at=NOW - dt.timedelta(days=1))
    response = family_client.post(step("session", service), {"session": past.pk})
    assert_refused(response, "Select one of the sessions in the list")


def test_a_closed_session_is_shown_closed_and_refused(family_client, offer, service):
    # Booking closes 2 hours before the start.
    soon = SessionFactory(offer=offer, starts_at=NOW + dt.timedelta(hours=1))
    page = family_client.get(step("session", service)).content.decode()
    assert "Booking for this session has closed." in page
    response = family_client.post(step("session", service), {"session": soon.pk})
    assert_refused(response, "Booking for this session has closed.")


def test_a_full_session_is_refused(family_client, session, service, other_child):
    hold_places(
        family=other_child.family,
        child=other_child,
        session=session,
        places=3,
        method="invoice",
        now=NOW,
    )
    response = family_client.post(step("session", service), {"session": session.pk})
    assert_refused(response, "This session is full. You can join its waiting list")


@pytest.mark.parametrize(
    ("places", "message"),
    [
        ("", "Enter how many places you need"),
        ("two", "Enter the number of places as a whole number, like 1"),
        ("1.5", "Enter the number of places as a whole number, like 1"),
        ("0", "Enter a number of places of 1 or more"),
        ("-3", "Enter a number of places of 1 or more"),
        ("4", "There are only 3 places left on this session"),
        ("100000000000000000000000", "There are only 3 places left on this session"),
    ],
)
def test_a_nonsense_number_of_places_is_refused(
    family_client, session, child, service, places, message
):
    answered_to_places(family_client, session, child, service)
    response = family_client.post(step("places", service), {"places": places})
    assert_refused(response, message)


def test_no_more_than_four_places_at_once(family_client, offer, child, service):
    big = SessionFactory(offer=offer, capacity=20)
    answered_to_places(family_client, big, child, service)
    response = family_client.post(step("places", service), {"places": "5"})
    assert_refused(response, "You can book up to 4 places at once")


def test_the_price_is_never_taken_from_the_browser(family_client, book, session, child, family):
    service = session.offer.service
    family_client.post(step("session", service), {"session": session.pk})
    family_client.post(step("child", service), {"child": child.pk})
    family_client.post(step("places", service), {"places": 1, "unit_price": "0.01"})
    family_client.post(step("method", service), {"method": "invoice", "total": "0"})
    token = family_client.get(step("check", service)).context["token"]
    family_client.post(
        step("check", service), {"token": token, "total": "0.01", "unit_price": "0.01"}
    )
    booking = Booking.objects.get(family=family)
    assert str(booking.unit_price) == "24.00" and str(booking.total) == "24.00"


def test_a_double_submitted_confirmation_makes_one_booking(
    family_client, session, child, family, service
):
    answered_to_places(family_client, session, child, service)
    family_client.post(step("places", service), {"places": 1})
    family_client.post(step("method", service), {"method": "invoice"})
    token = family_client.get(step("check", service)).context["token"]
    first = family_client.post(step("check", service), {"token": token})
    second = family_client.post(step("check", service), {"token": token})
    assert Booking.objects.filter(family=family).count() == 1
    assert first.url == second.url
    assert Payment.objects.count() == 1


def test_a_token_that_is_not_the_journeys_is_refused(
    family_client, session, child, family, service
):
    answered_to_places(family_client, session, child, service)
    family_client.post(step("places", service), {"places": 1})
    family_client.post(step("method", service), {"method": "invoice"})
    response = family_client.post(step("check", service), {"token": "made-up"})
    assert_refused(response, "This page was out of date")
    assert not Booking.objects.exists()


def test_a_session_that_filled_meanwhile_is_caught_before_booking(
    family_client, session, child, family, service, other_child
):
    answered_to_places(family_client, session, child, service)
    family_client.post(step("places", service), {"places": 2})
    family_client.post(step("method", service), {"method": "invoice"})
    token = family_client.get(step("check", service)).context["token"]
    hold_places(
        family=other_child.family,
        child=other_child,
        session=session,
        places=2,
        method="invoice",
        now=NOW,
    )
    response = family_client.post(step("check", service), {"token": token})
    assert response.status_code == 302
    assert response.url == step("places", service)  # one place left: ask again
    assert not Booking.objects.filter(family=family).exists()


def test_a_child_removed_meanwhile_is_asked_again(family_client, session, child, service):
    answered_to_places(family_client, session, child, service)
    family_client.post(step("places", service), {"places": 1})
    family_client.post(step("method", service), {"method": "invoice"})
    child.delete()
    assert family_client.get(step("check", service)).url == step("child", service)
