"""Cancelling and refunding: by the family (its policy applies), by the provider (full
refund), a whole session, part of a booking; and recording a refund once it is paid.

These record money owed back (`Booking.refund_owed`) and return a `RefundDue`; the
payments layer makes the Stripe refund and then calls `record_refund`. A booking never
calls Stripe itself, so a refused card network cannot leave a booking half cancelled.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from wagtail.log_actions import log

from localoffer.core.money import format_pounds, round_money
from localoffer.core.transitions import transition
from pricing.bookings.enums import (
    BOOKING_TRANSITIONS,
    WAITING_TRANSITIONS,
    BookingStatus,
    CancelledBy,
    WaitingStatus,
)
from pricing.bookings.listeners import notify_booking_changed
from pricing.bookings.models import Booking, WaitingListEntry
from pricing.bookings.notifications import tell
from pricing.bookings.services.common import (
    ACTION,
    BookingError,
    RefundDue,
    delivered_value,
    lock_session,
    move,
    next_start,
    paid,
    refundable,
    require_family,
    require_member,
)
from pricing.bookings.services.invoicing import credit_booking
from pricing.bookings.services.release import offer_freed_places
from pricing.offers.enums import SessionStatus
from pricing.offers.models import Session
from pricing.offers.refunds import refund_due
from providers.organisations.access import is_organisation_member

S = BookingStatus
REASON_MAX_LENGTH = 1000


def _reason(reason: str, *, required: bool) -> str:
    reason = reason.strip()
    if required and not reason:
        raise BookingError("Give a reason: the family will read it.", field="reason")
    if len(reason) > REASON_MAX_LENGTH:
        raise BookingError(
            f"The reason must be {REASON_MAX_LENGTH} characters or fewer.", field="reason"
        )
    return reason


def _cancel(
    booking: Booking,
    *,
    by: Any,
    who: str,
    owed: Decimal,
    credit: Decimal,
    reason: str,
    now: dt.datetime,
    event: str = "cancelled",
) -> tuple[Booking, RefundDue | None]:
    """Cancel one booking (its session already locked), record what is owed back, and
    credit what its invoice no longer charges (`credit`: the refund if it was paid)."""
    cancelled = move(
        booking,
        S.CANCELLED,
        by=by,
        event="cancelled",
        changes={
            "cancelled_at": now,
            "cancelled_by": who,
            "reason": reason,
            "hold_expires_at": None,
            "refund_owed": booking.refund_owed + owed,
        },
        data={"by": who, "refund_owed": str(owed)},
    )
    tell(cancelled, event)
    credit_booking(
        booking=cancelled, amount=credit, reason=reason or "Cancelled", key="cancel", now=now, by=by
    )
    if owed <= 0:
        return cancelled, None
    return cancelled, RefundDue(
        booking=cancelled, payment=cancelled.payment, amount=owed, reason=reason or "Cancelled"
    )


def _undelivered(booking: Booking) -> Decimal:
    """What a cancellation could give back or stop charging: what was paid and not yet
    refunded, or for a booking not paid (an invoice to pay later) its total; less the
    appointments already delivered either way."""
    base = refundable(booking) if paid(booking) else booking.total
    return max(base - delivered_value(booking), Decimal("0.00"))


def cancel_by_family(
    *, booking: Booking, family: Any, now: dt.datetime, reason: str = ""
) -> RefundDue | None:
    """The family cancels; returns the refund due under the offer's policy (or None).

    Free up to the policy's cut-off, then nothing or half back; an unpaid booking owes
    nothing back. Appointments already delivered are never refunded. Places freed go to
    the waiting list.
    """
    require_family(family, booking)
    reason = _reason(reason, required=False)
    with transaction.atomic():
        session = lock_session(booking.session_id)
        current = Booking.objects.select_related("offer", "payment").get(pk=booking.pk)
        starts_at = next_start(current, now)
        if current.status == S.CONFIRMED and (starts_at is None or starts_at <= now):
            raise BookingError("This booking has already started, so it cannot be cancelled.")
        base = _undelivered(current)
        back = (
            refund_due(current.offer.cancellation_policy, base, starts_at, now)
            if base and starts_at
            else Decimal("0.00")
        )
        _, refund = _cancel(
            current,
            by=family,
            who=CancelledBy.FAMILY,
            owed=back if paid(current) else Decimal("0.00"),
            credit=back,
            reason=reason,
            now=now,
        )
        if session is not None:
            offer_freed_places(session=session, now=now)
        return refund


def cancel_by_provider(
    *, booking: Booking, by: Any, now: dt.datetime, reason: str
) -> RefundDue | None:
    """The provider cancels one booking: everything paid comes back (less appointments
    already delivered), and the family is told why."""
    require_member(by, booking)
    return _cancel_in_full(booking, by=by, who=CancelledBy.PROVIDER, now=now, reason=reason)


def cancel_unfunded(
    *, booking: Booking, by: Any, now: dt.datetime, reason: str
) -> RefundDue | None:
    """The personal budget that was to pay refused the booking (the council's officer, or
    the third party holding the money): cancelled on the family's behalf with nothing
    charged, its invoice credited in full, as a provider's cancellation is. Who may refuse
    is checked by the budgets layer that calls this; `reason` is what the provider and the
    family read on the booking, so it says nothing about the budget."""
    return _cancel_in_full(booking, by=by, who=CancelledBy.FAMILY, now=now, reason=reason)


def _cancel_in_full(
    booking: Booking, *, by: Any, who: str, now: dt.datetime, reason: str
) -> RefundDue | None:
    """Cancel with everything not yet delivered given back and credited, whatever the
    cancellation policy says (the family is not the one choosing to cancel)."""
    reason = _reason(reason, required=True)
    with transaction.atomic():
        session = lock_session(booking.session_id)
        current = Booking.objects.select_related("offer", "payment").get(pk=booking.pk)
        back = _undelivered(current)
        _, refund = _cancel(
            current,
            by=by,
            who=who,
            owed=back if paid(current) else Decimal("0.00"),
            credit=back,
            reason=reason,
            now=now,
        )
        if session is not None:
            offer_freed_places(session=session, now=now)
        return refund


def cancel_session(*, session: Session, by: Any, now: dt.datetime, reason: str) -> list[RefundDue]:
    """The provider cancels a whole session: every booking cancelled with a full refund,
    everyone told, and the waiting list closed."""
    if not is_organisation_member(by, session.offer.organisation):
        raise BookingError("Only the provider's own team can do this.")
    reason = _reason(reason, required=True)
    refunds = []
    with transaction.atomic():
        locked = lock_session(session.pk)
        assert locked is not None
        if locked.status == SessionStatus.CANCELLED:
            raise BookingError("This session has already been cancelled.")
        if locked.starts_at <= now:
            raise BookingError("This session has already started.")
        locked.status = SessionStatus.CANCELLED
        locked.cancelled_reason = reason
        locked.save(update_fields=["status", "cancelled_reason"])
        log(
            instance=locked.offer,
            action=ACTION + "session_cancelled",
            user=by,
            data={"session": locked.pk, "reason": reason},
        )
        for booking in Booking.objects.filter(session=locked).active():
            booking = Booking.objects.select_related("payment").get(pk=booking.pk)
            if S.CANCELLED not in BOOKING_TRANSITIONS[booking.status]:
                continue
            _, refund = _cancel(
                booking,
                by=by,
                who=CancelledBy.PROVIDER,
                owed=refundable(booking),
                credit=refundable(booking) if paid(booking) else booking.total,
                reason=reason,
                now=now,
                event="session_cancelled",
            )
            if refund is not None:
                refunds.append(refund)
        for entry in WaitingListEntry.objects.filter(
            session=locked, status__in=[WaitingStatus.WAITING, WaitingStatus.OFFERED]
        ):
            transition(
                entry,
                table=WAITING_TRANSITIONS,
                to=WaitingStatus.WITHDRAWN,
                user=by,
                action=ACTION + "waiting_withdrawn",
                error=BookingError,
            )
    return refunds


def refund_part(
    *, booking: Booking, amount: Decimal, by: Any, now: dt.datetime, reason: str
) -> RefundDue:
    """The provider refunds part of a paid booking, with a reason; the booking stands."""
    require_member(by, booking)
    reason = _reason(reason, required=True)
    if not isinstance(amount, Decimal) or amount != round_money(amount) or amount <= 0:
        raise BookingError("Enter an amount in pounds and pence, such as 12.50.", field="amount")
    with transaction.atomic():
        current = (
            Booking.objects.select_for_update(of=("self",))
            .select_related("payment")
            .get(pk=booking.pk)
        )
        most = refundable(current)
        if amount > most:
            raise BookingError(
                f"You can refund up to {format_pounds(most)} on this booking.", field="amount"
            )
        current.refund_owed += amount
        current.save(update_fields=["refund_owed"])
        log(
            instance=current,
            action=ACTION + "refund_owed",
            user=by,
            data={"reference": current.reference, "amount": str(amount), "reason": reason},
        )
        tell(current, "refund_due", extra=f"Reason: {reason}")
        credit_booking(
            booking=current,
            amount=amount,
            reason=reason,
            key=f"refund:{current.refund_owed + current.amount_refunded}",
            now=now,
            by=by,
        )
        return RefundDue(booking=current, payment=current.payment, amount=amount, reason=reason)


def record_refund(
    *, booking: Booking, amount: Decimal, now: dt.datetime, by: Any = None
) -> Booking:
    """Record that `amount` owed back has been refunded (by Stripe, or by hand for an
    invoice paid by transfer) and tell the family. Called by the payments layer."""
    if not isinstance(amount, Decimal) or amount <= 0 or amount != round_money(amount):
        raise BookingError("Enter a refunded amount in pounds and pence.", field="amount")
    with transaction.atomic():
        current = Booking.objects.select_for_update().get(pk=booking.pk)
        if amount > current.refund_owed:
            raise BookingError(
                f"Only {format_pounds(current.refund_owed)} is owed back on this booking.",
                field="amount",
            )
        current.refund_owed -= amount
        current.amount_refunded += amount
        current.save(update_fields=["refund_owed", "amount_refunded"])
        notify_booking_changed(current)
        log(
            instance=current,
            action=ACTION + "refunded",
            user=by,
            data={"reference": current.reference, "amount": str(amount)},
        )
        tell(current, "refunded")
        return current
