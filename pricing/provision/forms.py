"""The provision map's filters (read from the address, so they work without JavaScript)
and the standard unit cost form."""

from __future__ import annotations

from typing import Any

from django import forms

from pricing.provision.models import StandardUnitCost
from providers.enums import CostUnit
from providers.models import Category

TRUE_VALUES = frozenset(("1", "on", "true", "yes", "y"))


class MapFilters:
    """What the address asks for; values that are not ours are ignored, not refused."""

    def __init__(self, data: Any, *, groups: list[Category]) -> None:
        self.groups = groups
        by_slug = {group.slug: group for group in groups}
        self.group: Category | None = by_slug.get((data.get("group") or "").strip())
        unit = (data.get("unit") or "").strip()
        self.unit: str = unit if unit in CostUnit.values else ""
        self.direct_payment = (data.get("direct_payment") or "").strip().lower() in TRUE_VALUES
        self.query = " ".join((data.get("q") or "").split())[:100]

    @property
    def is_filtered(self) -> bool:
        return bool(self.group or self.unit or self.direct_payment or self.query)

    @property
    def units(self) -> list[tuple[str, str]]:
        return list(CostUnit.choices)

    def as_query(self) -> dict[str, str]:
        query: dict[str, str] = {}
        if self.group:
            query["group"] = self.group.slug
        if self.unit:
            query["unit"] = self.unit
        if self.direct_payment:
            query["direct_payment"] = "1"
        if self.query:
            query["q"] = self.query
        return query


class StandardUnitCostForm(forms.ModelForm):
    class Meta:
        model = StandardUnitCost
        fields = ["category", "unit", "description", "amount"]
        labels = {"category": "Type of provision", "unit": "Unit"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        category = self.fields["category"]
        assert isinstance(category, forms.ModelChoiceField)
        category.queryset = Category.objects.select_related("parent").order_by(
            "parent__sort_order", "parent__name", "sort_order", "name"
        )
