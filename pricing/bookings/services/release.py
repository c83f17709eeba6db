"""When places free up on a session, offer them to the families waiting, first come first.

Called inside the transaction that freed the places, with the session row locked, so the
places counted free are really free and cannot be offered twice.
"""

from __future__ import annotations

import datetime as dt

from django.core import signing

from localoffer.core.transitions import transition
from pricing.bookings.enums import WAITING_TRANSITIONS, WaitingStatus
from pricing.bookings.models import WaitingListEntry
from pricing.bookings.notifications import absolute, tell_waiting_list_offer
from pricing.bookings.selectors import places_taken
from pricing.bookings.services.common import ACTION, BookingError, waiting_offer_hours
from pricing.offers.enums import SessionStatus
from pricing.offers.models import Session

OFFER_SALT = "pricing.bookings.waiting-list-offer"
# The family screens serve this address: it shows the offer and, on "Book the place",
# calls `accept_waiting_list_offer` with the token.
OFFER_PATH = "/bookings/waiting-list/{token}/"


def offer_token(entry: WaitingListEntry) -> str:
    """A signed token naming the entry and the moment it was offered, so a link from an
    earlier offer stops working once the entry has moved on."""
    assert entry.offered_at is not None
    return signing.dumps({"e": entry.pk, "o": entry.offered_at.isoformat()}, salt=OFFER_SALT)


def entry_for_token(token: str) -> WaitingListEntry:
    """The waiting-list entry a link names, or a BookingError for a forged or stale link."""
    try:
        data = signing.loads(token, salt=OFFER_SALT, max_age=waiting_offer_hours() * 3600 + 60)
    except signing.BadSignature as error:
        raise BookingError("This link is not valid or has expired.") from error
    entry = WaitingListEntry.objects.filter(pk=data.get("e")).first()
    if entry is None or entry.offered_at is None or entry.offered_at.isoformat() != data.get("o"):
        raise BookingError("This link is not valid or has expired.")
    return entry


def offer_freed_places(*, session: Session, now: dt.datetime) -> list[WaitingListEntry]:
    """Offer the session's free places to the families waiting, in the order they joined.

    The first family in line whose number of places fits is offered them; the places are
    kept for it until the offer lapses (the shorter of the configured hours and the time
    left before booking closes). The session must be locked by the caller.
    """
    if session.status != SessionStatus.SCHEDULED:
        return []
    closes = session.offer.window_for(session.starts_at)[1]
    if now >= closes:
        return []
    free = session.capacity - places_taken(session, now)
    offered = []
    for entry in WaitingListEntry.objects.waiting().filter(session=session):
        if free <= 0:
            break
        if entry.places > free:
            continue
        expires = min(now + dt.timedelta(hours=waiting_offer_hours()), closes)
        entry = transition(
            entry,
            table=WAITING_TRANSITIONS,
            to=WaitingStatus.OFFERED,
            user=None,
            action=ACTION + "waiting_offered",
            changes={"offered_at": now, "offer_expires_at": expires},
            error=BookingError,
        )
        free -= entry.places
        tell_waiting_list_offer(entry, absolute(OFFER_PATH.format(token=offer_token(entry))))
        offered.append(entry)
    return offered
