"""Families sharing the cost of a session: all pay, one card fails, the deadline passes.

Paid through the local Stripe: the card page's own services make and confirm the
PaymentIntent, and the payments listener moves the bookings, as Stripe's events do.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import urllib.request
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from pricing.bookings.enums import BookingStatus
from pricing.bookings.models import Booking
from pricing.bookings.selectors import places_left
from pricing.bookings.services import (
    BookingError,
    cancel_by_family,
    cancel_session,
    expire_holds,
)
from pricing.budgets.enums import SharedStatus, ShareStatus
from pricing.invoices.enums import DocumentKind
from pricing.invoices.models import Document
from pricing.payments import gateway
from pricing.payments.models import Payment, PaymentStatus, Refund
from pricing.payments.services import (
    apply_intent_state,
    confirm_card_payment,
    start_card_payment,
)
from pricing.sharing.services import SharingError, cancel_shared, refund_key, release_due
from tests.pricing.factories import NOW
from tests.pricing.sharing.conftest import card

pytestmark = pytest.mark.django_db


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def test_all_pay_and_the_group_is_confirmed_each_family_with_its_own_invoice(
    family, child, other, group_session, start, join, pay, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    ruth, tobi = other
    with django_capture_on_commit_callbacks(execute=True):
        started = start(family, child, children=2)
    assert places_left(group_session, NOW) == 4  # two of six kept for the group at once
    own = started.booking
    assert own.status == BookingStatus.HELD and own.places == 1
    assert own.total == Decimal("40.00") and own.hold_expires_at == started.shared.deadline
    assert "started a shared booking" in mailoutbox[-1].subject
    assert f"/book/together/join/{started.token}/" in mailoutbox[-1].body

    with django_capture_on_commit_callbacks(execute=True):
        assert pay(own) == PaymentStatus.SUCCEEDED
    # Paid, but not confirmed alone: the others have not paid yet.
    assert fresh(own).status == BookingStatus.HELD
    assert started.shared.shares.get(booking=own).status == ShareStatus.PAID
    assert fresh(started.shared).status == SharedStatus.COLLECTING
    assert not Document.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        share = join(started, ruth, tobi)
    theirs = share.booking
    assert theirs.family == ruth and theirs.total == Decimal("40.00")
    assert places_left(group_session, NOW) == 4  # joining took the kept place, no more
    with django_capture_on_commit_callbacks(execute=True):
        assert pay(theirs) == PaymentStatus.SUCCEEDED

    shared = fresh(started.shared)
    assert shared.status == SharedStatus.CONFIRMED and shared.confirmed_at == NOW
    for booking, payer in ((own, family), (theirs, ruth)):
        booking = fresh(booking)
        assert booking.status == BookingStatus.CONFIRMED
        invoice = Document.objects.get(
            kind=DocumentKind.INVOICE, booking_reference=booking.reference
        )
        assert invoice.customer == payer and invoice.gross_total == Decimal("40.00")
        assert Document.objects.filter(
            kind=DocumentKind.RECEIPT, customer=payer, booking_reference=booking.reference
        ).exists()
    assert Document.objects.filter(kind=DocumentKind.INVOICE).count() == 2
    confirmed = [m for m in mailoutbox if "Everyone has paid" in m.subject]
    assert sorted(m.to[0] for m in confirmed) == sorted([family.email, ruth.email])


def _failed_bank_check(booking, base_url: str) -> None:
    """A card that asks for the bank's check, which the family then fails."""
    payment = Payment.objects.get(pk=booking.payment_id)
    start_card_payment(payment=payment)
    payment.refresh_from_db()
    result = confirm_card_payment(payment=payment, payment_method_id=card("4000002500003155"))
    assert result.status == PaymentStatus.REQUIRES_ACTION
    intent = result.client_secret.split("_secret_")[0]
    request = urllib.request.Request(  # noqa: S310 (the local Stripe on 127.0.0.1)
        f"{base_url}/v1/payment_intents/{intent}/_authenticate?success=false",
        data=json.dumps(
            {"key": "pk_test_localstripe", "client_secret": result.client_secret}
        ).encode(),
        method="POST",
    )
    urllib.request.urlopen(request).read()  # noqa: S310
    state = gateway.retrieve_payment_intent(payment.stripe_payment_intent_id)
    with transaction.atomic():
        apply_intent_state(
            payment=payment,
            stripe_status=state.status,
            seen_at=timezone.now(),
            failure_message=state.failure_message,
        )


