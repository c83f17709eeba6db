"""How shared bookings plug into the bookings layer (connected in `PricingConfig.ready()`).

- the confirmation gate: a share's booking is confirmed with its group, not alone;
- the places kept: a share nobody has joined yet keeps its place on the session until
  the deadline, in every capacity check (`pricing.bookings.selectors.places_taken`);
- the booking listener: a share's booking is not cancelled on its own while its group is
  collecting (the family's or the provider's cancel buttons), since the others would be
  left short of the group; a cancelled session ends the group with it.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from pricing.bookings.enums import BookingStatus
from pricing.bookings.listeners import (
    register_booking_listener,
    register_confirmation_gate,
    register_places_held,
)
from pricing.bookings.models import Booking
from pricing.bookings.services.common import BookingError
from pricing.budgets.enums import SharedStatus, ShareStatus
from pricing.offers.enums import SessionStatus
from pricing.offers.models import Session
from pricing.payments.models import PaymentStatus
from pricing.sharing.models import Share, SharedBooking
from pricing.sharing.notifications import when
from pricing.sharing.services.collecting import SharedBookingGate
from pricing.sharing.services.common import move_shared

GATE = SharedBookingGate()


def places_kept(session: Session, now: dt.datetime) -> int:
    """Places kept on `session` for shares nobody has joined yet, until the deadline."""
    return Share.objects.filter(
        shared__session=session,
        shared__status=SharedStatus.COLLECTING,
        shared__deadline__gt=now,
        booking__isnull=True,
    ).count()


def booking_moved(booking: Booking) -> None:
    """Refuse to cancel one share of a group still collecting; end it with its session."""
    if booking.status != BookingStatus.CANCELLED:
        return
    share = Share.objects.filter(booking_id=booking.pk).first()
    if share is None:
        return
    # Read, not locked: the cancel already holds the session and booking, and the group is
    # locked first everywhere else; refusing on a stale "collecting" is safe.
    shared = SharedBooking.objects.get(pk=share.shared_id)
    if shared.status != SharedStatus.COLLECTING:
        return
    cancelled = (
        booking.session_id is not None
        and Session.objects.filter(pk=booking.session_id, status=SessionStatus.CANCELLED).exists()
    )
    if not cancelled:
        raise BookingError(
            "This place is part of a shared booking that is still collecting payments, so "
            "it cannot be cancelled on its own. The family who started it can cancel it "
            f"for everyone; otherwise it is released if not every share is paid by "
            f"{when(shared.deadline)}."
        )
    # The provider cancelled the whole session: bookings cancels and refunds every
    # family's booking (this one first); the group ends with it (`move_shared` locks it).
    move_shared(
        shared,
        SharedStatus.CANCELLED,
        by=None,
        event="session_cancelled",
        changes={"released_at": booking.cancelled_at or timezone.now()},
    )
    for paid in Share.objects.filter(shared=shared, status=ShareStatus.PAID).select_related(
        "booking__payment"
    ):
        payment = paid.booking.payment if paid.booking else None
        if payment is not None and payment.status == PaymentStatus.SUCCEEDED:
            paid.status = ShareStatus.REFUNDED
            paid.save(update_fields=["status"])


def connect() -> None:
    register_confirmation_gate(GATE)
    register_places_held(places_kept)
    register_booking_listener(booking_moved)
