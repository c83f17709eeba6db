"""Webhooks arriving at the same moment on several threads, on PostgreSQL's row locks."""

from __future__ import annotations

import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.test import Client

from pricing.payments.listeners import register_payment_listener, unregister_payment_listener
from pricing.payments.models import Payment, PaymentStatus, WebhookEvent
from tests.pricing.payments.stripe_events import intent_event, post

SECRET = "whsec_test_endpoint_secret"


# Skipped before the database is set up (a mark, not a fixture): a transactional test
# flushes the database when it ends, and serialized_rollback puts back what the
# migrations made, for the transactional tests after it.
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL's row locks and real concurrency (SQLite serialises writes)",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_duplicates_in_random_order_on_eight_threads_confirm_each_payment_once(make_payment):
    payments = [
        make_payment(Decimal("10.00"), stripe_payment_intent_id=f"pi_conc_{n}") for n in range(20)
    ]
    t = int(time.time())
    events = []
    for payment in payments:
        intent = payment.stripe_payment_intent_id
        success = intent_event("payment_intent.succeeded", intent, status="succeeded", created=t)
        events += [success, success, success]  # Stripe redelivers
        events.append(
            intent_event(
                "payment_intent.payment_failed",
                intent,
                status="requires_payment_method",
                error="Declined",
                created=t - 5,
            )
        )
        events.append(
            intent_event(
                "payment_intent.requires_action", intent, status="requires_action", created=t - 9
            )
        )
    random.Random(11).shuffle(events)
    confirmed: list[str] = []
    lock = threading.Lock()

    def listener(payment: Payment, previous: str) -> None:
        if payment.status == PaymentStatus.SUCCEEDED:
            with lock:
                confirmed.append(payment.reference)

    def send(event) -> int:
        try:
            return post(Client(), event, SECRET).status_code
        finally:
            connections.close_all()

    register_payment_listener(listener)
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            codes = list(pool.map(send, events))
    finally:
        unregister_payment_listener(listener)
    assert set(codes) == {200}
    assert sorted(confirmed) == sorted(p.reference for p in payments)
    assert set(Payment.objects.values_list("status", flat=True)) == {PaymentStatus.SUCCEEDED}
    # Every distinct event applied at most once; duplicates were never recorded twice.
    assert WebhookEvent.objects.count() <= len({e["id"] for e in events})
