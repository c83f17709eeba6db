"""Writing the database backend's index: rows, links, locations, text and vocabulary.

`index_services()` and `remove_services()` keep the index in step with publishing (called
by the tasks in search/tasks.py); `rebuild()` replaces it whole (rebuild_search_index).
Every write goes through `delete_rows()` and `store()`, so the ServiceIndex rows (with
their facet keys), their many-to-many links and locations, the engine's searchable text
(SQLite FTS5 row or PostgreSQL vector), the kept facet counts and the typo vocabulary
never disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from django.db import connection, transaction

from search.backends.database import counts as facet_counts
from search.backends.database import vocabulary
from search.backends.database.engines import engine
from search.indexing import (
    BATCH_SIZE,
    ServiceDocument,
    batched,
    build_documents,
    documents_for,
    live_service_ids,
)
from search.models import ServiceIndex, ServiceIndexLocation

CategoryLink = ServiceIndex.categories.through
NeedLink = ServiceIndex.needs.through
AccessibilityLink = ServiceIndex.accessibility.through

# The columns of search_serviceindex that store() writes, in its rows' order.
INDEX_COLUMNS = (
    "service_id",
    "title",
    "organisation_name",
    "summary",
    "body",
    "min_age_months",
    "max_age_months",
    "is_free",
    "min_price",
    "direct_payment",
    "in_person",
    "online",
    "home_visit",
    "after_school",
    "weekends",
    "holidays",
    "last_reviewed",
    "modified",
    "facet_keys",
)


def index_services(service_ids: list[int]) -> None:
    """Re-index these services from their live version; drop any no longer published.

    Batches of BATCH_SIZE: a dozen queries per batch however many services, each
    batch in its own transaction so readers never see a service half written.
    """
    ids = sorted({int(pk) for pk in service_ids})
    for batch in batched(ids):
        documents, gone = documents_for(batch)
        with transaction.atomic():
            removed = delete_rows(batch, count=False)
            store(documents, removed=removed)
    vocabulary.clear_cache()


def remove_services(service_ids: list[int]) -> None:
    ids = sorted({int(pk) for pk in service_ids})
    for batch in batched(ids):
        with transaction.atomic():
            delete_rows(batch)


def rebuild(*, progress: Callable[[int], object] | None = None) -> int:
    """Empty the index and index every published service, in one transaction.

    On PostgreSQL readers keep seeing the old index until the new one commits. Rows
    go in with executemany in batches of BATCH_SIZE (the FTS5 rows too);
    on PostgreSQL the vectors are computed by one UPDATE per batch.
    """
    ids = live_service_ids()
    counts: Counter[str] = Counter()
    with transaction.atomic():
        delete_rows(None)
        for batch in batched(ids, BATCH_SIZE):
            documents = build_documents(batch)
            store(documents, counts=counts)
            if progress is not None:
                progress(len(batch))
        vocabulary.replace_all(counts)
    return ServiceIndex.objects.count()


def delete_rows(
    ids: Sequence[int] | None, *, count: bool = True
) -> list[facet_counts.Contribution]:
    """Remove index rows (all when `ids` is None), their links, locations and text, and
    subtract exactly the rows deleted from the facet counts (counts.py), unless `count`
    is False: then the caller passes what is returned to store(), which applies it with
    what it adds in one statement."""
    db = engine()
    if ids is None:
        with connection.cursor() as cursor:
            for model in (CategoryLink, NeedLink, AccessibilityLink, ServiceIndexLocation):
                cursor.execute(f"DELETE FROM {model._meta.db_table}")  # noqa: S608
            cursor.execute(f"DELETE FROM {ServiceIndex._meta.db_table}")  # noqa: S608
        db.delete_text(None)
        facet_counts.clear()
        return []
    if not ids:
        return []
    # Plain DELETEs, dependents first: Django's delete() would first SELECT the rows
    # to collect their cascades, which are these very tables. RETURNING says what this
    # transaction removed (not what it read before another one removed it).
    placeholders = ", ".join(["%s"] * len(ids))
    links: dict[str, list[tuple[int, int]]] = {}
    with connection.cursor() as cursor:
        for facet, model, column in facet_counts.LINKS:
            cursor.execute(
                f"DELETE FROM {model._meta.db_table} "  # noqa: S608
                f"WHERE serviceindex_id IN ({placeholders}) RETURNING serviceindex_id, {column}",
                list(ids),
            )
            links[facet] = cursor.fetchall()
        cursor.execute(
            f"DELETE FROM {ServiceIndexLocation._meta.db_table} "  # noqa: S608
            f"WHERE service_index_id IN ({placeholders})",
            list(ids),
        )
        cursor.execute(
            f"DELETE FROM {ServiceIndex._meta.db_table} "  # noqa: S608
            f"WHERE service_id IN ({placeholders}) "
            f"RETURNING service_id, {', '.join(facet_counts.FLAG_FIELDS)}",
            list(ids),
        )
        rows = cursor.fetchall()
    db.delete_text(ids)
    removed = facet_counts.contributions(rows, links)
    if count:
        facet_counts.apply(removed=removed)
    return removed


def store(
    documents: Sequence[ServiceDocument],
    *,
    counts: Counter | None = None,
    removed: Sequence[facet_counts.Contribution] = (),
) -> None:
    """Insert rows for documents whose old rows are already gone (`removed`: what their
    deletion takes from the facet counts, applied here with what they add).

    executemany of plain INSERTs rather than bulk_create: at a thousand services a
    batch, building model instances and compiling bulk_create's SQL (which SQLite
    splits into many statements of 999 parameters) took longer than the writes.
    Values are adapted by the connection's own rules (datetimes, dates, decimals),
    exactly as the ORM would store them.
    """
    if not documents:
        facet_counts.apply(removed=removed)
        return
    added = [
        facet_counts.Contribution(
            [getattr(d, name) for name in facet_counts.FLAG_FIELDS],
            list(d.category_ids),
            list(d.need_ids),
            list(d.accessibility_ids),
        )
        for d in documents
    ]
    ops = connection.ops
    rows = [
        (
            d.service_id,
            d.title,
            d.organisation_name,
            d.summary,
            d.body,
            d.min_age_months,
            d.max_age_months,
            d.is_free,
            ops.adapt_decimalfield_value(d.min_price, 12, 2),
            d.direct_payment,
            d.in_person,
            d.online,
            d.home_visit,
            d.after_school,
            d.weekends,
            d.holidays,
            ops.adapt_datefield_value(d.last_reviewed),
            ops.adapt_datetimefield_value(d.modified),
            facet_counts.key_text(contribution),
        )
        for d, contribution in zip(documents, added, strict=True)
    ]
    with connection.cursor() as cursor:
        _insert(cursor, ServiceIndex._meta.db_table, INDEX_COLUMNS, rows)
        for model, column, attribute in (
            (CategoryLink, "category_id", "category_ids"),
            (NeedLink, "need_id", "need_ids"),
            (AccessibilityLink, "accessibilityfeature_id", "accessibility_ids"),
        ):
            _insert(
                cursor,
                model._meta.db_table,
                ("serviceindex_id", column),
                [(d.service_id, pk) for d in documents for pk in getattr(d, attribute)],
            )
        _insert(
            cursor,
            ServiceIndexLocation._meta.db_table,
            ("service_index_id", "latitude", "longitude"),
            [(d.service_id, lat, lon) for d in documents for lat, lon in d.locations],
        )
    engine().store_text(documents)
    facet_counts.apply(added=added, removed=removed)
    new_words: Counter[str] = Counter()
    for d in documents:
        new_words.update(vocabulary.document_words(d.title, d.summary, d.body))
    if counts is not None:
        counts.update(new_words)
    else:
        vocabulary.add(new_words)


def _insert(cursor, table: str, columns: Sequence[str], rows: list[tuple]) -> None:
    if rows:
        placeholders = ", ".join(["%s"] * len(columns))
        cursor.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})",  # noqa: S608
            rows,
        )
