"""The local Stripe's own signed webhooks are accepted by the site, as in `make run`."""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import Client

from pricing.payments import services
from pricing.payments.models import Payment, PaymentStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def delivered(settings, stripe_local):
    """Webhooks the local Stripe sends, caught on 127.0.0.1 as (body, signature)."""
    caught: list[tuple[bytes, str]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            caught.append((body, self.headers["Stripe-Signature"]))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    request = urllib.request.Request(  # noqa: S310 (the local Stripe on 127.0.0.1)
        f"{stripe_local.url}/_config/webhooks/site-under-test",
        data=json.dumps(
            {
                "url": f"http://127.0.0.1:{server.server_address[1]}/",
                "secret": settings.STRIPE_WEBHOOK_SECRET,
                "events": ["payment_intent.succeeded"],
            }
        ).encode(),
        method="POST",
    )
    urllib.request.urlopen(request).read()  # noqa: S310
    yield caught
    server.shutdown()
    server.server_close()


def test_a_payment_confirmed_at_the_local_stripe_is_applied_from_its_webhook(
    delivered, ready_organisation, make_payment
):
    payment = make_payment(Decimal("12.00"))
    services.start_card_payment(payment=payment)
    payment.refresh_from_db()
    # Confirmed behind the site's back (as Stripe.js would), so only the webhook tells us.
    from pricing.payments import gateway

    gateway.client().v1.payment_intents.update(
        payment.stripe_payment_intent_id, params={"payment_method": "pm_card_visa"}
    )
    gateway.client().v1.payment_intents.confirm(payment.stripe_payment_intent_id)
    deadline = time.monotonic() + 10
    ours = []
    while time.monotonic() < deadline and not ours:
        ours = [d for d in delivered if payment.stripe_payment_intent_id.encode() in d[0]]
        time.sleep(0.2)
    assert ours, "the local Stripe sent no webhook"
    body, signature = ours[0]
    response = Client().post(
        "/payments/stripe/webhook/",
        data=body,
        content_type="application/json",
        headers={"Stripe-Signature": signature},
    )
    assert response.status_code == 200
    assert response.content == b"applied"
    assert Payment.objects.get(pk=payment.pk).status == PaymentStatus.SUCCEEDED
