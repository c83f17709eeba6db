"""How the layers above invoices learn that money was recorded against an invoice.

The same small registry as `pricing.payments.listeners`: invoices know nothing of
bookings, but a booking paid later is paid when its invoice is, so bookings register a
listener in `PricingConfig.ready()`. Listeners run inside the transaction that recorded
the payment, so a listener that raises undoes the receipt too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pricing.invoices.models import InvoicePayment

InvoicePaymentListener = Callable[["InvoicePayment"], None]

_listeners: list[InvoicePaymentListener] = []


def register_invoice_payment_listener(listener: InvoicePaymentListener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def notify_invoice_payment(recorded: InvoicePayment) -> None:
    for listener in _listeners:
        listener(recorded)
