"""How the layers above bookings learn that a booking moved or its money changed.

The same small registry as `pricing.payments.listeners`: bookings know nothing of
budgets, but a booking paid from a budget is committed, spent or credited back as it
moves, so budgets register a listener in `PricingConfig.ready()`. Listeners run inside
the transaction that changed the booking (its row locked), so a listener that raises
undoes the change too, and a budget is never out of step with its bookings.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pricing.bookings.models import Booking

BookingListener = Callable[["Booking"], None]

_listeners: list[BookingListener] = []


def register_booking_listener(listener: BookingListener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def notify_booking_changed(booking: Booking) -> None:
    for listener in _listeners:
        listener(booking)
