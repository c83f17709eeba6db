"""Card payments: start one, confirm it, cancel it, and move it as Stripe reports.

Stripe is never asked while one of our rows is locked: each service saves what it is
about to do (the idempotency key) and commits, calls Stripe, then locks the row again to
record the answer. A payment's status only moves forward (PAYMENT_TRANSITIONS), and each
move is announced to the layers above exactly once (`pricing.payments.listeners`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from localoffer.core.money import round_money
from localoffer.core.transitions import DomainError, lock, transition
from pricing.payments import gateway, selectors
from pricing.payments.listeners import notify_payment_changed
from pricing.payments.models import (
    PAYMENT_TRANSITIONS,
    Payment,
    PaymentMethod,
    PaymentStatus,
)

ACTION_STATUS = "pricing.payment_status"

# Stripe's PaymentIntent statuses in ours. "requires_payment_method" is the start, or a
# failed attempt when Stripe says why; "requires_confirmation" changes nothing for us.
_FROM_STRIPE = {
    "requires_action": PaymentStatus.REQUIRES_ACTION,
    "processing": PaymentStatus.PROCESSING,
    "requires_capture": PaymentStatus.PROCESSING,
    "succeeded": PaymentStatus.SUCCEEDED,
    "canceled": PaymentStatus.CANCELLED,
}
_FINAL = frozenset({PaymentStatus.SUCCEEDED, PaymentStatus.CANCELLED})


class PaymentError(DomainError):
    """A payment cannot be started, confirmed, cancelled or refunded as asked."""


@dataclass(frozen=True)
class CardResult:
    """What the card page needs after confirming: the status, and the secret for the
    bank's check (3-D Secure) when Stripe asks for it."""

    status: str
    client_secret: str
    message: str = ""


def status_from_stripe(stripe_status: str, *, failure_message: str = "") -> str | None:
    """Our status for a Stripe PaymentIntent status (None: nothing to record)."""
    if stripe_status == "requires_payment_method":
        return PaymentStatus.FAILED if failure_message else None
    return _FROM_STRIPE.get(stripe_status)


def intent_idempotency_key(payment: Payment) -> str:
    return f"payment-{payment.reference}-intent-v1"


def platform_fee(amount: Decimal) -> Decimal:
    """The council's fee on a card payment: a percentage of it, zero unless set."""
    percent = Decimal(str(settings.PAYMENTS_PLATFORM_FEE_PERCENT))
    return round_money(amount * percent / 100)


def apply_intent_state(
    *,
    payment: Payment,
    stripe_status: str,
    seen_at: datetime,
    failure_message: str = "",
    by: Any = None,
) -> bool:
    """Move `payment` to what Stripe says, if that is forward and not stale; True if moved.

    Must run in a transaction. An older report about an in-between state (the event was
    created before the one we applied last) is ignored; a final one (paid, cancelled)
    applies whenever the table allows it, so events may arrive in any order.
    """
    target = status_from_stripe(stripe_status, failure_message=failure_message)
    locked = lock(payment)
    if target is None or target == locked.status:
        return False
    if target not in PAYMENT_TRANSITIONS[locked.status]:
        return False
    stale = locked.stripe_seen_at is not None and seen_at < locked.stripe_seen_at
    if stale and target not in _FINAL:
        return False
    previous = locked.status
    changes: dict[str, Any] = {"stripe_seen_at": max(seen_at, locked.stripe_seen_at or seen_at)}
    if target == PaymentStatus.SUCCEEDED:
        changes["paid_at"] = timezone.now()
    if target == PaymentStatus.FAILED:
        changes["failure_message"] = failure_message[:500]
    moved = transition(
        locked,
        table=PAYMENT_TRANSITIONS,
        to=target,
        user=by,
        action=ACTION_STATUS,
        changes=changes,
        data={"to_status": target, "stripe_status": stripe_status},
        error=PaymentError,
    )
    notify_payment_changed(moved, previous)
    return True


def _check_card_payment(payment: Payment) -> None:
    if payment.method != PaymentMethod.CARD:
        raise PaymentError("This booking is paid on invoice, not by card.")
    if payment.status in _FINAL:
        raise PaymentError(f"This payment is {payment.get_status_display().lower()} already.")


