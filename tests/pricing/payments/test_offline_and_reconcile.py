"""Pay later on invoice, and the reconcile_payments command."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from pricing.payments import gateway, services
from pricing.payments.models import Payment, PaymentStatus, RefundStatus

pytestmark = pytest.mark.django_db


def test_the_provider_records_a_bank_transfer(make_payment, users_by_role):
    payment = make_payment(method="invoice")
    recorded = services.record_offline_payment(
        payment=payment, by=users_by_role["provider"], reference="BACS 12345"
    )
    assert recorded.status == PaymentStatus.SUCCEEDED
    assert recorded.recorded_by == users_by_role["provider"]
    assert recorded.offline_reference == "BACS 12345"
    with pytest.raises(services.PaymentError, match="recorded already"):
        services.record_offline_payment(payment=payment, by=users_by_role["provider"])


@pytest.mark.parametrize("role", ["family", "moderator"])
def test_only_the_providers_team_records_a_payment(make_payment, users_by_role, role):
    payment = make_payment(method="invoice")
    with pytest.raises(services.PaymentError):
        services.record_offline_payment(payment=payment, by=users_by_role[role])
    assert Payment.objects.get(pk=payment.pk).status == PaymentStatus.CREATED


def test_a_card_payment_cannot_be_recorded_by_hand(make_payment, users_by_role):
    with pytest.raises(services.PaymentError):
        services.record_offline_payment(payment=make_payment(), by=users_by_role["provider"])


def test_an_invoice_refund_is_recorded_as_given(make_payment, users_by_role):
    payment = make_payment(method="invoice")
    services.record_offline_payment(payment=payment, by=users_by_role["provider"])
    refund = services.refund_payment(
        payment=payment,
        amount=Decimal("4.00"),
        reason="Missed session",
        by=users_by_role["provider"],
    )
    assert refund.status == RefundStatus.SUCCEEDED
    assert Payment.objects.get(pk=payment.pk).amount_refunded == Decimal("4.00")


def test_the_command_settles_a_payment_whose_webhook_was_lost(
    stripe_local, ready_organisation, make_payment
):
    payment = make_payment()
    services.start_card_payment(payment=payment)
    payment.refresh_from_db()
    # The family paid; Stripe's webhook never came.
    gateway.client().v1.payment_intents.update(
        payment.stripe_payment_intent_id, params={"payment_method": "pm_card_visa"}
    )
    gateway.client().v1.payment_intents.confirm(payment.stripe_payment_intent_id)
    out = StringIO()
    call_command("reconcile_payments", stdout=out)
    assert "0 moved" in out.getvalue()  # too recent to ask about
    Payment.objects.filter(pk=payment.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    call_command("reconcile_payments", stdout=out)
    assert "1 moved" in out.getvalue()
    assert Payment.objects.get(pk=payment.pk).status == PaymentStatus.SUCCEEDED