def test_one_card_fails_the_group_waits_and_the_family_tries_again(
    family, child, other, group_session, start, join, pay, stripe_local, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    ruth, tobi = other
    started = start(family, child, children=2)
    pay(started.booking)
    theirs = join(started, ruth, tobi).booking
    with django_capture_on_commit_callbacks(execute=True):
        _failed_bank_check(theirs, stripe_local.url)
    assert fresh(theirs).payment.status == PaymentStatus.FAILED
    # Not released, as a single booking's refused card would be: the place stays held.
    assert fresh(theirs).status == BookingStatus.HELD
    assert fresh(started.shared).status == SharedStatus.COLLECTING
    assert started.shared.shares.get(booking=theirs).status == ShareStatus.JOINED
    assert places_left(group_session, NOW) == 4
    failed = mailoutbox[-1]
    assert failed.to == [ruth.email] and "did not go through" in failed.subject
    assert f"/book/pay/{theirs.reference}/" in failed.body

    # Another card, before the deadline: now everyone has paid.
    payment = fresh(theirs).payment
    again = confirm_card_payment(payment=payment, payment_method_id=card("4242424242424242"))
    assert again.status == PaymentStatus.SUCCEEDED
    assert fresh(started.shared).status == SharedStatus.CONFIRMED
    assert fresh(theirs).status == BookingStatus.CONFIRMED


def test_the_deadline_passes_the_group_is_released_paid_shares_refunded_places_freed(
    family, child, other, group_session, start, join, pay, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    ruth, tobi = other
    started = start(family, child, children=3)
    pay(started.booking)
    theirs = join(started, ruth, tobi).booking  # joins, never pays; the third never joins
    assert places_left(group_session, NOW) == 3
    after = started.shared.deadline + dt.timedelta(minutes=1)

    # The every-minute job leaves the group's holds to the group's own job...
    expire_holds(now=after)
    assert fresh(started.booking).status == BookingStatus.HELD
    # ...but the places are free at the deadline all the same.
    assert places_left(group_session, after) == 6

    with django_capture_on_commit_callbacks(execute=True):
        assert release_due(now=after) == 1
    shared = fresh(started.shared)
    assert shared.status == SharedStatus.RELEASED and shared.released_at == after
    paid = fresh(started.booking)
    assert paid.status == BookingStatus.EXPIRED
    assert paid.amount_refunded == paid.total == Decimal("26.67")  # £80 in three: 26.67 first
    assert paid.refund_owed == 0
    refund = Refund.objects.get(payment=paid.payment)
    assert refund.amount == Decimal("26.67") and refund.idempotency_key == refund_key(paid)
    assert fresh(theirs).status == BookingStatus.EXPIRED and fresh(theirs).amount_refunded == 0
    assert shared.shares.get(booking=paid).status == ShareStatus.REFUNDED
    assert places_left(group_session, after) == 6
    told = {m.to[0]: m for m in mailoutbox if "has been released" in m.subject}
    assert set(told) == {family.email, ruth.email}
    assert "£26.67" in told[family.email].body and "not been charged" in told[ruth.email].body
    assert not Document.objects.exists()  # never confirmed, never invoiced

    # Idempotent: a second run releases nothing and refunds nothing again.
    with django_capture_on_commit_callbacks(execute=True):
        assert release_due(now=after + dt.timedelta(hours=1)) == 0
    assert Refund.objects.count() == 1


def test_a_payment_after_the_group_was_released_is_refunded_at_once(
    family, child, group_session, start, pay, django_capture_on_commit_callbacks
):
    started = start(family, child, children=2)
    release_due(now=started.shared.deadline)
    with django_capture_on_commit_callbacks(execute=True):
        assert pay(started.booking) == PaymentStatus.SUCCEEDED
    booking = fresh(started.booking)
    assert booking.status == BookingStatus.EXPIRED  # not confirmed after all
    assert booking.amount_refunded == Decimal("40.00")
    assert Refund.objects.get(payment=booking.payment).idempotency_key == refund_key(booking)


def test_pay_later_shares_count_as_committed_and_each_is_invoiced(
    family, child, other, group_session, start, join, django_capture_on_commit_callbacks
):
    ruth, tobi = other
    started = start(family, child, children=2, method="invoice")
    assert started.shared.shares.get(booking=started.booking).status == ShareStatus.PAID
    with django_capture_on_commit_callbacks(execute=True):
        join(started, ruth, tobi, method="invoice")
    assert fresh(started.shared).status == SharedStatus.CONFIRMED
    invoices = Document.objects.filter(kind=DocumentKind.INVOICE)
    assert sorted(i.customer.email for i in invoices) == sorted([family.email, ruth.email])
    assert not Document.objects.filter(kind=DocumentKind.RECEIPT).exists()  # not paid yet


def test_the_organiser_cancels_and_everyone_paid_is_refunded(
    family, child, other, group_session, start, join, pay, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    ruth, tobi = other
    started = start(family, child, children=3)
    share = join(started, ruth, tobi)
    pay(share.booking)
    with pytest.raises(SharingError, match="Only the family who started"):
        cancel_shared(shared=started.shared, by=ruth, now=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_shared(shared=started.shared, by=family, now=NOW)
    assert fresh(started.shared).status == SharedStatus.CANCELLED
    paid = fresh(share.booking)
    assert paid.status == BookingStatus.CANCELLED and paid.amount_refunded == paid.total
    assert fresh(started.booking).status == BookingStatus.CANCELLED
    assert places_left(group_session, NOW) == 6
    assert any("has been cancelled" in m.subject and m.to == [ruth.email] for m in mailoutbox)


def test_a_share_cannot_be_cancelled_on_its_own_while_collecting(
    family, child, other, group_session, start, join
):
    ruth, tobi = other
    started = start(family, child, children=2)
    share = join(started, ruth, tobi)
    with pytest.raises(BookingError, match="part of a shared booking"):
        cancel_by_family(booking=share.booking, family=ruth, now=NOW)
    assert fresh(share.booking).status == BookingStatus.HELD


def test_a_cancelled_session_ends_the_group(
    family, child, other, group_session, start, join, pay, provider
):
    ruth, tobi = other
    started = start(family, child, children=3)
    share = join(started, ruth, tobi)
    pay(share.booking)
    refunds = cancel_session(session=group_session, by=provider, now=NOW, reason="Flooded hall")
    assert [r.booking.pk for r in refunds] == [share.booking.pk]
    assert fresh(started.shared).status == SharedStatus.CANCELLED
    assert started.shared.shares.get(pk=share.pk).status == ShareStatus.REFUNDED
    assert Booking.objects.filter(status=BookingStatus.CANCELLED).count() == 2


def test_the_release_command_is_the_deadline_job(family, child, group_session, start):
    started = start(family, child, children=2)
    out = io.StringIO()
    call_command("release_shared_bookings", stdout=out)
    assert out.getvalue().strip() == "Released 0 shared bookings."
    with time_machine.travel(started.shared.deadline + dt.timedelta(minutes=5), tick=False):
        call_command("release_shared_bookings", stdout=out)
    assert out.getvalue().strip().endswith("Released 1 shared booking.")
    assert fresh(started.shared).status == SharedStatus.RELEASED
