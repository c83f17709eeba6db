"""Figures on the costing pages: {% load costing_tags %} then {{ amount|money }} or
{{ value|figure }}.

A costing is checked by hand against its working, so money always shows its pence
(£85,000.00, not £85,000) and counts show no needless decimals (300, 0.5, 3,725).
"""

from __future__ import annotations

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def money(amount: Decimal | None) -> str:
    """'£52.22', '£85,000.00'; '' for nothing."""
    if amount is None:
        return ""
    return f"£{Decimal(amount):,.2f}"


@register.filter
def figure(value: Decimal | int | None) -> str:
    """'300', '3,725', '0.5', '87.25'; '' for nothing."""
    if value is None:
        return ""
    number = Decimal(value)
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number.normalize():,f}"


@register.filter
def a_unit(unit_label: str) -> str:
    """'a place', 'an hour', 'an evening': the unit after a price ("£23.27 an hour")."""
    word = (unit_label or "").strip()
    if not word:
        return ""
    silent_h = ("hour", "honour", "heir")
    article = "an" if word[0].lower() in "aeiou" or word.lower().startswith(silent_h) else "a"
    return f"{article} {word}"
