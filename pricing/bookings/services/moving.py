"""Moving a confirmed booking to another session of the same offer, without paying again."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from wagtail.log_actions import log

from pricing.bookings.enums import BookingStatus
from pricing.bookings.models import Booking
from pricing.bookings.notifications import tell
from pricing.bookings.selectors import places_taken
from pricing.bookings.services.common import ACTION, BookingError
from pricing.bookings.services.release import offer_freed_places
from pricing.offers.models import Session
from pricing.offers.selectors import window_problem
from providers.organisations.access import is_organisation_member


def move_booking(*, booking: Booking, to_session: Session, by: Any, now: dt.datetime) -> Booking:
    """Move the family's places to `to_session` (same offer, open, with room).

    The family or the provider may move it. The price paid stays as it was (the snapshot):
    sessions of one offer cost the same. The old session's places go to its waiting list.
    """
    if getattr(by, "pk", None) != booking.family_id and not is_organisation_member(
        by, booking.offer.organisation
    ):
        raise BookingError("You can only change your own bookings.")
    if booking.session_id is None:
        raise BookingError("Only a booking for a session can be moved.")
    if to_session.pk == booking.session_id:
        raise BookingError("Choose a different session.", field="session")
    with transaction.atomic():
        # Both sessions locked in id order, so two moves in opposite directions never
        # wait on each other.
        locked = {
            s.pk: s
            for s in Session.objects.select_for_update(of=("self",))
            .select_related("offer")
            .filter(pk__in=[booking.session_id, to_session.pk])
            .order_by("pk")
        }
        old, new = locked[booking.session_id], locked[to_session.pk]
        current = Booking.objects.select_for_update().get(pk=booking.pk)
        if current.status != BookingStatus.CONFIRMED:
            raise BookingError("Only a confirmed booking can be moved.")
        if new.offer_id != current.offer_id:
            raise BookingError("Choose another session of the same activity.", field="session")
        if old.starts_at <= now:
            raise BookingError("This booking has already started.")
        problem = window_problem(new, now)
        if problem:
            raise BookingError(problem, field="session")
        if places_taken(new, now) + current.places > new.capacity:
            raise BookingError("That session does not have enough places left.", field="session")
        current.session = new
        current.reminder_sent_at = None
        current.save(update_fields=["session", "reminder_sent_at"])
        log(
            instance=current,
            action=ACTION + "moved",
            user=by,
            data={"reference": current.reference, "from_session": old.pk, "to_session": new.pk},
        )
        offer_freed_places(session=old, now=now)
        tell(current, "moved")
        return current
