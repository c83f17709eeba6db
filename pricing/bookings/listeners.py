"""How the layers above bookings learn that a booking moved or its money changed, and
how they take charge of the bookings that are theirs.

The same small registries as `pricing.payments.listeners`: bookings know nothing of
budgets or shared bookings, so those register here in `PricingConfig.ready()`.

- Booking listeners: a booking paid from a budget is committed, spent or credited back
  as it moves. Listeners run inside the transaction that changed the booking (its row
  locked), so a listener that raises undoes the change too, and a budget is never out of
  step with its bookings.
- Confirmation gates: a booking that is one family's share of a shared booking must not
  be confirmed on its own when its card payment succeeds (every share must be paid
  first), nor released when a card fails or its hold runs out (the family may try again
  until the group's deadline). A gate that `manages` a booking is told of its payment's
  outcome instead of bookings acting on it, and `expire_holds` leaves it alone.
- Places held elsewhere: places a session keeps for bookings not made yet (the shares
  of a shared booking nobody has joined yet) count as taken in every capacity check.
- Proposal checks: before a family accepts the other times a provider offered (which
  may cost more than it asked for), a layer that pays for the booking may refuse (a
  personal budget that cannot cover the new total) by raising a `BookingError`, whose
  message the family reads; it runs inside `accept_proposal`'s transaction, the booking
  locked, before the booking moves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from pricing.bookings.models import Booking
    from pricing.offers.models import Session
    from pricing.payments.models import Payment

BookingListener = Callable[["Booking"], None]

_listeners: list[BookingListener] = []


def register_booking_listener(listener: BookingListener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def notify_booking_changed(booking: Booking) -> None:
    for listener in _listeners:
        listener(booking)


class ConfirmationGate(Protocol):
    def manages(self, booking: Booking) -> bool:
        """True if this layer decides when `booking` is confirmed or released."""
        ...

    def payment_changed(self, booking: Booking, payment: Payment) -> None:
        """`booking`'s payment moved (called inside the payment's transaction, its row
        locked), in place of bookings confirming or releasing the booking itself."""
        ...


_gates: list[ConfirmationGate] = []


def register_confirmation_gate(gate: ConfirmationGate) -> None:
    if gate not in _gates:
        _gates.append(gate)


def confirmation_gate(booking: Booking) -> ConfirmationGate | None:
    """The gate that manages `booking`, or None when bookings confirm it as usual."""
    for gate in _gates:
        if gate.manages(booking):
            return gate
    return None


# counter(session, now) -> places kept on the session for bookings not made yet.
PlacesHeld = Callable[["Session", dt.datetime], int]

_places_held: list[PlacesHeld] = []


def register_places_held(counter: PlacesHeld) -> None:
    if counter not in _places_held:
        _places_held.append(counter)


def places_held_elsewhere(session: Session, now: dt.datetime) -> int:
    return sum(counter(session, now) for counter in _places_held)


# check(booking) -> None, or raises BookingError: the booking (PROPOSED, locked) may not
# be accepted at its new total.
ProposalCheck = Callable[["Booking"], None]

_proposal_checks: list[ProposalCheck] = []


def register_proposal_check(check: ProposalCheck) -> None:
    if check not in _proposal_checks:
        _proposal_checks.append(check)


def check_proposal(booking: Booking) -> None:
    for check in _proposal_checks:
        check(booking)
