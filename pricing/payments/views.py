"""Stripe's webhook: the only page Stripe itself calls."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from pricing.payments import gateway, services

logger = logging.getLogger(__name__)


@csrf_exempt  # Stripe cannot send our CSRF token; the signature is the credential.
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    """Check the signature on the raw body, apply the event once, answer quickly.

    400 for a body not signed with our endpoint secret (Stripe stops only on 2xx, and a
    forger learns nothing from the answer); 200 for everything signed, whether applied,
    a duplicate, a type we ignore or about something not ours. Applying is a few rows
    under one lock, with no call to Stripe, so the answer comes well within Stripe's
    timeout. An error in a listener above (the booking) answers 500: Stripe retries.
    """
    try:
        event = gateway.verify_webhook(request.body, request.headers.get("Stripe-Signature"))
    except gateway.WebhookSignatureError as error:
        logger.warning("Stripe webhook refused: %s", error)
        return HttpResponse("Bad signature", status=400, content_type="text/plain")
    outcome = services.handle_webhook(event)
    return HttpResponse(outcome.value, content_type="text/plain")
