"""Follow publishing: every change to what is live reaches the search index.

- A service is published (by its provider, by a moderator approving it in a workflow,
  or by a scheduled publish): index it from its live version.
- A service is unpublished (or expires) or deleted: remove it.
- A service is moved to another organisation: index it (its organisation changed).
- An organisation is published (its name may have changed) or moved: re-index its live
  services, which carry its name.
- Staff edit a synonym group: forget the cached groups; the backend applies the new list.
- Django deletes a row of the database backend's index itself (the cascade from a
  deleted service page): its facet counts are subtracted first, in the same transaction
  (search/backends/database/counts.py).

The work is done by background tasks enqueued when the transaction commits (search/tasks.py).
Connected in SearchConfig.ready().
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from providers.models import OrganisationPage, ServicePage
from search.backends.database import counts
from search.models import ServiceIndex, Synonym
from search.synonyms import clear_synonym_cache
from search.tasks import enqueue_index, enqueue_removal, enqueue_synonyms_changed


def service_published(sender, instance, **kwargs) -> None:
    enqueue_index([instance.pk])


def service_unpublished(sender, instance, **kwargs) -> None:
    enqueue_removal([instance.pk])


def service_deleted(sender, instance, **kwargs) -> None:
    # The ServiceIndex row goes with the page (on_delete=CASCADE); this also removes what
    # the database does not cascade (the SQLite FTS row) and an Elasticsearch document.
    enqueue_removal([instance.pk])


def service_moved(sender, instance, **kwargs) -> None:
    enqueue_index([instance.pk])


def organisation_changed(sender, instance, **kwargs) -> None:
    ids = ServicePage.objects.child_of(instance).live().values_list("pk", flat=True)
    enqueue_index(list(ids))


def index_row_deleted(sender, instance, **kwargs) -> None:
    counts.subtract_indexed([instance.pk])


def synonyms_changed(sender, **kwargs) -> None:
    clear_synonym_cache()
    enqueue_synonyms_changed()


def connect() -> None:
    page_published.connect(service_published, sender=ServicePage, dispatch_uid="search-svc-pub")
    page_unpublished.connect(
        service_unpublished, sender=ServicePage, dispatch_uid="search-svc-unpub"
    )
    post_delete.connect(service_deleted, sender=ServicePage, dispatch_uid="search-svc-del")
    post_page_move.connect(service_moved, sender=ServicePage, dispatch_uid="search-svc-move")
    page_published.connect(
        organisation_changed, sender=OrganisationPage, dispatch_uid="search-org-pub"
    )
    post_page_move.connect(
        organisation_changed, sender=OrganisationPage, dispatch_uid="search-org-move"
    )
    pre_delete.connect(index_row_deleted, sender=ServiceIndex, dispatch_uid="search-index-del")
    post_save.connect(synonyms_changed, sender=Synonym, dispatch_uid="search-synonym-save")
    post_delete.connect(synonyms_changed, sender=Synonym, dispatch_uid="search-synonym-del")
