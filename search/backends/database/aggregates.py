"""Facet counts of a broad search by aggregate queries, one per facet or so.

A search with more candidates than a pass in Python should take (no words or very common
ones, and no radius) counts each facet with an aggregate query over every filter but the
facet's own: about ten queries, each one scan the database does in C, where the pass over
50,000 candidates took seconds (bench/README.md). Not used with a radius, whose exact
distances only Python computes: the radius's box keeps such searches small anyway.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from django.db import connection
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce

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
    RADIUS_CHOICES_MILES,
    SearchQuery,
)
from search.backends.database.facets import Candidate, Catalogue
from search.backends.database.sql import (
    DELIVERY_FIELDS,
    TIME_FIELDS,
    AccessibilityLink,
    CategoryLink,
    NeedLink,
    facet_conditions,
    facet_filters_in_sql,
    fetch,
    ids_in,
)
from search.backends.database.text import Clause


def broad_counts(
    base: QuerySet,
    query: SearchQuery,
    clauses: Sequence[Clause],
    catalogue: Catalogue,
    every_result: list[Candidate] | None,
) -> dict[str, Counter]:
    """Every facet's counts (as facets.build_facets takes them) for the candidates of
    `base`; `every_result`, when read, gives the radius choices' counts."""
    counts: dict[str, Counter] = {}
    matched = base
    if clauses and connection.vendor == "postgresql":
        # The text match once, its ids passed to every aggregate as one array parameter
        # (sql.ids_in): matching half the table, PostgreSQL reads every row's vector,
        # and each aggregate repeating that took as long as the rest. SQLite's FTS5
        # match costs a few milliseconds and stays in each aggregate: the ids as a
        # JSON array (json_each) made each aggregate ten times slower.
        ids = [row[0] for row in fetch(base, ["pk"])]
        matched = base.model.objects.filter(ids_in(ids))

    def ids_without(facet: str | None) -> QuerySet:
        return facet_filters_in_sql(matched, query, catalogue, exclude=facet).values("pk")

    def grouped(links: QuerySet, column: str) -> Counter:
        return Counter(dict(links.values_list(column).annotate(n=Count("pk")).order_by()))

    in_categories = CategoryLink.objects.filter(serviceindex_id__in=ids_without(FACET_CATEGORIES))
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
    conditions = facet_conditions(query, catalogue)

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
        counts[facet] = Counter({value: totals[f"n_{field}"] for value, field in fields.items()})
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
    return counts
