"""Background tasks that keep the provision map in step with publishing.

As search's (search/tasks.py): run through django-tasks, enqueued only once the
surrounding transaction commits, so a task never reads a listing half published or
rolled back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import transaction
from django_tasks import task


@task()
def refresh_provision_services(service_ids: list[int]) -> int:
    from pricing.provision.services import refresh_services  # noqa: PLC0415

    return refresh_services(service_ids)


@task()
def refresh_provision_types(pairs: list[list[object]]) -> int:
    from pricing.provision.services import refresh_types  # noqa: PLC0415

    return refresh_types(pairs)


def enqueue_refresh(service_ids: Iterable[int]) -> None:
    ids = sorted({int(pk) for pk in service_ids})
    if ids:
        transaction.on_commit(lambda: refresh_provision_services.enqueue(ids))


def enqueue_types(pairs: Iterable[Sequence[object]]) -> None:
    wanted = sorted({(int(str(pair[0])), str(pair[1])) for pair in pairs})
    if wanted:
        transaction.on_commit(
            lambda: refresh_provision_types.enqueue([[category, unit] for category, unit in wanted])
        )
