"""Reads about payments and connected accounts (no writes here)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings

from pricing.payments.models import ConnectedAccount, Payment, PaymentStatus


def connected_account_of(organisation) -> ConnectedAccount | None:
    return ConnectedAccount.objects.filter(organisation=organisation).first()


def _usable(account: ConnectedAccount | None) -> bool:
    if account is None or not account.ready:
        return False
    # An account this site made for itself (no Connect on the local Stripe) counts only
    # where the settings say it is development or a test, never in production.
    return not account.is_local_test or settings.STRIPE_LOCAL_TEST_ACCOUNTS


def card_payments_ready(organisation) -> bool:
    """Whether the organisation can take card payments: its Stripe account is ready.

    A provider without a ready account simply does not offer card payment; it may still
    take bookings paid later on invoice.
    """
    return _usable(connected_account_of(organisation))


def charge_destination(organisation) -> str | None:
    """Where a card payment to the organisation goes: its account id, "" for a plain
    platform charge (a local test account), None when it cannot take card payments."""
    account = connected_account_of(organisation)
    if not _usable(account):
        return None
    assert account is not None
    return "" if account.is_local_test else account.stripe_account_id


def refundable_amount(payment: Payment) -> Decimal:
    """What may still be given back: paid minus refunded (refunds being made included)."""
    return Payment.objects.get(pk=payment.pk).refundable


def paid(payment: Payment) -> bool:
    return payment.status == PaymentStatus.SUCCEEDED
