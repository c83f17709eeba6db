"""Background tasks that keep the search index in step with publishing.

Run through django-tasks, as Wagtail 8's own tasks are: development and tests use the
immediate backend, which runs them in the request; production queues them in the database
for a `manage.py db_worker` process (`TASKS` in localoffer/settings/). Callers enqueue
with `enqueue_index()` / `enqueue_removal()`, which wait for the surrounding transaction to
commit: a task must never read a page half published or rolled back, and with a worker
it could not see uncommitted rows at all.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django_tasks import task

from search.backends import get_backend


@task()
def index_services(service_ids: list[int]) -> int:
    """(Re)index these services from their live version; unpublished ones are removed."""

    get_backend().index_services(list(service_ids))
    return len(service_ids)


@task()
def remove_services(service_ids: list[int]) -> int:

    get_backend().remove_services(list(service_ids))
    return len(service_ids)


@task()
def apply_synonyms() -> None:
    """Make the backend use the edited synonym list (Elasticsearch rebuilds its index)."""

    get_backend().synonyms_changed()


def enqueue_index(service_ids: Iterable[int]) -> None:
    ids = sorted({int(pk) for pk in service_ids})
    if ids:
        transaction.on_commit(lambda: index_services.enqueue(ids))


def enqueue_removal(service_ids: Iterable[int]) -> None:
    ids = sorted({int(pk) for pk in service_ids})
    if ids:
        transaction.on_commit(lambda: remove_services.enqueue(ids))


def enqueue_synonyms_changed() -> None:
    transaction.on_commit(apply_synonyms.enqueue)
