"""Bookings under load, on PostgreSQL: many families asking for the same places at once.

    DATABASE_URL=postgres://postgres@127.0.0.1:54329/lo_bench .venv/bin/python bench/bookings.py
    ... bench/bookings.py --attempts 200 --capacity 20

A new database "<name>_bookings_bench" is made beside DATABASE_URL's and dropped at the
end (the developer's own database is never touched); `migrate` builds it. Then:

1. capacity: a session of --capacity places and --attempts families, each in its own
   thread with its own database connection, released together by a barrier, each calling
   `hold_places` once (at most --connections connections open at once, 80 by default,
   below PostgreSQL's default max_connections of 100). Prints how many were booked (must
   equal the capacity), bookings per second over the whole run, p50/p95 latency of one
   attempt;
2. webhooks: --events signed Stripe events for card bookings' payments (each success
   three times, a stale failure and a 3-D Secure step, shuffled) POSTed to the real
   webhook view from --threads threads; prints events per second, p50/p95 and double
   confirmations of bookings (must be 0).

Nothing is asserted; figures are printed. Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.figures import percentile  # noqa: E402 (after the path is set)

SUFFIX = "_bookings_bench"


def bench_database_url(url: str) -> tuple[str, str, str]:
    """(bench URL, bench database name, maintenance URL) next to DATABASE_URL's database."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/") + SUFFIX
    bench = urlunsplit(parts._replace(path="/" + name))
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    return bench, name, maintenance


