"""What a budget is spent on: a council's spending categories, and the ones it cannot buy.

Every council starts with the same list; staff may add to it and change which are
excluded. The exclusions are the ones the guidance names: a personal budget cannot pay for
GP services, prescriptions, vaccinations, NHS health checks, dental charges or a school
place (SEND Code of Practice 9.107 to 9.110; the family guide).
"""

from __future__ import annotations

from typing import Any

from pricing.budgets.models import SpendingCategory

NHS = "the NHS provides it free or charges for it in its own way"
DEFAULT_CATEGORIES: list[tuple[str, bool, str]] = [
    ("Short breaks and activities", False, ""),
    ("Personal assistant or support worker", False, ""),
    ("Therapy", False, ""),
    ("Tuition and learning support", False, ""),
    ("Equipment", False, ""),
    ("Transport", False, ""),
    ("Something else agreed in the plan", False, ""),
    ("GP services", True, NHS),
    ("Prescriptions", True, NHS),
    ("Vaccinations", True, NHS),
    ("NHS health checks", True, NHS),
    ("Dental charges", True, NHS),
    ("A school place", True, "school places are arranged through the EHC plan, not bought"),
]


def ensure_spending_categories(council: Any) -> None:
    """Give a council the default categories it does not have yet (by name)."""
    have = set(SpendingCategory.objects.filter(council=council).values_list("name", flat=True))
    SpendingCategory.objects.bulk_create(
        SpendingCategory(
            council=council, name=name, excluded=excluded, exclusion_reason=reason, sort_order=i
        )
        for i, (name, excluded, reason) in enumerate(DEFAULT_CATEGORIES)
        if name not in have
    )
