"""The parts of the database backend that differ between SQLite and PostgreSQL.

Both keep the searchable text (title, summary, body) beside the `ServiceIndex` row and
rank a match in the title above one in the summary above one in the body:

- PostgreSQL: `ServiceIndex.search_vector`, a `tsvector` of the title (weight A), summary
  (B) and body (C) with the English configuration (stemming and stop words), set when a
  service is indexed and searched through a GIN index (migration search/0003). Queries are
  `SearchQuery(..., search_type="websearch", config="english")`, ranked by `SearchRank`
  (weights D 0.1, C 0.2, B 0.4, A 1.0).
- SQLite: an FTS5 table `search_serviceindex_fts(title, summary, body)` with the Porter
  stemmer over the unicode61 tokenizer, whose rowid is the service id, written in step
  with `ServiceIndex` (executemany). Ranked by `bm25()` with column weights 10, 5, 1.

Broad searches (more matches than the backend ranks: see backend.py) rank only the
matches whose every word is in the title or summary, the "lead" (or in the title alone
when even those are too many), with the same score as above; `lead_scores()` finds them
through an index: PostgreSQL's `lead_vector` (title A, summary B; GIN, search/0006), or
an FTS5 column filter. Scoring every match read each matching row's whole text
(bench/README.md).

A query that reads every match of a common word (a count, the facet keys) runs inside
`reading_every_match()`: on PostgreSQL the planner would scan the whole table for one
matching half of it, unpacking every row's stored vector to test it (bench/README.md).

Lists of ids per service come back from the candidate query as one value per row:
PostgreSQL arrays (`ARRAY(SELECT ...)`, parsed by psycopg in C) or SQLite
`group_concat` strings, so the candidates and all their facet data cost one query.
"""

from __future__ import annotations

import abc
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchRank, SearchVector, SearchVectorField
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import F, OuterRef, QuerySet, Subquery, TextField, Value
from django.db.models.aggregates import StringAgg
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Concat

from search.backends.database.text import Clause, fts5_match, postgres_query
from search.indexing import ServiceDocument
from search.models import ServiceIndex, ServiceIndexLocation

FTS_TABLE = "search_serviceindex_fts"
FTS_WEIGHTS = (10.0, 5.0, 1.0)  # title, summary, body


class Engine(abc.ABC):
    """What differs between SQLite and PostgreSQL: text matching and list aggregation."""

    vendor = "base"

    @abc.abstractmethod
    def match(
        self, queryset: QuerySet, clauses: Sequence[Clause], *, rank: bool = True
    ) -> tuple[QuerySet, dict | None]:
        """Filter to the services matching every clause; annotate or return their scores
        (only when `rank`: a search sorted by distance, price or date needs none)."""

    @abc.abstractmethod
    def count_matches(self, clauses: Sequence[Clause]) -> int:
        """How many services match every clause, from the full-text index alone."""

    def reading_every_match(self) -> AbstractContextManager:
        """Around a query that reads every service the words match."""
        return nullcontext()

    @abc.abstractmethod
    def lead_scores(self, clauses: Sequence[Clause], limit: int) -> dict[int, float]:
        """Scores of the matches with every clause in the title or summary, or, when those
        are more than `limit`, in the title alone (however many)."""

    @abc.abstractmethod
    def id_list(self, through, column: str):
        """An expression: the ids in `through.column` for the outer ServiceIndex row."""

    @abc.abstractmethod
    def parse_ids(self, value) -> tuple[int, ...]:
        """The ids of an `id_list` value as read from the database."""

    @abc.abstractmethod
    def points(self):
        """An expression: the outer row's locations as one value (see parse_points)."""

    @abc.abstractmethod
    def parse_points(self, value) -> list[tuple[float, float]]:
        """The (latitude, longitude) pairs of a `points` value."""

    @abc.abstractmethod
    def store_text(self, documents: Sequence[ServiceDocument]) -> None:
        """Write the searchable text of these services."""

    @abc.abstractmethod
    def delete_text(self, ids: Sequence[int] | None) -> None:
        """Remove the text of these services (all when None)."""


class PostgresEngine(Engine):
    vendor = "postgresql"
    config = "english"

    def match(self, queryset, clauses, *, rank=True):
        """GIN-indexed `@@`; ts_rank only when ranking, as it reads every matching row's
        whole vector (most of a keyword search's time at 50,000 services)."""
        query = postgres_query(clauses, self.config)
        queryset = queryset.filter(search_vector=query)
        if rank:
            queryset = queryset.annotate(score=SearchRank(F("search_vector"), query))
        return queryset, None

    def count_matches(self, clauses):
        with self.reading_every_match():
            return ServiceIndex.objects.filter(
                search_vector=postgres_query(clauses, self.config)
            ).count()

    @contextmanager
    def reading_every_match(self) -> Iterator[None]:
        """Sequential scans off for the queries inside. For a word found in half the
        directory the planner picks a sequential scan, which unpacks every row's stored
        vector (TOAST) to test it, a cost it does not count: 250 ms at 50,000 services,
        where the GIN index's bitmap, exact for these queries, takes 45 ms. SET LOCAL in
        a transaction, or in the caller's, put back afterwards; a failure rolls it back
        with the transaction (no savepoint: two statements fewer for every search)."""
        with transaction.atomic(savepoint=False), connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('enable_seqscan'), "
                "set_config('enable_seqscan', 'off', true)"
            )
            previous = cursor.fetchone()[0]
            yield
            cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [previous])

    def lead_scores(self, clauses, limit):
        query = postgres_query(clauses, self.config)
        lead = ServiceIndex.objects.filter(lead_vector=query)
        if lead.count() > limit:
            # The title's lexemes alone (weight A): a small vector, filtered row by row
            # among the lead's, which the GIN index found.
            lead = lead.annotate(
                title_only=RawSQL(  # noqa: S611 - no parameters
                    "ts_filter(lead_vector, '{a}')", [], output_field=SearchVectorField()
                )
            ).filter(title_only=query)
        rows = lead.annotate(score=SearchRank(F("search_vector"), query)).values_list("pk", "score")
        return {pk: float(score) for pk, score in rows}

    def id_list(self, through, column):
        return ArraySubquery(through.objects.filter(serviceindex_id=OuterRef("pk")).values(column))

    def parse_ids(self, value):
        return tuple(value or ())

    def points(self):
        return ArraySubquery(
            ServiceIndexLocation.objects.filter(service_index=OuterRef("pk")).values(
                pair=Concat(
                    Cast("latitude", TextField()),
                    Value(" "),
                    Cast("longitude", TextField()),
                    output_field=TextField(),
                )
            )
        )

    def parse_points(self, value):
        points = []
        for pair in value or ():
            latitude, longitude = pair.split(" ")
            points.append((float(latitude), float(longitude)))
        return points

    def store_text(self, documents):
        """One UPDATE per batch computes the weighted vectors in the database."""
        ids = [document.service_id for document in documents]
        if not ids:
            return
        ServiceIndex.objects.filter(pk__in=ids).update(
            search_vector=SearchVector("title", weight="A", config=self.config)
            + SearchVector("summary", weight="B", config=self.config)
            + SearchVector("body", weight="C", config=self.config),
            lead_vector=SearchVector("title", weight="A", config=self.config)
            + SearchVector("summary", weight="B", config=self.config),
        )

    def delete_text(self, ids):
        pass  # the vector lives in the ServiceIndex row and goes with it


