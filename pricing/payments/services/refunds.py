"""Refunds, and payments made outside Stripe (pay later on invoice).

A refund is written, with its idempotency key, and counted against the payment under the
payment's row lock; Stripe is asked only once that has committed (`transaction.on_commit`),
so a refund made inside a bigger transaction (a booking cancelled, a payment that arrived
after its place had gone) is never sent for a change that was rolled back. If Stripe
cannot be reached the refund stays "being refunded" and reconciliation sends it again
with the same key; if Stripe refuses it, its amount is released.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.log_actions import log

from localoffer.core.money import format_pounds, round_money
from localoffer.core.transitions import lock, transition
from pricing.payments import gateway
from pricing.payments.listeners import notify_payment_changed
from pricing.payments.models import (
    PAYMENT_TRANSITIONS,
    REFUND_TRANSITIONS,
    Payment,
    PaymentMethod,
    PaymentStatus,
    Refund,
    RefundStatus,
)
from pricing.payments.services.card import PaymentError
from providers.organisations.access import is_organisation_member

ACTION_REFUND = "pricing.refund"
ACTION_REFUND_STATUS = "pricing.refund_status"
ACTION_OFFLINE = "pricing.payment_recorded"


def refund_payment(
    *,
    payment: Payment,
    amount: Decimal,
    reason: str,
    by: Any = None,
    idempotency_key: str | None = None,
) -> Refund:
    """Give back `amount` of a paid payment, never more than paid minus refunded.

    `idempotency_key`, when the caller has one (for example "booking-42-cancel"), makes
    the refund happen once however often the caller asks: asking again returns the same
    refund. Without one, the key is made from the refund's own row. A payment on invoice
    is refunded by the provider outside the site; the refund is recorded as done.
    """
    if not isinstance(amount, Decimal):
        raise PaymentError("The amount to refund must be an amount of money.", field="amount")
    amount = round_money(amount)
    if amount <= 0:
        raise PaymentError("Enter an amount to refund greater than £0.", field="amount")
    reason = reason.strip()
    if not reason:
        raise PaymentError("Enter the reason for the refund.", field="reason")
    if idempotency_key:
        existing = Refund.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            refund = _reserve_refund(payment, amount, reason, by, idempotency_key)
    except IntegrityError:
        # The same key at the same moment from another request: that one made it.
        return Refund.objects.get(idempotency_key=idempotency_key)
    if refund.status == RefundStatus.PENDING:
        refund_id = refund.pk
        transaction.on_commit(lambda: send_refund(refund_id=refund_id))
    return refund


def _reserve_refund(
    payment: Payment, amount: Decimal, reason: str, by: Any, idempotency_key: str | None
) -> Refund:
    locked = lock(payment)
    if locked.status != PaymentStatus.SUCCEEDED:
        raise PaymentError("Only a payment that has been made can be refunded.")
    if amount > locked.refundable:
        raise PaymentError(
            f"You can refund at most {format_pounds(locked.refundable)} of this payment.",
            field="amount",
        )
    on_card = locked.method == PaymentMethod.CARD
    refund = Refund.objects.create(
        payment=locked,
        amount=amount,
        reason=reason[:500],
        created_by=by,
        idempotency_key=idempotency_key or f"refund-new-{uuid.uuid4()}",
        status=RefundStatus.PENDING if on_card else RefundStatus.SUCCEEDED,
    )
    if not idempotency_key:
        refund.idempotency_key = f"refund-{refund.pk}-v1"
        refund.save(update_fields=["idempotency_key"])
    locked.amount_refunded = F("amount_refunded") + amount
    locked.save(update_fields=["amount_refunded", "updated_at"])
    log(
        instance=locked,
        action=ACTION_REFUND,
        user=by,
        data={"refund_id": refund.pk, "amount": str(amount), "reason": reason[:500]},
    )
    return refund


def send_refund(*, refund_id: int) -> Refund:
    """Ask Stripe for a refund already recorded, with its saved key (safe to repeat)."""
    refund = Refund.objects.select_related("payment").get(pk=refund_id)
    if refund.status != RefundStatus.PENDING or refund.stripe_refund_id:
        return refund
    intent_id = refund.payment.stripe_payment_intent_id
    if not intent_id:
        return _refund_moved(refund, RefundStatus.FAILED, message="No card payment to refund")
    try:
        state = gateway.create_refund(
            intent_id=intent_id,
            amount=refund.amount,
            idempotency_key=refund.idempotency_key,
            refund_id=refund.pk,
        )
    except gateway.GatewayError as error:
        if error.code == "connection":
            return refund  # Sent again, with the same key, by reconciliation.
        return _refund_moved(refund, RefundStatus.FAILED, message=error.message)
    with transaction.atomic():
        locked = lock(refund)
        if not locked.stripe_refund_id:
            locked.stripe_refund_id = state.id
            locked.save(update_fields=["stripe_refund_id"])
    return apply_refund_state(stripe_refund_id=state.id, stripe_status=state.status) or locked


def apply_refund_state(
    *, stripe_refund_id: str, stripe_status: str, failure_reason: str = ""
) -> Refund | None:
    """Record what Stripe says of a refund (None if it is not one of ours)."""
    refund = Refund.objects.filter(stripe_refund_id=stripe_refund_id).first()
    if refund is None:
        return None
    target = {"succeeded": RefundStatus.SUCCEEDED, "failed": RefundStatus.FAILED}.get(stripe_status)
    if target is None or target == refund.status:
        return refund
    return _refund_moved(refund, target, message=failure_reason)


def _refund_moved(refund: Refund, target: str, *, message: str = "") -> Refund:
    with transaction.atomic():
        locked = lock(refund)
        if target not in REFUND_TRANSITIONS[locked.status]:
            return locked
        moved = transition(
            locked,
            table=REFUND_TRANSITIONS,
            to=target,
            user=None,
            action=ACTION_REFUND_STATUS,
            changes={"failure_message": message[:500]} if message else {},
            error=PaymentError,
        )
        if target == RefundStatus.FAILED:
            # The money was not given back: it may be refunded again.
            payment = lock(moved.payment)
            payment.amount_refunded = F("amount_refunded") - moved.amount
            payment.save(update_fields=["amount_refunded", "updated_at"])
    return moved


def record_offline_payment(
    *,
    payment: Payment,
    by: Any,
    reference: str = "",
    received_at: Any = None,
    invoice_paid: bool = False,
) -> Payment:
    """A provider records that a pay-later booking's money arrived (a bank transfer, or a
    direct-payment card taken over the phone), with the transfer's reference.

    `invoice_paid`: the money was recorded against the booking's invoice, by someone the
    invoices' own pages let record it (the provider's team, or the council's officer
    paying an invoice made out to the council); the payment follows without asking again.
    """
    if payment.method != PaymentMethod.INVOICE:
        raise PaymentError("Card payments are recorded by the card payment service.")
    if (
        not invoice_paid
        and not (by is not None and getattr(by, "is_superuser", False))
        and not is_organisation_member(by, payment.organisation)
    ):
        raise PaymentError("Only the provider's team can record this payment.")
    with transaction.atomic():
        locked = lock(payment)
        previous = locked.status
        moved = transition(
            locked,
            table=PAYMENT_TRANSITIONS,
            to=PaymentStatus.SUCCEEDED,
            user=by,
            action=ACTION_OFFLINE,
            changes={
                "paid_at": received_at or timezone.now(),
                "recorded_by": by,
                "offline_reference": reference.strip()[:100],
            },
            error=PaymentError,
            message="This payment has been recorded already, or was cancelled.",
        )
        notify_payment_changed(moved, previous)
    return moved
