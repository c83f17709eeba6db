"""Who may keep children on the site: family accounts.

A family account is any signed-in person who is neither council staff nor in a provider
organisation's team. Work accounts are kept apart from family ones on purpose: council
staff see families' budgets and plans and a provider's team sees other families' bookings,
so a member of staff or of a provider who is also a parent uses a personal account for
their own children. That way nothing a family writes about their child is ever reachable
from a work session, and the family pages never show work tools.
"""

from __future__ import annotations

from typing import Any

from localoffer.core.roles import COUNCIL_STAFF_GROUPS
from providers.models import Membership


def is_family_account(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser or user.groups.filter(name__in=COUNCIL_STAFF_GROUPS).exists():
        return False
    return not Membership.objects.filter(user=user).exists()
