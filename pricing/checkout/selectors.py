"""Reads for the booking journey: what a family may book now, and its own bookings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from pricing.bookings.enums import BookingStatus
from pricing.bookings.models import Booking
from pricing.bookings.selectors import bookings_of_family, places_left
from pricing.invoices.models import CustomerDetails
from pricing.offers.models import BookableOffer, Session
from pricing.offers.selectors import upcoming_sessions, window_problem
from pricing.payments.models import PaymentMethod, PaymentStatus
from pricing.payments.selectors import card_payments_ready

# A family books for one child at a time; more than this many places is a group booking,
# which the provider arranges directly.
MAX_PLACES = 4
# Sessions listed on the first page: eight weeks of a weekly club, with room to spare.
MAX_SESSIONS_LISTED = 30


@dataclass(frozen=True)
class SessionChoice:
    """A session as the family sees it: places left, or why it cannot be booked."""

    session: Session
    places_left: int
    problem: str  # "" when it can be booked now

    @property
    def is_full(self) -> bool:
        return not self.problem and self.places_left == 0

    @property
    def can_book(self) -> bool:
        return not self.problem and self.places_left > 0


def bookable_offer(service_id: int) -> BookableOffer | None:
    """The listing's offer if families can book it now (active and priced)."""
    offer = (
        BookableOffer.objects.select_related("service", "organisation", "cost_option")
        .filter(service_id=service_id, service__live=True)
        .first()
    )
    if offer is None or not offer.is_bookable:
        return None
    return offer


def session_choices(offer: BookableOffer, now: dt.datetime) -> list[SessionChoice]:
    """Upcoming sessions whose booking window has opened, with places left.

    Sessions not yet open for booking are left out (the list would otherwise run for
    months); closed ones stay, saying so, so a family sees why next Saturday is missing.
    """
    choices = []
    sessions = upcoming_sessions(offer, now).select_related("location", "offer__cost_option")
    for session in sessions[:MAX_SESSIONS_LISTED]:
        opens, _closes = offer.window_for(session.starts_at)
        if now < opens:
            continue
        problem = window_problem(session, now) or ""
        choices.append(SessionChoice(session, places_left(session, now), problem))
    return choices


def session_choice(offer: BookableOffer, session_id: Any, now: dt.datetime) -> SessionChoice | None:
    """One of the offer's sessions by id (None for another offer's session or nonsense)."""
    try:
        pk = int(session_id)
    except (TypeError, ValueError):
        return None
    session = offer.sessions.select_related("location", "offer__cost_option").filter(pk=pk).first()
    if session is None:
        return None
    return SessionChoice(session, places_left(session, now), window_problem(session, now) or "")


def payment_methods(offer: BookableOffer) -> list[str]:
    """The ways the family may pay: card only when the provider's Stripe account is ready."""
    return offer.payment_methods(card_ready=card_payments_ready(offer.organisation))


def card_ready(offer: BookableOffer) -> bool:
    return card_payments_ready(offer.organisation)


def family_booking(user: Any, reference: str) -> Booking | None:
    """A booking of the signed-in family by reference (None for anyone else's)."""
    return bookings_of_family(user).filter(reference=reference).first()


# Held (sessions), accepted (hours), or refused by the bank: the family may try another
# card; `confirm_booking` then checks there is still room.
PAYABLE = frozenset({BookingStatus.HELD, BookingStatus.ACCEPTED, BookingStatus.PAYMENT_FAILED})


def awaits_card_payment(booking: Booking) -> bool:
    """To be paid by card and not paid yet (nor given up)."""
    payment = booking.payment
    return (
        booking.status in PAYABLE
        and booking.method == PaymentMethod.CARD
        and payment is not None
        and payment.status not in (PaymentStatus.SUCCEEDED, PaymentStatus.CANCELLED)
    )


def family_bookings_with_key(user: Any, key: str) -> QuerySet[Booking]:
    return Booking.objects.filter(family=user, idempotency_key=key)


def has_invoice_address(user: Any) -> bool:
    """Whether the family has given the postal address its invoices are made out to."""
    return CustomerDetails.objects.filter(user=user).exclude(address="").exists()
