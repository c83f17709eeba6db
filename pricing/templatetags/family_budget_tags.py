"""Money on the family's budget pages: {% load family_budget_tags %} then {{ amount|pounds }}."""

from __future__ import annotations

from decimal import Decimal

from django import template

from pricing.budgets.family_selectors import signed_pounds

register = template.Library()


@register.filter
def pounds(amount: Decimal | None) -> str:
    """'£1,250', '£12.50', or '−£12.50' for money going the other way; '' for nothing."""
    if amount is None:
        return ""
    return signed_pounds(Decimal(amount))
