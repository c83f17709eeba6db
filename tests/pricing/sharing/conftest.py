"""Shared bookings: a listing with a group price, families, and paying through the local
Stripe (real PaymentIntents, refunds and the payments listener, as Stripe's own events
drive them).

The clock stands at NOW for every test, so the factories' sessions (in 3 days) are open
for booking and the deadline (48 hours before) is a day and a half away.

group_offer    `offer` (£24 a place) with a group price of £80 for up to 4 children,
               card ready (a local test Stripe account) and invoice
group_session  a session of it with 6 places
start          start(family, child, children=2, ...) -> Started
join           join(started, family, child, method="card") -> Share
pay            pay(booking, card="4242424242424242") -> the payment's status
other          (family, child) of a second family ("Ruth", child "Tobi")
third          (family, child) of a third family ("Dan", child "Isla")

Every family here has given the name and address for its invoices (the pages ask a
family that has not: test_pages.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.test import Client

from pricing.invoices.services import save_customer_details
from pricing.payments import gateway
from pricing.payments.models import Payment
from pricing.payments.services import confirm_card_payment, start_card_payment
from pricing.sharing.services import join_shared_booking, start_shared_booking
from tests.factories import UserFactory
from tests.pricing.factories import NOW, ChildFactory, SessionFactory

ADDRESS = "2 Quay Street\nNorthbridge\nNB1 3PX"


@pytest.fixture(autouse=True)
def _clock() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def with_invoice_details(family):
    save_customer_details(user=family, name=family.first_name or "A parent", address=ADDRESS)
    return family


@pytest.fixture
def family(family):
    return with_invoice_details(family)


@pytest.fixture
def group_offer(offer, ready_organisation, stripe_local):
    offer.group_price = Decimal("80.00")
    offer.group_size = 4
    offer.save()
    return offer


@pytest.fixture
def group_session(group_offer):
    return SessionFactory(offer=group_offer, capacity=6)


@pytest.fixture
def other(db):
    family = with_invoice_details(UserFactory(email="ruth@example.org", first_name="Ruth"))
    return family, ChildFactory(family=family, first_name="Tobi")


@pytest.fixture
def third(db):
    family = with_invoice_details(UserFactory(email="dan@example.org", first_name="Dan"))
    return family, ChildFactory(family=family, first_name="Isla")


@pytest.fixture
def start(group_session) -> Callable[..., Any]:
    def make(family, child, *, children: int = 2, session=None, **kwargs: Any):
        session = session or group_session
        options: dict[str, Any] = {
            "split": "equal",
            "method": "card",
            "deadline": session.starts_at - dt.timedelta(hours=48),
            "card_ready": True,
            **kwargs,
        }
        return start_shared_booking(
            organiser=family, child=child, session=session, children=children, now=NOW, **options
        )

    return make


@pytest.fixture
def join() -> Callable[..., Any]:
    def make(started, family, child, *, method: str = "card", now: dt.datetime = NOW):
        return join_shared_booking(
            token=started.token, family=family, child=child, method=method, now=now, card_ready=True
        )

    return make


def card(number: str) -> str:
    """A PaymentMethod for a test card, as Stripe.js makes one in the family's browser."""
    method = gateway.client().v1.payment_methods.create(
        params={
            "type": "card",
            "card": {"number": number, "exp_month": 12, "exp_year": 2030, "cvc": "123"},
        }  # type: ignore[typeddict-item]
    )
    return method.id


@pytest.fixture
def pay() -> Callable[..., str]:
    """Pay a booking's payment by card as the card page does (intent, then confirm)."""

    def make(booking, number: str = "4242424242424242") -> str:
        payment = Payment.objects.get(pk=booking.payment_id)
        start_card_payment(payment=payment)
        payment.refresh_from_db()
        return confirm_card_payment(payment=payment, payment_method_id=card(number)).status

    return make


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