class SqliteEngine(Engine):
    vendor = "sqlite"

    def match(self, queryset, clauses, *, rank=True):
        """Scores from FTS5 first (one query), then the candidates among those rowids.

        bm25() can only be computed by the query that runs the MATCH, and SQLite cannot
        join a virtual table through the ORM, so the scores come from their own query
        and the candidate query filters on the same MATCH as a subquery. bm25 is lower
        for better matches; the score is its negation so higher is better, as on
        PostgreSQL.
        """
        expression = fts5_match(clauses)
        # The only parameter is the MATCH string, passed as a parameter, not formatted in.
        subquery = RawSQL(  # noqa: S611
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608
            [expression],
        )
        if not rank:
            # Sorted by distance, price or date: no bm25 over every match (a common word
            # matches most of the directory, and scoring it was most of the search).
            return queryset.filter(pk__in=subquery), None
        weights = ", ".join(str(weight) for weight in FTS_WEIGHTS)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, bm25({FTS_TABLE}, {weights}) FROM {FTS_TABLE} "  # noqa: S608
                f"WHERE {FTS_TABLE} MATCH %s",
                [expression],
            )
            scores = {rowid: -score for rowid, score in cursor.fetchall()}
        if not scores:
            return queryset.none(), scores
        return queryset.filter(pk__in=subquery), scores

    def count_matches(self, clauses):
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608
                [fts5_match(clauses)],
            )
            return int(cursor.fetchone()[0])

    def lead_scores(self, clauses, limit):
        """Scored at once (the lead is usually a few hundred: counting it first cost as
        much again), then again in the title alone when there are too many."""
        expression = fts5_match(clauses)
        weights = ", ".join(str(weight) for weight in FTS_WEIGHTS)
        scores: dict[int, float] = {}
        with connection.cursor() as cursor:
            for columns in ("{title summary}", "title"):
                cursor.execute(
                    f"SELECT rowid, bm25({FTS_TABLE}, {weights}) FROM {FTS_TABLE} "  # noqa: S608
                    f"WHERE {FTS_TABLE} MATCH %s",
                    [f"{columns} : ({expression})"],
                )
                scores = {rowid: -score for rowid, score in cursor.fetchall()}
                if len(scores) <= limit:
                    break
        return scores

    def id_list(self, through, column):
        return Subquery(
            through.objects.filter(serviceindex_id=OuterRef("pk"))
            .values("serviceindex_id")
            .annotate(ids=StringAgg(Cast(column, TextField()), Value(",")))
            .values("ids"),
            output_field=TextField(),
        )

    def parse_ids(self, value):
        return tuple(int(part) for part in value.split(",")) if value else ()

    def points(self):
        return Subquery(
            ServiceIndexLocation.objects.filter(service_index=OuterRef("pk"))
            .values("service_index_id")
            .annotate(
                points=StringAgg(
                    Concat(
                        Cast("latitude", TextField()),
                        Value(" "),
                        Cast("longitude", TextField()),
                        output_field=TextField(),
                    ),
                    Value(";"),
                )
            )
            .values("points"),
            output_field=TextField(),
        )

    def parse_points(self, value):
        points = []
        for pair in (value or "").split(";"):
            if pair:
                latitude, longitude = pair.split(" ")
                points.append((float(latitude), float(longitude)))
        return points

    def store_text(self, documents):
        if not documents:
            return
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, title, summary, body) "  # noqa: S608
                "VALUES (%s, %s, %s, %s)",
                [(d.service_id, d.title, d.summary, d.body) for d in documents],
            )

    def delete_text(self, ids):
        with connection.cursor() as cursor:
            if ids is None:
                cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608
                return
            ids = list(ids)
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                placeholders = ", ".join(["%s"] * len(chunk))
                cursor.execute(
                    f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({placeholders})",  # noqa: S608
                    chunk,
                )


def engine() -> Engine:
    if connection.vendor == "postgresql":
        return PostgresEngine()
    if connection.vendor == "sqlite":
        return SqliteEngine()
    raise ImproperlyConfigured(f"The database search backend has no {connection.vendor} support")
