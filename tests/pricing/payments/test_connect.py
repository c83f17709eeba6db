"""Connect: the exact requests the gateway sends, answered as Stripe documents them.

The local Stripe has no Connect, so these run against a recording HTTP server on
127.0.0.1 that answers with Stripe's documented JSON (tests/pricing/conftest.py).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from pricing.payments import gateway, selectors, services
from pricing.payments.models import ConnectedAccount, Payment
from pricing.payments.services.card import PaymentError
from pricing.payments.services.connect import connect_local_test_account

pytestmark = pytest.mark.django_db


def account_json(account_id: str = "acct_1Nv0FGQ9RKHgCVdK", **fields) -> dict:
    return {
        "id": account_id,
        "object": "account",
        "type": "express",
        "charges_enabled": False,
        "payouts_enabled": False,
        "details_submitted": False,
        "requirements": {
            "currently_due": ["business_profile.url", "external_account", "tos_acceptance.date"],
            "disabled_reason": "requirements.past_due",
        },
        **fields,
    }


@pytest.fixture
def connect(settings, stripe_recorder):
    settings.STRIPE_LOCAL_TEST_ACCOUNTS = False
    return stripe_recorder


def test_onboarding_makes_one_express_account_and_a_link(connect, organisation, users_by_role):
    connect.answer("POST", "/v1/accounts", account_json())
    connect.answer(
        "POST",
        "/v1/account_links",
        {
            "object": "account_link",
            "created": 1680577733,
            "expires_at": 1680578033,
            "url": "https://connect.stripe.com/setup/e/acct_1Nv0FGQ9RKHgCVdK/YWNjdF8xTnYwRkdRO",
        },
    )
    url = services.start_onboarding(
        organisation=organisation,
        by=users_by_role["provider_admin"],
        return_url="http://testserver/admin/payments/1/return/",
        refresh_url="http://testserver/admin/payments/1/refresh/",
    )
    assert url.startswith("https://connect.stripe.com/setup/")
    create, link = connect.requests
    assert (create.method, create.path) == ("POST", "/v1/accounts")
    assert create.form == {
        "type": "express",
        "country": "GB",
        "capabilities[card_payments][requested]": "true",
        "capabilities[transfers][requested]": "true",
        "business_profile[name]": organisation.title,
    } | ({"email": organisation.email} if organisation.email else {})
    assert create.headers["idempotency-key"] == f"organisation-{organisation.pk}-account-v1"
    assert create.headers["stripe-version"] == gateway.STRIPE_API_VERSION
    assert create.headers["authorization"] == "Bearer sk_test_localstripe"
    assert link.form == {
        "account": "acct_1Nv0FGQ9RKHgCVdK",
        "refresh_url": "http://testserver/admin/payments/1/refresh/",
        "return_url": "http://testserver/admin/payments/1/return/",
        "type": "account_onboarding",
    }
    account = ConnectedAccount.objects.get(organisation=organisation)
    assert account.stripe_account_id == "acct_1Nv0FGQ9RKHgCVdK"
    assert account.requirements_currently_due[1] == "external_account"
    assert not selectors.card_payments_ready(organisation)

    # Again: a new link for the same account, no second account.
    services.start_onboarding(
        organisation=organisation,
        by=users_by_role["provider_admin"],
        return_url="http://r/",
        refresh_url="http://f/",
    )
    assert [r.path for r in connect.requests[2:]] == ["/v1/account_links"]


@pytest.mark.parametrize("role", ["provider", "family", "moderator"])
def test_only_the_organisations_admins_connect_it(connect, organisation, users_by_role, role):
    with pytest.raises(services.PaymentError):
        services.start_onboarding(
            organisation=organisation, by=users_by_role[role], return_url="x", refresh_url="y"
        )
    assert connect.requests == []
    assert not ConnectedAccount.objects.exists()


def test_refreshing_the_account_reads_its_readiness(connect, organisation):
    ConnectedAccount.objects.create(organisation=organisation, stripe_account_id="acct_1Ready")
    connect.answer(
        "GET",
        "/v1/accounts/acct_1Ready",
        account_json(
            "acct_1Ready",
            charges_enabled=True,
            payouts_enabled=True,
            details_submitted=True,
            requirements={"currently_due": [], "disabled_reason": None},
        ),
    )
    account = services.refresh_account(organisation=organisation)
    assert account is not None and account.ready
    assert selectors.card_payments_ready(organisation)
    assert connect.requests[0].method == "GET"


def test_a_ready_account_gets_a_destination_charge_with_the_councils_fee(
    connect, settings, organisation, make_payment
):
    settings.PAYMENTS_PLATFORM_FEE_PERCENT = "2.5"
    ConnectedAccount.objects.create(
        organisation=organisation,
        stripe_account_id="acct_1Ready",
        charges_enabled=True,
        payouts_enabled=True,
    )
    payment = make_payment(Decimal("25.30"))
    connect.answer(
        "POST",
        "/v1/payment_intents",
        {
            "id": "pi_3MtwBwLkdIwHu7ix28a3tqPa",
            "object": "payment_intent",
            "amount": 2530,
            "currency": "gbp",
            "status": "requires_payment_method",
            "client_secret": "pi_3MtwBwLkdIwHu7ix28a3tqPa_secret_YrKJUKribcBjcG8HVhfZluoGH",
            "metadata": {"payment_reference": payment.reference},
            "last_payment_error": None,
            "next_action": None,
            "transfer_data": {"destination": "acct_1Ready"},
            "on_behalf_of": "acct_1Ready",
            "application_fee_amount": 63,
        },
    )
    secret = services.start_card_payment(payment=payment)
    assert secret.endswith("_secret_YrKJUKribcBjcG8HVhfZluoGH")
    (create,) = connect.requests
    assert create.form == {
        "amount": "2530",
        "currency": "gbp",
        "payment_method_types[0]": "card",
        "metadata[payment_reference]": payment.reference,
        "transfer_data[destination]": "acct_1Ready",
        "on_behalf_of": "acct_1Ready",
        "application_fee_amount": "63",  # 2.5% of £25.30 = 63.25p, rounded half up
    }
    assert create.headers["idempotency-key"] == f"payment-{payment.reference}-intent-v1"
    payment = Payment.objects.get(pk=payment.pk)
    assert payment.destination_account_id == "acct_1Ready"
    assert payment.application_fee == Decimal("0.63")
    assert payment.stripe_payment_intent_id == "pi_3MtwBwLkdIwHu7ix28a3tqPa"


def test_no_fee_is_sent_when_the_council_sets_none(connect, organisation, make_payment):
    ConnectedAccount.objects.create(
        organisation=organisation,
        stripe_account_id="acct_1R",
        charges_enabled=True,
        payouts_enabled=True,
    )
    payment = make_payment()
    connect.answer(
        "POST",
        "/v1/payment_intents",
        {
            "id": "pi_1",
            "object": "payment_intent",
            "amount": 2400,
            "status": "requires_payment_method",
            "client_secret": "pi_1_secret_x",
            "metadata": {},
        },
    )
    services.start_card_payment(payment=payment)
    assert "application_fee_amount" not in connect.requests[0].form


def test_stripes_refusal_becomes_a_message(connect, organisation, users_by_role):
    connect.answer(
        "POST",
        "/v1/accounts",
        {"error": {"type": "invalid_request_error", "message": "Connect is not enabled"}},
        status=400,
    )
    with pytest.raises(gateway.GatewayError, match="refused the request"):
        services.start_onboarding(
            organisation=organisation,
            by=users_by_role["provider_admin"],
            return_url="x",
            refresh_url="y",
        )
    assert not ConnectedAccount.objects.exists()


def test_a_local_test_account_never_counts_in_production(settings, ready_organisation):
    assert selectors.card_payments_ready(ready_organisation)
    assert selectors.charge_destination(ready_organisation) == ""
    settings.STRIPE_LOCAL_TEST_ACCOUNTS = False
    assert not selectors.card_payments_ready(ready_organisation)
    assert selectors.charge_destination(ready_organisation) is None


def test_production_settings_refuse_to_make_a_local_test_account(settings, organisation):
    settings.STRIPE_LOCAL_TEST_ACCOUNTS = False
    with pytest.raises(PaymentError, match="only for development"):
        connect_local_test_account(organisation=organisation, by=None)
    assert not ConnectedAccount.objects.exists()
