"""Two moderators planning overlapping cycles at the same moment make one cycle.

Real threads, each with its own database connection, through the real view: on
PostgreSQL the planning lock serialises them. A module of its own, because it needs real
transactions (tests/conftest.py keeps transactional tests apart from the others).
"""

import datetime as dt
import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from providers.moderation.models import SubmissionCycle


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL's row locks and real concurrency"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_moderators_planning_overlapping_cycles_at_once_make_one(users_by_role):
    moderators = [users_by_role["moderator"], users_by_role["superuser"]]
    opens_on = dt.date.today() + dt.timedelta(days=30)
    start = threading.Barrier(len(moderators))
    outcomes: list[str] = []

    def plan(user) -> None:
        try:
            start.wait()
            client = Client()
            client.force_login(user)
            response = client.post(
                reverse("moderation_cycles:add"),
                {
                    "name": f"Spring by {user.email}",
                    "opens_on": opens_on.isoformat(),
                    "deadline": (opens_on + dt.timedelta(days=27)).isoformat(),
                    "review_by": (opens_on + dt.timedelta(days=48)).isoformat(),
                },
            )
            outcomes.append("saved" if response.status_code == 302 else "refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=plan, args=(user,)) for user in moderators]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["refused", "saved"]
    assert SubmissionCycle.objects.count() == 1
