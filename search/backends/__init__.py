"""Choose the directory search backend from settings, once per process."""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from search.backends.base import SearchBackend


@cache
def get_backend() -> SearchBackend:
    """The configured backend: `SEARCH_BACKEND` if set, else Elasticsearch when
    `ELASTICSEARCH_URL` is set, else the database backend."""
    path = getattr(settings, "SEARCH_BACKEND", "") or (
        "search.backends.elasticsearch.ElasticsearchBackend"
        if settings.ELASTICSEARCH_URL
        else "search.backends.database.DatabaseBackend"
    )
    return import_string(path)()
