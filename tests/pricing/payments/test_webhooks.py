"""POST /payments/stripe/webhook/: signed, applied once, in any order, never backwards."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest
from django.test import Client

from pricing.payments.listeners import register_payment_listener, unregister_payment_listener
from pricing.payments.models import ConnectedAccount, Payment, PaymentStatus, WebhookEvent
from tests.pricing.payments.stripe_events import account_event, intent_event, post, signed

pytestmark = pytest.mark.django_db

SECRET = "whsec_test_endpoint_secret"
URL = "/payments/stripe/webhook/"


@pytest.fixture
def moves():
    seen: list[tuple[str, str]] = []

    def listener(payment: Payment, previous: str) -> None:
        seen.append((previous, payment.status))

    register_payment_listener(listener)
    yield seen
    unregister_payment_listener(listener)


@pytest.fixture
def payment(make_payment):
    return make_payment(Decimal("24.00"), stripe_payment_intent_id="pi_test_1")


def status_of(payment: Payment) -> str:
    return Payment.objects.get(pk=payment.pk).status


def test_a_signed_success_marks_the_payment_paid(payment, moves):
    response = post(
        Client(), intent_event("payment_intent.succeeded", "pi_test_1", status="succeeded"), SECRET
    )
    assert response.status_code == 200
    assert response.content == b"applied"
    assert status_of(payment) == PaymentStatus.SUCCEEDED
    assert moves == [(PaymentStatus.CREATED, PaymentStatus.SUCCEEDED)]
    assert WebhookEvent.objects.get().processed_at is not None


@pytest.mark.parametrize(
    "signature",
    [
        None,
        "t=1,v1=deadbeef",
        "garbage",
    ],
)
def test_forged_or_unsigned_bodies_are_refused_and_change_nothing(payment, signature):
    event = intent_event("payment_intent.succeeded", "pi_test_1", status="succeeded")
    body, _ = signed(event, SECRET)
    headers = {"Stripe-Signature": signature} if signature else {}
    response = Client().post(URL, data=body, content_type="application/json", headers=headers)
    assert response.status_code == 400
    assert status_of(payment) == PaymentStatus.CREATED
    assert not WebhookEvent.objects.exists()


def test_a_body_signed_with_another_secret_is_refused(payment):
    event = intent_event("payment_intent.succeeded", "pi_test_1", status="succeeded")
    response = post(Client(), event, "whsec_someone_else")
    assert response.status_code == 400
    assert status_of(payment) == PaymentStatus.CREATED


def test_an_old_signature_is_refused(payment):
    event = intent_event("payment_intent.succeeded", "pi_test_1", status="succeeded")
    response = post(Client(), event, SECRET, timestamp=int(time.time()) - 3600)
    assert response.status_code == 400
    assert status_of(payment) == PaymentStatus.CREATED


def test_a_changed_body_is_refused(payment):
    event = intent_event(
        "payment_intent.payment_failed", "pi_test_1", status="requires_payment_method"
    )
    body, signature = signed(event, SECRET)
    forged = body.replace(b"payment_intent.payment_failed", b"payment_intent.succeeded")
    response = Client().post(
        URL, data=forged, content_type="application/json", headers={"Stripe-Signature": signature}
    )
    assert response.status_code == 400
    assert status_of(payment) == PaymentStatus.CREATED


def test_only_post(payment):
    assert Client().get(URL).status_code == 405


def test_a_duplicate_does_nothing(payment, moves):
    event = intent_event("payment_intent.succeeded", "pi_test_1", status="succeeded")
    assert post(Client(), event, SECRET).content == b"applied"
    assert post(Client(), event, SECRET).content == b"duplicate"
    assert WebhookEvent.objects.count() == 1
    assert len(moves) == 1


def test_a_late_failure_never_undoes_a_success(payment, moves):
    now = int(time.time())
    success = intent_event("payment_intent.succeeded", "pi_test_1", status="succeeded", created=now)
    failure = intent_event(
        "payment_intent.payment_failed",
        "pi_test_1",
        status="requires_payment_method",
        error="Your card was declined.",
        created=now - 30,
    )
    assert post(Client(), success, SECRET).status_code == 200
    assert post(Client(), failure, SECRET).status_code == 200
    assert status_of(payment) == PaymentStatus.SUCCEEDED
    assert moves == [(PaymentStatus.CREATED, PaymentStatus.SUCCEEDED)]


def test_events_out_of_order_end_where_stripe_ended(payment, moves):
    """requires_action (t0), failed (t1), processing (t2), succeeded (t3), sent backwards."""
    t = int(time.time())
    events = [
        intent_event("payment_intent.succeeded", "pi_test_1", status="succeeded", created=t + 3),
        intent_event("payment_intent.processing", "pi_test_1", status="processing", created=t + 2),
        intent_event(
            "payment_intent.payment_failed",
            "pi_test_1",
            status="requires_payment_method",
            error="Authentication failed",
            created=t + 1,
        ),
        intent_event(
            "payment_intent.requires_action", "pi_test_1", status="requires_action", created=t
        ),
    ]
    for event in events:
        assert post(Client(), event, SECRET).status_code == 200
    assert status_of(payment) == PaymentStatus.SUCCEEDED
    assert moves == [(PaymentStatus.CREATED, PaymentStatus.SUCCEEDED)]


def test_a_stale_in_between_state_is_ignored(payment):
    t = int(time.time())
    failed = intent_event(
        "payment_intent.payment_failed",
        "pi_test_1",
        status="requires_payment_method",
        error="Declined",
        created=t + 5,
    )
    older = intent_event(
        "payment_intent.requires_action", "pi_test_1", status="requires_action", created=t
    )
    post(Client(), failed, SECRET)
    post(Client(), older, SECRET)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.FAILED
    assert payment.failure_message == "Declined"


def test_an_unknown_type_is_answered_200_and_not_recorded(payment):
    event = intent_event("customer.created", "pi_test_1", status="succeeded")
    response = post(Client(), event, SECRET)
    assert response.status_code == 200
    assert response.content == b"ignored"
    assert not WebhookEvent.objects.exists()
    assert status_of(payment) == PaymentStatus.CREATED


def test_an_unknown_payment_is_answered_200_with_nothing_written(payment):
    event = intent_event("payment_intent.succeeded", "pi_not_ours", status="succeeded")
    response = post(Client(), event, SECRET)
    assert response.status_code == 200
    assert response.content == b"unknown"
    assert not WebhookEvent.objects.exists()
    # Had it been ours after all, the redelivery would still apply.
    assert status_of(payment) == PaymentStatus.CREATED


def test_an_event_that_overtook_our_commit_is_found_by_reference(make_payment, moves):
    payment = make_payment()
    event = intent_event(
        "payment_intent.succeeded", "pi_fresh", status="succeeded", reference=payment.reference
    )
    assert post(Client(), event, SECRET).content == b"applied"
    assert status_of(payment) == PaymentStatus.SUCCEEDED


def test_a_reference_never_reaches_a_payment_with_another_intent(payment):
    event = intent_event(
        "payment_intent.succeeded", "pi_other", status="succeeded", reference=payment.reference
    )
    assert post(Client(), event, SECRET).content == b"unknown"
    assert status_of(payment) == PaymentStatus.CREATED


def test_an_account_update_makes_an_organisation_ready(organisation):
    ConnectedAccount.objects.create(organisation=organisation, stripe_account_id="acct_1Test")
    event = account_event(
        "acct_1Test",
        charges_enabled=True,
        payouts_enabled=False,
        requirements={"currently_due": ["external_account"], "disabled_reason": None},
    )
    assert post(Client(), event, SECRET).content == b"applied"
    account = ConnectedAccount.objects.get()
    assert (account.charges_enabled, account.payouts_enabled) == (True, False)
    assert account.requirements_currently_due == ["external_account"]
    assert not account.ready
    post(Client(), account_event("acct_1Test", charges_enabled=True, payouts_enabled=True), SECRET)
    account.refresh_from_db()
    assert account.ready and account.requirements_currently_due == []


def test_a_listener_that_fails_rolls_the_payment_back_and_stripe_retries(payment):
    def broken(payment: Payment, previous: str) -> None:
        raise RuntimeError("the booking could not be confirmed")

    register_payment_listener(broken)
    try:
        event = intent_event("payment_intent.succeeded", "pi_test_1", status="succeeded")
        client = Client(raise_request_exception=False)
        assert post(client, event, SECRET).status_code == 500
        assert status_of(payment) == PaymentStatus.CREATED
        assert not WebhookEvent.objects.exists()
    finally:
        unregister_payment_listener(broken)
    assert post(Client(), event, SECRET).content == b"applied"
