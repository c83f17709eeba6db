"""The default search backend: the project's own database, SQLite or PostgreSQL.

A typical search (a keyword, or a postcode and radius, narrowing 50,000 services to a few
thousand at most) is three tiny taxonomy reads and:

1. (SQLite only) the FTS5 match with bm25 scores.
2. The candidate query on `ServiceIndex` (sql.py): the text match (PostgreSQL: GIN-indexed
   `search_vector @@ query`, ranked by `SearchRank` when sorting by relevance), the
   filters that are never facets (age, ORUK age range, maximum price, modified after)
   and, with a radius, a latitude/longitude bounding box on `ServiceIndexLocation`
   (indexed) as a cheap necessary condition. Each row carries its flags, its category,
   need and accessibility ids and its locations, so no other query is needed.
3. With a radius, a small query for the radius facet's counts (every filter in SQL, ids
   and locations only, in the box of the widest choice).
4. facets.evaluate(): the exact distances (haversine on the nearest location), the facet
   filters, every facet count, the sort and the page, in one pass in Python.

Why the pass is in Python: a facet count must ignore the facet's own filter but apply
every other one, so in SQL each facet is its own aggregate query repeating the text
match. Over a few thousand candidates one pass costs less than one such query.

Broad searches (more than `python_pass_limit` candidates: no words, or very common ones,
and no radius) count facets with aggregate queries instead (aggregates.py), and sort and
page in SQL, because the pass over 50,000 candidates took seconds. Searches without
facets (the Open Referral API) put every filter in SQL, and unless distances or SQLite
scores are needed, so do the count, the sort and the page. Browsing with no words and
no filters reads the facet counts the indexer keeps (counts.py). Measured with
bench/search.py (bench/README.md; docs/decisions/0012-search-at-scale.md).

Ranking a broad keyword: when the words match more than `python_pass_limit` services,
only the lead is scored, the matches with every word in the title or summary (or the
title alone when even those are more than `lead_limit`), with the engine's usual score;
the other matches follow A to Z. Scoring every match of a word found in half the
directory read all their text and was most of the search's time. Within the lead the
order is exactly the full ranking's, and a match in the name or summary still comes
before one only in the description, which is what the full ranking nearly always did.

Typos: when a keyword search finds nothing, unknown words are replaced by the closest
indexed word (vocabulary.py) and the search runs again; `corrected_text` says so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from django.db.models import QuerySet

from providers.models import AccessibilityFeature, Category, Need
from search.backends.base import (
    MAX_PER_PAGE,
    SearchBackend,
    SearchHit,
    SearchQuery,
    SearchResults,
    Sort,
)
from search.backends.database import counts, sql, vocabulary, writer
from search.backends.database.aggregates import broad_counts
from search.backends.database.engines import Engine, engine
from search.backends.database.facets import (
    Candidate,
    Catalogue,
    Outcome,
    build_facets,
    evaluate,
)
from search.backends.database.text import Clause, parse, words
from search.synonyms import synonym_groups

# The facet filters, switched off: for a query whose facet filters ran in SQL.
SQL_DONE: dict[str, Any] = {
    "categories": (),
    "needs": (),
    "accessibility": (),
    "delivery": (),
    "times": (),
    "free_only": False,
    "direct_payment": False,
}
# A search with no words and no filters: browsing the whole directory.
BROWSING = SearchQuery()


class DatabaseBackend(SearchBackend):
    name = "database"
    # Up to this many candidates, facets are counted in one pass in Python; beyond, by
    # aggregate queries in the database (aggregates.py). Up to this many text matches,
    # every match is ranked; beyond, only the lead. Measured: bench/README.md.
    python_pass_limit = 10_000
    # A broad search's lead is its matches in the title or summary, or in the title
    # alone when those are more than this.
    lead_limit = 5_000

    # --- searching ------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResults:
        per_page = max(1, min(int(query.per_page), MAX_PER_PAGE))
        query = replace(query, page=max(1, int(query.page)), per_page=per_page)
        text = " ".join((query.text or "").split())
        groups = synonym_groups() if text else []
        clauses = parse(text, groups) if text else []
        catalogue = self._catalogue()
        if text and not clauses:
            # Only punctuation or stop words ("the", "*", "AND"): nothing to match.
            return self._results(
                query, evaluate([], query, catalogue, with_facets=query.with_facets)
            )
        results = self._search(query, clauses, catalogue)
        if results.total == 0 and clauses:
            corrected = self._corrected(clauses, groups)
            if corrected is not None:
                retry = self._search(
                    replace(query, text=corrected), parse(corrected, groups), catalogue
                )
                if retry.total:
                    retry.corrected_text = corrected
                    return retry
        return results

    def _catalogue(self) -> Catalogue:
        return Catalogue.build(
            Category.objects.values_list("pk", "slug", "name", "parent_id", "sort_order"),
            Need.objects.order_by("name").values_list("pk", "slug", "name"),
            AccessibilityFeature.objects.order_by("name").values_list("pk", "slug", "name"),
        )

    def _corrected(self, clauses: Sequence[Clause], groups) -> str | None:
        """The query with unknown words replaced by close indexed words, or None."""
        protected = {word for group in groups for term in group for word in words(term)}
        typed = [word for clause in clauses if not clause.is_synonym for word in clause.words]
        fixes = vocabulary.corrections(typed, protected)
        if not fixes:
            return None
        return " ".join(
            " ".join(fixes.get(word, word) for word in clause.words) for clause in clauses
        )

    def _search(
        self, query: SearchQuery, clauses: Sequence[Clause], catalogue: Catalogue
    ) -> SearchResults:
        db = engine()
        ranked = bool(clauses) and (
            query.sort == Sort.RELEVANCE or (query.sort == Sort.DISTANCE and query.near is None)
        )
        matches = self._text_matches(clauses, db) if clauses else None
        broad_text = matches is not None and matches > self.python_pass_limit
        base, scores = sql.base_queryset(query, clauses, db, rank=ranked and not broad_text)
        if ranked and broad_text:
            scores = db.lead_scores(clauses, self.lead_limit)
        queryset = base
        if query.near is not None and query.radius_miles is not None:
            queryset = sql.within(base, query.near, float(query.radius_miles))
        # Words and nothing else: the full-text count is the number of results.
        only_words = (
            query.with_facets
            and replace(query, text="", sort=Sort.RELEVANCE, page=1, per_page=BROWSING.per_page)
            == BROWSING
        )
        total = matches if only_words else None
        if not query.with_facets:
            results, _ = self._unfaceted(queryset, query, clauses, scores, db, catalogue)
            return results
        if not clauses and query == replace(
            BROWSING, sort=query.sort, page=query.page, per_page=query.per_page
        ):
            browsed = self._browse(queryset, query, catalogue)
            if browsed is not None:
                return browsed
        radius_counts = None
        if query.near is not None and query.radius_miles is not None:
            radius_counts = sql.radius_counts(base, query, db, catalogue)
        elif self._is_broad(queryset, matches, total):
            return self._broad_search(queryset, query, clauses, scores, db, catalogue, total)
        candidates = sql.candidates(queryset, query, db, scores, with_facets=True)
        return self._results(
            query,
            evaluate(candidates, query, catalogue, with_facets=True, radius_counts=radius_counts),
        )

    def _text_matches(self, clauses: Sequence[Clause], db: Engine) -> int:
        """How many services the words match, whatever the filters: a count from the
        full-text index, which decides how the search is ranked."""
        return db.count_matches(clauses)

    def _browse(
        self, queryset: QuerySet, query: SearchQuery, catalogue: Catalogue
    ) -> SearchResults | None:
        """No words and no filters: the total and every facet count from the counts the
        indexer keeps (counts.py), the page from the title index. None when the counts
        were never made."""
        counted = counts.read(catalogue)
        if counted is None:
            return None
        total, by_facet = counted
        results = sql.sql_page(queryset, query, has_score=False, total=total)
        results.facets = build_facets(by_facet, query, catalogue)
        return results

    def _is_broad(self, queryset: QuerySet, matches: int | None, total: int | None) -> bool:
        """More candidates than a pass in Python should take? A COUNT decides (a few
        milliseconds from the indexes), unless the words alone match few enough or
        are the whole query."""
        if matches is not None and matches <= self.python_pass_limit:
            return False
        if total is not None:
            return total > self.python_pass_limit
        return queryset.count() > self.python_pass_limit

    def _unfaceted(
        self,
        queryset: QuerySet,
        query: SearchQuery,
        clauses: Sequence[Clause],
        scores: dict | None,
        db: Engine,
        catalogue: Catalogue,
        total: int | None = None,
    ) -> tuple[SearchResults, list[Candidate] | None]:
        """Results with every filter in SQL, and (when read) every result as a Candidate.

        Count, sort and page in the database when no distance is needed; scores read
        apart (SQLite's, a broad search's lead) sort their services in Python and the
        others in the database (sql.scored_page). With a distance, ids, sort keys and
        locations go through evaluate() for the exact distance and the sort, its facet
        filters switched off (they already ran).
        """
        queryset = sql.facet_filters_in_sql(queryset, query, catalogue)
        if query.near is None and (not clauses or scores is None):
            has_score = "score" in queryset.query.annotations
            return sql.sql_page(queryset, query, has_score=has_score, total=total), None
        if query.near is None and scores is not None:
            return sql.scored_page(queryset, query, scores, total=total), None
        candidates = sql.candidates(queryset, query, db, scores, with_facets=False)
        outcome = evaluate(candidates, replace(query, **SQL_DONE), catalogue, with_facets=False)
        return self._results(query, outcome), outcome.results

    def _broad_search(
        self,
        base: QuerySet,
        query: SearchQuery,
        clauses: Sequence[Clause],
        scores: dict | None,
        db: Engine,
        catalogue: Catalogue,
        total: int | None,
    ) -> SearchResults:
        """A search with too many candidates for a pass in Python: the results as without
        facets, and each facet's counts from aggregate queries (aggregates.py)."""
        results, every_result = self._unfaceted(base, query, clauses, scores, db, catalogue, total)
        by_facet = broad_counts(base, query, clauses, catalogue, every_result)
        results.facets = build_facets(by_facet, query, catalogue)
        return results

    def _results(self, query: SearchQuery, outcome: Outcome) -> SearchResults:
        start = (query.page - 1) * query.per_page
        page = outcome.results[start : start + query.per_page]
        return SearchResults(
            total=len(outcome.results),
            hits=[
                SearchHit(
                    service_id=candidate.service_id,
                    score=candidate.score,
                    distance_miles=candidate.distance,
                )
                for candidate in page
            ],
            page=query.page,
            per_page=query.per_page,
            facets=outcome.facets,
        )

    # --- indexing (writer.py) -------------------------------------------------------------

    def index_services(self, service_ids: list[int]) -> None:
        writer.index_services(service_ids)

    def remove_services(self, service_ids: list[int]) -> None:
        writer.remove_services(service_ids)

    def rebuild(self, *, progress: Callable[[int], object] | None = None) -> int:
        return writer.rebuild(progress=progress)
