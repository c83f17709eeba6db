"""Reindexing after a synonym edit is background work: queued, not run in the admin request.

Production queues tasks in the database for `manage.py db_worker` (tests/localoffer/
test_settings.py checks that setting); here a recording backend stands in for the queue.
"""

import pytest
from django_tasks import task_backends
from django_tasks.base import TaskResultStatus

from search.models import Synonym
from search.tasks import apply_synonyms

RECORDING_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def queue(settings):
    settings.TASKS = RECORDING_TASKS
    backend = task_backends["default"]
    yield backend
    backend.clear()


@pytest.mark.django_db
@pytest.mark.parametrize("edit", ["save", "delete"])
def test_editing_a_synonym_queues_the_reindex_once_the_edit_commits(
    queue, edit, django_capture_on_commit_callbacks
):
    group = Synonym.objects.get(terms__startswith="autism")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        if edit == "save":
            group.terms += ", autistic children"
            group.save()
        else:
            group.delete()
        assert queue.results == []  # nothing is queued before the commit
    for callback in callbacks:
        callback()
    [queued] = queue.results
    assert queued.task.func is apply_synonyms.func
    assert queued.status == TaskResultStatus.READY  # waiting for the worker, not run here
