"""The council's own standard unit costs, saved and deleted by site administrators.

Costed provision reads them before the market's median (selectors.price_for); the public
page shows them as the council's, so it is purged from the page cache on every change.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from localoffer.core.money import round_money
from pricing.allocation.services.common import AllocationError, audit
from pricing.provision.models import StandardUnitCost
from pricing.provision.services import purge_public_page_on_commit


def save_standard_cost(
    *,
    council: Any,
    category: Any,
    unit: str,
    description: str,
    amount: Decimal,
    by: Any,
    instance: StandardUnitCost | None = None,
) -> StandardUnitCost:
    """Add a standard cost, or change `instance`; one per council, type and unit."""
    if not getattr(by, "is_superuser", False):
        raise AllocationError("Only site administrators can change standard unit costs")
    amount = round_money(amount)
    if amount <= 0:
        raise AllocationError("Enter a price of at least 1p", field="amount")
    with transaction.atomic():
        clash = StandardUnitCost.objects.select_for_update().filter(
            council=council, category=category, unit=unit
        )
        if instance is not None:
            clash = clash.exclude(pk=instance.pk)
        if clash.exists():
            raise AllocationError(
                "There is already a standard cost for this type and unit: change that one",
                field="category",
            )
        cost = instance or StandardUnitCost(council=council)
        cost.category = category
        cost.unit = unit
        cost.description = description.strip()
        cost.amount = amount
        cost.updated_by = by
        cost.save()
        audit(
            cost,
            "standard_cost_saved",
            by=by,
            data={"category": category.pk, "unit": unit, "amount": str(amount)},
        )
        purge_public_page_on_commit()
    return cost


def delete_standard_cost(cost: StandardUnitCost, *, by: Any) -> None:
    if not getattr(by, "is_superuser", False):
        raise AllocationError("Only site administrators can change standard unit costs")
    with transaction.atomic():
        audit(
            cost,
            "standard_cost_deleted",
            by=by,
            data={"category": cost.category_id, "unit": cost.unit, "amount": str(cost.amount)},
        )
        cost.delete()
        purge_public_page_on_commit()
