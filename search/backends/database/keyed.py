"""Facet counts from the facet keys of the matched rows: one query and one pass in Python.

Every index row carries its facet options as one short text, `ServiceIndex.facet_keys`
("3,12;5,7;2;is_free,online": its category, need and accessibility ids and its yes/no
flags; written by the writer with the rest of the row, counts.py). Every search with
facets and no radius (backend.py) reads that column of every row passing the filters
that are never facets (the text match, ages, price, dates) and counts here. For a broad
keyword (half the directory) that replaced about five aggregate queries, each joining a
link table (categories, needs, accessibility) to the matched ids, which at 50,000
services were most of the search's time, and for a few thousand matches, reading each
one's link ids through three subqueries (bench/README.md;
docs/decisions/0012-search-at-scale.md).

Each list is counted whole, as a signature, with one `Counter` per facet (in C), and each
distinct signature is then split once: 25,000 rows share a few thousand. With no facet
filter chosen every row read is a result. Otherwise each row is checked against each
chosen filter, with the rule of facets.py: a row passing every filter counts everywhere;
one failing exactly one OR facet (categories, needs, delivery, times) counts towards
that facet only; accessibility and the yes/no cost options count over the results. A
filter is decided once per distinct signature too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from django.db.models import QuerySet

from search.backends.base import (
    FACET_ACCESSIBILITY,
    FACET_CATEGORIES,
    FACET_DELIVERY,
    FACET_NEEDS,
    FACET_TIMES,
    RADIUS_CHOICES_MILES,
    Delivery,
    SearchQuery,
    TimeOfDay,
)
from search.backends.database import counts
from search.backends.database.facets import Candidate, Catalogue
from search.backends.database.sql import DELIVERY_FIELDS, TIME_FIELDS, fetch

# A row of facet_keys split into its lists, and a test of one.
Row = tuple[str, ...]
Check = Callable[[Row], bool]


def read(candidates: QuerySet) -> list[Row]:
    """The facet keys of every candidate, each split into its lists: one query.

    Tuples, not lists: the garbage collector stops tracking a tuple of strings, where
    25,000 lists alive through a search made it sweep them all again and again."""
    separator = counts.KEY_SEPARATOR
    return [tuple(text.split(separator)) for (text,) in fetch(candidates, ["facet_keys"])]


def count(
    rows: list[Row], query: SearchQuery, catalogue: Catalogue
) -> tuple[int, dict[str, Counter]]:
    """(the number of results, every facet's counts as facets.build_facets takes them)
    for candidates with these facet keys."""
    narrowing, either = checks(query, catalogue)
    results, only = sort_out(rows, narrowing, either) if narrowing or either else (rows, {})
    by_facet = counts.by_facet(counts.tallied(results), catalogue)
    for facet, failed_only in only.items():
        by_facet[facet] += counts.by_facet(counts.tallied(failed_only), catalogue)[facet]
    return len(results), by_facet


def radius_counts(results: Iterable[Candidate]) -> Counter:
    """No radius chosen: each choice counts the results within it."""
    distances = [result.distance for result in results if result.distance is not None]
    return Counter(
        {
            choice: sum(1 for distance in distances if distance <= choice)
            for choice in RADIUS_CHOICES_MILES
        }
    )


def sort_out(
    rows: list[Row], narrowing: list[Check], either: dict[str, Check]
) -> tuple[list[Row], dict[str, list[Row]]]:
    """(the rows passing every filter, the rows failing only one OR facet's filter by that
    facet); rows failing more count nowhere."""
    results = []
    only: dict[str, list[Row]] = {facet: [] for facet in either}
    for row in rows:
        if not all(passes(row) for passes in narrowing):
            continue
        failed = [facet for facet, passes in either.items() if not passes(row)]
        if not failed:
            results.append(row)
        elif len(failed) == 1:
            only[failed[0]].append(row)
    return results, only


def checks(query: SearchQuery, catalogue: Catalogue) -> tuple[list[Check], dict[str, Check]]:
    """The chosen facet filters as tests of a row: those that narrow every count
    (accessibility, cost), and those of the OR facets, which their own counts ignore."""
    narrowing: list[Check] = []
    either: dict[str, Check] = {}
    if query.accessibility:
        features = _strings(catalogue.accessibility_ids(query.accessibility))
        narrowing.append(_test(FACET_ACCESSIBILITY, features.issubset))
    for chosen, flag in ((query.free_only, "is_free"), (query.direct_payment, "direct_payment")):
        if chosen:
            narrowing.append(_any_of(counts.FLAGS, [flag]))
    if query.categories:
        either[FACET_CATEGORIES] = _any_of(
            FACET_CATEGORIES, catalogue.category_ids_with_children(query.categories)
        )
    if query.needs:
        either[FACET_NEEDS] = _any_of(FACET_NEEDS, catalogue.need_ids(query.needs))
    if query.delivery:
        fields = {DELIVERY_FIELDS[Delivery(value)] for value in query.delivery}
        either[FACET_DELIVERY] = _any_of(counts.FLAGS, fields)
    if query.times:
        fields = {TIME_FIELDS[TimeOfDay(value)] for value in query.times}
        either[FACET_TIMES] = _any_of(counts.FLAGS, fields)
    return narrowing, either


def _strings(values: Iterable[object]) -> frozenset[str]:
    return frozenset(str(value) for value in values)


def _any_of(facet: str, chosen: Iterable[object]) -> Check:
    """Does the row's list for `facet` hold any of `chosen`?"""
    wanted = _strings(chosen)
    return _test(facet, lambda parts: not wanted.isdisjoint(parts))


def _test(facet: str, holds: Callable[[frozenset[str]], bool]) -> Check:
    """A test of the row's list for `facet` (a category's children are in the chosen ids
    already), decided once per distinct list."""
    position = counts.KEY_FACETS.index(facet)
    known: dict[str, bool] = {}

    def check(row: Row) -> bool:
        signature = row[position]
        found = known.get(signature)
        if found is None:
            found = known[signature] = holds(frozenset(signature.split(",")))
        return found

    return check
