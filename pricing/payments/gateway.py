"""The one module that talks to Stripe: plain typed arguments in, plain records out.

Everything Stripe-shaped stays here: the client (API version pinned, network retries on),
pence (`localoffer.core.money`), Stripe's parameter names and its objects. Services pass
our own values and an idempotency key they have already saved on our row, so a call
retried after a lost answer (by the client's retries, a worker, or a person pressing the
button again) is the same call to Stripe and does not charge or refund twice.

Where the API is: settings.STRIPE_API_BASE, when set, replaces every Stripe address (the
API, Connect and file uploads), which is how development and the tests use the local
Stripe on 127.0.0.1; empty means Stripe itself, in production only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

import stripe
from django.conf import settings

from localoffer.core.money import from_pence, to_pence

# The API version this code was written and tested against. Pinned, so that upgrading the
# `stripe` package (which would otherwise send its own newest version) never changes the
# shape of the answers without us reading the changelog first.
STRIPE_API_VERSION = "2026-10-28.endive"
MAX_NETWORK_RETRIES = 2


class GatewayError(Exception):
    """Stripe refused a call or could not be reached. `message` is safe to show a person."""

    def __init__(self, message: str, *, code: str = "", status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status


class WebhookSignatureError(Exception):
    """A webhook body that was not signed with our endpoint secret, or is not JSON."""


@dataclass(frozen=True)
class IntentState:
    """What Stripe says about a PaymentIntent, in our units."""

    id: str
    status: str
    amount: Decimal
    client_secret: str
    reference: str
    failure_message: str = ""
    next_action: str = ""


@dataclass(frozen=True)
class RefundState:
    id: str
    status: str
    amount: Decimal
    failure_reason: str = ""


@dataclass(frozen=True)
class AccountState:
    """A connected account's readiness, as Stripe last described it."""

    id: str
    charges_enabled: bool
    payouts_enabled: bool
    details_submitted: bool
    currently_due: list[str] = field(default_factory=list)
    disabled_reason: str = ""


@lru_cache(maxsize=4)
def _client(api_key: str, api_base: str) -> stripe.StripeClient:
    addresses: Any = None
    if api_base:
        addresses = {"api": api_base, "connect": api_base, "files": api_base}
        addresses["meter_events"] = api_base
    return stripe.StripeClient(
        api_key,
        stripe_version=STRIPE_API_VERSION,
        base_addresses=addresses,
        max_network_retries=MAX_NETWORK_RETRIES,
    )


def client() -> stripe.StripeClient:
    """The Stripe client for the current settings (one per key and address, reused)."""
    api_key = settings.STRIPE_SECRET_KEY
    if not api_key:
        raise GatewayError("Card payments are not set up on this site.", code="not_configured")
    return _client(api_key, settings.STRIPE_API_BASE.rstrip("/"))


def _call(method: Any, *args: Any, **kwargs: Any) -> Any:
    """Call Stripe, turning its errors into a GatewayError a service can report."""
    try:
        return method(*args, **kwargs)
    except stripe.CardError as error:
        raise GatewayError(
            error.user_message or "The card was declined.",
            code=error.code or "card_error",
            status=error.http_status,
        ) from error
    except stripe.APIConnectionError as error:
        raise GatewayError(
            "We could not reach the card payment service. Please try again.",
            code="connection",
        ) from error
    except stripe.StripeError as error:
        raise GatewayError(
            "The card payment service refused the request. Please try again later.",
            code=error.code or "stripe_error",
            status=error.http_status,
        ) from error


def _plain(obj: Any) -> dict[str, Any]:
    """A Stripe object as plain data (they are not dicts since stripe 15)."""
    return obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)


def _intent_state(intent: Any) -> IntentState:
    data = _plain(intent)
    error = data.get("last_payment_error") or {}
    action = data.get("next_action") or {}
    return IntentState(
        id=str(data["id"]),
        status=str(data["status"]),
        amount=from_pence(int(data["amount"])),
        client_secret=str(data.get("client_secret") or ""),
        reference=str((data.get("metadata") or {}).get("payment_reference", "")),
        failure_message=str(error.get("message") or ""),
        next_action=str(action.get("type") or ""),
    )


def create_payment_intent(
    *,
    amount: Decimal,
    currency: str,
    reference: str,
    idempotency_key: str,
    destination: str | None,
    application_fee: Decimal = Decimal("0.00"),
) -> IntentState:
    """A card PaymentIntent for `amount`, as a destination charge when `destination` is given.

    With a destination the money goes to the organisation's connected account
    (`transfer_data`), the family sees the organisation on its statement (`on_behalf_of`)
    and the council keeps `application_fee`. Without one it is a plain platform charge:
    only development and tests do that (the local Stripe has no Connect). Card only: a
    booking is confirmed when the payment succeeds, and cards (direct-payment prepaid
    cards included) answer at once, with the bank's check (3-D Secure) on the page.
    """
    params: dict[str, Any] = {
        "amount": to_pence(amount),
        "currency": currency,
        "payment_method_types": ["card"],
        "metadata": {"payment_reference": reference},
    }
    if destination:
        params["transfer_data"] = {"destination": destination}
        params["on_behalf_of"] = destination
        fee = to_pence(application_fee)
        if fee > 0:
            params["application_fee_amount"] = fee
    intent = _call(
        client().v1.payment_intents.create,
        params=params,
        options={"idempotency_key": idempotency_key},
    )
    return _intent_state(intent)


