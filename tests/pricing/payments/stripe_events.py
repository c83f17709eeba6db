"""Stripe events as Stripe sends them: JSON bodies signed with the endpoint secret."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from typing import Any

_ids = itertools.count(1)


def intent_event(
    kind: str,
    intent_id: str,
    *,
    status: str,
    reference: str = "",
    created: int | None = None,
    amount: int = 2400,
    error: str = "",
    event_id: str | None = None,
) -> dict[str, Any]:
    intent: dict[str, Any] = {
        "id": intent_id,
        "object": "payment_intent",
        "amount": amount,
        "currency": "gbp",
        "status": status,
        "metadata": {"payment_reference": reference} if reference else {},
        "last_payment_error": {"message": error, "code": "card_declined"} if error else None,
    }
    return {
        "id": event_id or f"evt_test_{next(_ids):06d}",
        "object": "event",
        "type": kind,
        "created": created if created is not None else int(time.time()),
        "data": {"object": intent},
        "livemode": False,
    }


def account_event(account_id: str, **fields: Any) -> dict[str, Any]:
    account = {
        "id": account_id,
        "object": "account",
        "charges_enabled": False,
        "payouts_enabled": False,
        "details_submitted": False,
        "requirements": {"currently_due": [], "disabled_reason": None},
        **fields,
    }
    return {
        "id": f"evt_test_{next(_ids):06d}",
        "object": "event",
        "type": "account.updated",
        "created": int(time.time()),
        "data": {"object": account},
    }


def signed(
    event: dict[str, Any], secret: str, *, timestamp: int | None = None
) -> tuple[bytes, str]:
    """The body and the Stripe-Signature header Stripe would send."""
    body = json.dumps(event).encode()
    timestamp = timestamp or int(time.time())
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return body, f"t={timestamp},v1={mac.hexdigest()}"


def post(client, event: dict[str, Any], secret: str, **kwargs: Any):
    body, signature = signed(event, secret, **kwargs)
    return client.post(
        "/payments/stripe/webhook/",
        data=body,
        content_type="application/json",
        headers={"Stripe-Signature": signature},
    )
