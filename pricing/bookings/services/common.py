"""What every booking write shares: its error, audit actions, references, refunds owed."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Sum

from localoffer.core.money import round_money
from localoffer.core.transitions import DomainError, transition
from pricing.bookings.enums import BOOKING_TRANSITIONS, Attendance
from pricing.bookings.listeners import notify_booking_changed
from pricing.bookings.models import Booking
from pricing.invoices.selectors import vat_registered
from pricing.invoices.vat import priced
from pricing.offers.models import BookableOffer, Session
from pricing.payments.models import Payment, PaymentStatus
from providers.enums import VatTreatment
from providers.organisations.access import is_organisation_member

ACTION = "pricing.booking_"  # + the event: "pricing.booking_confirmed", ...

# Letters and digits nobody confuses when reading a reference over the phone (no 0/O, 1/I/L).
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
MAX_PLACES_PER_BOOKING = 10
MAX_UNITS_PER_REQUEST = 200


class BookingError(DomainError):
    """A booking step the rules refuse; the message is for the person who tried it."""


@dataclass(frozen=True)
class RefundDue:
    """Money to pay back on a booking: what the payments layer needs to refund it.

    The booking's `refund_owed` already includes `amount`; once the refund is made the
    payments layer calls `record_refund`. No payment (an unpaid invoice) means nothing
    goes back through Stripe: the amount is then only owed if it was paid by hand.
    """

    booking: Booking
    payment: Payment | None
    amount: Decimal
    reason: str


def vat_treatment_of(offer: BookableOffer) -> str:
    option = offer.cost_option
    return option.vat_treatment if option is not None else VatTreatment.NOT_REGISTERED


def price(offer: BookableOffer, units: int, *, unit_price: Decimal | None = None) -> Decimal:
    """What the family pays for `units`: worked out as the invoice's line will be, so VAT
    added to a listing's price is charged, and the invoice total is what was paid."""
    each = offer.unit_price if unit_price is None else unit_price
    assert each is not None  # an offer with no price is refused before this
    return priced(
        quantity=units,
        unit_price=each,
        treatment=vat_treatment_of(offer),
        registered=vat_registered(offer.organisation_id),
    ).gross


def hold_minutes() -> int:
    return int(getattr(settings, "BOOKING_HOLD_MINUTES", 20))


def accepted_pay_hours() -> int:
    """How long a family has to pay by card for hours the provider accepted."""
    return int(getattr(settings, "BOOKING_ACCEPTED_PAY_HOURS", 48))


def waiting_offer_hours() -> int:
    return int(getattr(settings, "BOOKING_WAITING_OFFER_HOURS", 24))


def new_reference() -> str:
    """A short reference people can read out, such as "NB-7K3P9Q", unique among bookings."""
    prefix = getattr(settings, "BOOKING_REFERENCE_PREFIX", "NB")
    for _ in range(10):
        reference = f"{prefix}-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
        if not Booking.objects.filter(reference=reference).exists():
            return reference
    raise RuntimeError("Could not find a free booking reference")


def move(
    booking: Booking,
    to: str,
    *,
    by: Any,
    event: str,
    changes: dict[str, Any] | None = None,
    data: dict[str, Any] | None = None,
) -> Booking:
    """Lock, check BOOKING_TRANSITIONS, save and audit one booking move, then tell the
    layers above (a budget paying for it) in the same transaction."""
    moved = transition(
        booking,
        table=BOOKING_TRANSITIONS,
        to=to,
        user=by if getattr(by, "is_authenticated", False) else None,
        action=ACTION + event,
        changes=changes,
        data={"reference": booking.reference, **(data or {})},
        error=BookingError,
    )
    notify_booking_changed(moved)
    return moved


def lock_session(session_id: int | None) -> Session | None:
    """Lock the session row first: every booking write takes it before the booking, so
    two writes on one session never wait on each other in opposite orders. Only the
    session row is locked (`of=("self",)`), not its offer, so sessions of one offer are
    booked in parallel."""
    if session_id is None:
        return None
    return (
        Session.objects.select_for_update(of=("self",)).select_related("offer").get(pk=session_id)
    )


def require_member(user: Any, booking: Booking) -> None:
    if not is_organisation_member(user, booking.offer.organisation):
        raise BookingError("Only the provider's own team can do this.")


def require_family(user: Any, booking: Booking) -> None:
    if getattr(user, "pk", None) != booking.family_id:
        raise BookingError("You can only change your own bookings.")


def paid(booking: Booking) -> Decimal:
    """What the family has paid for this booking (nothing for an unpaid invoice)."""
    payment = booking.payment
    if payment is None or payment.status != PaymentStatus.SUCCEEDED:
        return Decimal("0.00")
    return round_money(payment.amount)


def refundable(booking: Booking) -> Decimal:
    """Paid and not yet refunded or owed back."""
    return max(paid(booking) - booking.amount_refunded - booking.refund_owed, Decimal("0.00"))


def delivered_value(booking: Booking) -> Decimal:
    """The price of the appointments already attended (not refunded when cancelling)."""
    units = (
        booking.appointments.filter(attendance=Attendance.ATTENDED).aggregate(n=Sum("units"))["n"]
        or 0
    )
    return round_money(booking.unit_price * units)


def next_start(booking: Booking, now: dt.datetime) -> dt.datetime | None:
    if booking.session is not None:
        return booking.session.starts_at
    upcoming = booking.appointments.filter(starts_at__gt=now).order_by("starts_at").first()
    return upcoming.starts_at if upcoming else None
