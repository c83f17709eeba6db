"""What the family's bookings pages share: who may use them, loading a booking, words.

Every page is for family accounts (`pricing.families.access`), as the children pages
are: anonymous visitors sign in first, work accounts see "This is a work account".
Bookings and waiting-list places are loaded through the signed-in family's own records,
so another family's reference answers 404, like one that does not exist.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from localoffer.core.money import format_pounds
from pricing.bookings.enums import AWAITING_PAYMENT, BookingStatus
from pricing.bookings.models import Booking
from pricing.bookings.selectors import bookings_of_family
from pricing.bookings.services.common import delivered_value, next_start, refundable
from pricing.families.views import family_page
from pricing.offers.refunds import refund_due
from pricing.payments.models import PaymentMethod, PaymentStatus

__all__ = ["BookingView", "booking_of", "describe", "family_page", "when"]

S = BookingStatus


def when(moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    return f"{local:%A %-d %B %Y}, {local:%H:%M}"


def span(starts_at: dt.datetime, ends_at: dt.datetime) -> str:
    """'Saturday 7 March 2026, 10:00 to 11:30'."""
    return f"{when(starts_at)} to {timezone.localtime(ends_at):%H:%M}"


def booking_of(request: HttpRequest, reference: str) -> Booking:
    return get_object_or_404(bookings_of_family(request.user), reference=reference)


def refund_if_cancelled(booking: Booking, now: dt.datetime) -> Decimal:
    """What cancelling now would give back, under the offer's policy (as
    `cancel_by_family` works it out: what was paid, less appointments delivered)."""
    base = max(refundable(booking) - delivered_value(booking), Decimal("0.00"))
    starts_at = next_start(booking, now)
    if not base or starts_at is None:
        return Decimal("0.00")
    return refund_due(booking.offer.cancellation_policy, base, starts_at, now)


def unit_name(booking_or_offer: Any) -> str:
    offer = getattr(booking_or_offer, "offer", booking_or_offer)
    option = offer.cost_option
    return option.get_unit_display() if option is not None else "unit"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


@dataclass(frozen=True)
class BookingView:
    """One booking as the family reads it: what, when, for whom, its status and money."""

    booking: Booking
    title: str
    organisation: str
    when: str
    where: str
    appointments: list[str]
    amount: str
    status: str
    payment: str
    refunds: list[str]
    can_pay: bool
    can_cancel: bool
    can_move: bool
    has_calendar: bool
    is_proposal: bool
    is_request: bool

    @property
    def reference(self) -> str:
        return self.booking.reference


def _status(booking: Booking, now: dt.datetime) -> str:
    if booking.status == S.HELD and booking.hold_expires_at and booking.hold_expires_at <= now:
        return "Hold expired"
    if booking.status == S.CONFIRMED and booking.attendance:
        return f"Confirmed: {booking.get_attendance_display().lower()}"
    if booking.status == S.CANCELLED and booking.cancelled_by:
        by = "you" if booking.cancelled_by == "family" else "the provider"
        return f"Cancelled by {by}"
    return booking.get_status_display()


def _payment(booking: Booking) -> str:
    """'Paid by card', 'Pay later on invoice: not paid yet', 'Free'."""
    if booking.total == 0:
        return "Free: nothing to pay"
    payment = booking.payment
    paid = payment is not None and payment.status == PaymentStatus.SUCCEEDED
    if booking.method == PaymentMethod.INVOICE:
        if paid:
            return "Paid on invoice"
        if booking.status in (S.CANCELLED, S.DECLINED):
            return "Pay later on invoice: nothing to pay"
        return "Pay later on invoice: not paid yet"
    if paid:
        return "Paid by card"
    if booking.status in AWAITING_PAYMENT:
        return "By card: not paid yet"
    if booking.status in (S.REQUESTED, S.PROPOSED):
        return "By card, once the provider agrees the times"
    return "By card: nothing was taken"


def _refunds(booking: Booking) -> list[str]:
    """The refunds made on the payment (with their state), else what the booking owes."""
    lines = []
    payment = booking.payment
    if payment is not None:
        for refund in payment.refunds.order_by("created_at", "pk"):
            lines.append(
                f"{format_pounds(refund.amount)}: {refund.get_status_display().lower()}"
                f" ({timezone.localtime(refund.created_at):%-d %B %Y})"
            )
    if not lines and booking.amount_refunded:
        lines.append(f"{format_pounds(booking.amount_refunded)}: refunded")
    if booking.refund_owed:
        lines.append(f"{format_pounds(booking.refund_owed)}: refund on its way")
    return lines


def describe(booking: Booking, now: dt.datetime) -> BookingView:
    session = booking.session
    appointments = list(booking.appointments.all())
    starts_at = next_start(booking, now)
    started = starts_at is None or starts_at <= now
    if session is not None:
        moment, where = span(session.starts_at, session.ends_at), session.place_description
        amount = plural(booking.places, "place")
    else:
        first = appointments[0] if appointments else None
        moment = when(first.starts_at) if first else "To be agreed with the provider"
        where = ""
        amount = plural(booking.places, unit_name(booking))
    amount += f", {format_pounds(booking.total)}" if booking.total else ", free"
    hold_running = booking.status != S.HELD or (booking.hold_expires_at or now) > now
    cancellable = booking.status in (S.REQUESTED, S.PROPOSED, S.ACCEPTED) or (
        booking.status == S.HELD and hold_running
    )
    return BookingView(
        booking=booking,
        title=booking.offer.service.title,
        organisation=booking.offer.organisation.title,
        when=moment,
        where=where,
        appointments=[span(a.starts_at, a.ends_at) for a in appointments],
        amount=amount,
        status=_status(booking, now),
        payment=_payment(booking),
        refunds=_refunds(booking),
        can_pay=(
            booking.status in AWAITING_PAYMENT
            and hold_running
            and booking.method == PaymentMethod.CARD
            and booking.total > 0
        ),
        can_cancel=cancellable or (booking.status == S.CONFIRMED and not started),
        can_move=booking.status == S.CONFIRMED and session is not None and not started,
        has_calendar=bool(appointments) or session is not None,
        is_proposal=booking.status == S.PROPOSED,
        is_request=booking.status in (S.REQUESTED, S.PROPOSED),
    )
