"""Stripe Connect: an organisation's Express account, onboarding, and its readiness.

Stripe collects and checks the organisation's details on its own pages (Express), so the
site keeps no bank details or identity documents. An organisation takes card payments
only once Stripe lets its account both take charges and receive payouts.

Development and the tests use the local Stripe, which has no Connect. There
(settings.STRIPE_LOCAL_TEST_ACCOUNTS), "connecting" makes a local test account, ready at
once, whose payments are plain platform charges: the whole booking and payment journey
can be tried with the test card, and nothing pretends money reached a provider.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from wagtail.log_actions import log

from localoffer.core.transitions import lock
from pricing.payments import gateway
from pricing.payments.models import ConnectedAccount
from pricing.payments.services.card import PaymentError
from providers.organisations.access import is_organisation_admin

ACTION_CONNECT = "pricing.stripe_connect"
ACTION_ACCOUNT = "pricing.stripe_account_updated"


def can_manage_payments(user: Any, organisation: Any) -> bool:
    """The organisation's admins (and site administrators, to help one)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser) or is_organisation_admin(user, organisation)


def start_onboarding(*, organisation: Any, by: Any, return_url: str, refresh_url: str) -> str:
    """Where to send the organisation's admin to give Stripe its details.

    The account is made the first time (its idempotency key is the organisation's id, so
    a retry cannot make a second account); each call makes a fresh one-time link.
    """
    if not can_manage_payments(by, organisation):
        raise PaymentError("Only the organisation's admins can set up card payments.")
    if settings.STRIPE_LOCAL_TEST_ACCOUNTS:
        connect_local_test_account(organisation=organisation, by=by)
        return return_url
    account = ConnectedAccount.objects.filter(organisation=organisation).first()
    if account is None:
        state = gateway.create_express_account(
            business_name=organisation.title,
            email=getattr(organisation, "email", "") or "",
            idempotency_key=f"organisation-{organisation.pk}-account-v1",
        )
        account = _save_account(organisation, state, by)
    return gateway.create_account_link(
        account_id=account.stripe_account_id, refresh_url=refresh_url, return_url=return_url
    )


def _save_account(organisation: Any, state: gateway.AccountState, by: Any) -> ConnectedAccount:
    try:
        with transaction.atomic():
            account = ConnectedAccount.objects.create(
                organisation=organisation, stripe_account_id=state.id
            )
            _copy_state(account, state)
            log(instance=organisation, action=ACTION_CONNECT, user=by, data={"account": state.id})
    except IntegrityError:
        # Another request made it at the same moment (with the same key: the same account).
        return ConnectedAccount.objects.get(organisation=organisation)
    return account


def connect_local_test_account(*, organisation: Any, by: Any) -> ConnectedAccount:
    """An account the site makes for itself where there is no Connect (the local Stripe).

    Only in development and tests: production settings never allow it, and such an
    account is not counted as able to take cards there (payments/selectors.py).
    """
    if not settings.STRIPE_LOCAL_TEST_ACCOUNTS:
        raise PaymentError("Local test accounts are only for development and tests.")
    with transaction.atomic():
        account, created = ConnectedAccount.objects.get_or_create(
            organisation=organisation,
            defaults={
                "stripe_account_id": f"acct_local_{organisation.pk}",
                "is_local_test": True,
                "charges_enabled": True,
                "payouts_enabled": True,
                "details_submitted": True,
            },
        )
        if created:
            log(
                instance=organisation,
                action=ACTION_CONNECT,
                user=by,
                data={"account": account.stripe_account_id, "local_test": True},
            )
    return account


def _copy_state(account: ConnectedAccount, state: gateway.AccountState) -> bool:
    values = {
        "charges_enabled": state.charges_enabled,
        "payouts_enabled": state.payouts_enabled,
        "details_submitted": state.details_submitted,
        "requirements_currently_due": state.currently_due,
        "requirements_disabled_reason": state.disabled_reason[:255],
    }
    changed = [name for name, value in values.items() if getattr(account, name) != value]
    for name in changed:
        setattr(account, name, values[name])
    if changed:
        account.save(update_fields=[*changed, "updated_at"])
    return bool(changed)


def apply_account_state(state: gateway.AccountState) -> ConnectedAccount | None:
    """Record what Stripe says of an account (None if it is not one of ours)."""
    account = ConnectedAccount.objects.filter(stripe_account_id=state.id).first()
    if account is None:
        return None
    with transaction.atomic():
        locked = lock(account)
        was_ready = locked.ready
        if _copy_state(locked, state) and locked.ready != was_ready:
            log(
                instance=locked.organisation,
                action=ACTION_ACCOUNT,
                user=None,
                data={"account": state.id, "ready": locked.ready},
            )
    return locked


def refresh_account(*, organisation: Any) -> ConnectedAccount | None:
    """Ask Stripe about the organisation's account now (after onboarding, for example)."""
    account = ConnectedAccount.objects.filter(organisation=organisation).first()
    if account is None or account.is_local_test:
        return account
    return apply_account_state(gateway.retrieve_account(account.stripe_account_id))
