"""Ending a shared booking before it is confirmed: released at the deadline (a share not
paid, or a place nobody joined), or cancelled by its organiser; and a cancelled session.

Every family's held booking ends with the group (expired, or cancelled) and everything
paid is owed back, in one transaction with the shared booking, then its session, then
the bookings locked. The refunds themselves are made afterwards, one booking at a time,
each with a key of its own (`refund_key`), so a refund Stripe refuses, or a run stopped
half way, leaves the rest owed on their bookings for the next run of the job to pay:
asking twice refunds once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from wagtail.log_actions import log

from pricing.bookings.enums import BookingStatus, CancelledBy
from pricing.bookings.models import Booking
from pricing.bookings.services.common import (
    ACTION,
    BookingError,
    RefundDue,
    lock_session,
    move,
    refundable,
)
from pricing.bookings.services.paying import give_back
from pricing.bookings.services.release import offer_freed_places
from pricing.budgets.enums import ApprovalStatus, SharedStatus, ShareStatus
from pricing.budgets.models import BookingFunding
from pricing.payments.models import PaymentStatus, Refund
from pricing.payments.services import PaymentError
from pricing.sharing import notifications
from pricing.sharing.models import Share, SharedBooking
from pricing.sharing.services.collecting import funding_decided, refund_key
from pricing.sharing.services.common import SharingError, lock_shared, move_shared

SH = SharedStatus
RELEASE_REASON = "Not every share was paid by the deadline"
REFUND_REASON = "The shared booking did not go ahead"


def release_shared(*, shared: SharedBooking | int, now: dt.datetime) -> bool:
    """Release a group whose deadline has passed unconfirmed; False if there was none to
    release (confirmed, ended already, or its deadline still to come)."""
    with transaction.atomic():
        locked = lock_shared(shared)
        if locked.status != SH.COLLECTING or now < locked.deadline:
            return False
        refunds = _end(locked, SH.RELEASED, by=None, now=now, reason=RELEASE_REASON)
    refund_owed(refunds)
    return True


def cancel_shared(
    *, shared: SharedBooking, by: Any, now: dt.datetime, reason: str = ""
) -> SharedBooking:
    """The organiser cancels before everyone has paid: everyone's place goes, and
    everything paid comes back in full."""
    reason = reason.strip()[:1000] or "The family who started the shared booking cancelled it"
    with transaction.atomic():
        locked = lock_shared(shared)
        if getattr(by, "pk", None) != locked.organiser_id:
            raise SharingError("Only the family who started the shared booking can cancel it.")
        if locked.status == SH.CONFIRMED:
            raise SharingError(
                "Everyone has paid and the booking is confirmed. Each family can cancel its "
                "own booking from Your bookings."
            )
        if locked.status != SH.COLLECTING:
            raise SharingError("This shared booking has already ended.")
        refunds = _end(locked, SH.CANCELLED, by=by, now=now, reason=reason)
    refund_owed(refunds)
    return SharedBooking.objects.get(pk=locked.pk)


def _end(shared: SharedBooking, to: str, *, by: Any, now: dt.datetime, reason: str) -> list[int]:
    """End the group (locked by the caller): every held booking expired or cancelled, all
    paid owed back, freed places offered to the waiting list, everyone told. Returns the
    bookings owed a refund."""
    ended = move_shared(
        shared,
        to,
        by=by,
        event="released" if to == SH.RELEASED else "cancelled",
        changes={"released_at": now},
        data={"reason": reason},
    )
    session = lock_session(ended.session_id)
    owed_on: list[int] = []
    refunds: dict[int, Decimal] = {}
    for share in Share.objects.filter(shared=ended, booking__isnull=False).order_by("pk"):
        assert share.booking_id is not None
        booking = Booking.objects.select_related("payment").get(pk=share.booking_id)
        owed = refundable(booking)
        changes: dict[str, Any] = {
            "hold_expires_at": None,
            "refund_owed": booking.refund_owed + owed,
        }
        if booking.status == BookingStatus.HELD and to == SH.RELEASED:
            move(booking, BookingStatus.EXPIRED, by=by, event="expired", changes=changes,
                 data={"shared": ended.reference, "refund_owed": str(owed)})  # fmt: skip
        elif booking.status == BookingStatus.HELD:
            changes.update(cancelled_at=now, cancelled_by=CancelledBy.FAMILY, reason=reason)
            move(booking, BookingStatus.CANCELLED, by=by, event="cancelled", changes=changes,
                 data={"shared": ended.reference, "refund_owed": str(owed)})  # fmt: skip
        elif owed > 0:
            # Its hold ended some other way, but money came in: it is owed back all the same.
            booking.refund_owed += owed
            booking.save(update_fields=["refund_owed"])
            log(instance=booking, action=ACTION + "refund_owed", user=None,
                data={"reference": booking.reference, "amount": str(owed)})  # fmt: skip
        if owed > 0:
            owed_on.append(booking.pk)
            refunds[share.pk] = owed
            share.status = ShareStatus.REFUNDED
            share.save(update_fields=["status"])
    if session is not None:
        offer_freed_places(session=session, now=now)
    notifications.tell_ended(ended, refunds=refunds, reason=reason)
    return owed_on


def refund_owed(booking_ids: Iterable[int]) -> int:
    """Refund what each ended group's booking is owed, each in its own transaction; how
    many the payments layer would not start (they stay owed, for the next run)."""
    refused = 0
    for pk in booking_ids:
        with transaction.atomic():
            booking = (
                Booking.objects.select_for_update(of=("self",)).select_related("payment").get(pk=pk)
            )
            payment = booking.payment
            if booking.refund_owed <= 0 or payment is None:
                continue
            if payment.status != PaymentStatus.SUCCEEDED:
                continue
            if Refund.objects.filter(idempotency_key=refund_key(booking)).exists():
                continue  # made by an earlier run, recorded with it
            due = RefundDue(
                booking=booking, payment=payment, amount=booking.refund_owed, reason=REFUND_REASON
            )
            try:
                with transaction.atomic():
                    give_back(due, key=refund_key(booking))
            except (PaymentError, BookingError):
                refused += 1
    return refused


def release_due(*, now: dt.datetime) -> int:
    """The deadline job: release every group past its deadline, and pay any refund an
    earlier run left owed. Safe to run as often as wanted; returns how many released.

    First it counts any share whose budget approval came but was not acted on (the
    step after the decision's commit was lost: `collecting.funding_decided`).
    """
    approved = BookingFunding.objects.filter(
        approval=ApprovalStatus.APPROVED,
        booking__share__status=ShareStatus.JOINED,
        booking__share__shared__status=SH.COLLECTING,
        booking__share__shared__deadline__gt=now,
    )
    for funding_id in list(approved.values_list("pk", flat=True)):
        funding_decided(funding_id)
    released = 0
    due = SharedBooking.objects.filter(status=SH.COLLECTING, deadline__lte=now)
    for pk in list(due.values_list("pk", flat=True)):
        if release_shared(shared=pk, now=now):
            released += 1
    # A cancelled session's bookings are refunded by the bookings layer (its own keys).
    left_owed = (
        Booking.objects.filter(
            share__shared__status__in=[SH.RELEASED, SH.CANCELLED], refund_owed__gt=0
        )
        .exclude(cancelled_by=CancelledBy.PROVIDER)
        .values_list("pk", flat=True)
    )
    refund_owed(list(left_owed))
    return released
