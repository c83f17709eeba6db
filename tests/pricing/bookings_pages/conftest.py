"""Fixtures for the family's bookings pages, at the marketplace's fixed moment (`now`).

family_client   the `family` (with `child`) signed in
hours_service   a second listing of `organisation` with an hours offer (`hours_offer`,
                £24 an hour, card and pay later)
paid_booking    make_paid(session=session) -> a confirmed booking of `child`, paid by card
invoice_booking a confirmed booking of `child` on `session`, pay later, not paid yet
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import time_machine
from django.test import Client

from pricing.bookings.models import Booking
from pricing.bookings.services import confirm_booking, hold_places
from pricing.payments.models import Payment, PaymentStatus
from tests.factories import ServicePageFactory
from tests.pricing.factories import NOW, BookableOfferFactory


@pytest.fixture(autouse=True)
def _at_now() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def family_client(family) -> Client:
    client = Client()
    client.force_login(family)
    return client


@pytest.fixture
def hours_service(organisation):
    return ServicePageFactory(parent=organisation, title="One-to-one tutoring")


@pytest.fixture
def hours_offer(hours_service):
    return BookableOfferFactory(service=hours_service, hours=True)


@pytest.fixture
def make_paid(family, child, now) -> Callable[..., Booking]:
    def make(*, session, places: int = 1, who=None, kid=None) -> Booking:
        booking = hold_places(
            family=who or family,
            child=kid or child,
            session=session,
            places=places,
            method="card",
            now=now,
            card_ready=True,
        )
        Payment.objects.filter(pk=booking.payment_id).update(status=PaymentStatus.SUCCEEDED)
        return confirm_booking(booking=booking, now=now).booking

    return make


@pytest.fixture
def paid_booking(make_paid, session) -> Booking:
    return make_paid(session=session)


@pytest.fixture
def invoice_booking(family, child, session, now) -> Booking:
    booking = hold_places(
        family=family, child=child, session=session, places=1, method="invoice", now=now
    )
    return confirm_booking(booking=booking, now=now).booking
