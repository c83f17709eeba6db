# ruff: noqa: F811  (the fixtures imported from panel_setup are the arguments of the tests)
"""On PostgreSQL, two panel members decide the same stream at the same moment, each in
its own thread with its own database connection: one decision is recorded, the other is
told it has already been decided. Each locks the assessment's row first, so the second
waits, then sees the first one's decision."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections

from localoffer.core.roles import PANEL_MEMBERS
from pricing.allocation.models import StreamDecision
from pricing.allocation.services.common import AllocationError
from pricing.allocation.services.panel import decide_stream
from tests.factories import UserFactory, site_roles
from tests.pricing.allocation.panel_setup import (
    case,  # noqa: F401 (fixture)
    officer,  # noqa: F401 (fixture)
    seat,
)

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite has no row locks; run with DATABASE_URL pointing at PostgreSQL",
    ),
]


def test_two_members_deciding_one_stream_at_once_make_one_decision(case, panel_member, council):
    other = UserFactory(email="chair@northbridge.example", groups=[site_roles()[PANEL_MEMBERS]])
    for user in (panel_member, other):
        seat(user, council, "social_care", "10000")
    start = threading.Barrier(2)
    outcomes: list[str] = []
    lock = threading.Lock()

    def decide(user, amount: str) -> None:
        try:
            start.wait()
            decide_stream(
                case,
                stream="social_care",
                final_amount=Decimal(amount),
                held_as="direct_payment",
                third_party_name="",
                reason="Panel view",
                by=user,
            )
            result = "decided"
        except AllocationError as error:
            result = str(error)
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [
        threading.Thread(target=decide, args=(panel_member, "3000")),
        threading.Thread(target=decide, args=(other, "3500")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["Social care has already been decided.", "decided"], outcomes
    assert StreamDecision.objects.filter(assessment=case, stream="social_care").count() == 1
