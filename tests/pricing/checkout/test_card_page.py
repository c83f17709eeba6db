"""The card page against the local Stripe: paying, the bank's check, a refused card, the
confirmation asking Stripe, switching to pay later, and the page's own CSP."""

from __future__ import annotations

import datetime as dt
import json
import urllib.request

import pytest
from django.urls import reverse

from pricing.bookings.enums import BookingStatus
from pricing.bookings.models import Booking
from pricing.bookings.services import accept_request, hold_places, request_hours
from pricing.payments import gateway
from pricing.payments.models import PaymentStatus
from tests.pricing.checkout.conftest import step
from tests.pricing.factories import NOW

pytestmark = pytest.mark.django_db


def card(number: str) -> str:
    """A card as the local Stripe.js makes one in the family's browser (a token's card)."""
    token = gateway.client().v1.tokens.create(
        params={"card": {"number": number, "exp_month": "12", "exp_year": "2030", "cvc": "123"}}  # type: ignore[typeddict-item]
    )
    return token.card.id  # type: ignore[union-attr]


def authenticate(base: str, client_secret: str, *, success: bool) -> None:
    """The bank's check (3-D Secure) as the local Stripe.js completes or fails it."""
    intent = client_secret.split("_secret_")[0]
    request = urllib.request.Request(  # noqa: S310 (the local Stripe on 127.0.0.1)
        f"{base}/v1/payment_intents/{intent}/_authenticate?success={str(success).lower()}",
        data=json.dumps({"key": "pk_test_localstripe", "client_secret": client_secret}).encode(),
        method="POST",
    )
    urllib.request.urlopen(request).read()  # noqa: S310


@pytest.fixture
def held(family, child, session, ready_organisation, stripe_local):
    return hold_places(
        family=family,
        child=child,
        session=session,
        places=2,
        method="card",
        now=NOW,
        card_ready=True,
    )


def pay_url(booking) -> str:
    return reverse("checkout:pay", kwargs={"reference": booking.reference})


def done_url(booking) -> str:
    return reverse("checkout:done", kwargs={"reference": booking.reference})


def test_the_card_page_starts_one_intent_and_loads_the_local_stripe_js(
    family_client, held, stripe_local
):
    page = family_client.get(pay_url(held))
    assert page.status_code == 200
    html = page.content.decode()
    assert f'src="{stripe_local.url}/js.stripe.com/v3/"' in html
    assert "/static/js/card-payment.js" in html
    assert "pk_test_localstripe" in html
    assert "We are holding your place until 9:20am" in html
    assert "Paying by card needs JavaScript" in html  # until card-payment.js runs
    assert "Pay later instead" in html
    held.payment.refresh_from_db()
    intent = held.payment.stripe_payment_intent_id
    assert intent
    family_client.get(pay_url(held))
    held.payment.refresh_from_db()
    assert held.payment.stripe_payment_intent_id == intent
    assert "_secret_" not in html  # the client secret is only given for the bank's check


def test_only_the_card_page_trusts_stripe(family_client, held, stripe_local, service):
    policy = family_client.get(pay_url(held))["Content-Security-Policy"]
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert stripe_local.url in script_src and "'nonce-" in script_src
    assert "https://js.stripe.com" in script_src
    frame_src = next(d for d in policy.split(";") if d.strip().startswith("frame-src"))
    assert "https://js.stripe.com" in frame_src
    other = family_client.get(step("session", service))["Content-Security-Policy"]
    assert "stripe" not in other and stripe_local.url not in other


def test_stripe_js_comes_from_stripe_without_a_local_stripe(settings, family_client, held):
    family_client.get(pay_url(held))  # the intent is made on the local Stripe
    settings.STRIPE_API_BASE = ""
    from pricing.checkout.views.paying import stripe_js_url

    assert stripe_js_url() == "https://js.stripe.com/v3/"


def test_paying_with_the_test_card_confirms_the_booking(family_client, held):
    family_client.get(pay_url(held))
    answer = family_client.post(pay_url(held), {"payment_method": card("4242424242424242")})
    assert answer.status_code == 200
    assert answer.json()["status"] == PaymentStatus.SUCCEEDED
    assert answer.json()["next"] == done_url(held)
    held.refresh_from_db()
    assert held.status == BookingStatus.CONFIRMED
    html = family_client.get(done_url(held)).content.decode()
    assert "Booking confirmed" in html and held.reference in html
    assert "Payment received" in html
    # Paid: the card page now sends to the confirmation.
    assert family_client.get(pay_url(held)).url == done_url(held)


