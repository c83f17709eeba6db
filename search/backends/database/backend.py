"""The default search backend: the project's own database, SQLite or PostgreSQL.

A typical search (a keyword, or a postcode and radius, narrowing 50,000 services to a few
thousand at most) is three tiny taxonomy reads and:

1. (SQLite only) the FTS5 match with bm25 scores.
2. The candidate query on `ServiceIndex`: the text match (PostgreSQL: GIN-indexed
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
and no radius) count facets with aggregate queries instead, and sort and page in SQL
(`_broad_search`), because the pass over 50,000 candidates took seconds. Searches without
facets (the Open Referral API) put every filter in SQL, and unless distances or SQLite
scores are needed, so do the count, the sort and the page. Measured with bench/search.py
(bench/README.md).

Typos: when a keyword search finds nothing, unknown words are replaced by the closest
indexed word (vocabulary.py) and the search runs again; `corrected_text` says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Lower

from providers.models import AccessibilityFeature, Category, Need
from search.backends.base import (
    COST_DIRECT_PAYMENT,
    COST_FREE,
    FACET_ACCESSIBILITY,
    FACET_CATEGORIES,
    FACET_COST,
    FACET_DELIVERY,
    FACET_NEEDS,
    FACET_RADIUS,
    FACET_TIMES,
    MAX_PER_PAGE,
    RADIUS_CHOICES_MILES,
    Delivery,
    SearchBackend,
    SearchHit,
    SearchQuery,
    SearchResults,
    Sort,
    TimeOfDay,
)
from search.backends.database import vocabulary, writer
from search.backends.database.engines import Engine, engine
from search.backends.database.facets import (
    Candidate,
    Catalogue,
    Outcome,
    bounding_box,
    build_facets,
    evaluate,
    nearest_miles,
)
from search.backends.database.text import Clause, parse, words
from search.models import ServiceIndex, ServiceIndexLocation
from search.synonyms import synonym_groups

CategoryLink = ServiceIndex.categories.through
NeedLink = ServiceIndex.needs.through
AccessibilityLink = ServiceIndex.accessibility.through

DELIVERY_FIELDS = {
    Delivery.IN_PERSON: "in_person",
    Delivery.ONLINE: "online",
    Delivery.HOME_VISIT: "home_visit",
}
TIME_FIELDS = {
    TimeOfDay.AFTER_SCHOOL: "after_school",
    TimeOfDay.WEEKENDS: "weekends",
    TimeOfDay.HOLIDAYS: "holidays",
}
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
# What the Python pass reads of each candidate (facets.Candidate), in this order.
CANDIDATE_FIELDS = (
    "pk",
    "title",
    "min_price",
    "last_reviewed",
    "is_free",
    "direct_payment",
    "in_person",
    "online",
    "home_visit",
    "after_school",
    "weekends",
    "holidays",
)
FLAG_FIELDS = ("in_person", "online", "home_visit", "after_school", "weekends", "holidays")


class DatabaseBackend(SearchBackend):
    name = "database"
    # Up to this many candidates, facets are counted in one pass in Python; beyond, by
    # aggregate queries in the database (see _broad_search). Measured: bench/README.md.
    python_pass_limit = 10_000

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
        base, scores = self._base_queryset(query, clauses, db)
        queryset = base
        if query.near is not None and query.radius_miles is not None:
            queryset = self._within(base, query.near, float(query.radius_miles))
        if not query.with_facets:
            results, _ = self._unfaceted(queryset, query, clauses, scores, db, catalogue)
            return results
        radius_counts = None
        if query.near is not None and query.radius_miles is not None:
            radius_counts = self._radius_counts(base, query, db, catalogue)
        elif self._is_broad(queryset, scores):
            return self._broad_search(queryset, query, clauses, scores, db, catalogue)
        candidates = self._candidates(queryset, query, db, scores, with_facets=True)
        return self._results(
            query,
            evaluate(candidates, query, catalogue, with_facets=True, radius_counts=radius_counts),
        )

    def _is_broad(self, queryset: QuerySet, scores: dict | None) -> bool:
        """More candidates than a pass in Python should take? A COUNT decides (a few
        milliseconds from the indexes); SQLite's FTS5 scores, when fewer, make it free."""
        if scores is not None and len(scores) <= self.python_pass_limit:
            return False
        return queryset.count() > self.python_pass_limit

    def _unfaceted(
        self,
        queryset: QuerySet,
        query: SearchQuery,
        clauses: Sequence[Clause],
        scores: dict | None,
        db: Engine,
        catalogue: Catalogue,
    ) -> tuple[SearchResults, list[Candidate] | None]:
        """Results with every filter in SQL, and (when read) every result as a Candidate.

        Count, sort and page in the database when no distance and no SQLite scores are
        needed; otherwise ids, sort keys and locations go through evaluate() for the exact
        distance and the sort, its facet filters switched off (they already ran).
        """
        queryset = self._facet_filters_in_sql(queryset, query, catalogue)
        if query.near is None and (not clauses or scores is None):
            has_score = "score" in queryset.query.annotations
            return self._sql_page(queryset, query, has_score=has_score), None
        candidates = self._candidates(queryset, query, db, scores, with_facets=False)
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
    ) -> SearchResults:
        """A search with too many candidates for a pass in Python (no words, or very
        common ones, and no radius): the results as without facets, and each facet's
        counts from one aggregate query over every filter but its own.

        About ten queries, each of them one scan the database does in C; the Python pass
        over 50,000 candidates took seconds (bench/README.md). Not used with a radius,
        whose exact distances only Python computes: the radius's box keeps such
        searches small anyway.
        """
        results, every_result = self._unfaceted(base, query, clauses, scores, db, catalogue)
        counts: dict[str, Counter] = {}
        matched = base
        if clauses and db.vendor == "postgresql":
            # The text match once, its ids passed to every aggregate as one array
            # (a parameter, unnested): matching half the table, PostgreSQL reads every
            # row's vector, and each aggregate repeating that took as long as the rest.
            ids = [row[0] for row in _fetch(base, ["pk"])]
            matched = ServiceIndex.objects.filter(
                pk__in=RawSQL("SELECT unnest(%s::integer[])", [ids])  # noqa: S611 - a parameter
            )

        def ids_without(facet: str | None) -> QuerySet:
            return self._facet_filters_in_sql(matched, query, catalogue, exclude=facet).values("pk")

        def grouped(links: QuerySet, column: str) -> Counter:
            return Counter(dict(links.values_list(column).annotate(n=Count("pk")).order_by()))

        in_categories = CategoryLink.objects.filter(
            serviceindex_id__in=ids_without(FACET_CATEGORIES)
        )
        # A top-level category counts the services filed under it or any of its children,
        # each once; a sub-category has no children, so a plain count is enough.
        # (django-stubs does not see that values_list() names the annotation.)
        tops = dict(
            in_categories.annotate(top=Coalesce(F("category__parent_id"), F("category_id")))
            .values_list("top")  # type: ignore[misc]
            .annotate(n=Count("serviceindex_id", distinct=True))
            .order_by()
        )
        direct = grouped(in_categories, "category_id")
        counts[FACET_CATEGORIES] = Counter(
            {
                pk: tops.get(pk, 0) if parent is None else direct.get(pk, 0)
                for pk, _, _, parent in catalogue.categories
            }
        )
        counts[FACET_NEEDS] = grouped(
            NeedLink.objects.filter(serviceindex_id__in=ids_without(FACET_NEEDS)), "need_id"
        )
        counts[FACET_ACCESSIBILITY] = grouped(
            AccessibilityLink.objects.filter(serviceindex_id__in=ids_without(None)),
            "accessibilityfeature_id",
        )
        # The yes/no counts in one scan: each option's rows, among those passing every
        # filter but its own facet's (delivery, times) or every filter (cost). Aggregate
        # names must not be field names: "n_" + the field.
        conditions = self._facet_conditions(query, catalogue)

        def passing(facet: str | None) -> Q:
            every = Q()
            for name, condition in conditions.items():
                if name != facet:
                    every &= condition
            return every

        aggregates = {}
        for facet, fields in (
            (FACET_DELIVERY, DELIVERY_FIELDS),
            (FACET_TIMES, TIME_FIELDS),
            (FACET_COST, {COST_FREE: "is_free", COST_DIRECT_PAYMENT: "direct_payment"}),
        ):
            own = passing(facet if facet != FACET_COST else None)
            for field in fields.values():
                aggregates[f"n_{field}"] = Count("pk", filter=own & Q(**{field: True}))
        totals = matched.aggregate(**aggregates)
        for facet, fields in ((FACET_DELIVERY, DELIVERY_FIELDS), (FACET_TIMES, TIME_FIELDS)):
            counts[facet] = Counter(
                {value: totals[f"n_{field}"] for value, field in fields.items()}
            )
        counts[FACET_COST] = Counter(
            {COST_FREE: totals["n_is_free"], COST_DIRECT_PAYMENT: totals["n_direct_payment"]}
        )
        if query.near is not None:
            # No radius chosen: each choice counts the results within it.
            counts[FACET_RADIUS] = Counter(
                {
                    choice: sum(
                        1
                        for candidate in every_result or ()
                        if candidate.distance is not None and candidate.distance <= choice
                    )
                    for choice in RADIUS_CHOICES_MILES
                }
            )
        results.facets = build_facets(counts, query, catalogue)
        return results

    def _within(self, queryset: QuerySet, near, miles: float) -> QuerySet:
        """Services with a location in the bounding box of a circle: indexed, and a
        necessary condition only (the exact haversine test runs in Python)."""
        south, north, west, east = bounding_box(near, miles)
        return queryset.filter(
            Exists(
                ServiceIndexLocation.objects.filter(
                    service_index=OuterRef("pk"),
                    latitude__gte=south,
                    latitude__lte=north,
                    longitude__gte=west,
                    longitude__lte=east,
                )
            )
        )

    def _radius_counts(
        self, base: QuerySet, query: SearchQuery, db: Engine, catalogue: Catalogue
    ) -> dict[int, int]:
        """How many results each radius choice gives, with every other filter applied.

        A separate query so that the main one only reads the candidates inside the chosen
        radius (5 miles in a city is a few hundred services; 25 miles is thousands): this
        one applies every filter in SQL and reads just ids and locations, in the box of
        the widest choice.
        """
        widest = max(float(query.radius_miles or 0), float(max(RADIUS_CHOICES_MILES)))
        queryset = self._facet_filters_in_sql(
            self._within(base, query.near, widest), query, catalogue
        ).annotate(points=db.points())
        rows = _fetch(queryset, ["pk", "points"])
        near = query.near
        assert near is not None  # only asked for a query with a postcode
        counts = dict.fromkeys(RADIUS_CHOICES_MILES, 0)
        for _, points in rows:
            distance = nearest_miles(near, db.parse_points(points))
            if distance is None:
                continue
            for choice in RADIUS_CHOICES_MILES:
                if distance <= choice:
                    counts[choice] += 1
        return counts

    def _base_queryset(
        self, query: SearchQuery, clauses: Sequence[Clause], db: Engine
    ) -> tuple[QuerySet, dict | None]:
        """Text match and the filters that are not facets (ages, price, modified after).

        The radius is a facet too: `_within()` applies its bounding box."""
        queryset = ServiceIndex.objects.all()
        scores = None
        if clauses:
            ranked = query.sort == Sort.RELEVANCE or (
                query.sort == Sort.DISTANCE and query.near is None
            )
            queryset, scores = db.match(queryset, clauses, rank=ranked)
        if query.age_years is not None:
            # A child of N years is N*12 to N*12+11 months old: overlap with the range.
            low = int(query.age_years) * 12
            queryset = queryset.filter(min_age_months__lte=low + 11, max_age_months__gte=low)
        if query.minimum_age is not None:
            queryset = queryset.filter(max_age_months__gte=int(query.minimum_age) * 12)
        if query.maximum_age is not None:
            queryset = queryset.filter(min_age_months__lte=int(query.maximum_age) * 12 + 11)
        if query.max_price is not None:
            # min_price is 0 when an option is free: free fits any budget.
            queryset = queryset.filter(min_price__lte=query.max_price)
        if query.modified_after is not None:
            # ORUK: "modified on or after this datetime".
            queryset = queryset.filter(modified__gte=query.modified_after)
        return queryset, scores

    def _facet_filters_in_sql(
        self,
        queryset: QuerySet,
        query: SearchQuery,
        catalogue: Catalogue,
        *,
        exclude: str | None = None,
    ) -> QuerySet:
        """The facet filters as SQL (all, or all but the `exclude` facet's own).

        facets.evaluate() applies the same rules in Python; the contract tests run every
        search with and without facets, and with facets counted both ways, to keep the
        two in step.
        """
        for facet, condition in self._facet_conditions(query, catalogue).items():
            if facet != exclude:
                queryset = queryset.filter(condition)
        return queryset

    def _facet_conditions(self, query: SearchQuery, catalogue: Catalogue) -> dict[str, Q]:
        """Each chosen facet filter as one condition on ServiceIndex, by facet."""
        conditions: dict[str, Q] = {}
        if query.categories:
            ids = catalogue.category_ids_with_children(query.categories)
            conditions[FACET_CATEGORIES] = Q(
                pk__in=CategoryLink.objects.filter(category_id__in=ids).values("serviceindex_id")
            )
        if query.needs:
            conditions[FACET_NEEDS] = Q(
                pk__in=NeedLink.objects.filter(need_id__in=catalogue.need_ids(query.needs)).values(
                    "serviceindex_id"
                )
            )
        if query.accessibility:
            every = Q()
            for feature in catalogue.accessibility_ids(query.accessibility):
                every &= Q(
                    pk__in=AccessibilityLink.objects.filter(accessibilityfeature_id=feature).values(
                        "serviceindex_id"
                    )
                )
            conditions[FACET_ACCESSIBILITY] = every
        if query.delivery:
            any_of = Q()
            for value in query.delivery:
                any_of |= Q(**{DELIVERY_FIELDS[Delivery(value)]: True})
            conditions[FACET_DELIVERY] = any_of
        if query.times:
            any_of = Q()
            for time_of_day in query.times:
                any_of |= Q(**{TIME_FIELDS[TimeOfDay(time_of_day)]: True})
            conditions[FACET_TIMES] = any_of
        if query.free_only:
            conditions[COST_FREE] = Q(is_free=True)
        if query.direct_payment:
            conditions[COST_DIRECT_PAYMENT] = Q(direct_payment=True)
        return conditions

    def _sql_page(
        self, queryset: QuerySet, query: SearchQuery, *, has_score: bool
    ) -> SearchResults:
        """Count, sort and page in the database: two queries, for searches without facets."""
        total = queryset.count()
        title = Lower("title")
        if query.sort == Sort.PRICE:
            order: list[Any] = [F("min_price").asc(nulls_last=True), title, "pk"]
        elif query.sort == Sort.REVIEWED:
            order = [F("last_reviewed").desc(nulls_last=True), title, "pk"]
        elif has_score:
            order = [F("score").desc(), title, "pk"]
        else:
            order = [title, "pk"]
        start = (query.page - 1) * query.per_page
        fields = ["pk", "score"] if has_score else ["pk"]
        rows = queryset.order_by(*order).values_list(*fields)[start : start + query.per_page]
        hits = [
            SearchHit(service_id=row[0], score=float(row[1]) if has_score else 0.0) for row in rows
        ]
        return SearchResults(total=total, hits=hits, page=query.page, per_page=query.per_page)

    def _candidates(
        self,
        queryset: QuerySet,
        query: SearchQuery,
        db: Engine,
        scores: dict | None,
        *,
        with_facets: bool,
    ) -> list[Candidate]:
        """The candidate rows as Candidates, read through a plain cursor.

        The ORM builds the SQL; the rows are read without its per-value converters,
        which cost more than the query itself at tens of thousands of rows. So values
        come as the driver gives them: SQLite's booleans are 0/1 and its dates ISO
        strings (PostgreSQL's dates are made strings too, for one sort key on both).
        """
        annotations = {}
        if with_facets:
            annotations["category_ids"] = db.id_list(CategoryLink, "category_id")
            annotations["need_ids"] = db.id_list(NeedLink, "need_id")
            annotations["accessibility_ids"] = db.id_list(
                AccessibilityLink, "accessibilityfeature_id"
            )
        if query.near is not None:
            annotations["points"] = db.points()
        queryset = queryset.annotate(**annotations)
        has_score = scores is None and "score" in queryset.query.annotations
        names = [*CANDIDATE_FIELDS, *annotations, *(["score"] if has_score else [])]
        rows = _fetch(queryset, names)

        at = {name: position for position, name in enumerate(names)}
        score_at = at.get("score")
        cats_at, needs_at, access_at = (
            at.get("category_ids"),
            at.get("need_ids"),
            at.get("accessibility_ids"),
        )
        points_at = at.get("points")
        parse_ids, parse_points = db.parse_ids, db.parse_points
        near = query.near
        empty: tuple[int, ...] = ()
        candidates: list[Candidate] = []
        append = candidates.append
        for row in rows:
            pk = row[0]
            if scores is not None:
                score = scores.get(pk, 0.0)
            elif score_at is not None:
                score = float(row[score_at] or 0.0)
            else:
                score = 0.0
            reviewed = row[3]
            append(
                Candidate(
                    pk,
                    score,
                    row[1].casefold(),
                    row[2],
                    reviewed if reviewed is None or isinstance(reviewed, str) else str(reviewed),
                    bool(row[4]),
                    bool(row[5]),
                    row[6:12],
                    parse_ids(row[cats_at]) if cats_at is not None else empty,
                    parse_ids(row[needs_at]) if needs_at is not None else empty,
                    parse_ids(row[access_at]) if access_at is not None else empty,
                    nearest_miles(near, parse_points(row[points_at]))
                    if points_at is not None and near is not None
                    else None,
                )
            )
        return candidates

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


def _fetch(queryset: QuerySet, names: Sequence[str]) -> list[tuple]:
    """The rows of `queryset.values_list(*names)` as the driver returns them."""
    values = queryset.values_list(*names)
    try:
        sql, params = values.query.sql_with_params()
    except EmptyResultSet:  # .none(), or a filter that can match nothing
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
