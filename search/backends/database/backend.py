"""The default search backend: the project's own database, SQLite or PostgreSQL.

A search with facets and no radius (a keyword, a filter, both; what the search page
asks) is three tiny taxonomy reads and:

1. The facet keys of every candidate (keyed.py): one query on `ServiceIndex` with the
   text match (SQLite FTS5; PostgreSQL GIN-indexed `search_vector @@ query`) and the
   filters that are never facets (age, ORUK age range, maximum price, modified after),
   reading one short text per row (`facet_keys`: its category, need and accessibility
   ids and yes/no flags). One pass in Python counts every facet, applying each chosen
   facet filter but the facet's own, and the number of results.
2. The results as without facets: every filter in SQL, sorted and paged in the
   database (sql.py), ranked as below, with the total from step 1.

Why the counts come from a text on the row: a facet count must ignore the facet's own
filter but apply every other one, so in SQL each facet is its own aggregate query,
repeating the text match and joining the link tables to the matched ids. For a word
found in half of 50,000 services those five aggregates were most of the search's time;
reading one column of the matched rows and counting in Python takes a fraction of one.
With words and nothing else, step 1's rows are the matches: they are not counted again.

With a radius the exact distances (haversine on the nearest location) decide the
results, so the candidates inside the radius's bounding box (`ServiceIndexLocation`,
indexed) are read with their flags, link ids and locations, and facets.evaluate() does
the distances, the facet filters and counts, the sort and the page in one pass; a small
query counts the radius choices (every filter in SQL, in the box of the widest choice).
Searches without facets (the Open Referral API) put every filter in SQL, and unless
distances or SQLite scores are needed, so do the count, the sort and the page. Browsing
with no words and no filters reads the facet counts the indexer keeps (counts.py).
Measured with bench/search.py (bench/README.md; docs/decisions/0012-search-at-scale.md).

Ranking: up to `rank_limit` matches every match is scored. Beyond, only the lead is, the
matches with every word in the title or summary (or the title alone when even those are
more than `lead_limit`), with the engine's usual score; the other matches follow A to Z.
Scoring every match of a word found in half the directory read all their text and was
most of the search's time. Within the lead the order is exactly the full ranking's, and
a match in the name or summary still comes before one only in the description, which is
what the full ranking nearly always did. The matches are counted only for an order by
relevance, and the rule depends on the words alone, so the search page and the API rank
alike.

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
    FACET_RADIUS,
    MAX_PER_PAGE,
    SearchBackend,
    SearchHit,
    SearchQuery,
    SearchResults,
    Sort,
)
from search.backends.database import counts, keyed, sql, vocabulary, writer
from search.backends.database.engines import Engine, engine
from search.backends.database.facets import (
    Candidate,
    Catalogue,
    Outcome,
    build_facets,
    evaluate,
)
from search.backends.database.text import Clause, parse, words
from search.models import ServiceIndex
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
    # Facets counted from the candidates' facet keys (keyed.py), unless a radius is
    # chosen; False counts them in one pass in Python for every search, as with a radius
    # (the contract tests run both). Measured: bench/README.md.
    counts_from_keys = True
    # Up to this many text matches, every match is ranked; beyond, only the lead.
    rank_limit = 10_000
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
        radius = query.near is not None and query.radius_miles is not None
        if (
            query.with_facets
            and not clauses
            and query
            == replace(BROWSING, sort=query.sort, page=query.page, per_page=query.per_page)
        ):
            browsed = self._browse(query, catalogue)
            if browsed is not None:
                return browsed
        keys = None
        matches = None
        if query.with_facets and not radius and self.counts_from_keys:
            # Every candidate's facet keys, one pass (keyed.py). With words and nothing
            # else they are the matches: no second pass to count them.
            with db.reading_every_match():
                keys = keyed.read(sql.base_queryset(query, clauses, db, rank=False)[0])
            if clauses and self._only_words(query):
                matches = len(keys)
        base, scores, matches = self._ranked(query, clauses, db, matches)
        if not query.with_facets:
            # Words alone: the matches counted for the ranking are the results.
            total = matches if self._only_words(query) else None
            results, _ = self._unfaceted(base, query, clauses, scores, db, catalogue, total)
            return results
        if keys is not None:
            return self._keyed_search(base, keys, query, clauses, scores, db, catalogue)
        # A radius: its exact distances decide the results, in one pass in Python.
        radius_counts = None
        queryset = base
        if query.near is not None and query.radius_miles is not None:
            radius_counts = sql.radius_counts(base, query, db, catalogue)
            queryset = sql.within(base, query.near, float(query.radius_miles))
        candidates = sql.candidates(queryset, query, db, scores, with_facets=True)
        return self._results(
            query,
            evaluate(candidates, query, catalogue, with_facets=True, radius_counts=radius_counts),
        )

    def _only_words(self, query: SearchQuery) -> bool:
        """Words and nothing else (in any order, any page, with or without facets)?"""
        return (
            replace(
                query,
                text="",
                sort=Sort.RELEVANCE,
                page=1,
                per_page=BROWSING.per_page,
                with_facets=BROWSING.with_facets,
            )
            == BROWSING
        )

    def _ranked(
        self, query: SearchQuery, clauses: Sequence[Clause], db: Engine, matches: int | None
    ) -> tuple[QuerySet, dict | None, int | None]:
        """The candidate query, the scores when the order needs them (of every match, or
        of the lead only when the words match more than `rank_limit` services) and the
        number of matches when known (counted here for an order by relevance, unless
        `matches` says)."""
        ranked = bool(clauses) and (
            query.sort == Sort.RELEVANCE or (query.sort == Sort.DISTANCE and query.near is None)
        )
        if ranked and matches is None:
            matches = self._text_matches(clauses, db)
        broad_text = ranked and matches is not None and matches > self.rank_limit
        base, scores = sql.base_queryset(query, clauses, db, rank=ranked and not broad_text)
        if ranked and broad_text:
            scores = db.lead_scores(clauses, self.lead_limit)
        return base, scores, matches

    def _text_matches(self, clauses: Sequence[Clause], db: Engine) -> int:
        """How many services the words match, whatever the filters: a count from the
        full-text index, which decides how the search is ranked."""
        return db.count_matches(clauses)

    def _browse(self, query: SearchQuery, catalogue: Catalogue) -> SearchResults | None:
        """No words and no filters: the total and every facet count from the counts the
        indexer keeps (counts.py), the page from the title index. None when the counts
        were never made."""
        counted = counts.read(catalogue)
        if counted is None:
            return None
        total, by_facet = counted
        results = sql.sql_page(ServiceIndex.objects.all(), query, has_score=False, total=total)
        results.facets = build_facets(by_facet, query, catalogue)
        return results

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

    def _keyed_search(
        self,
        base: QuerySet,
        keys: list[keyed.Row],
        query: SearchQuery,
        clauses: Sequence[Clause],
        scores: dict | None,
        db: Engine,
        catalogue: Catalogue,
    ) -> SearchResults:
        """The results as without facets (their total already known), and the facet
        counts from the candidates' facet keys (keyed.py)."""
        total, by_facet = keyed.count(keys, query, catalogue)
        results, every_result = self._unfaceted(base, query, clauses, scores, db, catalogue, total)
        if query.near is not None:
            by_facet[FACET_RADIUS] = keyed.radius_counts(every_result or ())
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
