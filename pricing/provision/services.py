"""Keep the provision map in step with what families can see in the directory.

A listing counts while the directory shows it: live and not restricted to signed-in users
or a password (`providers.selectors.published_services`, the same rule as search). A
listing flagged "may be out of date" is still shown, so it still counts; one unpublished
for staleness has left, through Wagtail's `page_unpublished` like any other.

`refresh_services` replaces a few listings' price rows from their live state and works out
again the figures of every type of provision they touched, before or after.
`rebuild_map` does the whole directory. Both lock the categories they touch first, so two
refreshes of listings in the same category (two workers on PostgreSQL) take turns and the
second reads what the first committed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from localoffer.core.money import round_money
from pricing.provision.models import ProvisionMapEntry, ProvisionPrice
from pricing.provision.signals import map_changed
from providers.models import Category, CostOption, ServicePage

BATCH_SIZE = 2000
Pair = tuple[int, str]  # (category id, unit): one type of provision


@dataclass(frozen=True)
class Figures:
    providers: int
    services: int
    priced: int
    free: int
    lowest: Decimal | None
    median: Decimal | None
    highest: Decimal | None
    direct_payment: int


def median(amounts: Sequence[Decimal]) -> Decimal | None:
    """The middle price; of an even count, the mean of the two middle ones, to the penny."""
    ordered = sorted(amounts)
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return round_money((ordered[middle - 1] + ordered[middle]) / 2)


def figures(rows: Iterable[tuple[int, int, Decimal | None, bool]]) -> Figures:
    """Figures of one type from its rows: (service id, organisation id, amount, direct)."""
    services: set[int] = set()
    organisations: set[int] = set()
    direct: set[int] = set()
    amounts: list[Decimal] = []
    free = 0
    for service_id, organisation_id, amount, direct_payment in rows:
        services.add(service_id)
        organisations.add(organisation_id)
        if direct_payment:
            direct.add(service_id)
        if amount is None:
            free += 1
        else:
            amounts.append(amount)
    return Figures(
        providers=len(organisations),
        services=len(services),
        priced=len(amounts),
        free=free,
        lowest=min(amounts) if amounts else None,
        median=median(amounts),
        highest=max(amounts) if amounts else None,
        direct_payment=len(direct),
    )


def _price_rows(service_ids: Sequence[int]) -> list[ProvisionPrice]:
    """Unsaved price rows of the shown listings among these, from their live rows."""
    shown = dict(
        ServicePage.objects.live()
        .public()
        .filter(pk__in=service_ids)
        .with_organisation()
        .values_list("pk", "organisation_id")
    )
    if not shown:
        return []
    categories: dict[int, list[int]] = defaultdict(list)
    for service_id, category_id in ServicePage.categories.through.objects.filter(
        servicepage_id__in=list(shown)
    ).values_list("servicepage_id", "category_id"):
        categories[service_id].append(category_id)
    rows = []
    options = CostOption.objects.filter(service_id__in=list(shown)).values_list(
        "service_id", "is_free", "amount", "unit", "direct_payment_eligible"
    )
    for service_id, is_free, amount, unit, direct in options:
        for category_id in categories.get(service_id, []):
            rows.append(
                ProvisionPrice(
                    service_id=service_id,
                    # A listing sits under its organisation; one that somehow does not is
                    # its own provider, so it still counts once.
                    organisation_id=shown[service_id] or -service_id,
                    category_id=category_id,
                    unit=unit,
                    amount=None if is_free else amount,
                    direct_payment=direct,
                )
            )
    return rows


def _lock_categories(category_ids: Iterable[int] | None) -> None:
    queryset = Category.objects.select_for_update().order_by("pk")
    if category_ids is not None:
        queryset = queryset.filter(pk__in=set(category_ids))
    list(queryset.values_list("pk", flat=True))


def _pairs_of(service_ids: Sequence[int]) -> set[Pair]:
    return set(
        ProvisionPrice.objects.filter(service_id__in=service_ids)
        .values_list("category_id", "unit")
        .distinct()
    )


def _entry(pair: Pair, found: Figures, now: dt.datetime) -> ProvisionMapEntry:
    return ProvisionMapEntry(
        category_id=pair[0],
        unit=pair[1],
        providers=found.providers,
        services=found.services,
        priced=found.priced,
        free=found.free,
        lowest=found.lowest,
        median=found.median,
        highest=found.highest,
        direct_payment=found.direct_payment,
        updated_at=now,
    )


def recompute(pairs: Iterable[Pair]) -> int:
    """Work out these types' figures again from their rows; a type with none leaves the
    map. Returns how many types the map now holds among them."""
    wanted = {(int(category), str(unit)) for category, unit in pairs}
    if not wanted:
        return 0
    rows: dict[Pair, list[tuple[int, int, Decimal | None, bool]]] = defaultdict(list)
    category_ids = {category for category, _ in wanted}
    for category_id, unit, service_id, organisation_id, amount, direct in (
        ProvisionPrice.objects.filter(category_id__in=category_ids)
        .values_list(
            "category_id", "unit", "service_id", "organisation_id", "amount", "direct_payment"
        )
        .iterator(chunk_size=BATCH_SIZE)
    ):
        if (category_id, unit) in wanted:
            rows[(category_id, unit)].append((service_id, organisation_id, amount, direct))
    now = timezone.now()
    entries = [_entry(pair, figures(found), now) for pair, found in rows.items()]
    for category_id in category_ids:
        units = [unit for category, unit in wanted if category == category_id]
        ProvisionMapEntry.objects.filter(category_id=category_id, unit__in=units).delete()
    ProvisionMapEntry.objects.bulk_create(entries)
    return len(entries)


def purge_public_page_on_commit() -> None:
    """Say, once the transaction commits, that the public page's figures changed: the
    site's page cache keeps the page for anonymous visitors and forgets it then."""
    transaction.on_commit(lambda: map_changed.send(sender=ProvisionMapEntry))


