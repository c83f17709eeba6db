"""Reads of the provision map: the price of a unit for costed provision, and the rows of
the public page and the council's view (a few queries however large the directory)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q

from pricing.provision.models import ProvisionMapEntry, StandardUnitCost
from providers.enums import CostUnit
from providers.models import Category


@dataclass(frozen=True)
class Price:
    """The price of one unit, and where it comes from, in words staff and families read."""

    amount: Decimal
    source: str


def _pk(value: Any) -> int | None:
    if value is None or value == "":
        return None
    return int(getattr(value, "pk", value))


def price_for(council: Any, category: Any, unit: str) -> Price | None:
    """The council's own standard cost for this type first (the council has decided what
    it pays), else the median of the directory's published prices; None if neither."""
    category_pk = _pk(category)
    if category_pk is None:
        return None
    standard = StandardUnitCost.objects.filter(
        council_id=_pk(council), category_id=category_pk, unit=unit
    ).first()
    if standard is not None:
        return Price(standard.amount, f"Council standard cost: {standard.description}")
    entry = (
        ProvisionMapEntry.objects.filter(category_id=category_pk, unit=unit)
        .exclude(median=None)
        .first()
    )
    if entry is None or entry.median is None:
        return None
    prices = "price" if entry.priced == 1 else "prices"
    return Price(entry.median, f"Median of {entry.priced} published {prices}")


@dataclass
class MapRow:
    """One type of provision as the pages show it: the market's figures, the council's
    standard cost, or both."""

    category: Category
    unit: str
    entry: ProvisionMapEntry | None
    standard: StandardUnitCost | None

    @property
    def unit_label(self) -> str:
        return CostUnit(self.unit).label

    @property
    def group(self) -> Category:
        parent = self.category.parent if self.category.parent_id else None
        return parent or self.category

    @property
    def name(self) -> str:
        return self.category.name

    @property
    def market_has_prices(self) -> bool:
        return self.entry is not None and self.entry.priced > 0


def map_rows(
    *,
    council: Any = None,
    group: Any = None,
    unit: str | None = None,
    direct_payment_only: bool = False,
    query: str = "",
) -> list[MapRow]:
    """Every type of provision with published prices (and, given a council, its standard
    costs), filtered: a group of types (a top-level category: itself and its children), a
    unit, only types some service of which takes direct payments, words in the type's name.
    Sorted by group, then type, then unit. Two queries."""
    entries = ProvisionMapEntry.objects.select_related("category", "category__parent")
    standards = StandardUnitCost.objects.select_related("category", "category__parent").filter(
        council_id=_pk(council)
    )
    group_pk = _pk(group)
    if group_pk is not None:
        entries = entries.filter(category__in=_children_and(group_pk))
        standards = standards.filter(category__in=_children_and(group_pk))
    if unit:
        entries = entries.filter(unit=unit)
        standards = standards.filter(unit=unit)
    if direct_payment_only:
        entries = entries.filter(direct_payment__gt=0)
    words = " ".join(query.split())
    if words:
        entries = entries.filter(category__name__icontains=words)
        standards = standards.filter(category__name__icontains=words)
    rows: dict[tuple[int, str], MapRow] = {}
    for entry in entries:
        rows[(entry.category_id, entry.unit)] = MapRow(entry.category, entry.unit, entry, None)
    if council is not None:
        for standard in standards:
            key = (standard.category_id, standard.unit)
            if key in rows:
                rows[key].standard = standard
            elif not direct_payment_only:
                rows[key] = MapRow(standard.category, standard.unit, None, standard)
    return sorted(rows.values(), key=_order)


def _children_and(group_pk: int) -> Any:
    return Category.objects.filter(Q(pk=group_pk) | Q(parent_id=group_pk)).values("pk")


def _order(row: MapRow) -> tuple[Any, ...]:
    group = row.group
    is_group_itself = row.category.pk == group.pk
    return (
        group.sort_order,
        group.name,
        not is_group_itself,
        row.category.sort_order,
        row.category.name,
        list(CostUnit.values).index(row.unit) if row.unit in CostUnit.values else 99,
    )


def groups() -> list[Category]:
    """The top-level categories, for the filter."""
    return list(Category.objects.filter(parent=None).order_by("sort_order", "name"))
