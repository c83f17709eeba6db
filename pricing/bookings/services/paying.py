"""Where bookings meet payments: a card payment's outcome moves its booking, and money
owed back on a booking is refunded through the payments layer.

Payments is the lower layer (it imports nothing of bookings); it announces every move of
a payment to the listeners registered in `PricingConfig.ready()`. The listener below runs
inside the transaction that moved the payment, with the payment's row locked, so a
booking is confirmed (and its session's capacity checked again) in the same commit as
the payment it was paid by; a replayed event finds nothing to move and calls nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from pricing.bookings.listeners import confirmation_gate, notify_booking_changed
from pricing.bookings.models import Booking
from pricing.bookings.services.cancelling import record_refund
from pricing.bookings.services.common import RefundDue
from pricing.bookings.services.holding import confirm_booking, payment_failed
from pricing.bookings.services.invoicing import record_booking_payment
from pricing.payments.models import Payment, PaymentStatus
from pricing.payments.services import refund_payment
from pricing.payments.services.card import PaymentError


def payment_changed(payment: Payment, previous_status: str) -> None:
    """Confirm the booking a card payment paid for, or release it when the card failed.

    A payment that arrives after its hold lapsed and the session filled leaves the
    booking with no place (`confirm_booking`), and the whole amount goes back at once.
    """
    booking = Booking.objects.filter(payment=payment).first()
    if booking is None:
        return  # a payment for something other than a booking (invoices, later)
    gate = confirmation_gate(booking)
    if gate is not None:
        # One family's share of a shared booking: confirmed with the others, not alone.
        # Its money changed all the same: the listeners hear of it (a personal budget
        # that paid the share by card counts it spent now, not when the group confirms).
        gate.payment_changed(booking, payment)
        notify_booking_changed(Booking.objects.get(pk=booking.pk))
        return
    now = timezone.now()
    if payment.status == PaymentStatus.SUCCEEDED:
        confirmation = confirm_booking(booking=booking, now=now)
        if confirmation.confirmed:
            record_booking_payment(booking=confirmation.booking, payment=payment, now=now)
        if confirmation.refund is not None:
            give_back(confirmation.refund, key=f"booking-{booking.pk}-no-place")
    elif payment.status == PaymentStatus.FAILED:
        payment_failed(booking=booking, now=now)


def give_back_cancelled(due: RefundDue, *, by: Any = None) -> None:
    """Refund what a cancellation owes. One key per booking, so a booking cancelled from
    any screen (the family's, the provider's, a whole session) is refunded once."""
    give_back(due, key=f"booking-{due.booking.pk}-cancel", by=by)


def refund_cancelled(refunds: Iterable[RefundDue], *, by: Any = None) -> int:
    """Refund each cancelled booking; how many the payments layer would not start.

    Those stay owed on their booking (`owing_refund()`), where the finance officers and
    reconciliation find them, so a provider's cancellation is never undone by a refusal.
    """
    refused = 0
    for due in refunds:
        try:
            give_back_cancelled(due, by=by)
        except PaymentError:
            refused += 1
    return refused


def give_back(due: RefundDue, *, key: str, by: Any = None) -> None:
    """Refund what a booking owes back through its payment, and record it on the booking.

    `key` names this refund in our own terms (for example "booking-42-cancel"), so asking
    twice refunds once. An unpaid booking owes nothing through Stripe. The Stripe call is
    made by the payments layer once the transaction commits; a refusal there stays on the
    refund's own record for the council's finance officers to follow up.
    """
    if due.payment is None or due.amount <= 0:
        return
    if due.payment.status != PaymentStatus.SUCCEEDED:
        return
    refund_payment(
        payment=due.payment, amount=due.amount, reason=due.reason, by=by, idempotency_key=key
    )
    record_refund(booking=due.booking, amount=due.amount, now=timezone.now(), by=by)
