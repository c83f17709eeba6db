"""How the layers above payments learn that a payment moved: a small explicit registry.

Payments is the lower layer of the marketplace (bookings, invoices and budgets point at
a `Payment`; nothing here imports them), but a booking must be confirmed when its card
payment succeeds and released when it fails. So the higher layer registers a listener
once, in `PricingConfig.ready()`:

    from pricing.payments.listeners import register_payment_listener
    register_payment_listener(bookings_services.payment_changed)

and every service here that moves a payment (a webhook, reconciliation, confirming on
the card page, recording a bank transfer, cancelling) calls the listeners with the
payment and the status it moved from. They are called inside the transaction that moved
it, while the payment's row is locked: the booking is confirmed (and its capacity checked
again) in the same commit as the payment, and a listener that raises rolls the payment
back too, so a webhook is answered 500 and Stripe sends it again. A listener must not
call Stripe itself; to give money back it calls `refund_payment`, which asks Stripe only
once the transaction has committed.

Each move is announced exactly once: the status only moves forward under the row lock,
so a duplicated or late event finds nothing to move.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pricing.payments.models import Payment

# listener(payment, previous_status): `payment` is the locked, saved row.
PaymentListener = Callable[["Payment", str], None]

_listeners: list[PaymentListener] = []


def register_payment_listener(listener: PaymentListener) -> PaymentListener:
    """Call `listener` after every move of a payment's status (registering twice is once)."""
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def unregister_payment_listener(listener: PaymentListener) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def payment_listeners() -> tuple[PaymentListener, ...]:
    return tuple(_listeners)


def notify_payment_changed(payment: Payment, previous_status: str) -> None:
    for listener in tuple(_listeners):
        listener(payment, previous_status)
