"""Card payments and refunds against the local Stripe (real PaymentIntents and refunds)."""

from __future__ import annotations

import json
import urllib.request
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from pricing.payments import gateway, services
from pricing.payments.listeners import register_payment_listener, unregister_payment_listener
from pricing.payments.models import Payment, PaymentStatus, Refund, RefundStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def moves():
    """Every move announced to the layers above, as (reference, from, to)."""
    seen: list[tuple[str, str, str]] = []

    def listener(payment: Payment, previous: str) -> None:
        seen.append((payment.reference, previous, payment.status))

    register_payment_listener(listener)
    yield seen
    unregister_payment_listener(listener)


def card(number: str) -> str:
    """A PaymentMethod for a test card, as Stripe.js makes one in the family's browser."""
    method = gateway.client().v1.payment_methods.create(
        params={
            "type": "card",
            "card": {"number": number, "exp_month": 12, "exp_year": 2030, "cvc": "123"},
        }  # type: ignore[typeddict-item]
    )
    return method.id


def authenticate(base: str, client_secret: str, *, success: bool) -> None:
    """The bank's check (3-D Secure) as the local Stripe.js completes or fails it."""
    intent = client_secret.split("_secret_")[0]
    request = urllib.request.Request(  # noqa: S310 (the local Stripe on 127.0.0.1)
        f"{base}/v1/payment_intents/{intent}/_authenticate?success={str(success).lower()}",
        data=json.dumps({"key": "pk_test_localstripe", "client_secret": client_secret}).encode(),
        method="POST",
    )
    urllib.request.urlopen(request).read()  # noqa: S310


def test_a_card_payment_is_one_intent_however_often_it_is_started(
    stripe_local, ready_organisation, make_payment
):
    payment = make_payment(Decimal("24.50"))
    secret = services.start_card_payment(payment=payment)
    payment.refresh_from_db()
    assert payment.intent_idempotency_key == f"payment-{payment.reference}-intent-v1"
    assert secret.startswith(f"{payment.stripe_payment_intent_id}_secret_")
    assert services.start_card_payment(payment=payment) == secret
    intent = gateway.retrieve_payment_intent(payment.stripe_payment_intent_id)
    assert intent.amount == Decimal("24.50")
    assert intent.reference == payment.reference
    assert intent.status == "requires_payment_method"


def test_paying_with_the_test_card_succeeds_and_is_announced_once(
    stripe_local, ready_organisation, make_payment, moves
):
    payment = make_payment()
    services.start_card_payment(payment=payment)
    payment.refresh_from_db()
    result = services.confirm_card_payment(
        payment=payment, payment_method_id=card("4242424242424242")
    )
    assert result.status == PaymentStatus.SUCCEEDED
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert payment.paid_at is not None
    assert moves == [(payment.reference, PaymentStatus.CREATED, PaymentStatus.SUCCEEDED)]
    # Asking Stripe again (reconciliation) moves nothing and announces nothing.
    with pytest.raises(services.PaymentError):
        services.start_card_payment(payment=payment)
    assert services.reconcile_pending(now=timezone.now() + timedelta(hours=1)).moved == []
    assert len(moves) == 1