def recreate(maintenance_url: str, name: str, *, drop_only: bool = False) -> None:
    import psycopg

    with psycopg.connect(maintenance_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "localoffer.settings.test"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


# --- 1. capacity ---------------------------------------------------------------------------


def capacity(attempts: int, places: int, connections_at_once: int) -> None:
    from django.db import connections
    from django.utils import timezone

    from pricing.bookings.models import Booking
    from pricing.bookings.services import BookingError, hold_places
    from pricing.payments.models import PaymentMethod
    from tests.factories import (
        OrganisationIndexPageFactory,
        OrganisationPageFactory,
        ServicePageFactory,
        UserFactory,
        site_tree,
    )
    from tests.pricing.factories import BookableOfferFactory, ChildFactory, SessionFactory

    now = timezone.now()
    organisation = OrganisationPageFactory(
        parent=OrganisationIndexPageFactory(parent=site_tree()), verified=True
    )
    offer = BookableOfferFactory(service=ServicePageFactory(parent=organisation))
    session = SessionFactory(
        offer=offer,
        capacity=places,
        starts_at=now + dt.timedelta(days=3),
        ends_at=now + dt.timedelta(days=3, hours=2),
    )
    children = [
        ChildFactory(family=UserFactory(email=f"bench{n}@example.org")) for n in range(attempts)
    ]
    barrier = threading.Barrier(attempts + 1)
    # PostgreSQL refuses connections beyond max_connections (100 by default, a few taken
    # by the server itself): all threads start together, at most this many hold one.
    gate = threading.BoundedSemaphore(connections_at_once)
    latencies: list[float] = []
    booked = full = errors = 0
    lock = threading.Lock()

    def attempt(child) -> None:
        nonlocal booked, full, errors
        barrier.wait()
        started = time.perf_counter()
        gate.acquire()
        try:
            hold_places(
                family=child.family,
                child=child,
                session=session,
                places=1,
                method=PaymentMethod.INVOICE,
                now=timezone.now(),
            )
            outcome = "booked"
        except BookingError:
            outcome = "full"
        except Exception:  # noqa: BLE001 - counted and printed, the bench goes on
            outcome = "error"
        finally:
            connections.close_all()
            gate.release()
        elapsed = time.perf_counter() - started
        with lock:
            latencies.append(elapsed)
            booked += outcome == "booked"
            full += outcome == "full"
            errors += outcome == "error"

    threads = [threading.Thread(target=attempt, args=(c,)) for c in children]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    in_db = Booking.objects.filter(session=session).count()
    print(
        f"capacity: {attempts} concurrent attempts on a {places}-place session "
        f"(threads, own connections, at most {connections_at_once} open at once)"
    )
    print(f"  booked:            {booked} (rows in the database: {in_db}; must be {places})")
    print(f"  refused as full:   {full}")
    print(f"  errors:            {errors}")
    print(f"  wall time:         {wall:.2f} s")
    print(f"  attempts/second:   {attempts / wall:.1f}")
    print(f"  bookings/second:   {booked / wall:.1f}")
    print(f"  latency p50:       {percentile(latencies, 0.50) * 1000:.1f} ms")
    print(f"  latency p95:       {percentile(latencies, 0.95) * 1000:.1f} ms")
    print(f"  latency mean:      {statistics.fmean(latencies) * 1000:.1f} ms")


# --- 2. webhooks ---------------------------------------------------------------------------


def webhooks(events: int, threads: int) -> None:
    """Card bookings held, then Stripe's events for their payments replayed through the
    real webhook view (bench/webhooks.py: duplicates, stale failures, random order)."""
    from django.conf import settings
    from django.utils import timezone
    from wagtail.models import ModelLogEntry

    from bench.webhooks import SECRET, make_events, replay
    from pricing.bookings.enums import BookingStatus
    from pricing.bookings.models import Booking
    from pricing.bookings.services import hold_places
    from pricing.payments.models import Payment, PaymentMethod
    from providers.models import OrganisationIndexPage
    from tests.factories import OrganisationPageFactory, ServicePageFactory, UserFactory
    from tests.pricing.factories import BookableOfferFactory, ChildFactory, SessionFactory

    settings.STRIPE_WEBHOOK_SECRET = SECRET
    settings.ALLOWED_HOSTS = ["testserver"]
    count = max(events // 5, 1)  # five events per payment, as make_events writes them
    now = timezone.now()
    index = OrganisationIndexPage.objects.get()  # made by the capacity section
    organisation = OrganisationPageFactory(parent=index, verified=True)
    offer = BookableOfferFactory(service=ServicePageFactory(parent=organisation))
    session = SessionFactory(
        offer=offer,
        capacity=count,
        starts_at=now + dt.timedelta(days=3),
        ends_at=now + dt.timedelta(days=3, hours=2),
    )
    intents = []
    for n in range(count):
        child = ChildFactory(family=UserFactory(email=f"paying{n}@example.org"))
        booking = hold_places(
            family=child.family,
            child=child,
            session=session,
            places=1,
            method=PaymentMethod.CARD,
            now=now,
            card_ready=True,
        )
        intent = f"pi_bookings_bench_{n:05d}"
        Payment.objects.filter(pk=booking.payment_id).update(stripe_payment_intent_id=intent)
        intents.append(intent)
    figures = replay(make_events(intents, events), threads=threads, secret=SECRET)
    bookings = Booking.objects.filter(session=session)
    confirmations = ModelLogEntry.objects.filter(
        action="pricing.booking_confirmed",
        object_id__in=[str(pk) for pk in bookings.values_list("pk", flat=True)],
    )
    per_booking = confirmations.values_list("object_id", flat=True)
    doubles = len(per_booking) - len(set(per_booking))
    print(f"webhooks: {figures['events']} events for {count} card bookings, {threads} threads")
    print(f"  events/s:          {figures['per_second']:.0f}")
    print(f"  latency p50/p95:   {figures['p50_ms']:.1f} ms / {figures['p95_ms']:.1f} ms")
    print(f"  HTTP statuses:     {dict(figures['statuses'])}")
    print(
        f"  bookings confirmed {bookings.filter(status=BookingStatus.CONFIRMED).count()} of {count}"
    )
    print(
        f"  double confirmations: {doubles} of bookings, "
        f"{figures['double_confirmations']} of payments (must be 0)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=200)
    parser.add_argument("--capacity", type=int, default=20)
    parser.add_argument(
        "--connections", type=int, default=80, help="database connections open at once"
    )
    parser.add_argument("--events", type=int, default=1000, help="webhook events to replay")
    parser.add_argument("--threads", type=int, default=8, help="threads replaying them")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database: row locks need PostgreSQL.")
    bench_url, name, maintenance = bench_database_url(url)
    recreate(maintenance, name)
    try:
        setup_django(bench_url)
        capacity(args.attempts, args.capacity, args.connections)
        webhooks(args.events, args.threads)
    finally:
        from django.db import connections

        connections.close_all()
        recreate(maintenance, name, drop_only=True)


if __name__ == "__main__":
    main()