def test_the_banks_check_then_the_confirmation_asks_stripe(family_client, held, stripe_local):
    family_client.get(pay_url(held))
    answer = family_client.post(pay_url(held), {"payment_method": card("4000002500003155")})
    result = answer.json()
    assert result["status"] == PaymentStatus.REQUIRES_ACTION
    assert result["client_secret"].startswith(held.payment.stripe_payment_intent_id or "pi_")
    waiting = family_client.get(done_url(held)).content.decode()
    assert "We are waiting for your payment to be confirmed" in waiting
    authenticate(stripe_local.url, result["client_secret"], success=True)
    # No webhook reaches the test site: the confirmation page asks Stripe itself.
    html = family_client.get(done_url(held)).content.decode()
    assert "Booking confirmed" in html
    held.refresh_from_db()
    assert held.status == BookingStatus.CONFIRMED


def test_a_refused_card_says_why_and_the_page_offers_another_try(family_client, held):
    """(The local Stripe cannot confirm an intent again after a declined charge, as
    Stripe can, so the second card's success is not driven here.)"""
    family_client.get(pay_url(held))
    answer = family_client.post(pay_url(held), {"payment_method": card("4000000000000341")})
    assert answer.json()["status"] == PaymentStatus.FAILED
    assert answer.json()["message"]
    held.refresh_from_db()
    assert held.status == BookingStatus.PAYMENT_FAILED
    page = family_client.get(pay_url(held))
    assert page.status_code == 200 and "There is a problem" in page.content.decode()
    assert 'id="card-form"' in page.content.decode()
    done = family_client.get(done_url(held)).content.decode()
    assert "Try again with another card" in done


@pytest.mark.parametrize("value", ["", "x" * 300, "pm_ünicode"])
def test_a_nonsense_card_id_is_refused(family_client, held, value):
    answer = family_client.post(pay_url(held), {"payment_method": value})
    assert answer.status_code == 400
    held.refresh_from_db()
    assert held.status == BookingStatus.HELD


def test_pay_later_instead_releases_the_hold_and_books_again(family_client, held, family):
    family_client.get(pay_url(held))
    response = family_client.post(
        reverse("checkout:pay_later", kwargs={"reference": held.reference})
    )
    service = held.offer.service
    assert response.url == step("check", service)
    held.refresh_from_db()
    assert held.status == BookingStatus.CANCELLED
    assert held.payment.status == PaymentStatus.CANCELLED
    page = family_client.get(step("check", service))
    assert "Pay later" in page.content.decode()
    family_client.post(step("check", service), {"token": page.context["token"]})
    again = Booking.objects.exclude(pk=held.pk).get(family=family)
    assert again.status == BookingStatus.CONFIRMED and again.method == "invoice"
    assert again.places == 2


def test_an_accepted_request_for_hours_is_paid_on_the_same_page(
    family_client, family, child, offer, provider, ready_organisation, stripe_local
):
    offer.kind = "hours"
    offer.save()
    asked = request_hours(
        family=family,
        child=child,
        offer=offer,
        units=2,
        suitable_times="Weekday afternoons",
        method="card",
        now=NOW,
        card_ready=True,
    )
    slots = [(NOW + dt.timedelta(days=d), NOW + dt.timedelta(days=d, hours=1), 1) for d in (1, 2)]
    accepted = accept_request(booking=asked, appointments=slots, by=provider, now=NOW)
    assert accepted.status == BookingStatus.ACCEPTED
    page = family_client.get(pay_url(accepted))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Appointments" in html and "Pay later instead" not in html
    answer = family_client.post(pay_url(accepted), {"payment_method": card("4242424242424242")})
    assert answer.json()["status"] == PaymentStatus.SUCCEEDED
    accepted.refresh_from_db()
    assert accepted.status == BookingStatus.CONFIRMED
    assert "Booking confirmed" in family_client.get(done_url(accepted)).content.decode()
