"""Filters, facet counts, sorting and paging in one pass over the candidate services.

For a search with a radius, whose exact distances only Python computes (backend.py): the
database does what indexes are good at (the full-text match, ages, price, dates and a
bounding box around the family's postcode) and returns the candidates with everything
the rest needs: flags, category, need and accessibility ids and locations, one row each.
This module then applies the facet filters and counts every facet option in a single pass
over that list, instead of one aggregate query per facet (eight or more queries, each
repeating the text match). The radius's box narrows the candidates to a few thousand at
most, where a pass in Python costs a few milliseconds. Other searches count their facets
from the rows' facet keys with the same rule (keyed.py).

Facet rule (search/backends/base.py): an option's count is the number of results the
search would give with that option chosen as well. For a facet whose options combine with
OR (categories, needs, delivery, times, radius) that means ignoring the facet's own
filter: a candidate that fails only that facet's filter still counts towards its options.
So each candidate is checked against every filter once: one that passes everything is a
result and counts towards every facet; one that fails exactly one OR facet counts towards
that facet only; any other counts nowhere. Accessibility (every chosen feature must be met)
and the yes/no cost options narrow the results, so they count over the results only.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

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
    Delivery,
    FacetOption,
    GeoPoint,
    SearchQuery,
    Sort,
    TimeOfDay,
)

EARTH_RADIUS_MILES = 3958.8  # as search.gazetteer.distance_miles

DELIVERY_LABELS = {
    Delivery.IN_PERSON: "In person",
    Delivery.ONLINE: "Online",
    Delivery.HOME_VISIT: "Home visits",
}
TIME_LABELS = {
    TimeOfDay.AFTER_SCHOOL: "After school",
    TimeOfDay.WEEKENDS: "Weekends",
    TimeOfDay.HOLIDAYS: "School holidays",
}
# Index of each flag in Candidate.flags.
DELIVERY_FLAGS = {Delivery.IN_PERSON: 0, Delivery.ONLINE: 1, Delivery.HOME_VISIT: 2}
TIME_FLAGS = {TimeOfDay.AFTER_SCHOOL: 3, TimeOfDay.WEEKENDS: 4, TimeOfDay.HOLIDAYS: 5}
NO_MATCH = -1  # an id no row has: an unknown slug chosen matches nothing


@dataclass(frozen=True)
class Catalogue:
    """The taxonomies, read once per search: ids for slugs, labels and display order."""

    categories: list[tuple[int, str, str, int | None]]  # (id, slug, name, parent id), in order
    needs: list[tuple[int, str, str]]
    accessibility: list[tuple[int, str, str]]
    parent_of: dict[int, int] = field(default_factory=dict)

    @classmethod
    def build(cls, categories, needs, accessibility) -> Catalogue:
        """Categories in browsing order: each top-level one followed by its children."""
        rows = list(categories)  # (id, slug, name, parent_id, sort_order)
        tops = sorted((r for r in rows if r[3] is None), key=lambda r: (r[4], r[2]))
        ordered = []
        for top in tops:
            ordered.append(top[:4])
            children = sorted((r for r in rows if r[3] == top[0]), key=lambda r: (r[4], r[2]))
            ordered.extend(child[:4] for child in children)
        return cls(
            categories=ordered,
            needs=list(needs),
            accessibility=list(accessibility),
            parent_of={r[0]: r[3] for r in rows if r[3] is not None},
        )

    def category_ids(self, slugs: Iterable[str]) -> set[int]:
        by_slug = {slug: pk for pk, slug, _, _ in self.categories}
        return {by_slug.get(slug, NO_MATCH) for slug in slugs}

    def category_ids_with_children(self, slugs: Iterable[str]) -> set[int]:
        chosen = self.category_ids(slugs)
        return chosen | {child for child, parent in self.parent_of.items() if parent in chosen}

    def need_ids(self, slugs: Iterable[str]) -> set[int]:
        by_slug = {slug: pk for pk, slug, _ in self.needs}
        return {by_slug.get(slug, NO_MATCH) for slug in slugs}

    def accessibility_ids(self, slugs: Iterable[str]) -> set[int]:
        by_slug = {slug: pk for pk, slug, _ in self.accessibility}
        return {by_slug.get(slug, NO_MATCH) for slug in slugs}


@dataclass(slots=True)
class Candidate:
    """One service that passed the database's filters, with what the pass needs."""

    service_id: int
    score: float
    title: str
    min_price: Decimal | None
    last_reviewed: str | None  # ISO date
    is_free: bool
    direct_payment: bool
    # in_person, online, home_visit, after_school, weekends, holidays (truthy or not)
    flags: Sequence
    categories: Sequence[int] = ()
    needs: Sequence[int] = ()
    accessibility: Sequence[int] = ()
    distance: float | None = None


