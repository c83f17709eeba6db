"""Stripe webhooks replayed with duplicates, in random order, on several threads.

    DATABASE_URL=postgres://postgres@127.0.0.1:54329/lo_bench .venv/bin/python bench/webhooks.py
    ... bench/webhooks.py --events 1000 --threads 8 --payments 200

A new database "<name>_webhooks_bench" beside DATABASE_URL's (dropped afterwards),
`migrate`, one organisation, --payments card payments each with its PaymentIntent id.
Then --events signed Stripe events (a success delivered three times, a failure and a
bank check from before it, per payment, and so on until the count is reached) are
shuffled and POSTed to /payments/stripe/webhook/ with Django's test client from
--threads threads: the real view, signature check, row locks and event records.

Prints events per second, p50/p95 latency, the outcomes, and double confirmations: how
many times a payment already announced as paid was announced again (must be 0).
`replay(...)` is importable (bench/bookings.py) once Django is set up on the database.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.demo_site import bench_database  # noqa: E402

SECRET = "whsec_bench_endpoint_secret"  # noqa: S105


def make_events(intent_ids: list[str], count: int, seed: int = 7) -> list[dict[str, Any]]:
    """`count` events over the intents: duplicates and out-of-date ones included."""
    from tests.pricing.payments.stripe_events import intent_event

    now = int(time.time())
    events: list[dict[str, Any]] = []
    for intent in intent_ids:
        success = intent_event("payment_intent.succeeded", intent, status="succeeded", created=now)
        events += [success, success, success]
        events.append(
            intent_event(
                "payment_intent.payment_failed",
                intent,
                status="requires_payment_method",
                error="Your card was declined.",
                created=now - 5,
            )
        )
        events.append(
            intent_event(
                "payment_intent.requires_action", intent, status="requires_action", created=now - 9
            )
        )
    rng = random.Random(seed)
    while len(events) < count:
        events.append(rng.choice(events))
    events = events[:count]
    rng.shuffle(events)
    return events


def replay(events: list[dict[str, Any]], *, threads: int, secret: str) -> dict[str, Any]:
    """POST the events from `threads` threads; figures and double confirmations."""
    from django.db import connections
    from django.test import Client

    from pricing.payments.listeners import (
        register_payment_listener,
        unregister_payment_listener,
    )
    from pricing.payments.models import PaymentStatus
    from tests.pricing.payments.stripe_events import post

    confirmed: Counter[str] = Counter()
    lock = threading.Lock()

    def listener(payment: Any, previous: str) -> None:
        if payment.status == PaymentStatus.SUCCEEDED:
            with lock:
                confirmed[payment.reference] += 1

    local = threading.local()

    def send(event: dict[str, Any]) -> tuple[float, int, str]:
        client = getattr(local, "client", None) or Client()
        local.client = client
        started = time.perf_counter()
        response = post(client, event, secret)
        return time.perf_counter() - started, response.status_code, response.content.decode()

    register_payment_listener(listener)
    started = time.perf_counter()
    try:
        with ThreadPoolExecutor(max_workers=threads) as pool:
            results = list(pool.map(send, events))
    finally:
        unregister_payment_listener(listener)
        connections.close_all()
    elapsed = time.perf_counter() - started
    latencies = sorted(r[0] for r in results)
    return {
        "events": len(events),
        "seconds": elapsed,
        "per_second": len(events) / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[int(len(latencies) * 0.95) - 1] * 1000,
        "statuses": Counter(r[1] for r in results),
        "outcomes": Counter(r[2] for r in results),
        "confirmed": len(confirmed),
        "double_confirmations": sum(n - 1 for n in confirmed.values()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--payments", type=int, default=200)
    args = parser.parse_args()
    with bench_database("postgresql", suffix="webhooks_bench") as url:
        os.environ["DATABASE_URL"] = url
        os.environ["DJANGO_SETTINGS_MODULE"] = "localoffer.settings.test"
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command

        settings.STRIPE_WEBHOOK_SECRET = SECRET
        settings.ALLOWED_HOSTS = ["testserver"]
        call_command("migrate", verbosity=0)
        from pricing.payments.models import Payment, PaymentStatus
        from tests.factories import (
            OrganisationIndexPageFactory,
            OrganisationPageFactory,
            UserFactory,
            site_tree,
        )

        index = OrganisationIndexPageFactory(parent=site_tree())
        organisation = OrganisationPageFactory(parent=index, title="Bench club", verified=True)
        family = UserFactory(email="family@bench.example")
        intents = [f"pi_bench_{n:05d}" for n in range(args.payments)]
        Payment.objects.bulk_create(
            Payment(
                reference=f"BENCH-{n:05d}",
                organisation=organisation,
                payer=family,
                method="card",
                amount=Decimal("12.50"),
                stripe_payment_intent_id=intent,
            )
            for n, intent in enumerate(intents)
        )
        figures = replay(make_events(intents, args.events), threads=args.threads, secret=SECRET)
        paid = Payment.objects.filter(status=PaymentStatus.SUCCEEDED).count()
        from django.db import connections

        connections.close_all()
    print(f"webhooks on PostgreSQL: {figures['events']} events, {args.threads} threads")
    print(f"  events/s            {figures['per_second']:.0f}")
    print(f"  p50 / p95           {figures['p50_ms']:.1f} ms / {figures['p95_ms']:.1f} ms")
    print(f"  HTTP statuses       {dict(figures['statuses'])}")
    print(f"  outcomes            {dict(figures['outcomes'])}")
    print(f"  payments paid       {paid} of {args.payments}")
    print(f"  double confirmations {figures['double_confirmations']} (must be 0)")


if __name__ == "__main__":
    main()
