"""The card page's two writes that are not the payments layer's own services.

- `ask_stripe`: the confirmation page may be shown before Stripe's webhook has arrived
  (it usually is: the browser is faster). Rather than say "waiting" for a payment Stripe
  already took, the page asks Stripe about the intent and applies the answer through the
  same `apply_intent_state` that webhooks and reconciliation use, so the booking is
  confirmed by the one path that confirms bookings, and a webhook arriving afterwards
  finds nothing left to move.
- `pay_later_instead`: a family without JavaScript (or whose card will not work) gives up
  its card hold, and its answers are put back with "pay later", to confirm again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from pricing.bookings.models import Booking
from pricing.bookings.services import BookingError, cancel_by_family
from pricing.payments import gateway
from pricing.payments.models import Payment, PaymentStatus
from pricing.payments.services import apply_intent_state, cancel_card_payment

_PENDING = frozenset(
    {
        PaymentStatus.CREATED,
        PaymentStatus.REQUIRES_ACTION,
        PaymentStatus.PROCESSING,
        PaymentStatus.FAILED,
    }
)


def ask_stripe(*, payment: Payment) -> bool:
    """Bring a pending card payment up to date with Stripe; True if it moved.

    Nothing is asked for a payment with no intent yet or already final. An unreachable
    Stripe changes nothing: the webhook or `reconcile_payments` settles it later.
    """
    if payment.status not in _PENDING or not payment.stripe_payment_intent_id:
        return False
    try:
        state = gateway.retrieve_payment_intent(payment.stripe_payment_intent_id)
    except gateway.GatewayError:
        return False
    with transaction.atomic():
        return apply_intent_state(
            payment=payment,
            stripe_status=state.status,
            seen_at=timezone.now(),
            failure_message=state.failure_message,
        )


def pay_later_instead(*, booking: Booking, family: Any, now: dt.datetime) -> None:
    """Give up a held card booking so the family can book again, paying later.

    The card payment is stopped first: if Stripe says it was paid after all, it is paid,
    the booking is confirmed by the payments listener, and nothing is cancelled.
    """
    # A share of a shared booking is paid as its group agreed (reverse one-to-one: a
    # booking with no share raises an AttributeError, so getattr's default applies).
    shared = getattr(booking, "share", None) is not None
    if booking.session_id is None or not booking.offer.accepts_invoice or shared:
        raise BookingError("This booking cannot be changed to pay later.")
    if booking.payment is not None:
        payment = cancel_card_payment(payment=booking.payment, by=family)
        if payment.status == PaymentStatus.SUCCEEDED:
            raise BookingError("Your card payment has already been taken.")
    cancel_by_family(booking=booking, family=family, now=now, reason="Chose to pay later instead")
