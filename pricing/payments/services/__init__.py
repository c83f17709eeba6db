"""The payment actions (writes). Views, webhooks, commands and the layers above call these.

- card: start_card_payment, confirm_card_payment, cancel_card_payment, apply_intent_state
- refunds: refund_payment, send_refund, apply_refund_state, record_offline_payment
- connect: start_onboarding, refresh_account, apply_account_state, can_manage_payments
- webhooks: handle_webhook, reconcile_pending
"""

from pricing.payments.services.card import (
    ACTION_STATUS,
    CardResult,
    PaymentError,
    apply_intent_state,
    cancel_card_payment,
    confirm_card_payment,
    intent_idempotency_key,
    platform_fee,
    start_card_payment,
    status_from_stripe,
)
from pricing.payments.services.connect import (
    ACTION_ACCOUNT,
    ACTION_CONNECT,
    apply_account_state,
    can_manage_payments,
    refresh_account,
    start_onboarding,
)
from pricing.payments.services.refunds import (
    ACTION_OFFLINE,
    ACTION_REFUND,
    ACTION_REFUND_STATUS,
    apply_refund_state,
    record_offline_payment,
    refund_payment,
    send_refund,
)
from pricing.payments.services.webhooks import (
    HANDLED_EVENTS,
    Outcome,
    Reconciled,
    handle_webhook,
    reconcile_pending,
)

__all__ = [
    "ACTION_ACCOUNT",
    "ACTION_CONNECT",
    "ACTION_OFFLINE",
    "ACTION_REFUND",
    "ACTION_REFUND_STATUS",
    "ACTION_STATUS",
    "HANDLED_EVENTS",
    "CardResult",
    "Outcome",
    "PaymentError",
    "Reconciled",
    "apply_account_state",
    "apply_intent_state",
    "apply_refund_state",
    "can_manage_payments",
    "cancel_card_payment",
    "confirm_card_payment",
    "handle_webhook",
    "intent_idempotency_key",
    "platform_fee",
    "reconcile_pending",
    "record_offline_payment",
    "refresh_account",
    "refund_payment",
    "send_refund",
    "start_card_payment",
    "start_onboarding",
    "status_from_stripe",
]