def retrieve_payment_intent(intent_id: str) -> IntentState:
    return _intent_state(_call(client().v1.payment_intents.retrieve, intent_id))


def confirm_payment_intent(
    intent_id: str, *, payment_method_id: str, idempotency_key: str
) -> IntentState:
    """Attach the card the page collected and confirm, on the server.

    Server-side confirmation works the same with Stripe and the local Stripe; when the
    bank wants its check the answer is "requires_action" and the page asks Stripe.js to
    show it (`handleNextAction` / `confirmCardPayment` with the client secret).
    """
    stripe_client = client()
    _call(
        stripe_client.v1.payment_intents.update,
        intent_id,
        params={"payment_method": payment_method_id},
        options={"idempotency_key": f"{idempotency_key}-attach"},
    )
    intent = _call(
        stripe_client.v1.payment_intents.confirm,
        intent_id,
        options={"idempotency_key": f"{idempotency_key}-confirm"},
    )
    return _intent_state(intent)


def cancel_payment_intent(intent_id: str, *, idempotency_key: str) -> IntentState:
    intent = _call(
        client().v1.payment_intents.cancel,
        intent_id,
        options={"idempotency_key": idempotency_key},
    )
    return _intent_state(intent)


def create_refund(
    *, intent_id: str, amount: Decimal, idempotency_key: str, refund_id: int
) -> RefundState:
    """Give `amount` back on a PaymentIntent (Stripe takes it from the connected account
    too, because destination charges reverse the transfer in proportion)."""
    params: dict[str, Any] = {
        "payment_intent": intent_id,
        "amount": to_pence(amount),
        "metadata": {"refund_id": str(refund_id)},
    }
    refund = _call(
        client().v1.refunds.create, params=params, options={"idempotency_key": idempotency_key}
    )
    data = _plain(refund)
    return RefundState(
        id=str(data["id"]),
        status=str(data["status"]),
        amount=from_pence(int(data["amount"])),
        failure_reason=str(data.get("failure_reason") or ""),
    )


def _account_state(account: Any) -> AccountState:
    return account_state_from_payload(_plain(account))


def create_express_account(
    *, business_name: str, email: str, idempotency_key: str, country: str = "GB"
) -> AccountState:
    """An Express account for an organisation: Stripe collects and checks its details."""
    params: dict[str, Any] = {
        "type": "express",
        "country": country,
        "capabilities": {
            "card_payments": {"requested": True},
            "transfers": {"requested": True},
        },
        "business_profile": {"name": business_name},
    }
    if email:
        params["email"] = email
    account = _call(
        client().v1.accounts.create, params=params, options={"idempotency_key": idempotency_key}
    )
    return _account_state(account)


def create_account_link(*, account_id: str, refresh_url: str, return_url: str) -> str:
    """A one-time address where the organisation gives Stripe its details (it expires)."""
    link = _call(
        client().v1.account_links.create,
        params={
            "account": account_id,
            "refresh_url": refresh_url,
            "return_url": return_url,
            "type": "account_onboarding",
        },
    )
    return str(link.url)


def retrieve_account(account_id: str) -> AccountState:
    return _account_state(_call(client().v1.accounts.retrieve, account_id))


def account_state_from_payload(data: dict[str, Any]) -> AccountState:
    """An `account.updated` event's object, already verified, in our terms."""
    requirements = data.get("requirements") or {}
    return AccountState(
        id=str(data["id"]),
        charges_enabled=bool(data.get("charges_enabled")),
        payouts_enabled=bool(data.get("payouts_enabled")),
        details_submitted=bool(data.get("details_submitted")),
        currently_due=[str(item) for item in requirements.get("currently_due") or []],
        disabled_reason=str(requirements.get("disabled_reason") or ""),
    )


def verify_webhook(payload: bytes, signature: str | None) -> dict[str, Any]:
    """The event in a webhook body, once its signature is checked against our secret.

    The signature covers the raw bytes, so this is given the body as received, before
    anything parses it. Returns plain JSON data: handlers read ids and statuses only.
    """
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret or not signature:
        raise WebhookSignatureError("No signature, or no endpoint secret set")
    try:
        # What Webhook.construct_event checks, without building a StripeObject we would
        # only turn back into plain data.
        # Stripe's five-minute tolerance: a signature older than that is a replay.
        stripe.WebhookSignature.verify_header(
            payload.decode("utf-8"), signature, secret, stripe.Webhook.DEFAULT_TOLERANCE
        )
        event = json.loads(payload)
    except (stripe.SignatureVerificationError, ValueError) as error:
        raise WebhookSignatureError(str(error)) from error
    if not isinstance(event, dict) or not event.get("id") or not event.get("type"):
        raise WebhookSignatureError("Not a Stripe event")
    return event