def start_card_payment(*, payment: Payment) -> str:
    """The client secret of the payment's PaymentIntent, created the first time.

    The idempotency key is saved and committed before Stripe is asked, so a second
    request (a reload, a double click, a retry after a timeout) sends the same key and
    Stripe answers with the same intent. If two requests still made two intents (the
    local Stripe ignores idempotency keys), the first one recorded wins and the other is
    cancelled at once.
    """
    with transaction.atomic():
        locked = lock(payment)
        _check_card_payment(locked)
        destination = selectors.charge_destination(locked.organisation)
        if destination is None:
            raise PaymentError("This provider does not take card payments yet.")
        if not locked.intent_idempotency_key:
            locked.intent_idempotency_key = intent_idempotency_key(locked)
            locked.destination_account_id = destination
            locked.application_fee = platform_fee(locked.amount) if destination else 0
            locked.save(
                update_fields=[
                    "intent_idempotency_key",
                    "destination_account_id",
                    "application_fee",
                ]
            )
    if locked.stripe_payment_intent_id:
        return gateway.retrieve_payment_intent(locked.stripe_payment_intent_id).client_secret
    state = gateway.create_payment_intent(
        amount=locked.amount,
        currency=locked.currency,
        reference=locked.reference,
        idempotency_key=locked.intent_idempotency_key,
        destination=locked.destination_account_id or None,
        application_fee=locked.application_fee,
    )
    with transaction.atomic():
        locked = lock(payment)
        if locked.stripe_payment_intent_id in (None, state.id):
            locked.stripe_payment_intent_id = state.id
            locked.save(update_fields=["stripe_payment_intent_id", "updated_at"])
            return state.client_secret
        kept = locked.stripe_payment_intent_id
    gateway.cancel_payment_intent(state.id, idempotency_key=f"{state.id}-duplicate-cancel")
    return gateway.retrieve_payment_intent(kept).client_secret


def confirm_card_payment(*, payment: Payment, payment_method_id: str) -> CardResult:
    """Pay with the card the page collected (a Stripe PaymentMethod or card id).

    The key is made of the payment and the card: the same card sent twice is one attempt,
    another card after a decline is a new one.
    """
    _check_card_payment(payment)
    if not payment.stripe_payment_intent_id:
        raise PaymentError("Start the card payment first.")
    key = f"payment-{payment.reference}-confirm-{payment_method_id}"
    try:
        state = gateway.confirm_payment_intent(
            payment.stripe_payment_intent_id,
            payment_method_id=payment_method_id,
            idempotency_key=key,
        )
    except gateway.GatewayError as error:
        if error.code == "connection":
            raise PaymentError(error.message) from error
        # A declined card: Stripe now reports the attempt as failed; record that.
        state = gateway.retrieve_payment_intent(payment.stripe_payment_intent_id)
        message = state.failure_message or error.message
        with transaction.atomic():
            apply_intent_state(
                payment=payment,
                stripe_status=state.status,
                seen_at=timezone.now(),
                failure_message=message,
            )
        return CardResult(status=PaymentStatus.FAILED, client_secret="", message=message)
    with transaction.atomic():
        apply_intent_state(
            payment=payment,
            stripe_status=state.status,
            seen_at=timezone.now(),
            failure_message=state.failure_message,
        )
        status = Payment.objects.get(pk=payment.pk).status
    secret = state.client_secret if status == PaymentStatus.REQUIRES_ACTION else ""
    return CardResult(status=status, client_secret=secret, message=state.failure_message)


def cancel_card_payment(*, payment: Payment, by: Any = None) -> Payment:
    """Stop a card payment nobody will finish (its hold expired, the booking was dropped).

    If Stripe says the family paid after all, the payment is recorded as paid instead
    and the layers above decide (a booking whose place has gone refunds it at once).
    """
    if payment.status in _FINAL:
        return payment
    seen_at = timezone.now()
    if payment.stripe_payment_intent_id:
        state = gateway.retrieve_payment_intent(payment.stripe_payment_intent_id)
        if state.status not in ("succeeded", "canceled", "processing"):
            state = gateway.cancel_payment_intent(
                payment.stripe_payment_intent_id,
                idempotency_key=f"payment-{payment.reference}-cancel-v1",
            )
        with transaction.atomic():
            apply_intent_state(payment=payment, stripe_status=state.status, seen_at=seen_at, by=by)
        return Payment.objects.get(pk=payment.pk)
    with transaction.atomic():
        apply_intent_state(payment=payment, stripe_status="canceled", seen_at=seen_at, by=by)
    return Payment.objects.get(pk=payment.pk)
