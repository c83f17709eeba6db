"""Hours of support, the waiting list, attendance and delivered units, the transition
table, calendar files and reminders."""

import datetime as dt
from decimal import Decimal

import pytest
from icalendar import Calendar

from pricing.bookings.enums import BOOKING_TRANSITIONS, BookingStatus, WaitingStatus
from pricing.bookings.selectors import delivered_units, waiting_position
from pricing.bookings.services import (
    BookingError,
    accept_proposal,
    accept_request,
    accept_waiting_list_offer,
    cancel_by_family,
    confirm_booking,
    decline_request,
    expire_holds,
    hold_places,
    join_waiting_list,
    propose_times,
    record_attendance,
    request_hours,
    send_booking_reminders,
)
from pricing.bookings.services.common import move
from pricing.bookings.services.release import offer_token
from pricing.payments.models import PaymentMethod
from tests.pricing.factories import BookableOfferFactory, ChildFactory

pytestmark = pytest.mark.django_db
INVOICE = PaymentMethod.INVOICE


@pytest.fixture
def hours_offer(offer):
    offer.kind = "hours"
    offer.save()
    return offer


def ask(family, child, offer, now, units=3):
    return request_hours(
        family=family,
        child=child,
        offer=offer,
        units=units,
        suitable_times="Weekday afternoons",
        method=INVOICE,
        now=now,
    )


def slots(now, *units):
    return [
        (now + dt.timedelta(days=d + 1), now + dt.timedelta(days=d + 1, hours=1), u)
        for d, u in enumerate(units)
    ]


def test_hours_request_accepted_with_appointments_is_confirmed_for_pay_later(
    family, child, hours_offer, provider, now
):
    booking = ask(family, child, hours_offer, now)
    assert booking.status == BookingStatus.REQUESTED and booking.total == Decimal("72.00")
    with pytest.raises(BookingError, match="add up to the 3"):
        accept_request(booking=booking, appointments=slots(now, 1), by=provider, now=now)
    with pytest.raises(BookingError):
        accept_request(booking=booking, appointments=slots(now, 3), by=family, now=now)
    done = accept_request(booking=booking, appointments=slots(now, 1, 2), by=provider, now=now)
    assert done.status == BookingStatus.CONFIRMED
    assert done.appointments.count() == 2 and done.payment.amount == Decimal("72.00")


def test_provider_offers_other_times_and_the_family_accepts(
    family, child, hours_offer, provider, now
):
    booking = ask(family, child, hours_offer, now)
    proposed = propose_times(booking=booking, appointments=slots(now, 2), by=provider, now=now)
    assert proposed.status == BookingStatus.PROPOSED and proposed.total == Decimal("48.00")
    accepted = accept_proposal(booking=booking, family=family, now=now)
    assert accepted.status == BookingStatus.CONFIRMED and accepted.places == 2


def test_provider_declines_with_a_reason(family, child, hours_offer, provider, now):
    booking = ask(family, child, hours_offer, now)
    with pytest.raises(BookingError, match="reason"):
        decline_request(booking=booking, by=provider, now=now, reason="")
    declined = decline_request(booking=booking, by=provider, now=now, reason="No staff")
    assert declined.status == BookingStatus.DECLINED
    with pytest.raises(BookingError):
        accept_request(booking=booking, appointments=slots(now, 3), by=provider, now=now)


def test_hours_requests_refuse_bad_input(family, child, other_child, hours_offer, offer, now):
    with pytest.raises(BookingError):
        ask(family, other_child, hours_offer, now)
    for units in (0, -1, 10_000):
        with pytest.raises(BookingError):
            ask(family, child, hours_offer, now, units=units)


@pytest.mark.parametrize("start", list(BookingStatus.values))
@pytest.mark.parametrize("target", list(BookingStatus.values))
def test_every_transition_is_allowed_or_refused_by_the_table(
    family, child, session, now, start, target
):
    booking = hold_places(
        family=family, child=child, session=session, places=1, method=INVOICE, now=now
    )
    type(booking).objects.filter(pk=booking.pk).update(status=start)
    booking.refresh_from_db()
    if target in BOOKING_TRANSITIONS[start]:
        assert move(booking, target, by=None, event="cancelled").status == target
    else:
        with pytest.raises(BookingError):
            move(booking, target, by=None, event="cancelled")
        booking.refresh_from_db()
        assert booking.status == start


