"""Turn a `SearchQuery` into an Elasticsearch request body, and a response into results.

Pure functions over plain data, built with `elasticsearch.dsl` and returned as dicts, so
every clause is unit-tested without a server (tests/search/test_elasticsearch_builders.py)
and the backend only sends what these functions build.

Facets follow the facet rule (search/backends/base.py) without a `post_filter`: the main
query applies every filter, so hits and total are exactly the results; each facet whose
options combine with OR is counted by a filter aggregation, inside one `global`
aggregation, that applies the text query and every other filter but not the facet's own
(so an option's count is what the search gives with that option chosen instead of the
others in its facet). Facets whose options combine with AND, and yes/no options, are
counted over the results themselves: choosing one more narrows the results further.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from elasticsearch.dsl import A, Q, Search
from elasticsearch.dsl.query import Query

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
    FacetOption,
    SearchHit,
    SearchQuery,
    SearchResults,
    Sort,
)

# Elasticsearch's default `index.max_result_window`: from + size may not go past it.
MAX_RESULT_WINDOW = 10_000

# Enough buckets for every option of any taxonomy, so no option's count is cut off.
FACET_TERMS_SIZE = 500

# The weights families expect: a word in the name matters most, then the summary.
TEXT_FIELDS = ("title^3", "summary^2", "body", "organisation_name", "all_text")

# Filter groups that are not facets: they apply everywhere, in every facet count.
TEXT = "text"
AGE = "age"
ORUK_AGE = "oruk_age"
MODIFIED_AFTER = "modified_after"

# Facet names (the keys of `SearchResults.facets`) double as the names of their filters.
CATEGORIES = FACET_CATEGORIES
NEEDS = FACET_NEEDS
DELIVERY = FACET_DELIVERY
TIMES = FACET_TIMES
ACCESSIBILITY = FACET_ACCESSIBILITY
RADIUS = FACET_RADIUS
COST = FACET_COST

# Yes/no cost filters: each is its own filter group (never left out of a facet count).
FREE = COST_FREE
DIRECT_PAYMENT = COST_DIRECT_PAYMENT
MAX_PRICE = "max_price"

# Half the earth's circumference: every point on earth is within this many miles, and
# Elasticsearch need not be asked about a radius larger than the planet.
MAX_RADIUS_MILES = 12_500

# A pasted essay is cut rather than sent as hundreds of clauses (the database backend
# cuts at the same length, so both answer the same question).
MAX_TEXT_LENGTH = 300


@dataclass(frozen=True)
class TermsFacet:
    """A facet over a keyword field: `field` holds the option values (slugs)."""

    name: str
    field: str
    attribute: str  # the SearchQuery attribute holding the chosen values
    combine_with_or: bool  # OR: count without the facet's own filter; AND: with it


TERMS_FACETS = (
    TermsFacet(CATEGORIES, "categories", "categories", combine_with_or=True),
    TermsFacet(NEEDS, "needs", "needs", combine_with_or=True),
    TermsFacet(DELIVERY, "delivery", "delivery", combine_with_or=True),
    TermsFacet(TIMES, "times", "times", combine_with_or=True),
    # Every accessibility feature chosen must be met, so options narrow the results.
    TermsFacet(ACCESSIBILITY, "accessibility", "accessibility", combine_with_or=False),
)


# --- filters ------------------------------------------------------------------------------


def text_query(text: str) -> Query | None:
    """Every word must match, in any of the text fields, allowing for small typos.

    `all_text` (a copy of the title, summary, body and organisation name) lets the words
    of one query come from different fields; the weighted fields make a match in the
    name score above one in the description. Synonym phrases are matched as all of their
    words rather than as a phrase, because stop words removed at index time leave gaps
    in positions that a phrase would not cross.
    """
    text = " ".join((text or "")[:MAX_TEXT_LENGTH].split())
    if not text:
        return None
    return Q(
        "multi_match",
        query=text,
        fields=list(TEXT_FIELDS),
        type="best_fields",
        operator="and",
        fuzziness="AUTO",
        tie_breaker=0.3,
        auto_generate_synonyms_phrase_query=False,
    )


def age_overlap(low_months: int | None, high_months: int | None) -> list[Query]:
    """A service matches when [low, high] overlaps [min_age_months, max_age_months]."""
    clauses = []
    if high_months is not None:
        clauses.append(Q("range", min_age_months={"lte": high_months}))
    if low_months is not None:
        clauses.append(Q("range", max_age_months={"gte": low_months}))
    return clauses


def cost_option_filter(query: Query) -> Query:
    """Match a service when at least one of its cost options matches `query`."""
    return Q("nested", path="cost_options", query=query)


def miles(value: float) -> str:
    return f"{value:g}mi"


def geo_point(query: SearchQuery) -> dict[str, float]:
    assert query.near is not None
    return {"lat": query.near.latitude, "lon": query.near.longitude}


def filter_groups(query: SearchQuery) -> dict[str, list[Query]]:
    """Every filter the query asks for, grouped by the facet (or rule) it belongs to.

    The main query applies them all; a facet's count leaves out its own group when its
    options combine with OR.
    """
    groups: dict[str, list[Query]] = {}

    def add(name: str, *clauses: Query) -> None:
        if clauses:
            groups.setdefault(name, []).extend(clauses)

    text = text_query(query.text)
    if text is not None:
        add(TEXT, text)
    if query.age_years is not None:
        # A child of N years is between N*12 and N*12+11 months old.
        add(AGE, *age_overlap(query.age_years * 12, query.age_years * 12 + 11))
    if query.minimum_age is not None or query.maximum_age is not None:
        add(
            ORUK_AGE,
            *age_overlap(
                query.minimum_age * 12 if query.minimum_age is not None else None,
                query.maximum_age * 12 + 11 if query.maximum_age is not None else None,
            ),
        )
    if query.modified_after is not None:
        # ORUK's modified_after: modified on or after that moment.
        add(MODIFIED_AFTER, Q("range", modified={"gte": _iso(query.modified_after)}))

    for facet in TERMS_FACETS:
        values = [str(value) for value in getattr(query, facet.attribute)]
        if not values:
            continue
        if facet.combine_with_or:
            add(facet.name, Q("terms", **{facet.field: values}))
        else:
            add(facet.name, *(Q("term", **{facet.field: value}) for value in values))

    if query.near is not None and query.radius_miles is not None:
        # A service matches when any of its locations is within the radius, which is
        # the same as its nearest location being within it. No location, no match.
        add(
            RADIUS,
            Q(
                "geo_distance",
                distance=miles(min(float(query.radius_miles), MAX_RADIUS_MILES)),
                distance_type="arc",
                locations=geo_point(query),
            ),
        )

    if query.free_only:
        add(FREE, cost_option_filter(Q("term", **{"cost_options.is_free": True})))
    if query.max_price is not None:
        # Free options cost nothing, so they are within any budget.
        add(
            MAX_PRICE,
            cost_option_filter(
                Q(
                    "bool",
                    should=[
                        Q("term", **{"cost_options.is_free": True}),
                        Q("range", **{"cost_options.amount": {"lte": float(query.max_price)}}),
                    ],
                    minimum_should_match=1,
                )
            ),
        )
    if query.direct_payment:
        add(
            DIRECT_PAYMENT,
            cost_option_filter(Q("term", **{"cost_options.direct_payment": True})),
        )
    return groups


def _iso(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def bool_query(groups: Mapping[str, list[Query]], *, exclude: str | None = None) -> Query:
    """The text query scores (`must`); every other clause only filters."""
    must = list(groups.get(TEXT, []))
    filters = [
        clause
        for name, clauses in groups.items()
        if name not in (TEXT, exclude)
        for clause in clauses
    ]
    if not must and not filters:
        return Q("match_all")
    return Q("bool", must=must, filter=filters)


# --- sorting and pages --------------------------------------------------------------------


def distance_sort(query: SearchQuery) -> dict:
    """Nearest location first, in miles. Services without a location sort last."""
    return {
        "_geo_distance": {
            "locations": geo_point(query),
            "order": "asc",
            "unit": "mi",
            "mode": "min",
            "distance_type": "arc",
            "ignore_unmapped": True,
        }
    }


def sort_clauses(query: SearchQuery) -> list:
    """The sort, then the title and id so that pages never overlap or skip a service.

    When a place is given, the distance sort is always present: last (a no-op after the
    unique id) unless sorting by distance, so every hit's distance can be read from its
    sort values without a script.
    """
    tie_break: list = [{"title.sort": {"order": "asc"}}, {"service_id": {"order": "asc"}}]
    if query.sort == Sort.DISTANCE and query.near is not None:
        return [distance_sort(query), *tie_break]
    if query.sort == Sort.PRICE:
        # Free services have a min_price of 0, so they come first; no cost option, last.
        clauses: list = [{"min_price": {"order": "asc", "missing": "_last"}}, *tie_break]
    elif query.sort == Sort.REVIEWED:
        clauses = [{"last_reviewed": {"order": "desc", "missing": "_last"}}, *tie_break]
    else:
        clauses = [{"_score": {"order": "desc"}}, *tie_break]
    if query.near is not None:
        clauses.append(distance_sort(query))
    return clauses


def distance_sort_position(sort: Sequence) -> int | None:
    for position, clause in enumerate(sort):
        if isinstance(clause, dict) and "_geo_distance" in clause:
            return position
    return None


def page_window(query: SearchQuery) -> tuple[int, int]:
    """`from` and `size` for the page, or (0, 0) past the result window.

    Elasticsearch refuses `from + size` beyond `index.max_result_window` (10,000).
    Such a page is empty in any case for a directory this size, so we ask for no hits
    and still get the true total and facets, rather than an error.
    """
    per_page = max(1, min(query.per_page, MAX_PER_PAGE))
    page = max(1, query.page)
    start = (page - 1) * per_page
    if start + per_page > MAX_RESULT_WINDOW:
        return 0, 0
    return start, per_page


# --- facets -------------------------------------------------------------------------------


def facet_aggregations(query: SearchQuery, groups: Mapping[str, list[Query]]) -> dict:
    """Aggregations that count every facet option by the facet rule.

    OR facets and the radius facet sit under one `global` aggregation (which sees every
    document, not just the results) with a filter that re-applies the text query and
    every filter except the facet's own. AND facets and yes/no cost options are counted
    over the results.
    """
    search = Search()
    global_facets = search.aggs.bucket("global_facets", "global")
    for facet in TERMS_FACETS:
        terms = A("terms", field=facet.field, size=FACET_TERMS_SIZE)
        if facet.combine_with_or:
            global_facets.bucket(facet.name, "filter", bool_query(groups, exclude=facet.name))
            global_facets[facet.name].bucket("options", terms)
        else:
            search.aggs.bucket(facet.name, terms)
    if query.near is not None:
        global_facets.bucket(RADIUS, "filter", bool_query(groups, exclude=RADIUS))
        global_facets[RADIUS].bucket(
            "options",
            "geo_distance",
            field="locations",
            origin=geo_point(query),
            unit="mi",
            distance_type="arc",
            # Overlapping ranges from 0: a service within 1 mile is within 3 as well.
            # A geo_point array puts the service in a range when any point is in it.
            keyed=True,
            ranges=[{"key": str(radius), "to": radius} for radius in RADIUS_CHOICES_MILES],
        )
    search.aggs.bucket(
        COST,
        "filters",
        filters={
            FREE: cost_option_filter(Q("term", **{"cost_options.is_free": True})),
            DIRECT_PAYMENT: cost_option_filter(Q("term", **{"cost_options.direct_payment": True})),
        },
    )
    return search.to_dict()["aggs"]


# --- the request body ---------------------------------------------------------------------


def build_search_body(query: SearchQuery) -> dict:
    """The `search` request body for a query: query, sort, page and facet aggregations."""
    groups = filter_groups(query)
    start, size = page_window(query)
    body: dict[str, Any] = {
        "query": bool_query(groups).to_dict(),
        "sort": sort_clauses(query),
        "from": start,
        "size": size,
        # Exact totals beyond 10,000, so the page count is right however many match.
        "track_total_hits": True,
        # Hits are ids; the view loads the pages it shows from the database.
        "_source": False,
    }
    if query.sort != Sort.RELEVANCE and groups.get(TEXT):
        body["track_scores"] = True
    if query.with_facets:
        body["aggs"] = facet_aggregations(query, groups)
    return body


# --- the response -------------------------------------------------------------------------

FacetCatalogue = Mapping[str, Sequence[tuple[str, str]]]


def radius_label(radius: int) -> str:
    return f"Within {radius} mile{'s' if radius != 1 else ''}"


def parse_response(
    response: Mapping[str, Any],
    query: SearchQuery,
    *,
    catalogue: FacetCatalogue | None = None,
) -> SearchResults:
    """SearchResults from a search response built by `build_search_body(query)`.

    `catalogue` gives each terms facet's options in display order as (value, label):
    Elasticsearch returns only options with results, and the page lists every option
    (with 0) so families see what exists, exactly as the database backend does.
    """
    catalogue = catalogue or {}
    hits_section = response.get("hits", {})
    total_field = hits_section.get("total", 0)
    total = total_field["value"] if isinstance(total_field, Mapping) else int(total_field)
    distance_at = distance_sort_position(sort_clauses(query))
    hits = []
    for hit in hits_section.get("hits", []):
        distance = None
        if distance_at is not None:
            distance = _finite(hit.get("sort", [])[distance_at : distance_at + 1])
        hits.append(
            SearchHit(
                service_id=int(hit["_id"]),
                score=float(hit.get("_score") or 0.0),
                distance_miles=distance,
            )
        )
    per_page = max(1, min(query.per_page, MAX_PER_PAGE))
    facets = (
        parse_facets(response.get("aggregations", {}), query, catalogue)
        if query.with_facets
        else {}
    )
    return SearchResults(
        total=total, hits=hits, page=max(1, query.page), per_page=per_page, facets=facets
    )


def _finite(values: Sequence[Any]) -> float | None:
    """A distance sort value, or None for a service without a location (Infinity)."""
    if not values or values[0] is None:
        return None
    try:
        value = float(values[0])
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def parse_facets(
    aggregations: Mapping[str, Any], query: SearchQuery, catalogue: FacetCatalogue
) -> dict[str, list[FacetOption]]:
    facets: dict[str, list[FacetOption]] = {}
    global_facets = aggregations.get("global_facets", {})
    for facet in TERMS_FACETS:
        if facet.combine_with_or:
            buckets = global_facets.get(facet.name, {}).get("options", {}).get("buckets", [])
        else:
            buckets = aggregations.get(facet.name, {}).get("buckets", [])
        counts = {str(bucket["key"]): int(bucket["doc_count"]) for bucket in buckets}
        chosen = {str(value) for value in getattr(query, facet.attribute)}
        facets[facet.name] = _options(counts, chosen, catalogue.get(facet.name))

    if query.near is not None and RADIUS in global_facets:
        buckets = global_facets[RADIUS].get("options", {}).get("buckets", {})
        if not isinstance(buckets, Mapping):  # not keyed: a list with "key"
            buckets = {bucket["key"]: bucket for bucket in buckets}
        facets[RADIUS] = [
            FacetOption(
                value=str(radius),
                label=radius_label(radius),
                count=int(buckets.get(str(radius), {}).get("doc_count", 0)),
                selected=query.radius_miles is not None and float(query.radius_miles) == radius,
            )
            for radius in RADIUS_CHOICES_MILES
        ]

    cost = aggregations.get(COST, {}).get("buckets", {})
    facets[COST] = [
        FacetOption(
            value=FREE,
            label="Free",
            count=int(cost.get(FREE, {}).get("doc_count", 0)),
            selected=query.free_only,
        ),
        FacetOption(
            value=DIRECT_PAYMENT,
            label="Can be paid for with a direct payment",
            count=int(cost.get(DIRECT_PAYMENT, {}).get("doc_count", 0)),
            selected=query.direct_payment,
        ),
    ]
    return facets


def _options(
    counts: Mapping[str, int],
    chosen: set[str],
    known: Sequence[tuple[str, str]] | None,
) -> list[FacetOption]:
    """Every known option in order with its count (0 when Elasticsearch had no bucket).

    Without a catalogue for the facet, the options are the values found, by value.
    """
    options = list(known) if known is not None else [(value, value) for value in sorted(counts)]
    return [
        FacetOption(value=value, label=label, count=counts.get(value, 0), selected=value in chosen)
        for value, label in options
    ]
