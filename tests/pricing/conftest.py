"""Fixtures for the marketplace: a local Stripe, a recording stand-in for Stripe, payments.

local_stripe        (session) the local Stripe (localstripe) in a subprocess on 127.0.0.1,
                    on a free port, state in memory; started the first time a test asks,
                    once per pytest-xdist worker, stopped at the end of the session
stripe_local        points the site's Stripe client at it (settings.STRIPE_API_BASE)
stripe_recorder     a tiny HTTP server on 127.0.0.1 that records each request and answers
                    with Stripe's documented JSON (for Connect, which localstripe lacks);
                    it stands in for Stripe, not for our code; the site's client points at it
make_payment        make_payment(amount=Decimal("24.00"), method="card") -> a Payment of
                    `organisation` by the family
ready_organisation  `organisation` with a ready (local test) Stripe account

Bookings:

now        a fixed moment (Monday 2 March 2026, 09:00 London) every service is called with
family     a family with a child (`child`); `other_child` belongs to another family
provider   a member of `organisation`, which runs `service`
offer      a sessions offer on `service` (£24 a place, card and invoice, free until 48 h)
session    a session of `offer` in 3 days with 3 places
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest

from pricing.payments.models import ConnectedAccount, Payment
from providers.organisations.access import grant_organisation_access
from tests.factories import UserFactory
from tests.pricing.factories import NOW, BookableOfferFactory, ChildFactory, SessionFactory

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class LocalStripe:
    url: str
    process: subprocess.Popen


@pytest.fixture(scope="session")
def local_stripe() -> Iterator[LocalStripe]:
    process = subprocess.Popen(
        [sys.executable, "-m", "pricing.payments.localstripe_server", "--port", "0", "--quiet"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()  # "localstripe listening on 127.0.0.1:PORT"
    if not line.startswith("localstripe listening on "):
        process.kill()
        pytest.fail(f"The local Stripe did not start: {line!r}")
    address = line.rsplit(" ", 1)[1].strip()
    yield LocalStripe(url=f"http://{address}", process=process)
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def stripe_local(settings, local_stripe: LocalStripe) -> LocalStripe:
    settings.STRIPE_API_BASE = local_stripe.url
    return local_stripe


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    form: dict[str, str]


@dataclass
class StripeRecorder:
    url: str
    requests: list[Recorded] = field(default_factory=list)
    # (method, path) -> (status, JSON body); set by the test before the call.
    answers: dict[tuple[str, str], tuple[int, dict[str, Any]]] = field(default_factory=dict)

    def answer(self, method: str, path: str, body: dict[str, Any], status: int = 200) -> None:
        self.answers[(method, path)] = (status, body)


@pytest.fixture
def stripe_recorder(settings) -> Iterator[StripeRecorder]:
    recorder = StripeRecorder(url="")

    class Handler(BaseHTTPRequestHandler):
        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode() if length else ""
            path = self.path.split("?", 1)[0]
            recorder.requests.append(
                Recorded(
                    method=self.command,
                    path=path,
                    headers={k.lower(): v for k, v in self.headers.items()},
                    form=dict(parse_qsl(body, keep_blank_values=True)),
                )
            )
            status, answer = recorder.answers.get(
                (self.command, path),
                (404, {"error": {"type": "invalid_request_error", "message": "No such path"}}),
            )
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_DELETE = _handle

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    recorder.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.STRIPE_API_BASE = recorder.url
    yield recorder
    server.shutdown()
    server.server_close()


@pytest.fixture
def ready_organisation(organisation):
    ConnectedAccount.objects.create(
        organisation=organisation,
        stripe_account_id=f"acct_local_{organisation.pk}",
        is_local_test=True,
        charges_enabled=True,
        payouts_enabled=True,
        details_submitted=True,
    )
    return organisation


@pytest.fixture
def make_payment(organisation, users_by_role) -> Callable[..., Payment]:
    counter = iter(range(1, 10_000))

    def make(amount: Decimal = Decimal("24.00"), method: str = "card", **fields: Any) -> Payment:
        return Payment.objects.create(
            reference=f"LO-TEST-{next(counter):04d}",
            organisation=organisation,
            payer=users_by_role["family"],
            method=method,
            amount=amount,
            **fields,
        )

    return make


@pytest.fixture
def now():
    return NOW


@pytest.fixture
def family(db):
    return UserFactory(email="parent@example.org")


@pytest.fixture
def child(family):
    return ChildFactory(family=family, first_name="Amira")


@pytest.fixture
def other_child(db):
    return ChildFactory(first_name="Ben")


@pytest.fixture
def provider(organisation):
    user = UserFactory(email="staff@playclub.example.org")
    grant_organisation_access(organisation=organisation, user=user, admin=False)
    return user


@pytest.fixture
def offer(service):
    return BookableOfferFactory(service=service)


@pytest.fixture
def session(offer):
    return SessionFactory(offer=offer, capacity=3)