def test_waiting_list_order_offer_link_and_lapse(
    family, child, session, now, mailoutbox, django_capture_on_commit_callbacks
):
    booking = hold_places(
        family=family, child=child, session=session, places=3, method=INVOICE, now=now
    )
    confirm_booking(booking=booking, now=now)
    first = ChildFactory()
    second = ChildFactory()
    e1 = join_waiting_list(family=first.family, child=first, session=session, places=1, now=now)
    e2 = join_waiting_list(
        family=second.family,
        child=second,
        session=session,
        places=1,
        now=now + dt.timedelta(minutes=1),
    )
    assert (waiting_position(e1), waiting_position(e2)) == (1, 2)
    with pytest.raises(BookingError, match="already on the waiting list"):
        join_waiting_list(family=first.family, child=first, session=session, places=1, now=now)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_by_family(booking=booking, family=family, now=now)
    e1.refresh_from_db()
    e2.refresh_from_db()
    # Three places freed: both are offered, in order; the places are kept for them.
    assert e1.status == e2.status == WaitingStatus.OFFERED
    assert e1.offer_expires_at == now + dt.timedelta(hours=24)
    assert any("/bookings/waiting-list/" in m.body for m in mailoutbox)
    # The second lets it lapse; the first takes the place up.
    held = accept_waiting_list_offer(
        token=offer_token(e1), family=first.family, method=INVOICE, now=now + dt.timedelta(hours=1)
    )
    assert held.status == BookingStatus.HELD and held.child == first
    with pytest.raises(BookingError, match="another account"):
        accept_waiting_list_offer(
            token=offer_token(e2), family=first.family, method=INVOICE, now=now
        )
    with pytest.raises(BookingError, match="not valid"):
        accept_waiting_list_offer(token="forged", family=first.family, method=INVOICE, now=now)
    later = now + dt.timedelta(hours=25)
    assert expire_holds(now=later).waiting_offers == 1
    e2.refresh_from_db()
    assert e2.status == WaitingStatus.LAPSED
    with pytest.raises(BookingError, match="lapsed|not valid"):
        accept_waiting_list_offer(
            token=offer_token(e2), family=second.family, method=INVOICE, now=later
        )


def test_attendance_only_after_the_start_and_delivered_units(family, child, session, provider, now):
    booking = hold_places(
        family=family, child=child, session=session, places=2, method=INVOICE, now=now
    )
    confirm_booking(booking=booking, now=now)
    with pytest.raises(BookingError, match="once it has started"):
        record_attendance(booking=booking, outcome="attended", by=provider, now=now)
    with pytest.raises(BookingError):
        record_attendance(booking=booking, outcome="attended", by=family, now=session.starts_at)
    with pytest.raises(BookingError):
        record_attendance(booking=booking, outcome="maybe", by=provider, now=session.starts_at)
    record_attendance(booking=booking, outcome="attended", by=provider, now=session.starts_at)
    assert delivered_units(organisation=session.offer.organisation) == 2
    assert delivered_units(child=child, since=session.ends_at) == 0
    record_attendance(booking=booking, outcome="did_not_attend", by=provider, now=session.ends_at)
    assert delivered_units(family=family) == 0


def test_appointments_attendance_counts_units(family, child, service, provider, now):
    offer = BookableOfferFactory(service=service, hours=True)
    booking = ask(family, child, offer, now, units=3)
    booking = accept_request(booking=booking, appointments=slots(now, 1, 2), by=provider, now=now)
    first, second = booking.appointments.all()
    record_attendance(appointment=second, outcome="attended", by=provider, now=second.starts_at)
    record_attendance(
        appointment=first, outcome="cancelled_late", by=provider, now=second.starts_at
    )
    assert delivered_units(offer=offer) == 2


def test_calendar_file_parses_and_reminder_goes_once(
    family, child, session, now, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        booking = hold_places(
            family=family, child=child, session=session, places=1, method=INVOICE, now=now
        )
        confirm_booking(booking=booking, now=now)
    # The booking's own email (its invoice is announced in another).
    [message] = [m for m in mailoutbox if "confirmed" in m.subject]
    assert booking.reference in message.subject
    name, content, mimetype = message.attachments[0]
    assert mimetype == "text/calendar"
    calendar = Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    assert event["uid"].startswith(f"booking-{booking.reference}@")
    assert event.decoded("dtstart") == session.starts_at
    day_before = session.starts_at - dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_booking_reminders(now=day_before) == 1
    assert send_booking_reminders(now=day_before) == 0
    assert "Reminder" in mailoutbox[-1].subject


def test_accepted_hours_not_paid_by_card_in_time_are_released(
    family, child, hours_offer, provider, now, mailoutbox, django_capture_on_commit_callbacks
):
    booking = request_hours(
        family=family,
        child=child,
        offer=hours_offer,
        units=1,
        suitable_times="Mornings",
        method=PaymentMethod.CARD,
        now=now,
        card_ready=True,
    )
    far = [(now + dt.timedelta(days=10), now + dt.timedelta(days=10, hours=1), 1)]
    with django_capture_on_commit_callbacks(execute=True):
        accepted = accept_request(booking=booking, appointments=far, by=provider, now=now)
    assert accepted.status == BookingStatus.ACCEPTED
    # 48 hours to pay, the first appointment being further away than that.
    assert accepted.hold_expires_at == now + dt.timedelta(hours=48)
    assert "Please pay by" in mailoutbox[-1].body
    assert expire_holds(now=now + dt.timedelta(hours=47)).holds == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert expire_holds(now=now + dt.timedelta(hours=48)).holds == 1
    accepted.refresh_from_db()
    assert accepted.status == BookingStatus.EXPIRED
    assert "released" in mailoutbox[-1].subject
    # A payment that was already on its way still confirms it (hours take no places).
    assert confirm_booking(booking=accepted, now=now + dt.timedelta(hours=49)).confirmed


def test_accepted_hours_must_be_paid_before_the_first_appointment(
    family, child, hours_offer, provider, now
):
    booking = request_hours(
        family=family,
        child=child,
        offer=hours_offer,
        units=1,
        suitable_times="Tomorrow",
        method=PaymentMethod.CARD,
        now=now,
        card_ready=True,
    )
    soon = [(now + dt.timedelta(hours=20), now + dt.timedelta(hours=21), 1)]
    accepted = accept_request(booking=booking, appointments=soon, by=provider, now=now)
    assert accepted.hold_expires_at == now + dt.timedelta(hours=20)
