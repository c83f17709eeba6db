"""Taking a place: hold it while the family pays, confirm it, or let it go.

Capacity is checked and taken in one transaction with the session row locked
(`select_for_update`), so two families asking for the last place at once are served one
after the other and the second is told the session is full. It is checked again when a
payment confirms a booking whose hold has lapsed (docs/decisions/0013-bookings.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from wagtail.log_actions import log

from localoffer.core.transitions import transition
from pricing.bookings.enums import WAITING_TRANSITIONS, BookingStatus, WaitingStatus
from pricing.bookings.listeners import confirmation_gate
from pricing.bookings.models import Booking, WaitingListEntry
from pricing.bookings.notifications import tell
from pricing.bookings.selectors import holds_to_expire, places_taken, waiting_offers_to_lapse
from pricing.bookings.services.common import (
    MAX_PLACES_PER_BOOKING,
    BookingError,
    RefundDue,
    hold_minutes,
    lock_session,
    move,
    new_reference,
    price,
    vat_treatment_of,
)
from pricing.bookings.services.invoicing import invoice_confirmed
from pricing.bookings.services.release import offer_freed_places
from pricing.families.models import Child
from pricing.offers.enums import OfferKind, SessionStatus
from pricing.offers.models import Session
from pricing.offers.selectors import window_problem
from pricing.payments.models import Payment, PaymentMethod

S = BookingStatus


@dataclass(frozen=True)
class Confirmation:
    """What `confirm_booking` did: confirmed, or paid with no place left (refund owed)."""

    booking: Booking
    confirmed: bool
    refund: RefundDue | None = None


def check_child(family: Any, child: Child) -> None:
    if child.family_id != getattr(family, "pk", None):
        raise BookingError("Choose one of your own children.", field="child")


def check_method(offer: Any, method: str, total: Decimal, *, card_ready: bool) -> str:
    """The payment method to store: none for a free booking, else one the offer takes."""
    if total == 0:
        return ""
    if method not in offer.payment_methods(card_ready=card_ready):
        raise BookingError("Choose a way to pay that this provider accepts.", field="method")
    return method


def create_payment(booking: Booking) -> Payment | None:
    """The amount the family owes, recorded for the payments layer (none when free)."""
    if booking.total == 0:
        return None
    return Payment.objects.create(
        reference=booking.reference,
        organisation=booking.offer.organisation,
        payer=booking.family,
        method=booking.method,
        amount=booking.total,
    )


def hold_places(
    *,
    family: Any,
    child: Child,
    session: Session,
    places: int,
    method: str,
    now: dt.datetime,
    card_ready: bool = False,
    idempotency_key: str | None = None,
    waiting_entry: WaitingListEntry | None = None,
) -> Booking:
    """Hold `places` on `session` for `child` while the family pays (about 20 minutes).

    Refuses a child of another family, a nonsense number of places, a cancelled, started,
    closed, not-yet-open or full session, and a payment method the offer does not take
    (card only when `card_ready`: the provider's Stripe account can take payments). The
    price is the offer's, read now from the listing, never from the form. A second submit
    of the same form (same `idempotency_key`) returns the booking the first one made.
    `waiting_entry` is an offer from the waiting list whose kept places this hold uses.
    """
    check_child(family, child)
    if isinstance(places, bool) or not isinstance(places, int) or places < 1:
        raise BookingError("Enter a number of places of 1 or more.", field="places")
    if places > MAX_PLACES_PER_BOOKING:
        raise BookingError(
            f"You can book up to {MAX_PLACES_PER_BOOKING} places at once.", field="places"
        )
    try:
        with transaction.atomic():
            locked = lock_session(session.pk)
            assert locked is not None
            if idempotency_key:
                existing = Booking.objects.filter(idempotency_key=idempotency_key).first()
                if existing is not None:
                    if existing.family_id != family.pk:
                        raise BookingError("This form has already been used.")
                    return existing
            return _hold(
                family,
                child,
                locked,
                places,
                method,
                now,
                card_ready,
                idempotency_key,
                waiting_entry,
            )
    except IntegrityError:
        # Two submits of one form raced past the check (only possible without row locks,
        # on SQLite): the unique key let one through; return that one.
        if idempotency_key:
            existing = Booking.objects.filter(
                idempotency_key=idempotency_key, family=family
            ).first()
            if existing is not None:
                return existing
        raise


def _hold(
    family: Any,
    child: Child,
    session: Session,
    places: int,
    method: str,
    now: dt.datetime,
    card_ready: bool,
    idempotency_key: str | None,
    waiting_entry: WaitingListEntry | None,
) -> Booking:
    offer = session.offer
    if offer.kind != OfferKind.SESSIONS:
        raise BookingError("Ask the provider for hours of support instead.")
    problem = window_problem(session, now)
    if problem:
        raise BookingError(problem, field="session")
    if places > session.capacity:
        raise BookingError(f"This session has {session.capacity} places in all.", field="places")
    taken = places_taken(session, now, excluding_entry=waiting_entry)
    if taken + places > session.capacity:
        left = max(session.capacity - taken, 0)
        message = (
            "This session is full. You can join the waiting list."
            if left == 0
            else f"There {'is' if left == 1 else 'are'} only {left} "
            f"place{'' if left == 1 else 's'} left."
        )
        raise BookingError(message, field="places")
    unit_price = offer.unit_price
    assert unit_price is not None  # window_problem refuses an offer with no price
    total = price(offer, places)
    booking = Booking.objects.create(
        reference=new_reference(),
        family=family,
        child=child,
        offer=offer,
        session=session,
        places=places,
        unit_price=unit_price,
        total=total,
        vat_treatment=vat_treatment_of(offer),
        method=check_method(offer, method, total, card_ready=card_ready),
        status=S.HELD,
        hold_expires_at=now + dt.timedelta(minutes=hold_minutes()),
        idempotency_key=idempotency_key or None,
        created_at=now,
    )
    booking.payment = create_payment(booking)
    if booking.payment is not None:
        booking.save(update_fields=["payment"])
    log(
        instance=booking,
        action="pricing.booking_held",
        user=family,
        data={"reference": booking.reference, "places": places},
    )
    tell(booking, "held")
    return booking


def confirm_booking(*, booking: Booking, now: dt.datetime, by: Any = None) -> Confirmation:
    """Confirm a booking: after its card payment succeeded, or at once if paying later.

    The payments layer calls this when Stripe says a card payment succeeded; the booking
    screens call it for pay-later and free bookings. A hold still running is confirmed.
    A hold that lapsed (or a payment first refused, then made) is confirmed only if the
    session still has room; otherwise a card payment goes to NO_PLACE with the whole
    amount owed back (`Confirmation.refund`), and the family is told. Confirming a
    confirmed booking again (a replayed webhook) changes nothing.
    """
    with transaction.atomic():
        session = lock_session(booking.session_id)
        current = Booking.objects.select_related("offer", "payment").get(pk=booking.pk)
        if current.status == S.CONFIRMED:
            return Confirmation(booking=current, confirmed=True)
        if current.method == PaymentMethod.INVOICE and not current.offer.accepts_invoice:
            raise BookingError("This provider does not take payment later on invoice.")
        has_room = session is None or (
            session.status == SessionStatus.SCHEDULED
            and places_taken(session, now, excluding_booking=current) + current.places
            <= session.capacity
        )
        hold_running = current.status == S.HELD and (current.hold_expires_at or now) > now
        if session is not None and session.status != SessionStatus.SCHEDULED:
            hold_running = False
        if hold_running or has_room:
            confirmed = move(
                current,
                S.CONFIRMED,
                by=by,
                event="confirmed",
                changes={"confirmed_at": now, "hold_expires_at": None},
            )
            tell(confirmed, "confirmed")
            invoice_confirmed(confirmed, now=now)
            return Confirmation(booking=confirmed, confirmed=True)
        if current.method != PaymentMethod.CARD:
            raise BookingError("Sorry, the session is now full.", field="session")
        owed = current.total - current.amount_refunded - current.refund_owed
        lost = move(
            current,
            S.NO_PLACE,
            by=by,
            event="no_place",
            changes={"refund_owed": current.refund_owed + owed, "hold_expires_at": None},
            data={"refund_owed": str(owed)},
        )
        tell(lost, "no_place")
        refund = RefundDue(
            booking=lost,
            payment=lost.payment,
            amount=owed,
            reason="Paid after the held place was released; session full",
        )
        return Confirmation(booking=lost, confirmed=False, refund=refund)


def payment_failed(*, booking: Booking, now: dt.datetime, by: Any = None) -> Booking:
    """A card payment was refused: release the places (offered to the waiting list)."""
    with transaction.atomic():
        session = lock_session(booking.session_id)
        current = Booking.objects.get(pk=booking.pk)
        if current.status == S.PAYMENT_FAILED:
            return current
        failed = move(
            current,
            S.PAYMENT_FAILED,
            by=by,
            event="payment_failed",
            changes={"hold_expires_at": None},
        )
        if session is not None:
            offer_freed_places(session=session, now=now)
        tell(failed, "payment_failed")
        return failed


@dataclass(frozen=True)
class Expired:
    holds: int
    waiting_offers: int


def expire_holds(*, now: dt.datetime) -> Expired:
    """Release every hold and waiting-list offer that has run out, and offer the places
    to the next families waiting. Run every minute or so (`expire_booking_holds`)."""
    holds = 0
    for booking_id, session_id in list(holds_to_expire(now).values_list("pk", "session_id")):
        with transaction.atomic():
            session = lock_session(session_id)
            current = Booking.objects.get(pk=booking_id)
            if current.status not in (S.HELD, S.ACCEPTED) or (current.hold_expires_at or now) > now:
                continue  # paid or cancelled since the list was read
            if confirmation_gate(current) is not None:
                continue  # a share of a shared booking: released with its group
            was_accepted = current.status == S.ACCEPTED
            expired = move(current, S.EXPIRED, by=None, event="expired")
            holds += 1
            if session is not None:
                offer_freed_places(session=session, now=now)
            tell(expired, "accepted_expired" if was_accepted else "expired")
    lapsed = 0
    for entry_id, session_id in list(waiting_offers_to_lapse(now).values_list("pk", "session_id")):
        with transaction.atomic():
            session = lock_session(session_id)
            entry = WaitingListEntry.objects.get(pk=entry_id)
            if entry.status != WaitingStatus.OFFERED or (entry.offer_expires_at or now) > now:
                continue
            transition(
                entry,
                table=WAITING_TRANSITIONS,
                to=WaitingStatus.LAPSED,
                user=None,
                action="pricing.booking_waiting_lapsed",
                error=BookingError,
            )
            lapsed += 1
            assert session is not None
            offer_freed_places(session=session, now=now)
    return Expired(holds=holds, waiting_offers=lapsed)
