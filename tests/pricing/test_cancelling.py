"""Cancelling and refunds: the family's policy, the provider's full refund, whole sessions,
part refunds, recording a refund; moving to another session."""

import datetime as dt
from decimal import Decimal

import pytest

from pricing.bookings.enums import BookingStatus, CancelledBy
from pricing.bookings.selectors import places_left, refunds_owed
from pricing.bookings.services import (
    BookingError,
    cancel_by_family,
    cancel_by_provider,
    cancel_session,
    confirm_booking,
    hold_places,
    move_booking,
    record_refund,
    refund_part,
)
from pricing.payments.models import PaymentMethod, PaymentStatus
from tests.factories import ServicePageFactory
from tests.pricing.factories import BookableOfferFactory, SessionFactory

pytestmark = pytest.mark.django_db


def paid_booking(family, child, session, now, places=1):
    booking = hold_places(
        family=family,
        child=child,
        session=session,
        places=places,
        method=PaymentMethod.CARD,
        now=now,
        card_ready=True,
    )
    payment = booking.payment
    payment.status = PaymentStatus.SUCCEEDED
    payment.save()
    return confirm_booking(booking=booking, now=now).booking


def test_family_cancels_before_the_cut_off_and_gets_everything_back(family, child, session, now):
    booking = paid_booking(family, child, session, now, places=2)
    refund = cancel_by_family(booking=booking, family=family, now=now)
    assert refund.amount == Decimal("48.00") and refund.payment == booking.payment
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert booking.cancelled_by == CancelledBy.FAMILY
    assert booking.refund_owed == Decimal("48.00")
    assert places_left(session, now) == 3
    assert list(refunds_owed()) == [booking]


def test_family_cancels_after_the_cut_off_gets_nothing(family, child, session, now):
    booking = paid_booking(family, child, session, now)
    late = session.starts_at - dt.timedelta(hours=47)
    assert cancel_by_family(booking=booking, family=family, now=late) is None
    booking.refresh_from_db()
    assert booking.refund_owed == Decimal("0.00")


def test_family_cancels_late_under_a_half_refund_policy(family, child, session, now):
    offer = session.offer
    offer.cancellation_policy = "free24_half"
    offer.save()
    booking = paid_booking(family, child, session, now)
    refund = cancel_by_family(
        booking=booking, family=family, now=session.starts_at - dt.timedelta(hours=2)
    )
    assert refund.amount == Decimal("12.00")


def test_an_unpaid_invoice_booking_owes_nothing_back(family, child, session, now):
    booking = hold_places(
        family=family, child=child, session=session, places=1, method=PaymentMethod.INVOICE, now=now
    )
    confirm_booking(booking=booking, now=now)
    assert cancel_by_family(booking=booking, family=family, now=now) is None


def test_nobody_else_can_cancel_a_familys_booking(family, child, other_child, session, now):
    booking = paid_booking(family, child, session, now)
    with pytest.raises(BookingError):
        cancel_by_family(booking=booking, family=other_child.family, now=now)
    with pytest.raises(BookingError):
        cancel_by_provider(booking=booking, by=other_child.family, now=now, reason="No")


def test_a_started_booking_cannot_be_cancelled_by_the_family(family, child, session, now):
    booking = paid_booking(family, child, session, now)
    with pytest.raises(BookingError, match="already started"):
        cancel_by_family(booking=booking, family=family, now=session.starts_at)


def test_provider_cancels_with_a_full_refund_and_a_reason(family, child, session, provider, now):
    booking = paid_booking(family, child, session, now)
    with pytest.raises(BookingError, match="reason"):
        cancel_by_provider(booking=booking, by=provider, now=now, reason=" ")
    late = session.starts_at - dt.timedelta(hours=1)
    refund = cancel_by_provider(booking=booking, by=provider, now=late, reason="Staff ill")
    assert refund.amount == Decimal("24.00")
    booking.refresh_from_db()
    assert booking.cancelled_by == CancelledBy.PROVIDER and booking.reason == "Staff ill"


