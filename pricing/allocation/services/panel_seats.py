"""The panel's seats: site administrators give a person authority to decide one stream up
to a limit, change the limit, or end the seat (kept, since decisions point at it)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from localoffer.core.money import round_money
from pricing.allocation.models import PanelMember
from pricing.allocation.selectors import can_configure, is_panel_member
from pricing.allocation.services.common import AllocationError, audit
from pricing.budgets.enums import Stream


@transaction.atomic
def save_seat(
    *,
    council: Any,
    user: Any,
    stream: str,
    limit: Decimal,
    active: bool,
    by: Any,
    seat: PanelMember | None = None,
) -> PanelMember:
    """Add a seat (`seat` None) or change one's limit and whether it is active."""
    if not can_configure(by):
        raise AllocationError("Only a site administrator can change the panel's seats.")
    limit = round_money(limit)
    if limit < 0:
        raise AllocationError("Enter a limit of £0 or more", field="limit")
    if seat is None:
        if stream not in Stream.values:
            raise AllocationError("Choose a funding stream", field="stream")
        if not is_panel_member(user):
            raise AllocationError(
                "Add the person to the resource panel members group first", field="user"
            )
        if PanelMember.objects.filter(council=council, user=user, stream=stream).exists():
            raise AllocationError(
                "This person already has a seat for this stream: change that one", field="stream"
            )
        seat = PanelMember.objects.create(
            council=council, user=user, stream=stream, limit=limit, active=active
        )
        audit(seat, "panel_seat_added", by=by, data={"stream": stream, "limit": str(limit)})
        return seat
    locked = PanelMember.objects.select_for_update().get(pk=seat.pk)
    locked.limit, locked.active = limit, active
    locked.save(update_fields=["limit", "active"])
    audit(locked, "panel_seat_changed", by=by, data={"limit": str(limit), "active": active})
    return locked
