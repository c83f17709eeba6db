"""Joining a shared booking from its link, and making a new link.

The link is the invitation: whoever opens it, signed in to a family account, may join
with one of their own children while a share is free. A share kept for an invited email
address goes to the family signed in with that address; the others go in order. The
place was kept for the share when the group started, so joining takes no new place: the
family's own booking takes over the kept one, with the session locked, and holds it
until the deadline while the family pays its share (from its child's personal budget,
if it chose to: the money is committed in the same transaction).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from pricing.bookings.services.common import lock_session
from pricing.bookings.services.holding import check_child
from pricing.budgets.enums import SharedStatus, ShareStatus
from pricing.families.models import Child
from pricing.offers.enums import SessionStatus
from pricing.sharing import notifications
from pricing.sharing.models import Share, SharedBooking
from pricing.sharing.selectors import free_share_for
from pricing.sharing.services.collecting import commit_share, share_in_now
from pricing.sharing.services.common import (
    PayFrom,
    SharingError,
    audit,
    fund_share,
    hold_share_place,
    lock_shared,
    new_link_token,
    token_hash,
)


def shared_for_token(token: str) -> SharedBooking | None:
    """The shared booking a link names (None for a made-up or replaced link)."""
    if not token or len(token) > 100:
        return None
    return (
        SharedBooking.objects.select_related("offer__service", "offer__organisation", "session")
        .filter(link_token_hash=token_hash(token))
        .first()
    )


def _free_share(shared: SharedBooking, family: Any) -> Share:
    share, problem = free_share_for(shared, family)
    if share is None:
        raise SharingError(problem)
    return share


def join_shared_booking(
    *,
    token: str,
    family: Any,
    child: Child,
    method: str,
    now: dt.datetime,
    card_ready: bool = False,
    pay_from: PayFrom | None = None,
) -> Share:
    """Join the shared booking the link names, for `child`: one share, one booking held
    until the deadline, paid from the child's budget if `pay_from` says so (refused,
    nothing is joined). Joining again with the same child finds the same share."""
    shared = shared_for_token(token)
    if shared is None:
        raise SharingError("This link is not valid. Ask for a new one.")
    check_child(family, child)
    with transaction.atomic():
        locked = lock_shared(shared)
        already = Share.objects.filter(shared=locked, child=child).first()
        if already is not None:
            return already
        if locked.status != SharedStatus.COLLECTING:
            raise SharingError(
                f"This shared booking is {locked.get_status_display().lower()}: "
                "it is not taking new families."
            )
        if now >= locked.deadline:
            raise SharingError("The deadline to join this shared booking has passed.")
        share = _free_share(locked, family)
        session = lock_session(locked.session_id)
        if session is None or session.status != SessionStatus.SCHEDULED:
            raise SharingError("This session has been cancelled.")
        booking = hold_share_place(
            shared=locked,
            family=family,
            child=child,
            amount=share.amount,
            method=method,
            card_ready=card_ready,
            now=now,
        )
        fund_share(booking, pay_from, by=family)
        share.family = family
        share.child = child
        share.booking = booking
        share.status = ShareStatus.JOINED
        share.joined_at = now
        share.email = share.email or family.email
        share.save(update_fields=["family", "child", "booking", "status", "joined_at", "email"])
        audit(locked, "joined", by=family, data={"share": share.pk, "booking": booking.reference})
        notifications.tell_joined(locked, share)
        if share_in_now(booking):
            commit_share(locked, share, now=now, by=family)
        return share


def new_link(*, shared: SharedBooking, by: Any) -> str:
    """A new invitation link for the organiser; the old one stops working."""
    with transaction.atomic():
        locked = lock_shared(shared)
        if getattr(by, "pk", None) != locked.organiser_id:
            raise SharingError("Only the family who started the shared booking can do this.")
        if locked.status != SharedStatus.COLLECTING:
            raise SharingError("This shared booking is not taking new families.")
        token, hashed = new_link_token()
        locked.link_token_hash = hashed
        locked.save(update_fields=["link_token_hash"])
        audit(locked, "new_link", by=by)
    return token
