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

The same options are written on the service's own index row as one short text,
`ServiceIndex.facet_keys` (`key_text()`): four comma-separated lists, joined by ";", of
its category ids, need ids, accessibility feature ids and the yes/no flags that are on,
for example "3,12;5,7;2;is_free,online". A search counts its facets from the rows it
matched without joining the link tables (keyed.py). Each list is a signature, as for
categories here: the rows of a broad search share a few thousand signatures, which are
counted whole and split once each. `by_facet()` turns either kind of count into what
facets.build_facets() takes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
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
# The lists of ServiceIndex.facet_keys, in order ("3,12;5,7;2;is_free,online").
KEY_FACETS = (FACET_CATEGORIES, FACET_NEEDS, FACET_ACCESSIBILITY, FLAGS)
KEY_SEPARATOR = ";"


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


def key_text(contribution: Contribution) -> str:
    """A service's facet options as ServiceIndex.facet_keys holds them."""
    flags = [name for name, on in zip(FLAG_FIELDS, contribution.flags, strict=True) if on]
    return KEY_SEPARATOR.join(
        [
            *(
                ",".join(str(pk) for pk in sorted(set(ids)))
                for ids in (contribution.categories, contribution.needs, contribution.accessibility)
            ),
            ",".join(flags),
        ]
    )


def tallied(rows: Iterable[Sequence[str]]) -> Iterator[tuple[str, str, int]]:
    """Rows of facet_keys split into their lists, counted as (facet, signature, services),
    which by_facet() takes as it takes FacetCount's rows."""
    for facet, signatures in zip(KEY_FACETS, zip(*rows, strict=True), strict=False):
        for signature, n in Counter(signatures).items():
            if signature:
                yield facet, signature, n


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
    return total, by_facet(rows, catalogue)


def by_facet(rows: Iterable[tuple[str, str, int]], catalogue: Catalogue) -> dict[str, Counter]:
    """Counts by key, (facet, option, services), as facets.build_facets() takes them. An
    option may be a signature, "3,12": each of its ids counts the services once, and a
    category also counts towards its parent (once, whichever of its children it has)."""
    categories: Counter[int] = Counter()
    needs: Counter[int] = Counter()
    accessibility: Counter[int] = Counter()
    flags: Counter[str] = Counter()
    parent_of = catalogue.parent_of
    for facet, option, n in rows:
        parts = option.split(",")
        if facet == FACET_CATEGORIES:
            ids = {int(pk) for pk in parts}
            for pk in ids | {parent_of[pk] for pk in ids if pk in parent_of}:
                categories[pk] += n
        elif facet == FACET_NEEDS:
            for part in parts:
                needs[int(part)] += n
        elif facet == FACET_ACCESSIBILITY:
            for part in parts:
                accessibility[int(part)] += n
        elif facet == FLAGS:
            for name in parts:
                flags[name] += n
    return {
        FACET_CATEGORIES: categories,
        FACET_NEEDS: needs,
        FACET_ACCESSIBILITY: accessibility,
        FACET_DELIVERY: Counter({value: flags[value.value] for value in Delivery}),
        FACET_TIMES: Counter({value: flags[value.value] for value in TimeOfDay}),
        FACET_COST: Counter(
            {COST_FREE: flags["is_free"], COST_DIRECT_PAYMENT: flags["direct_payment"]}
        ),
    }
