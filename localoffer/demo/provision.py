"""The demo's provision map: Northbridge's standard unit costs for types of provision the
market does not price, and the map built from the demo directory's published listings."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pricing.provision.models import ProvisionMapEntry, StandardUnitCost
from pricing.provision.services import rebuild_map
from providers.enums import CostUnit
from providers.models import Category

# (category slug, unit, description, price for one unit)
STANDARD_COSTS = [
    ("education-support", CostUnit.HOUR, "An hour of a learning support assistant", "18.50"),
    ("personal-assistants", CostUnit.HOUR, "An hour of a personal assistant", "16.00"),
    (
        "speech-and-language-therapy",
        CostUnit.HOUR,
        "An hour of speech and language therapy",
        "58.00",
    ),
]


def ensure_demo_provision(council: Any) -> dict[str, int]:
    """Rebuild the map (the demo's listings are inserted in bulk, without publish
    signals), then add the standard costs missing for types the market does not price."""
    types = rebuild_map()
    categories = dict(Category.objects.values_list("slug", "pk"))
    made = 0
    for slug, unit, description, amount in STANDARD_COSTS:
        if slug not in categories:
            continue
        priced = ProvisionMapEntry.objects.filter(
            category_id=categories[slug], unit=unit, priced__gt=0
        ).exists()
        if priced:
            continue
        _, created = StandardUnitCost.objects.get_or_create(
            council=council,
            category_id=categories[slug],
            unit=unit,
            defaults={"description": description, "amount": Decimal(amount)},
        )
        made += created
    return {"standard unit costs": made, "provision map types": types}