def test_cancelling_a_cancelled_booking_is_refused(family, child, session, now):
    booking = paid_booking(family, child, session, now)
    cancel_by_family(booking=booking, family=family, now=now)
    with pytest.raises(BookingError, match="cancelled"):
        cancel_by_family(booking=booking, family=family, now=now)


def test_provider_cancels_a_whole_session(
    family, child, session, provider, now, mailoutbox, django_capture_on_commit_callbacks
):
    paid = paid_booking(family, child, session, now, places=2)
    held = hold_places(
        family=family, child=child, session=session, places=1, method=PaymentMethod.INVOICE, now=now
    )
    with django_capture_on_commit_callbacks(execute=True):
        refunds = cancel_session(session=session, by=provider, now=now, reason="Flooded hall")
    assert [r.amount for r in refunds] == [Decimal("48.00")]
    session.refresh_from_db()
    assert session.status == "cancelled"
    for booking in (paid, held):
        booking.refresh_from_db()
        assert booking.status == BookingStatus.CANCELLED
    subjects = [m.subject for m in mailoutbox]
    assert sum("session you booked has been cancelled" in s for s in subjects) == 2
    with pytest.raises(BookingError, match="already been cancelled"):
        cancel_session(session=session, by=provider, now=now, reason="Again")


def test_part_refund_then_recorded(
    family, child, session, provider, now, mailoutbox, django_capture_on_commit_callbacks
):
    booking = paid_booking(family, child, session, now, places=2)
    with pytest.raises(BookingError, match="up to £48"):
        refund_part(booking=booking, amount=Decimal("48.01"), by=provider, now=now, reason="x")
    with pytest.raises(BookingError):
        refund_part(booking=booking, amount=Decimal("0.001"), by=provider, now=now, reason="x")
    refund = refund_part(
        booking=booking, amount=Decimal("10.50"), by=provider, now=now, reason="Session cut short"
    )
    assert refund.amount == Decimal("10.50")
    with pytest.raises(BookingError, match="Only £10.50"):
        record_refund(booking=booking, amount=Decimal("11.00"), now=now)
    with django_capture_on_commit_callbacks(execute=True):
        done = record_refund(booking=booking, amount=Decimal("10.50"), now=now)
    assert done.refund_owed == Decimal("0.00") and done.amount_refunded == Decimal("10.50")
    assert done.status == BookingStatus.CONFIRMED
    assert "refund has been paid" in mailoutbox[-1].subject
    # A family cancelling afterwards gets back what is left, not the whole again.
    assert cancel_by_family(booking=booking, family=family, now=now).amount == Decimal("37.50")


def test_move_to_another_session_without_paying_again(family, child, session, now):
    booking = paid_booking(family, child, session, now, places=2)
    other = SessionFactory(
        offer=session.offer, capacity=2, starts_at=session.starts_at + dt.timedelta(days=7)
    )
    moved = move_booking(booking=booking, to_session=other, by=family, now=now)
    assert moved.session == other and moved.total == Decimal("48.00")
    assert moved.payment.amount == Decimal("48.00")
    assert places_left(session, now) == 3 and places_left(other, now) == 0


def test_move_refused_to_a_full_session_another_offer_or_by_a_stranger(
    family, child, other_child, session, now, organisation
):
    booking = paid_booking(family, child, session, now)
    full = SessionFactory(offer=session.offer, capacity=1)
    paid_booking(other_child.family, other_child, full, now)
    with pytest.raises(BookingError, match="enough places"):
        move_booking(booking=booking, to_session=full, by=family, now=now)
    elsewhere = SessionFactory(
        offer=BookableOfferFactory(service=ServicePageFactory(parent=organisation))
    )
    with pytest.raises(BookingError, match="same activity"):
        move_booking(booking=booking, to_session=elsewhere, by=family, now=now)
    roomy = SessionFactory(offer=session.offer)
    with pytest.raises(BookingError, match="your own"):
        move_booking(booking=booking, to_session=roomy, by=other_child.family, now=now)
