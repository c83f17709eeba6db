"""Facet counts over the whole index, kept up to date by the indexer (models.FacetCount).

Browsing with no words and no filters shows every facet's counts over every indexed
service. Counted per request that was an aggregate over every link row (a quarter of a
second at 50,000 services); read from FacetCount it is one query of a few hundred rows.

Each service contributes one to "total", to the signature of its categories, to each of
its needs and accessibility features and to each of its yes/no flags. The writer adds a
service's contribution when it inserts its rows and subtracts exactly what it deleted
(DELETE ... RETURNING), in the same transaction, so the counts move with the index and
a reader never sees one without the other. Increments are `INSERT ... ON CONFLICT DO
UPDATE SET services = services + n`: concurrent index tasks wait for each other on the
count rows they share rather than overwrite each other, and touch them in one sorted
order so they cannot deadlock. Rows of the index that Django deletes itself (the cascade
when a service page is deleted) are subtracted by a pre_delete receiver
(search/signal_handlers.py) before they go.

Categories are counted by signature (the service's category ids) rather than by
category, because a top-level category counts each service filed under it or any of its
sub-categories once: with signatures, `read()` works that out from how categories are
arranged when the page is shown, so moving a sub-category under another parent needs no
re-count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.db import connection

from search.backends.base import (
    COST_DIRECT_PAYMENT,
    COST_FREE,
    FACET_ACCESSIBILITY,
    FACET_CATEGORIES,
    FACET_COST,
    FACET_DELIVERY,
    FACET_NEEDS,
    FACET_TIMES,
    Delivery,
    TimeOfDay,
)
from search.backends.database.facets import Catalogue
from search.models import FacetCount, ServiceIndex

TABLE = FacetCount._meta.db_table
TOTAL = "total"
FLAGS = "flags"
# The yes/no columns of ServiceIndex that facets count, in the order rows carry them.
FLAG_FIELDS = (
    "is_free",
    "direct_payment",
    "in_person",
    "online",
    "home_visit",
    "after_school",
    "weekends",
    "holidays",
)
LINKS = (
    (FACET_CATEGORIES, ServiceIndex.categories.through, "category_id"),
    (FACET_NEEDS, ServiceIndex.needs.through, "need_id"),
    (FACET_ACCESSIBILITY, ServiceIndex.accessibility.through, "accessibilityfeature_id"),
)


@dataclass
class Contribution:
    """What one indexed service adds to the counts."""

    flags: Sequence[bool]  # in FLAG_FIELDS order
    categories: list[int]
    needs: list[int]
    accessibility: list[int]


def keys(contribution: Contribution) -> list[tuple[str, str]]:
    found = [(TOTAL, "")]
    if contribution.categories:
        signature = ",".join(str(pk) for pk in sorted(set(contribution.categories)))
        found.append((FACET_CATEGORIES, signature))
    found.extend((FACET_NEEDS, str(pk)) for pk in sorted(set(contribution.needs)))
    found.extend((FACET_ACCESSIBILITY, str(pk)) for pk in sorted(set(contribution.accessibility)))
    found.extend(
        (FLAGS, name) for name, on in zip(FLAG_FIELDS, contribution.flags, strict=True) if on
    )
    return found


def apply(added: Iterable[Contribution] = (), removed: Iterable[Contribution] = ()) -> None:
    """Add and subtract contributions in the current transaction."""
    delta: Counter[tuple[str, str]] = Counter()
    for contribution in added:
        delta.update(keys(contribution))
    for contribution in removed:
        delta.subtract(keys(contribution))
    # Keys whose changes cancel out (a service indexed again as it was) are written too,
    # adding 0: one statement per batch whatever the data, as the query-count tests expect.
    rows = sorted((facet, option, n) for (facet, option), n in delta.items())
    if not rows:
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {TABLE} (facet, option, services) VALUES (%s, %s, %s) "  # noqa: S608
            f"ON CONFLICT (facet, option) DO UPDATE "
            f"SET services = {TABLE}.services + excluded.services",
            rows,
        )


def clear() -> None:
    """Back to an empty index's counts: a total of none (which read() tells from counts
    never made)."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608
        cursor.execute(
            f"INSERT INTO {TABLE} (facet, option, services) VALUES (%s, %s, 0)",  # noqa: S608
            [TOTAL, ""],
        )


def contributions(
    rows: Iterable[Sequence], links: Mapping[str, Iterable[tuple[int, int]]]
) -> list[Contribution]:
    """Contributions of index rows (service id, then FLAG_FIELDS) and their link rows
    ((service id, linked id) by facet), as read or deleted together."""
    by_id = {row[0]: Contribution([bool(value) for value in row[1:]], [], [], []) for row in rows}
    for facet, pairs in links.items():
        for service_id, linked in pairs:
            contribution = by_id.get(service_id)
            if contribution is not None:
                getattr(contribution, facet).append(linked)
    return list(by_id.values())


def subtract_indexed(ids: Sequence[int]) -> None:
    """Subtract the contributions of these index rows, which are about to be deleted by
    someone other than the writer (Django's cascade)."""
    if not ids:
        return
    placeholders = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT service_id, {', '.join(FLAG_FIELDS)} FROM {ServiceIndex._meta.db_table} "  # noqa: S608
            f"WHERE service_id IN ({placeholders})",
            list(ids),
        )
        rows = cursor.fetchall()
        links = {}
        for facet, model, column in LINKS:
            cursor.execute(
                f"SELECT serviceindex_id, {column} FROM {model._meta.db_table} "  # noqa: S608
                f"WHERE serviceindex_id IN ({placeholders})",
                list(ids),
            )
            links[facet] = cursor.fetchall()
    apply(removed=contributions(rows, links))


def read(catalogue: Catalogue) -> tuple[int, dict[str, Counter]] | None:
    """(total, counts by facet as facets.build_facets() takes them), or None when the
    counts were never made (an index written before they existed: rebuild it)."""
    rows = list(FacetCount.objects.values_list("facet", "option", "services"))
    total = next((n for facet, _, n in rows if facet == TOTAL), None)
    if total is None:
        return None
    categories: Counter[int] = Counter()
    needs: Counter[int] = Counter()
    accessibility: Counter[int] = Counter()
    flags: Counter[str] = Counter()
    parent_of = catalogue.parent_of
    for facet, option, n in rows:
        if facet == FACET_CATEGORIES:
            ids = {int(pk) for pk in option.split(",")}
            for pk in ids | {parent_of[pk] for pk in ids if pk in parent_of}:
                categories[pk] += n
        elif facet == FACET_NEEDS:
            needs[int(option)] += n
        elif facet == FACET_ACCESSIBILITY:
            accessibility[int(option)] += n
        elif facet == FLAGS:
            flags[option] += n
    return total, {
        FACET_CATEGORIES: categories,
        FACET_NEEDS: needs,
        FACET_ACCESSIBILITY: accessibility,
        FACET_DELIVERY: Counter({value: flags[value.value] for value in Delivery}),
        FACET_TIMES: Counter({value: flags[value.value] for value in TimeOfDay}),
        FACET_COST: Counter(
            {COST_FREE: flags["is_free"], COST_DIRECT_PAYMENT: flags["direct_payment"]}
        ),
    }