def refresh_services(service_ids: Iterable[int]) -> int:
    """Replace these listings' price rows from their live state (none if the directory does
    not show them) and work out again every type they touched. Returns the rows written."""
    ids = sorted({int(pk) for pk in service_ids})
    if not ids:
        return 0
    with transaction.atomic():
        through = ServicePage.categories.through.objects.filter(servicepage_id__in=ids)
        _lock_categories(
            {*through.values_list("category_id", flat=True)}
            | {
                *ProvisionPrice.objects.filter(service_id__in=ids).values_list(
                    "category_id", flat=True
                )
            }
        )
        # Read under the lock: a refresh that held it has committed what it wrote.
        before = _pairs_of(ids)
        new_rows = _price_rows(ids)
        ProvisionPrice.objects.filter(service_id__in=ids).delete()
        ProvisionPrice.objects.bulk_create(new_rows, batch_size=BATCH_SIZE)
        recompute(before | {(row.category_id, row.unit) for row in new_rows})
        purge_public_page_on_commit()
    return len(new_rows)


def refresh_types(pairs: Iterable[Sequence[object]]) -> int:
    """Work out these types again (after a listing was deleted with its rows)."""
    wanted = {(int(str(pair[0])), str(pair[1])) for pair in pairs}
    if not wanted:
        return 0
    with transaction.atomic():
        _lock_categories({category for category, _ in wanted})
        count = recompute(wanted)
        purge_public_page_on_commit()
    return count


def _batched(ids: Sequence[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])


def rebuild_map(progress: Callable[[int], object] | None = None) -> int:
    """Every listing's rows and every type's figures, from scratch. `progress(n)` is told
    of each batch of n listings done. Returns how many types the map holds."""
    with transaction.atomic():
        _lock_categories(None)
        ids = list(ServicePage.objects.live().public().order_by("pk").values_list("pk", flat=True))
        ProvisionPrice.objects.all().delete()
        for batch in _batched(ids, BATCH_SIZE):
            ProvisionPrice.objects.bulk_create(_price_rows(batch), batch_size=BATCH_SIZE)
            if progress is not None:
                progress(len(batch))
        ProvisionMapEntry.objects.all().delete()
        rows: dict[Pair, list[tuple[int, int, Decimal | None, bool]]] = defaultdict(list)
        for category_id, unit, service_id, organisation_id, amount, direct in (
            ProvisionPrice.objects.order_by()
            .values_list(
                "category_id", "unit", "service_id", "organisation_id", "amount", "direct_payment"
            )
            .iterator(chunk_size=BATCH_SIZE * 5)
        ):
            rows[(category_id, unit)].append((service_id, organisation_id, amount, direct))
        now = timezone.now()
        entries = [_entry(pair, figures(found), now) for pair, found in sorted(rows.items())]
        ProvisionMapEntry.objects.bulk_create(entries, batch_size=BATCH_SIZE)
        purge_public_page_on_commit()
    return len(entries)
