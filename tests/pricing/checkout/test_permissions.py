"""Who reaches the booking pages: families; others are told or refused (by URL)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from pricing.bookings.services import hold_places
from tests.pricing.checkout.conftest import signed_in, step
from tests.pricing.factories import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def booking(family, child, session):
    return hold_places(
        family=family, child=child, session=session, places=1, method="invoice", now=NOW
    )


def booking_pages(booking) -> list[str]:
    kwargs = {"reference": booking.reference}
    return [
        reverse("checkout:pay", kwargs=kwargs),
        reverse("checkout:done", kwargs=kwargs),
        reverse("checkout:calendar", kwargs=kwargs),
    ]


def test_anonymous_visitors_are_asked_to_sign_in_and_come_back(booking, service):
    for path in [step("session", service), *booking_pages(booking)]:
        response = Client().get(path)
        assert response.status_code == 302, path
        assert response.url.startswith("/account/login/") and "next=" in response.url, path


@pytest.mark.parametrize("role", ["provider", "moderator", "superuser"])
def test_work_accounts_are_told_this_is_a_work_account(booking, service, users_by_role, role):
    client = signed_in(users_by_role[role])
    for path in [step("session", service), *booking_pages(booking)]:
        response = client.get(path)
        assert response.status_code == 403, path
        assert "This is a work account" in response.content.decode()


def test_another_family_finds_no_booking(booking, other_child):
    client = signed_in(other_child.family)
    for path in booking_pages(booking):
        assert client.get(path).status_code == 404, path
    pay_later = reverse("checkout:pay_later", kwargs={"reference": booking.reference})
    assert client.post(pay_later).status_code == 404


def test_an_unknown_reference_is_not_found(family_client):
    assert family_client.get("/book/done/NB-NOSUCH/").status_code == 404
