"""How shared bookings plug into the bookings layer (connected in `PricingConfig.ready()`).

- the confirmation gate: a share's booking is confirmed with its group, not alone;
- the places kept: a share nobody has joined yet keeps its place on the session until
  the deadline, in every capacity check (`pricing.bookings.selectors.places_taken`);
- the booking listener: a share's booking is not cancelled on its own while its group is
  collecting (the family's or the provider's cancel buttons), since the others would be
  left short of the group; a cancelled session ends the group with it. A share the
  council (or a third party) refused to pay from a personal budget is the exception: its
  booking is cancelled and the share is free again, its place still kept, so the family
  can join again and pay another way before the deadline (as a refused card can be
  tried again);
- the budgets layer's decision listener: a share waiting for the budget's approval
  counts once approved (`collecting.funding_decided`).
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
from pricing.budgets.enums import ApprovalStatus, SharedStatus, ShareStatus
from pricing.budgets.listeners import register_decision_listener
from pricing.budgets.models import BookingFunding
from pricing.offers.enums import SessionStatus
from pricing.offers.models import Session
from pricing.payments.models import PaymentStatus
from pricing.sharing import notifications
from pricing.sharing.models import Share, SharedBooking
from pricing.sharing.notifications import when
from pricing.sharing.services.collecting import SharedBookingGate, funding_decided
from pricing.sharing.services.common import audit, move_shared

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
    if BookingFunding.objects.filter(
        booking_id=booking.pk, approval=ApprovalStatus.REFUSED
    ).exists():
        free_share(shared, share)
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


def free_share(shared: SharedBooking, share: Share) -> None:
    """The budget's payer refused a share: free it for the family to join again.

    Called as its booking is cancelled, with the booking's session locked (every write to
    a joined share's booking takes it first, so nothing else moves the share meanwhile).
    The share keeps its email address, so its place stays kept for the same family.
    """
    family, child = share.family, share.child
    share.status = ShareStatus.INVITED
    share.family = None
    share.child = None
    share.booking = None
    share.joined_at = None
    share.save(update_fields=["status", "family", "child", "booking", "joined_at"])
    audit(shared, "share_freed", by=None, data={"share": share.pk})
    if family is not None:
        notifications.tell_share_freed(shared, share, family=family, child=child)


def connect() -> None:
    register_confirmation_gate(GATE)
    register_places_held(places_kept)
    register_booking_listener(booking_moved)
    register_decision_listener(funding_decided)
