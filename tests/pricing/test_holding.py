"""Holding places, confirming and letting them go: capacity is never exceeded."""

import datetime as dt
from decimal import Decimal

import pytest

from pricing.bookings.enums import BookingStatus
from pricing.bookings.models import Booking
from pricing.bookings.selectors import places_left
from pricing.bookings.services import (
    BookingError,
    confirm_booking,
    expire_holds,
    hold_places,
    payment_failed,
)
from pricing.payments.models import PaymentMethod, PaymentStatus
from tests.pricing.factories import SessionFactory

pytestmark = pytest.mark.django_db


def hold(family, child, session, now, places=1, method=PaymentMethod.CARD, **kwargs):
    return hold_places(
        family=family,
        child=child,
        session=session,
        places=places,
        method=method,
        now=now,
        card_ready=True,
        **kwargs,
    )


def test_a_hold_snapshots_the_listing_price_and_makes_a_payment(family, child, session, now):
    booking = hold(family, child, session, now, places=2)
    assert booking.status == BookingStatus.HELD
    assert booking.reference.startswith("NB-") and len(booking.reference) == 9
    assert booking.unit_price == Decimal("24.00")
    assert booking.total == Decimal("48.00")
    assert booking.hold_expires_at == now + dt.timedelta(minutes=20)
    assert booking.payment.amount == Decimal("48.00")
    assert booking.payment.reference == booking.reference
    assert booking.payment.status == PaymentStatus.CREATED
    assert places_left(session, now) == 1
    # The listing's price changes later: the booking keeps what the family agreed.
    option = session.offer.cost_option
    option.amount = Decimal("30.00")
    option.save()
    booking.refresh_from_db()
    assert booking.total == Decimal("48.00")


def test_full_session_refuses_and_capacity_is_never_exceeded(family, child, session, now):
    hold(family, child, session, now, places=2)
    with pytest.raises(BookingError, match="only 1 place left"):
        hold(family, child, session, now, places=2)
    hold(family, child, session, now, places=1)
    with pytest.raises(BookingError, match="full"):
        hold(family, child, session, now, places=1)
    assert Booking.objects.filter(session=session).count() == 2
    assert places_left(session, now) == 0


@pytest.mark.parametrize("places", [0, -1, 11, 1000000, True, "2"])
def test_nonsense_quantities_are_refused(family, child, session, now, places):
    with pytest.raises(BookingError) as error:
        hold(family, child, session, now, places=places)
    assert error.value.field == "places"
    assert not Booking.objects.exists()


def test_more_places_than_the_session_has_is_refused(family, child, session, now):
    with pytest.raises(BookingError, match="3 places in all"):
        hold(family, child, session, now, places=4)


def test_another_familys_child_is_refused(family, other_child, session, now):
    with pytest.raises(BookingError, match="your own children"):
        hold(family, other_child, session, now)
    assert not Booking.objects.exists()


def test_past_closed_not_open_and_cancelled_sessions_are_refused(family, child, offer, now):
    past = SessionFactory(offer=offer, starts_at=now - dt.timedelta(hours=1))
    closing = SessionFactory(offer=offer, starts_at=now + dt.timedelta(hours=1))
    far = SessionFactory(offer=offer, starts_at=now + dt.timedelta(days=90))
    cancelled = SessionFactory(offer=offer, status="cancelled")
    for session, message in [
        (past, "already started"),
        (closing, "closed"),
        (far, "opens on"),
        (cancelled, "cancelled"),
    ]:
        with pytest.raises(BookingError, match=message):
            hold(family, child, session, now)
    assert not Booking.objects.exists()


def test_an_offer_whose_cost_option_was_removed_is_not_bookable(family, child, session, now):
    session.offer.cost_option.delete()
    session.offer.refresh_from_db()
    assert session.offer.cost_option is None and not session.offer.is_bookable
    with pytest.raises(BookingError, match="not taking bookings"):
        hold(family, child, session, now)


def test_card_is_refused_when_the_provider_cannot_take_cards(family, child, session, now):
    with pytest.raises(BookingError, match="way to pay"):
        hold_places(
            family=family,
            child=child,
            session=session,
            places=1,
            method=PaymentMethod.CARD,
            now=now,
            card_ready=False,
        )
    assert session.offer.payment_methods(card_ready=False) == ["invoice"]
    assert session.offer.payment_methods(card_ready=True) == ["card", "invoice"]


