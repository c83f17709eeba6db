"""The Elasticsearch search backend: the same contract as the database backend.

Searches read the alias `<prefix>-services` (`ELASTICSEARCH_INDEX_PREFIX`, default
"localoffer"), never an index by name, so `rebuild()` can build a complete new index
beside the live one and swap the alias in one atomic request: zero downtime, and a
failed rebuild leaves the live index untouched. While a rebuild runs, the new index also
carries the alias `<prefix>-services-building`, and publishing writes to both, so a
listing published mid-rebuild is not lost when the alias moves.

Settings (read when the backend is made):
    ELASTICSEARCH_URL            "https://user:password@host:9200" (credentials optional)
    ELASTICSEARCH_INDEX_PREFIX   "localoffer"
    ELASTICSEARCH_API_KEY        optional, instead of credentials in the URL
    ELASTICSEARCH_TIMEOUT        seconds per request, default 10
    ELASTICSEARCH_REPLICAS       replicas per index, default 1 (0 on a one-node cluster)
    ELASTICSEARCH_REFRESH        refresh after indexing: "wait_for" (default: a provider
                                 sees their listing in search as soon as it is published),
                                 or "false" to leave it to the refresh interval
    ELASTICSEARCH_COMPAT_HEADERS True (default): the client's versioned media types
                                 (`compatible-with=9`); False sends plain
                                 `application/json`, for OpenSearch-compatible servers
                                 that answer 406 to the versioned ones (transport.py)
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from providers.models import AccessibilityFeature, Category, Need
from search.backends.base import SearchBackend, SearchQuery, SearchResults
from search.backends.database.facets import DELIVERY_LABELS, TIME_LABELS, Catalogue
from search.backends.elasticsearch.documents import load_documents
from search.backends.elasticsearch.mapping import index_body
from search.backends.elasticsearch.queries import (
    ACCESSIBILITY,
    CATEGORIES,
    DELIVERY,
    NEEDS,
    TIMES,
    FacetCatalogue,
    build_search_body,
    parse_response,
)
from search.backends.elasticsearch.transport import PlainJsonNode
from search.indexing import live_service_ids
from search.synonyms import synonym_groups as cached_groups

logger = logging.getLogger(__name__)

BATCH_SIZE = 500

Progress = Callable[[int], object]


# --- names and alias actions (pure) -------------------------------------------------------


def alias_name(prefix: str) -> str:
    return f"{prefix}-services"


def building_alias_name(prefix: str) -> str:
    return f"{prefix}-services-building"


def new_index_name(prefix: str, now: dt.datetime) -> str:
    """A unique, sortable index name: `<prefix>-services-20250106t100000123456`."""
    return f"{alias_name(prefix)}-{now.astimezone(dt.UTC):%Y%m%dt%H%M%S%f}"


def swap_alias_actions(
    *, alias: str, building_alias: str, new_index: str, old_indices: Sequence[str]
) -> dict[str, list[dict[str, dict[str, str]]]]:
    """The `indices.update_aliases` body that makes `new_index` the only index searched.

    Elasticsearch applies all the actions of one request atomically, so searches see the
    old index or the new one, never neither or both. The building alias comes off the new
    index in the same step, so publishing stops writing twice as soon as it is live.
    """
    actions: list[dict[str, dict[str, str]]] = [
        {"remove": {"index": old, "alias": alias}}
        for old in sorted(old_indices)
        if old != new_index
    ]
    actions.append({"add": {"index": new_index, "alias": alias}})
    actions.append({"remove": {"index": new_index, "alias": building_alias}})
    return {"actions": actions}


def bulk_index_actions(index: str, documents: Iterable[dict]) -> Iterator[dict]:
    for document in documents:
        yield {
            "_op_type": "index",
            "_index": index,
            "_id": str(document["service_id"]),
            "_source": document,
        }


def bulk_delete_actions(index: str, service_ids: Iterable[int]) -> Iterator[dict]:
    for service_id in service_ids:
        yield {"_op_type": "delete", "_index": index, "_id": str(service_id)}


def batches(items: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- the backend --------------------------------------------------------------------------


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, *, client: Any = None) -> None:
        self.url: str = getattr(settings, "ELASTICSEARCH_URL", "") or ""
        self.prefix: str = getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", "") or "localoffer"
        self.timeout: float = float(getattr(settings, "ELASTICSEARCH_TIMEOUT", 10))
        self.replicas: int = int(getattr(settings, "ELASTICSEARCH_REPLICAS", 1))
        refresh = str(getattr(settings, "ELASTICSEARCH_REFRESH", "wait_for"))
        self.refresh: str | bool = False if refresh.lower() == "false" else refresh
        self.compat_headers: bool = flag(getattr(settings, "ELASTICSEARCH_COMPAT_HEADERS", True))
        self.alias = alias_name(self.prefix)
        self.building_alias = building_alias_name(self.prefix)
        # Made on first use, so constructing the backend (as get_backend() does at
        # import time of a view) never opens a connection.
        self._client = client

    @property
    def client(self) -> Any:
        if self._client is None:
            if not self.url:
                raise ImproperlyConfigured("ELASTICSEARCH_URL is not set")
            from elasticsearch import Elasticsearch

            options: dict[str, Any] = {
                "request_timeout": self.timeout,
                "retry_on_timeout": True,
                "max_retries": 2,
            }
            api_key = getattr(settings, "ELASTICSEARCH_API_KEY", "")
            if api_key:
                options["api_key"] = api_key
            if not self.compat_headers:
                options["node_class"] = PlainJsonNode
            self._client = Elasticsearch(self.url, **options)
        return self._client

    # -- searching --

    def search(self, query: SearchQuery) -> SearchResults:
        from elasticsearch import NotFoundError

        body = build_search_body(query)
        try:
            response = self.client.search(index=self.alias, body=body)
        except NotFoundError:
            # No index yet (a new install before `rebuild_search_index`): nothing is
            # indexed, which is an empty result, not a server error for the family.
            logger.error("Search index %s is missing: run rebuild_search_index", self.alias)
            return parse_response({}, query, catalogue=facet_catalogue())
        return parse_response(_as_dict(response), query, catalogue=facet_catalogue())

    # -- indexing --

    def index_services(self, service_ids: list[int]) -> None:
        """(Re)index these services; ones no longer live and public are deleted."""
        from elasticsearch.helpers import bulk

        ids = sorted(set(service_ids))
        if not ids:
            return
        targets = self._write_targets()
        for batch in batches(ids, BATCH_SIZE):
            documents, gone = load_documents(batch)
            actions: list[dict] = []
            for index in targets:
                actions.extend(bulk_index_actions(index, documents))
                actions.extend(bulk_delete_actions(index, sorted(gone)))
            # A delete of a service that was never indexed answers 404: that is fine.
            bulk(self.client, actions, refresh=self.refresh, ignore_status=(404,))

    def remove_services(self, service_ids: list[int]) -> None:
        from elasticsearch.helpers import bulk

        ids = sorted(set(service_ids))
        if not ids:
            return
        actions = [
            action
            for index in self._write_targets(create=False)
            for action in bulk_delete_actions(index, ids)
        ]
        if actions:
            bulk(self.client, actions, refresh=self.refresh, ignore_status=(404,))

    def rebuild(self, *, progress: Progress | None = None) -> int:
        """Build a new index from every live service, then swap the alias to it.

        `progress(n)` is called after each batch with the number just indexed (the
        management command passes its progress bar's `update`). The new index is built
        with refreshing switched off and refreshed once at the end, several times faster.
        """
        from elasticsearch.helpers import bulk

        # An index still marked as building is left from a rebuild that died (killed,
        # out of memory): drop it, or publishing would go on writing to it. One rebuild
        # at a time, as `rebuild_search_index` is run.
        for stale in self._indices_behind(self.building_alias):
            self.client.indices.delete(index=stale, ignore_unavailable=True)
        new_index = new_index_name(self.prefix, timezone.now())
        body = index_body(synonym_groups(), replicas=self.replicas)
        body.setdefault("settings", {})["refresh_interval"] = "-1"
        body["aliases"] = {self.building_alias: {}}
        self.client.indices.create(index=new_index, body=body)
        indexed = 0
        try:
            ids = live_service_ids()
            for batch in batches(ids, BATCH_SIZE):
                documents, _ = load_documents(batch)
                bulk(self.client, bulk_index_actions(new_index, documents))
                indexed += len(documents)
                if progress is not None:
                    progress(len(batch))
            self.client.indices.put_settings(
                index=new_index, settings={"index": {"refresh_interval": None}}
            )
            self.client.indices.refresh(index=new_index)
            old_indices = self._indices_behind(self.alias)
            self.client.indices.update_aliases(
                body=swap_alias_actions(
                    alias=self.alias,
                    building_alias=self.building_alias,
                    new_index=new_index,
                    old_indices=old_indices,
                )
            )
        except BaseException:
            # Leave the live index as it was and drop the half-built one.
            self.client.indices.delete(index=new_index, ignore_unavailable=True)
            raise
        for old in old_indices:
            if old != new_index:
                self.client.indices.delete(index=old, ignore_unavailable=True)
        return indexed

    def synonyms_changed(self) -> None:
        """Staff edited the synonym list: build a new index that carries it.

        Synonyms are part of the index settings (mapping.py), so a new list needs a new
        index; `rebuild()` makes one beside the live index and swaps it in, so searches
        keep working throughout. Meant to run as a background task after a `Synonym`
        is saved or deleted (docs/search-elasticsearch.md).
        """
        self.rebuild()

    # -- helpers --

    def _indices_behind(self, alias: str) -> list[str]:
        from elasticsearch import NotFoundError

        try:
            return sorted(_as_dict(self.client.indices.get_alias(name=alias)).keys())
        except NotFoundError:
            return []

    def _write_targets(self, *, create: bool = True) -> list[str]:
        """The live index and any index being built; creates the first index if none."""
        targets = self._indices_behind(self.alias)
        if not targets and create:
            targets = [self._create_first_index()]
        building = self._indices_behind(self.building_alias)
        return sorted(set(targets) | set(building))

    def _create_first_index(self) -> str:
        """An empty live index, so publishing before the first rebuild still indexes."""
        from elasticsearch import BadRequestError

        index = new_index_name(self.prefix, timezone.now())
        body = index_body(synonym_groups(), replicas=self.replicas)
        body["aliases"] = {self.alias: {}}
        try:
            self.client.indices.create(index=index, body=body)
        except BadRequestError:
            # Another process made it first (resource_already_exists or alias clash).
            existing = self._indices_behind(self.alias)
            if not existing:
                raise
            return existing[0]
        return index


# --- reads the backend needs from the database --------------------------------------------


def synonym_groups() -> list[tuple[str, ...]]:

    return list(cached_groups())


def facet_catalogue() -> FacetCatalogue:
    """Every option of every terms facet as (value, label), in the order and with the
    labels the database backend shows, so a page looks the same on either backend."""

    catalogue = Catalogue.build(
        Category.objects.values_list("pk", "slug", "name", "parent_id", "sort_order"),
        Need.objects.order_by("name").values_list("pk", "slug", "name"),
        AccessibilityFeature.objects.order_by("name").values_list("pk", "slug", "name"),
    )
    return {
        CATEGORIES: [(slug, name) for _, slug, name, _ in catalogue.categories],
        NEEDS: [(slug, name) for _, slug, name in catalogue.needs],
        ACCESSIBILITY: [(slug, name) for _, slug, name in catalogue.accessibility],
        DELIVERY: [(str(value), label) for value, label in DELIVERY_LABELS.items()],
        TIMES: [(str(value), label) for value, label in TIME_LABELS.items()],
    }


def flag(value: object) -> bool:
    """A yes/no setting given as a bool or as text from the environment ("0", "false")."""
    if isinstance(value, str):
        return value.strip().lower() not in {"", "0", "false", "no", "off"}
    return bool(value)


def _as_dict(response: Any) -> dict:
    """The client returns ObjectApiResponse; its `.body` is the plain dict."""
    return response.body if hasattr(response, "body") else dict(response)
