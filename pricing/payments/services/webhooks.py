"""Stripe's events, and asking Stripe about what its events left pending.

An event is applied in one transaction with the record of its id (unique): a duplicate,
even one arriving at the same moment on another server, finds the id taken and changes
nothing. Statuses only move forward under the payment's row lock, and an older event
about an in-between state is ignored, so events may arrive in any order.

An event about an intent, refund or account we do not know is answered 200 with nothing
written. Stripe would only send it again (for days) if we refused it, and it is most
likely not ours (another integration on the same Stripe account). Its id is not recorded
either: if it was ours after all (its webhook overtook our own commit of the intent id),
the redelivery or reconciliation must still be able to apply it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from pricing.payments import gateway
from pricing.payments.models import Payment, PaymentMethod, Refund, RefundStatus, WebhookEvent
from pricing.payments.services.card import apply_intent_state
from pricing.payments.services.connect import apply_account_state
from pricing.payments.services.refunds import apply_refund_state, send_refund

# The Stripe status each payment event reports (its object carries it too; the type is
# what Stripe promises).
_PAYMENT_EVENTS = {
    "payment_intent.succeeded": "succeeded",
    "payment_intent.payment_failed": "requires_payment_method",
    "payment_intent.requires_action": "requires_action",
    "payment_intent.processing": "processing",
    "payment_intent.canceled": "canceled",
}
_REFUND_EVENTS = frozenset({"refund.created", "refund.updated", "refund.failed"})
HANDLED_EVENTS = frozenset({*_PAYMENT_EVENTS, *_REFUND_EVENTS, "account.updated"})


class Outcome(enum.StrEnum):
    APPLIED = "applied"
    DUPLICATE = "duplicate"
    IGNORED = "ignored"  # a type we do not act on
    UNKNOWN = "unknown"  # about something that is not ours


def _event_time(event: dict[str, Any]) -> datetime:
    created = event.get("created")
    if isinstance(created, int | float):
        return datetime.fromtimestamp(created, tz=UTC)
    return timezone.now()


def _payment_for(intent: dict[str, Any]) -> Payment | None:
    """Our payment for an intent: by its id, or by our reference in its metadata when
    the event overtook the commit that saved the id (never one with another intent)."""
    intent_id = str(intent.get("id") or "")
    reference = str((intent.get("metadata") or {}).get("payment_reference") or "")
    found = Payment.objects.filter(stripe_payment_intent_id=intent_id).first()
    if found is None and reference:
        found = (
            Payment.objects.filter(reference=reference, method=PaymentMethod.CARD)
            .filter(Q(stripe_payment_intent_id__isnull=True))
            .first()
        )
    return found


def _apply(event: dict[str, Any]) -> bool:
    """Apply the event inside the caller's transaction; False if it is not about ours."""
    kind = event["type"]
    obj = (event.get("data") or {}).get("object") or {}
    if kind in _PAYMENT_EVENTS:
        payment = _payment_for(obj)
        if payment is None:
            return False
        error = obj.get("last_payment_error") or {}
        message = str(error.get("message") or "The card payment failed.")
        apply_intent_state(
            payment=payment,
            stripe_status=_PAYMENT_EVENTS[kind],
            seen_at=_event_time(event),
            failure_message=message if kind == "payment_intent.payment_failed" else "",
        )
        return True
    if kind in _REFUND_EVENTS:
        status = "failed" if kind == "refund.failed" else str(obj.get("status") or "")
        refund = apply_refund_state(
            stripe_refund_id=str(obj.get("id") or ""),
            stripe_status=status,
            failure_reason=str(obj.get("failure_reason") or ""),
        )
        return refund is not None
    if kind == "account.updated":
        return apply_account_state(gateway.account_state_from_payload(obj)) is not None
    return False


def handle_webhook(event: dict[str, Any]) -> Outcome:
    """Apply one verified Stripe event once (see the module's docstring)."""
    if event.get("type") not in HANDLED_EVENTS:
        return Outcome.IGNORED
    event_id = str(event["id"])
    if WebhookEvent.objects.filter(stripe_event_id=event_id).exists():
        return Outcome.DUPLICATE
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = WebhookEvent.objects.create(
                    stripe_event_id=event_id, type=event["type"], payload=event
                )
        except IntegrityError:
            return Outcome.DUPLICATE
        if not _apply(event):
            transaction.set_rollback(True)
            return Outcome.UNKNOWN
        record.processed_at = timezone.now()
        record.save(update_fields=["processed_at"])
    return Outcome.APPLIED


@dataclass
class Reconciled:
    asked: int = 0
    moved: list[str] = field(default_factory=list)  # payment references
    refunds_sent: int = 0
    errors: list[str] = field(default_factory=list)


def reconcile_pending(*, now: datetime | None = None, minutes: int | None = None) -> Reconciled:
    """Ask Stripe about card payments still pending after `minutes`, and send again the
    refunds Stripe never answered: what lost webhooks and lost answers left behind."""
    now = now or timezone.now()
    minutes = settings.PAYMENTS_RECONCILE_AFTER_MINUTES if minutes is None else minutes
    before = now - timedelta(minutes=minutes)
    result = Reconciled()
    waiting = (
        Payment.objects.pending()
        .filter(method=PaymentMethod.CARD, stripe_payment_intent_id__isnull=False)
        .filter(updated_at__lte=before)
        .order_by("pk")
    )
    for payment in waiting.iterator():
        result.asked += 1
        try:
            state = gateway.retrieve_payment_intent(str(payment.stripe_payment_intent_id))
        except gateway.GatewayError as error:
            result.errors.append(f"{payment.reference}: {error.message}")
            continue
        with transaction.atomic():
            if apply_intent_state(
                payment=payment,
                stripe_status=state.status,
                seen_at=now,
                failure_message=state.failure_message,
            ):
                result.moved.append(payment.reference)
    unsent = Refund.objects.filter(
        status=RefundStatus.PENDING, stripe_refund_id__isnull=True, created_at__lte=before
    )
    for refund in unsent.order_by("pk"):
        if send_refund(refund_id=refund.pk).stripe_refund_id:
            result.refunds_sent += 1
    return result