def nearest_miles(origin: GeoPoint, points: Iterable[tuple[float, float]]) -> float | None:
    """Haversine distance from `origin` to the nearest point, or None without points."""
    lat0 = math.radians(origin.latitude)
    lon0 = math.radians(origin.longitude)
    cos0 = math.cos(lat0)
    best = None
    for latitude, longitude in points:
        lat = math.radians(latitude)
        h = (
            math.sin((lat - lat0) / 2) ** 2
            + cos0 * math.cos(lat) * math.sin((math.radians(longitude) - lon0) / 2) ** 2
        )
        miles = 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(h)))
        if best is None or miles < best:
            best = miles
    return best


def bounding_box(origin: GeoPoint, miles: float) -> tuple[float, float, float, float]:
    """(min lat, max lat, min lon, max lon) of a box that holds every point within `miles`.

    A cheap, indexable necessary condition; the exact haversine test follows. One degree
    of latitude is about 69 miles everywhere; one of longitude shrinks with the cosine of
    the latitude, taken at the box's edge furthest from the equator so the box is never
    too narrow. A 1% margin covers the earth not being a sphere.
    """
    dlat = miles * 1.01 / 69.0
    far_lat = min(89.9, abs(origin.latitude) + dlat)
    dlon = min(180.0, miles * 1.01 / (69.17 * math.cos(math.radians(far_lat))))
    return (
        origin.latitude - dlat,
        origin.latitude + dlat,
        origin.longitude - dlon,
        origin.longitude + dlon,
    )


@dataclass
class Outcome:
    results: list[Candidate]
    facets: dict[str, list[FacetOption]]


def evaluate(
    candidates: Iterable[Candidate],
    query: SearchQuery,
    catalogue: Catalogue,
    *,
    with_facets: bool,
    radius_counts: dict[int, int] | None = None,
) -> Outcome:
    """Apply the facet filters, count facet options and sort, in one pass.

    `radius_counts`, when given, are the radius facet's counts worked out elsewhere (the
    candidates are then only those inside the chosen radius, too few to count from).

    Written for speed (it runs over every candidate of a broad search): local names,
    plain dicts as counters, and a candidate's expanded categories only built when a
    category filter or the category counts need them.
    """
    chosen_categories = catalogue.category_ids(query.categories) if query.categories else None
    chosen_needs = catalogue.need_ids(query.needs) if query.needs else None
    chosen_access = (
        catalogue.accessibility_ids(query.accessibility) if query.accessibility else None
    )
    delivery_flags = [DELIVERY_FLAGS[Delivery(value)] for value in query.delivery]
    time_flags = [TIME_FLAGS[TimeOfDay(value)] for value in query.times]
    radius = query.radius_miles if query.near is not None else None
    count_radius = with_facets and query.near is not None and radius_counts is None
    free_only, direct_payment = query.free_only, query.direct_payment
    parent_of = catalogue.parent_of

    results: list[Candidate] = []
    category_counts: dict[int, int] = {}
    need_counts: dict[int, int] = {}
    access_counts: dict[int, int] = {}
    flag_counts = [0, 0, 0, 0, 0, 0]  # in_person, online, home_visit, after_school, ...
    delivery_only = [0, 0, 0]  # counts from candidates failing only the delivery filter
    time_only = [0, 0, 0]
    counted_radii = dict.fromkeys(RADIUS_CHOICES_MILES, 0)
    free_count = direct_payment_count = 0

    for candidate in candidates:
        # Filters that narrow: a candidate failing one is counted nowhere.
        if (free_only and not candidate.is_free) or (
            direct_payment and not candidate.direct_payment
        ):
            continue
        if chosen_access is not None and not chosen_access.issubset(candidate.accessibility):
            continue
        categories = candidate.categories
        if (chosen_categories is not None or with_facets) and categories:
            expanded = set(categories)
            for category in categories:
                parent = parent_of.get(category)
                if parent is not None:
                    expanded.add(parent)
        else:
            expanded = set()
        # Filters whose own facet ignores them (OR facets and the radius).
        failed = None
        fails = 0
        if chosen_categories is not None and expanded.isdisjoint(chosen_categories):
            failed, fails = FACET_CATEGORIES, fails + 1
        if chosen_needs is not None and chosen_needs.isdisjoint(candidate.needs):
            failed, fails = FACET_NEEDS, fails + 1
        flags = candidate.flags
        if delivery_flags and not any(flags[i] for i in delivery_flags):
            failed, fails = FACET_DELIVERY, fails + 1
        if time_flags and not any(flags[i] for i in time_flags):
            failed, fails = FACET_TIMES, fails + 1
        distance = candidate.distance
        if radius is not None and (distance is None or distance > radius):
            failed, fails = FACET_RADIUS, fails + 1
        if fails > 1:
            continue
        if fails == 0:
            results.append(candidate)
        if not with_facets:
            continue
        if fails == 0:
            for feature in candidate.accessibility:
                access_counts[feature] = access_counts.get(feature, 0) + 1
            if candidate.is_free:
                free_count += 1
            if candidate.direct_payment:
                direct_payment_count += 1
        if failed is None or failed == FACET_CATEGORIES:
            for category in expanded:
                category_counts[category] = category_counts.get(category, 0) + 1
        if failed is None or failed == FACET_NEEDS:
            for need in candidate.needs:
                need_counts[need] = need_counts.get(need, 0) + 1
        if failed is None:
            for i in range(6):
                if flags[i]:
                    flag_counts[i] += 1
        elif failed == FACET_DELIVERY:
            for i in range(3):
                if flags[i]:
                    delivery_only[i] += 1
        elif failed == FACET_TIMES:
            for i in range(3):
                if flags[3 + i]:
                    time_only[i] += 1
        if count_radius and distance is not None and (failed is None or failed == FACET_RADIUS):
            for choice in RADIUS_CHOICES_MILES:
                if distance <= choice:
                    counted_radii[choice] += 1

    sort_results(results, query)
    if not with_facets:
        return Outcome(results=results, facets={})
    counts: dict[str, Counter] = {
        FACET_CATEGORIES: Counter(category_counts),
        FACET_NEEDS: Counter(need_counts),
        FACET_ACCESSIBILITY: Counter(access_counts),
        FACET_DELIVERY: Counter(
            {value: flag_counts[i] + delivery_only[i] for value, i in DELIVERY_FLAGS.items()}
        ),
        FACET_TIMES: Counter(
            {value: flag_counts[i] + time_only[i - 3] for value, i in TIME_FLAGS.items()}
        ),
        FACET_RADIUS: Counter(radius_counts if radius_counts is not None else counted_radii),
        FACET_COST: Counter({COST_FREE: free_count, COST_DIRECT_PAYMENT: direct_payment_count}),
    }
    return Outcome(results=results, facets=build_facets(counts, query, catalogue))