def test_a_card_needing_the_banks_check_waits_for_it(
    stripe_local, ready_organisation, make_payment, moves
):
    payment = make_payment()
    services.start_card_payment(payment=payment)
    payment.refresh_from_db()
    result = services.confirm_card_payment(
        payment=payment, payment_method_id=card("4000002500003155")
    )
    assert result.status == PaymentStatus.REQUIRES_ACTION
    assert result.client_secret.startswith(payment.stripe_payment_intent_id)
    authenticate(stripe_local.url, result.client_secret, success=True)
    # The webhook is lost: reconciliation asks Stripe and settles it.
    Payment.objects.filter(pk=payment.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    done = services.reconcile_pending(now=timezone.now())
    assert done.moved == [payment.reference]
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert [m[2] for m in moves] == [PaymentStatus.REQUIRES_ACTION, PaymentStatus.SUCCEEDED]


def test_a_failed_banks_check_then_another_card(stripe_local, ready_organisation, make_payment):
    payment = make_payment()
    services.start_card_payment(payment=payment)
    payment.refresh_from_db()
    result = services.confirm_card_payment(
        payment=payment, payment_method_id=card("4000002500003155")
    )
    authenticate(stripe_local.url, result.client_secret, success=False)
    state = gateway.retrieve_payment_intent(payment.stripe_payment_intent_id)
    from django.db import transaction

    with transaction.atomic():
        services.apply_intent_state(
            payment=payment,
            stripe_status=state.status,
            seen_at=timezone.now(),
            failure_message=state.failure_message,
        )
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.FAILED
    assert "authentication" in payment.failure_message
    again = services.confirm_card_payment(
        payment=payment, payment_method_id=card("4242424242424242")
    )
    assert again.status == PaymentStatus.SUCCEEDED


def test_a_declined_card_is_recorded_as_failed(stripe_local, ready_organisation, make_payment):
    payment = make_payment()
    services.start_card_payment(payment=payment)
    payment.refresh_from_db()
    result = services.confirm_card_payment(
        payment=payment, payment_method_id=card("4000000000000341")
    )
    assert result.status == PaymentStatus.FAILED
    assert result.message
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.FAILED


def test_a_provider_without_a_ready_account_takes_no_card_payment(
    stripe_local, organisation, make_payment
):
    payment = make_payment()
    with pytest.raises(services.PaymentError, match="does not take card payments"):
        services.start_card_payment(payment=payment)
    payment.refresh_from_db()
    assert payment.stripe_payment_intent_id is None


def test_cancelling_an_unpaid_card_payment(stripe_local, ready_organisation, make_payment, moves):
    payment = make_payment()
    services.start_card_payment(payment=payment)
    payment.refresh_from_db()
    cancelled = services.cancel_card_payment(payment=payment)
    assert cancelled.status == PaymentStatus.CANCELLED
    assert gateway.retrieve_payment_intent(payment.stripe_payment_intent_id).status == "canceled"
    assert moves == [(payment.reference, PaymentStatus.CREATED, PaymentStatus.CANCELLED)]


def paid_payment(make_payment, amount="30.00") -> Payment:
    payment = make_payment(Decimal(amount))
    services.start_card_payment(payment=payment)
    payment.refresh_from_db()
    services.confirm_card_payment(payment=payment, payment_method_id="pm_card_visa")
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    return payment


def test_refunds_part_then_the_rest_and_never_more(
    stripe_local,
    ready_organisation,
    make_payment,
    users_by_role,
    django_capture_on_commit_callbacks,
):
    payment = paid_payment(make_payment)
    admin = users_by_role["provider_admin"]
    with django_capture_on_commit_callbacks(execute=True):
        part = services.refund_payment(
            payment=payment, amount=Decimal("10.00"), reason="Left early", by=admin
        )
    part.refresh_from_db()
    assert part.status == RefundStatus.SUCCEEDED
    assert part.idempotency_key == f"refund-{part.pk}-v1"
    assert part.stripe_refund_id.startswith("re_")
    payment.refresh_from_db()
    assert payment.amount_refunded == Decimal("10.00")
    with pytest.raises(services.PaymentError, match="at most £20"):
        services.refund_payment(
            payment=payment, amount=Decimal("20.01"), reason="Too much", by=admin
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.refund_payment(payment=payment, amount=Decimal("20"), reason="Cancelled", by=admin)
    payment.refresh_from_db()
    assert payment.amount_refunded == Decimal("30.00")
    stripe_refunds = gateway.client().v1.refunds.list(
        params={"payment_intent": payment.stripe_payment_intent_id}
    )
    assert sorted(r.amount for r in stripe_refunds.data) == [1000, 2000]


def test_a_refund_with_the_callers_key_happens_once(
    stripe_local, ready_organisation, make_payment, django_capture_on_commit_callbacks
):
    payment = paid_payment(make_payment)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.refund_payment(
            payment=payment,
            amount=Decimal("30"),
            reason="Session cancelled",
            idempotency_key="booking-7-cancel",
        )
        second = services.refund_payment(
            payment=payment,
            amount=Decimal("30"),
            reason="Session cancelled",
            idempotency_key="booking-7-cancel",
        )
    assert first.pk == second.pk
    assert Refund.objects.count() == 1
    payment.refresh_from_db()
    assert payment.amount_refunded == Decimal("30.00")


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-1"), 5])
def test_nonsense_refund_amounts_are_refused(
    stripe_local, ready_organisation, make_payment, amount
):
    payment = paid_payment(make_payment)
    with pytest.raises(services.PaymentError):
        services.refund_payment(payment=payment, amount=amount, reason="x")
    assert not Refund.objects.exists()


def test_an_unpaid_payment_cannot_be_refunded(make_payment):
    payment = make_payment()
    with pytest.raises(services.PaymentError, match="Only a payment that has been made"):
        services.refund_payment(payment=payment, amount=Decimal("1"), reason="x")


def test_a_refund_stripe_never_answered_is_sent_again_by_reconciliation(
    settings, stripe_local, ready_organisation, make_payment, django_capture_on_commit_callbacks
):
    payment = paid_payment(make_payment)
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # Stripe unreachable for a moment
    with django_capture_on_commit_callbacks(execute=True):
        refund = services.refund_payment(payment=payment, amount=Decimal("5"), reason="Late")
    refund.refresh_from_db()
    assert refund.status == RefundStatus.PENDING and refund.stripe_refund_id is None
    settings.STRIPE_API_BASE = stripe_local.url
    done = services.reconcile_pending(now=timezone.now() + timedelta(hours=1))
    assert done.refunds_sent == 1
    refund.refresh_from_db()
    assert refund.status == RefundStatus.SUCCEEDED
