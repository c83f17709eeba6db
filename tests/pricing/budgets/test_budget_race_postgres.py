"""On PostgreSQL, two bookings racing for a budget's last pounds: a direct payment with
exactly £50 available, and two sessions of £40 each booked at the same moment through the
site's own booking pages (two signed-in browsers of the family, each in its own thread
with its own database connection). Exactly one is booked; the other is told how much is
left, and the ledger holds one commitment of £40.

Each request locks its own session first (different sessions: they do not wait for each
other there), then the budget, so the second waits on the budget's row and then sees the
first one's commitment.
"""

import datetime as dt
import threading
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from pricing.bookings.models import Booking
from pricing.budgets.enums import EntryKind
from pricing.budgets.figures import figures
from pricing.budgets.models import LedgerEntry
from pricing.budgets.services import LineInput, OutcomeInput, adjust, set_up_budget
from providers.enums import OutcomeGroup
from providers.models import Outcome
from tests.factories import (
    OrganisationIndexPageFactory,
    OrganisationPageFactory,
    ServicePageFactory,
    UserFactory,
    site_tree,
)
from tests.pricing.factories import BookableOfferFactory, ChildFactory, SessionFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite has no row locks; run with DATABASE_URL pointing at PostgreSQL",
    ),
]


def _budget_of_fifty(child):
    """A direct payment for `child` with exactly £50 available."""
    officer = UserFactory(email="finance@northbridge.example")
    area, _ = Outcome.objects.get_or_create(
        slug="friends-relationships-community",
        defaults={
            "name": "Friends, relationships and community",
            "group": OutcomeGroup.PREPARING_FOR_ADULTHOOD,
        },
    )
    today = timezone.localdate()
    budget = set_up_budget(
        council=Site.objects.get(is_default_site=True),
        officer=officer,
        child_name=child.first_name,
        child_date_of_birth=child.date_of_birth,
        starts_on=today - dt.timedelta(days=30),
        ends_on=today + dt.timedelta(days=300),
        outcomes=[OutcomeInput(description="Make friends", area=area, key="make-friends")],
        lines=[LineInput(stream="social_care", held_as="direct_payment", amount=Decimal("1300"))],
        by=officer,
    )
    budget.child = child
    budget.save(update_fields=["child"])
    adjust(
        budget=budget,
        amount=Decimal("50.00"),
        stream="social_care",
        held_as="direct_payment",
        reason="Opening balance",
        by=officer,
    )
    return budget


def _ready_to_confirm(family, child, session) -> tuple[Client, str]:
    """A browser of the family with every question answered, on "Check your answers"."""
    client = Client()
    client.force_login(family)
    service = session.offer.service

    def step(name: str) -> str:
        return reverse(f"checkout:{name}", kwargs={"service": service.pk})

    client.post(step("session"), {"session": session.pk})
    client.post(step("child"), {"child": child.pk})
    client.post(step("places"), {"places": 1})
    client.post(step("budget"), {"budget": "direct_payment"})
    client.post(step("outcome"), {"outcome": "make-friends"})
    client.post(step("method"), {"method": "invoice"})
    client.post(step("address"), {"name": "Sam Parent", "address": "1 Mill Lane\nNB1 4AA"})
    page = client.get(step("check"))
    assert page.status_code == 200, page.content[:500]
    return client, page.context["token"]


def test_two_bookings_racing_for_the_last_fifty_pounds_book_one():
    home = site_tree()
    organisation = OrganisationPageFactory(
        parent=OrganisationIndexPageFactory(parent=home), verified=True
    )
    service = ServicePageFactory(parent=organisation, cost_options__amount=Decimal("40.00"))
    offer = BookableOfferFactory(service=service)
    soon = timezone.now() + dt.timedelta(days=3)
    sessions = [
        SessionFactory(offer=offer, capacity=5, starts_at=soon),
        SessionFactory(offer=offer, capacity=5, starts_at=soon + dt.timedelta(days=7)),
    ]
    family = UserFactory(email="parent@example.org")
    child = ChildFactory(family=family, first_name="Amira")
    budget = _budget_of_fifty(child)
    browsers = [_ready_to_confirm(family, child, session) for session in sessions]
    check_url = reverse("checkout:check", kwargs={"service": service.pk})

    start = threading.Barrier(len(browsers))
    responses: list = []
    lock = threading.Lock()

    def confirm(client: Client, token: str) -> None:
        try:
            start.wait()
            response = client.post(check_url, {"token": token})
        finally:
            connections.close_all()
        with lock:
            responses.append(response)

    threads = [threading.Thread(target=confirm, args=browser) for browser in browsers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    booked = [r for r in responses if r.status_code == 302]
    refused = [r for r in responses if r.status_code == 200]
    assert len(booked) == 1 and len(refused) == 1, [r.status_code for r in responses]
    summary = BeautifulSoup(refused[0].content, "html.parser").select_one(".govuk-error-summary")
    assert summary is not None
    assert "This costs £40 but only £10 of the budget is available now" in summary.get_text()
    assert Booking.objects.count() == 1
    commitments = LedgerEntry.objects.filter(budget=budget, kind=EntryKind.COMMITMENT)
    assert [entry.amount for entry in commitments] == [Decimal("40.00")]
    got = figures(budget, held_as="direct_payment")
    assert (got.committed, got.available) == (Decimal("40.00"), Decimal("10.00"))