def sort_results(results: list[Candidate], query: SearchQuery) -> None:
    """Order as the contract says, then by title and id so pages never overlap.

    Price: free first (min_price 0), then the cheapest; services without a cost option
    last. Reviewed: most recently reviewed first; never reviewed last. Distance (needs a
    place): nearest first; services without a location last.
    """
    if query.sort == Sort.DISTANCE and query.near is not None:
        results.sort(key=lambda c: (c.distance is None, c.distance or 0.0, c.title, c.service_id))
    elif query.sort == Sort.PRICE:
        results.sort(key=lambda c: (c.min_price is None, c.min_price or 0, c.title, c.service_id))
    elif query.sort == Sort.REVIEWED:
        # ISO dates sort as strings; a stable sort keeps title order among equal dates,
        # and "" (never reviewed) sorts last when reversed.
        results.sort(key=lambda c: (c.title, c.service_id))
        results.sort(key=lambda c: c.last_reviewed or "", reverse=True)
    else:
        results.sort(key=lambda c: (-c.score, c.title, c.service_id))


def radius_label(radius: int) -> str:
    return f"Within {radius} mile{'s' if radius != 1 else ''}"


def build_facets(
    counts: dict[str, Counter], query: SearchQuery, catalogue: Catalogue
) -> dict[str, list[FacetOption]]:
    """Every option of every facet, in display order, with its count (0 included)."""
    chosen_categories = set(query.categories)
    chosen_needs = set(query.needs)
    chosen_access = set(query.accessibility)
    facets = {
        FACET_CATEGORIES: [
            FacetOption(slug, name, counts[FACET_CATEGORIES][pk], slug in chosen_categories)
            for pk, slug, name, _ in catalogue.categories
        ],
        FACET_NEEDS: [
            FacetOption(slug, name, counts[FACET_NEEDS][pk], slug in chosen_needs)
            for pk, slug, name in catalogue.needs
        ],
        FACET_DELIVERY: [
            FacetOption(value.value, label, counts[FACET_DELIVERY][value], value in query.delivery)
            for value, label in DELIVERY_LABELS.items()
        ],
        FACET_TIMES: [
            FacetOption(value.value, label, counts[FACET_TIMES][value], value in query.times)
            for value, label in TIME_LABELS.items()
        ],
        FACET_ACCESSIBILITY: [
            FacetOption(slug, name, counts[FACET_ACCESSIBILITY][pk], slug in chosen_access)
            for pk, slug, name in catalogue.accessibility
        ],
        FACET_COST: [
            FacetOption(COST_FREE, "Free", counts[FACET_COST][COST_FREE], query.free_only),
            FacetOption(
                COST_DIRECT_PAYMENT,
                "Can be paid for with a direct payment",
                counts[FACET_COST][COST_DIRECT_PAYMENT],
                query.direct_payment,
            ),
        ],
    }
    if query.near is not None:
        facets[FACET_RADIUS] = [
            FacetOption(
                str(radius),
                radius_label(radius),
                counts[FACET_RADIUS][radius],
                query.radius_miles is not None and float(query.radius_miles) == radius,
            )
            for radius in RADIUS_CHOICES_MILES
        ]
    return facets
