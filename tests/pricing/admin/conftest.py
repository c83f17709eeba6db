"""Fixtures for the provider's bookings area in the workspace.

The clock stands at `NOW` (tests/pricing/factories.py) for every test here, so sessions
made by the factories (in 3 days) are upcoming and the services see the same moment.

provider_client    the `provider` (a member of `organisation`) signed in
paid_booking       paid_booking(session, places=1, child=None) -> a confirmed card booking
invoice_booking    invoice_booking(session) -> a confirmed pay-later booking, not yet paid
hours_offer        an hours-of-support offer on a second listing of `organisation`
hours_request      a family's request for 2 hours on it, waiting for an answer
stranger           a member of another organisation
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client

from pricing.bookings.models import Booking
from pricing.bookings.services import confirm_booking, hold_places, request_hours
from pricing.offers.models import Session
from pricing.payments.models import PaymentMethod, PaymentStatus
from providers.organisations.access import grant_organisation_access
from tests.factories import OrganisationPageFactory, ServicePageFactory, UserFactory
from tests.pricing.factories import NOW, BookableOfferFactory, ChildFactory


@pytest.fixture(autouse=True)
def _clock() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def provider_client(provider) -> Client:
    return signed_in(provider)


@pytest.fixture
def paid_booking(family, child) -> Callable[..., Booking]:
    def make(session: Session, places: int = 1, for_child: Any = None) -> Booking:
        booking = hold_places(
            family=family,
            child=for_child or child,
            session=session,
            places=places,
            method=PaymentMethod.CARD,
            now=NOW,
            card_ready=True,
        )
        payment = booking.payment
        payment.status = PaymentStatus.SUCCEEDED
        payment.save()
        return confirm_booking(booking=booking, now=NOW).booking

    return make


@pytest.fixture
def invoice_booking(family, child) -> Callable[..., Booking]:
    def make(session: Session) -> Booking:
        booking = hold_places(
            family=family,
            child=child,
            session=session,
            places=1,
            method=PaymentMethod.INVOICE,
            now=NOW,
        )
        return confirm_booking(booking=booking, now=NOW).booking

    return make


@pytest.fixture
def hours_offer(organisation):
    service = ServicePageFactory(parent=organisation, title="Speech therapy at home")
    return BookableOfferFactory(service=service, hours=True)


@pytest.fixture
def hours_request(family, child, hours_offer) -> Booking:
    return request_hours(
        family=family,
        child=child,
        offer=hours_offer,
        units=2,
        suitable_times="Tuesday afternoons",
        method=PaymentMethod.INVOICE,
        now=NOW - dt.timedelta(hours=2),
    )


@pytest.fixture
def other_organisation(organisation_index):
    return OrganisationPageFactory(
        parent=organisation_index, title="Riverside Swim Club", verified=True
    )


@pytest.fixture
def stranger(other_organisation):
    user = UserFactory(email="staff@riverside.example.org")
    grant_organisation_access(organisation=other_organisation, user=user, admin=True)
    return user


@pytest.fixture
def other_child(family):
    return ChildFactory(family=family, first_name="Zac")
