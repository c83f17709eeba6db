"""Background work of moderation, run through django-tasks (see search/tasks.py).

Opening a cycle asks every member of every organisation to confirm their listings: one
email per person, hundreds of them. It runs as a task, enqueued once the opening
commits, so the moderator's click (or the daily job) does not wait for the mail-out and a
worker never reads a cycle that is not open yet. Tests and development use the
immediate backend, which runs it at once.
"""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from providers.moderation.freshness.services import request_confirmations
from providers.moderation.models import SubmissionCycle


@task()
def request_confirmations_task(cycle_id: int) -> int:
    """Ask providers to confirm their listings in this cycle; returns the emails sent."""
    cycle = SubmissionCycle.objects.filter(pk=cycle_id).first()
    if cycle is None:
        return 0
    return request_confirmations(cycle=cycle)


def enqueue_confirmation_requests(cycle: SubmissionCycle) -> None:
    cycle_id = cycle.pk
    transaction.on_commit(lambda: request_confirmations_task.enqueue(cycle_id))
