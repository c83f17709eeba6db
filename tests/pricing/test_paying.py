"""A card payment's outcome moves its booking: the payments layer announces, bookings act.

Driven through the payments service that webhooks and reconciliation call
(`apply_intent_state`), so the path is the one Stripe's events take.
"""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db import transaction

from pricing.bookings.enums import BookingStatus
from pricing.bookings.selectors import places_left
from pricing.bookings.services import hold_places
from pricing.payments.models import PaymentMethod, Refund
from pricing.payments.services import apply_intent_state

pytestmark = pytest.mark.django_db


def _card_hold(family, child, session, now, places=1):
    return hold_places(
        family=family,
        child=child,
        session=session,
        places=places,
        method=PaymentMethod.CARD,
        now=now,
        card_ready=True,
    )


def _stripe_says(payment, status, at, failure_message=""):
    with transaction.atomic():
        return apply_intent_state(
            payment=payment, stripe_status=status, seen_at=at, failure_message=failure_message
        )


def test_a_card_payment_that_succeeds_confirms_its_booking_once(family, child, session, now):
    booking = _card_hold(family, child, session, now)
    with time_machine.travel(now + dt.timedelta(minutes=2), tick=False):
        assert _stripe_says(booking.payment, "succeeded", now)
        assert not _stripe_says(booking.payment, "succeeded", now)  # a replayed event
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_a_refused_card_releases_the_places(family, child, session, now):
    booking = _card_hold(family, child, session, now, places=2)
    with time_machine.travel(now + dt.timedelta(minutes=2), tick=False):
        # Stripe's "requires_payment_method" with a reason is a refused attempt.
        _stripe_says(booking.payment, "requires_payment_method", now, "Your card was declined.")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.PAYMENT_FAILED
    assert places_left(session, now) == 3


def test_paid_after_the_hold_lapsed_and_the_session_filled_is_refunded_at_once(
    family, child, other_child, session, now
):
    late = _card_hold(family, child, session, now, places=2)
    later = now + dt.timedelta(minutes=45)  # the 20-minute hold has run out
    with time_machine.travel(later, tick=False):
        rival = hold_places(
            family=other_child.family,
            child=other_child,
            session=session,
            places=3,
            method=PaymentMethod.INVOICE,
            now=later,
        )
        assert rival.status == BookingStatus.HELD  # all three places were free again
        _stripe_says(late.payment, "succeeded", later)
    late.refresh_from_db()
    assert late.status == BookingStatus.NO_PLACE
    assert late.amount_refunded == late.total == Decimal("48.00")
    assert late.refund_owed == Decimal("0.00")
    refund = Refund.objects.get(payment=late.payment)
    assert refund.amount == Decimal("48.00")
    assert refund.idempotency_key == f"booking-{late.pk}-no-place"
