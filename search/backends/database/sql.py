"""The SQL of the database backend's searches, built with the ORM.

The candidate query (text match, the filters that are never facets, the radius's box),
the facet filters as SQL, the page sorted in the database, and the candidates read
through a plain cursor for the pass in Python (facets.py). backend.py decides which of
them a search needs.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower

from search.backends.base import (
    COST_DIRECT_PAYMENT,
    COST_FREE,
    FACET_ACCESSIBILITY,
    FACET_CATEGORIES,
    FACET_DELIVERY,
    FACET_NEEDS,
    FACET_TIMES,
    RADIUS_CHOICES_MILES,
    Delivery,
    SearchHit,
    SearchQuery,
    SearchResults,
    Sort,
    TimeOfDay,
)
from search.backends.database.counts import FLAG_FIELDS
from search.backends.database.engines import Engine
from search.backends.database.facets import Candidate, Catalogue, bounding_box, nearest_miles
from search.backends.database.text import Clause
from search.models import ServiceIndex, ServiceIndexLocation

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
# What the Python pass reads of each candidate (facets.Candidate), in this order.
CANDIDATE_FIELDS = ("pk", "title", "min_price", "last_reviewed", *FLAG_FIELDS)


def ids_in(ids: Sequence[int]) -> Q:
    """`pk IN ids` with the ids as one parameter, however many: a PostgreSQL array, or a
    JSON array on SQLite (json_each). The ORM's `pk__in=[...]` prepares each value in
    Python: for the ids of a fully ranked keyword (up to 10,000) that took longer than
    the query."""
    if connection.vendor == "postgresql":
        return Q(pk__in=RawSQL("SELECT unnest(%s::integer[])", [list(ids)]))  # noqa: S611
    return Q(pk__in=RawSQL("SELECT value FROM json_each(%s)", [json.dumps(list(ids))]))  # noqa: S611


def base_queryset(
    query: SearchQuery, clauses: Sequence[Clause], db: Engine, *, rank: bool
) -> tuple[QuerySet, dict | None]:
    """Text match and the filters that are not facets (ages, price, modified after),
    and the engine's scores of every match when `rank` (see Engine.match).

    The radius is a facet too: `within()` applies its bounding box."""
    queryset = ServiceIndex.objects.all()
    scores = None
    if clauses:
        queryset, scores = db.match(queryset, clauses, rank=rank)
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


def within(queryset: QuerySet, near, miles: float) -> QuerySet:
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


def radius_counts(
    base: QuerySet, query: SearchQuery, db: Engine, catalogue: Catalogue
) -> dict[int, int]:
    """How many results each radius choice gives, with every other filter applied.

    A separate query so that the main one only reads the candidates inside the chosen
    radius (5 miles in a city is a few hundred services; 25 miles is thousands): this
    one applies every filter in SQL and reads just ids and locations, in the box of
    the widest choice.
    """
    widest = max(float(query.radius_miles or 0), float(max(RADIUS_CHOICES_MILES)))
    queryset = facet_filters_in_sql(within(base, query.near, widest), query, catalogue).annotate(
        points=db.points()
    )
    rows = fetch(queryset, ["pk", "points"])
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


def facet_filters_in_sql(
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
    for facet, condition in facet_conditions(query, catalogue).items():
        if facet != exclude:
            queryset = queryset.filter(condition)
    return queryset


def facet_conditions(query: SearchQuery, catalogue: Catalogue) -> dict[str, Q]:
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


def sql_page(
    queryset: QuerySet, query: SearchQuery, *, has_score: bool, total: int | None = None
) -> SearchResults:
    """Count, sort and page in the database: two queries, for searches without facets
    (one when the total is known)."""
    if total is None:
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
    hits = [SearchHit(service_id=row[0], score=float(row[1]) if has_score else 0.0) for row in rows]
    return SearchResults(total=total, hits=hits, page=query.page, per_page=query.per_page)


def scored_page(
    queryset: QuerySet, query: SearchQuery, scores: dict[int, float], *, total: int | None = None
) -> SearchResults:
    """Sorted by scores only some matches have (a broad search's lead, ranking in
    backend.py): those first, best first, then the others A to Z, as facets.sort_results
    orders them. The scored ones are read whole (a few thousand ids and titles at most);
    the others only as far as the page reaches, through the title index."""
    if total is None:
        total = queryset.count()
    start = (query.page - 1) * query.per_page
    end = start + query.per_page
    ids = list(scores)
    # The ids' condition first: SQLite looks rows up from the first IN list, and the
    # scored ones are far fewer than a common word's matches.
    scored = queryset.model.objects.filter(ids_in(ids)) & queryset
    lead = sorted(
        (-scores[pk], title.casefold(), pk)
        for pk, title in (fetch(scored, ["pk", "title"]) if ids else ())
    )
    hits = [SearchHit(service_id=pk, score=-negated) for negated, _, pk in lead[start:end]]
    if len(hits) < query.per_page and end > len(lead):
        offset = max(0, start - len(lead))
        others = queryset.exclude(ids_in(ids)) if ids else queryset
        rows = others.order_by(Lower("title"), "pk").values_list("pk", flat=True)
        wanted = query.per_page - len(hits)
        hits += [SearchHit(service_id=pk) for pk in rows[offset : offset + wanted]]
    return SearchResults(total=total, hits=hits, page=query.page, per_page=query.per_page)


def candidates(
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
        annotations["accessibility_ids"] = db.id_list(AccessibilityLink, "accessibilityfeature_id")
    if query.near is not None:
        annotations["points"] = db.points()
    queryset = queryset.annotate(**annotations)
    has_score = scores is None and "score" in queryset.query.annotations
    names = [*CANDIDATE_FIELDS, *annotations, *(["score"] if has_score else [])]
    rows = fetch(queryset, names)

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


def fetch(queryset: QuerySet, names: Sequence[str]) -> list[tuple]:
    """The rows of `queryset.values_list(*names)` as the driver returns them."""
    values = queryset.values_list(*names)
    try:
        sql, params = values.query.sql_with_params()
    except EmptyResultSet:  # .none(), or a filter that can match nothing
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
