"""The waiting list of a full session: join, leave, and take up a place offered by email."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from wagtail.log_actions import log

from localoffer.core.transitions import transition
from pricing.bookings.enums import WAITING_TRANSITIONS, WaitingStatus
from pricing.bookings.models import Booking, WaitingListEntry
from pricing.bookings.selectors import places_left
from pricing.bookings.services.common import (
    ACTION,
    MAX_PLACES_PER_BOOKING,
    BookingError,
    lock_session,
)
from pricing.bookings.services.holding import check_child, hold_places
from pricing.bookings.services.release import entry_for_token
from pricing.families.models import Child
from pricing.offers.models import Session
from pricing.offers.selectors import window_problem


def join_waiting_list(
    *, family: Any, child: Child, session: Session, places: int, now: dt.datetime
) -> WaitingListEntry:
    """Put the family in line for a full session (once per child)."""
    check_child(family, child)
    if isinstance(places, bool) or not isinstance(places, int) or places < 1:
        raise BookingError("Enter a number of places of 1 or more.", field="places")
    if places > min(MAX_PLACES_PER_BOOKING, session.capacity):
        raise BookingError("That is more places than this session has.", field="places")
    with transaction.atomic():
        locked = lock_session(session.pk)
        assert locked is not None
        problem = window_problem(locked, now)
        if problem:
            raise BookingError(problem, field="session")
        if places_left(locked, now) >= places:
            raise BookingError("There are places left: book one instead.", field="places")
        if WaitingListEntry.objects.filter(
            session=locked,
            child=child,
            status__in=[WaitingStatus.WAITING, WaitingStatus.OFFERED],
        ).exists():
            raise BookingError(f"{child.first_name} is already on the waiting list.")
        entry = WaitingListEntry.objects.create(
            session=locked, family=family, child=child, places=places, created_at=now
        )
        log(
            instance=entry,
            action=ACTION + "waiting_joined",
            user=family,
            data={"session": locked.pk, "places": places},
        )
        return entry


def leave_waiting_list(*, entry: WaitingListEntry, family: Any) -> WaitingListEntry:
    if entry.family_id != getattr(family, "pk", None):
        raise BookingError("You can only change your own waiting list places.")
    with transaction.atomic():
        lock_session(entry.session_id)
        return transition(
            entry,
            table=WAITING_TRANSITIONS,
            to=WaitingStatus.WITHDRAWN,
            user=family,
            action=ACTION + "waiting_withdrawn",
            error=BookingError,
        )


def accept_waiting_list_offer(
    *,
    token: str,
    family: Any,
    method: str,
    now: dt.datetime,
    card_ready: bool = False,
    idempotency_key: str | None = None,
) -> Booking:
    """Take up a place offered from the waiting list: it becomes a held booking to pay for.

    The link's token is signed and names the offer; it must be this family's, still
    offered and not lapsed. The places kept for the offer are the ones held.
    """
    entry = entry_for_token(token)
    if entry.family_id != getattr(family, "pk", None):
        raise BookingError("This link is for another account.")
    with transaction.atomic():
        session = lock_session(entry.session_id)
        assert session is not None
        entry = WaitingListEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.status == WaitingStatus.ACCEPTED and entry.booking_id:
            return Booking.objects.get(pk=entry.booking_id)
        if entry.status != WaitingStatus.OFFERED or (entry.offer_expires_at or now) <= now:
            raise BookingError("Sorry, this offer has lapsed.")
        booking = hold_places(
            family=family,
            child=entry.child,
            session=session,
            places=entry.places,
            method=method,
            now=now,
            card_ready=card_ready,
            idempotency_key=idempotency_key,
            waiting_entry=entry,
        )
        transition(
            entry,
            table=WAITING_TRANSITIONS,
            to=WaitingStatus.ACCEPTED,
            user=family,
            action=ACTION + "waiting_accepted",
            changes={"booking": booking},
            error=BookingError,
        )
        return booking