def test_a_double_submitted_form_makes_one_booking(family, child, session, now):
    first = hold(family, child, session, now, idempotency_key="form-123")
    second = hold(family, child, session, now, idempotency_key="form-123")
    assert first.pk == second.pk
    assert Booking.objects.count() == 1


def test_a_form_token_of_another_family_is_refused(family, child, other_child, session, now):
    hold(family, child, session, now, idempotency_key="form-123")
    with pytest.raises(BookingError, match="already been used"):
        hold(other_child.family, other_child, session, now, idempotency_key="form-123")


def test_an_expired_hold_frees_its_place_at_once_and_the_sweep_marks_it(
    family, child, session, now, mailoutbox, django_capture_on_commit_callbacks
):
    booking = hold(family, child, session, now, places=3)
    later = now + dt.timedelta(minutes=21)
    assert places_left(session, now) == 0
    assert places_left(session, later) == 3
    with django_capture_on_commit_callbacks(execute=True):
        result = expire_holds(now=later)
    assert result.holds == 1
    booking.refresh_from_db()
    assert booking.status == BookingStatus.EXPIRED
    assert "released" in mailoutbox[-1].subject
    assert expire_holds(now=later).holds == 0


def test_hold_not_yet_expired_is_kept(family, child, session, now):
    booking = hold(family, child, session, now)
    assert expire_holds(now=now + dt.timedelta(minutes=19)).holds == 0
    booking.refresh_from_db()
    assert booking.status == BookingStatus.HELD


def test_confirm_a_running_hold_and_a_replay_changes_nothing(family, child, session, now):
    booking = hold(family, child, session, now)
    result = confirm_booking(booking=booking, now=now + dt.timedelta(minutes=5))
    assert result.confirmed and result.refund is None
    assert result.booking.status == BookingStatus.CONFIRMED
    again = confirm_booking(booking=booking, now=now + dt.timedelta(minutes=6))
    assert again.confirmed and again.booking.confirmed_at == result.booking.confirmed_at


def test_payment_after_the_hold_expired_confirms_if_there_is_still_room(
    family, child, session, now
):
    booking = hold(family, child, session, now)
    later = now + dt.timedelta(minutes=30)
    expire_holds(now=later)
    result = confirm_booking(booking=booking, now=later)
    assert result.confirmed and result.booking.status == BookingStatus.CONFIRMED


def test_payment_after_the_hold_expired_on_a_full_session_is_owed_back(
    family, child, session, now, mailoutbox, django_capture_on_commit_callbacks
):
    late = hold(family, child, session, now, places=2)
    later = now + dt.timedelta(minutes=30)
    other = hold(family, child, session, later, places=3)
    with django_capture_on_commit_callbacks(execute=True):
        result = confirm_booking(booking=late, now=later)
    assert not result.confirmed
    assert result.booking.status == BookingStatus.NO_PLACE
    assert result.refund.amount == Decimal("48.00")
    assert result.refund.payment == late.payment
    assert result.booking.refund_owed == Decimal("48.00")
    assert places_left(session, later) == 0
    other.refresh_from_db()
    assert other.status == BookingStatus.HELD
    assert any("refunded" in m.subject for m in mailoutbox)


def test_pay_later_is_confirmed_at_once(family, child, session, now):
    booking = hold(family, child, session, now, method=PaymentMethod.INVOICE)
    result = confirm_booking(booking=booking, now=now)
    assert result.booking.status == BookingStatus.CONFIRMED
    assert result.booking.payment.status == PaymentStatus.CREATED  # paid when it arrives


def test_a_free_session_needs_no_payment(family, child, offer, now):
    option = offer.cost_option
    option.is_free, option.amount = True, None
    option.save()
    session = SessionFactory(offer=offer)
    booking = hold(family, child, session, now, method="")
    assert booking.total == Decimal("0.00") and booking.payment is None and booking.method == ""
    assert confirm_booking(booking=booking, now=now).confirmed


def test_payment_failed_frees_the_places(family, child, session, now):
    booking = hold(family, child, session, now, places=3)
    failed = payment_failed(booking=booking, now=now)
    assert failed.status == BookingStatus.PAYMENT_FAILED
    assert places_left(session, now) == 3
