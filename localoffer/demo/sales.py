"""A term of the demo provider's sales, and the partner organisation's bookable listing.

Sunflower's costing for the year is compared with what it really sold (its recovery
page), so the demo needs more than the few sessions of the marketplace story: a Saturday
session every week since the start of the autumn term, booked by the story's families,
with attendance recorded and the invoices mostly paid, and a block of one-to-one hours
delivered. Splash Inclusive Swimming (the second demo provider) takes bookings too, so
the two can refer families to each other. Everything goes through the site's services, on
the dates it happened.
"""

from __future__ import annotations

import datetime as dt

from localoffer.demo.clock import at, on
from pricing.bookings import services as bookings
from pricing.bookings.enums import Attendance
from pricing.bookings.models import Booking
from pricing.families.models import Child
from pricing.offers import services as offers
from pricing.offers.enums import CancellationPolicy, OfferKind
from pricing.offers.models import BookableOffer, Session
from pricing.payments.models import PaymentMethod
from pricing.payments.services import record_offline_payment
from providers.models import OrganisationPage, ServicePage

TERM_STARTS = (9, 5)  # the first Saturday session of the autumn term (month, day)
# Who came each week, in turn: most weeks most of them, one now and then did not.
WEEKLY_OUTCOMES = [
    Attendance.ATTENDED,
    Attendance.ATTENDED,
    Attendance.ATTENDED,
    Attendance.DID_NOT_ATTEND,
    Attendance.ATTENDED,
    Attendance.CANCELLED_LATE,
    Attendance.ATTENDED,
]
HOURS_DELIVERED_WEEKS = 8
PARTNER_PLACES = 9


def _book(family, child: Child, session: Session, when: dt.datetime) -> Booking:
    with on(when):
        booking = bookings.hold_places(
            family=family,
            child=child,
            session=session,
            places=1,
            method=PaymentMethod.INVOICE,
            now=when,
        )
        bookings.confirm_booking(booking=booking, now=when)
    return booking


def _pay(booking: Booking, provider, when: dt.datetime, reference: str) -> None:
    if booking.payment is None:
        return
    with on(when):
        record_offline_payment(payment=booking.payment, by=provider, reference=reference)


def term_of_saturdays(
    offer: BookableOffer, provider, families: list[tuple[object, Child]], now: dt.datetime
) -> int:
    """Weekly sessions from the start of the autumn term until three weeks ago, each with a
    booking per family, attendance recorded after it and most invoices paid a week later."""
    first_story_session = offer.sessions.order_by("starts_at").first()
    if first_story_session is None:
        return 0
    today = now.date()
    start = dt.date(today.year if today.month >= TERM_STARTS[0] else today.year - 1, *TERM_STARTS)
    first = start + dt.timedelta(days=(5 - start.weekday()) % 7)
    last = first_story_session.starts_at.date() - dt.timedelta(days=7)
    if last < first:
        return 0
    location = first_story_session.location
    with on(at(first - dt.timedelta(days=10), 9)):
        sessions = offers.add_sessions_from_pattern(
            offer=offer,
            first_day=first,
            last_day=last,
            weekdays=[5],
            start_time=dt.time(10),
            end_time=dt.time(11, 30),
            capacity=first_story_session.capacity,
            by=provider,
            location=location,
            online=location is None,
        )
    made = 0
    for week, session in enumerate(sessions):
        booked_at = session.starts_at - dt.timedelta(days=5)
        # Fewer families in the first weeks of term; more once word got round.
        coming = families[: min(len(families), 3 + week // 2)]
        past = [_book(user, child, session, booked_at) for user, child in coming]
        made += len(past)
        after = session.ends_at + dt.timedelta(hours=1)
        for index, booking in enumerate(past):
            outcome = WEEKLY_OUTCOMES[(index + week) % len(WEEKLY_OUTCOMES)]
            with on(after):
                bookings.record_attendance(outcome=outcome, by=provider, now=after, booking=booking)
            if (index + week) % 5 != 4:  # one family in five has not paid yet
                _pay(booking, provider, after + dt.timedelta(days=7), f"BACS {booking.reference}")
    return made


def hours_delivered(
    offer: BookableOffer, provider, family, child: Child, now: dt.datetime
) -> Booking:
    """Two hours a week of support at home for eight weeks this autumn, all delivered."""
    asked_at = now - dt.timedelta(weeks=HOURS_DELIVERED_WEEKS + 3)
    units = 2 * HOURS_DELIVERED_WEEKS
    with on(asked_at):
        booking = bookings.request_hours(
            family=family,
            child=child,
            offer=offer,
            units=units,
            suitable_times="Tuesday afternoons, after school.",
            method=PaymentMethod.INVOICE,
            now=asked_at,
        )
    answered_at = asked_at + dt.timedelta(days=1)
    first_tuesday = (answered_at + dt.timedelta(days=(1 - answered_at.weekday()) % 7 or 7)).date()
    slots = [
        (at(day, 16), at(day, 18), 2)
        for day in (first_tuesday + dt.timedelta(weeks=week) for week in range(units // 2))
    ]
    with on(answered_at):
        booking = bookings.accept_request(
            booking=booking, appointments=slots, by=provider, now=answered_at
        )
    for appointment in booking.appointments.order_by("starts_at"):
        after = appointment.ends_at + dt.timedelta(hours=1)
        with on(after):
            bookings.record_attendance(
                outcome=Attendance.ATTENDED, by=provider, now=after, appointment=appointment
            )
    _pay(booking, provider, answered_at + dt.timedelta(days=10), f"BACS {booking.reference}")
    return booking


def partner_offer(
    organisation: OrganisationPage, listing: ServicePage, provider, now: dt.datetime
) -> BookableOffer:
    """Splash's holiday swimming: weekly Wednesday sessions, paid later on invoice, from
    four weeks ago to eight weeks ahead."""
    today = now.date()
    first = today - dt.timedelta(weeks=4)
    first += dt.timedelta(days=(2 - first.weekday()) % 7)
    location = listing.locations.first()
    with on(at(first - dt.timedelta(days=14), 9)):
        offer = offers.save_offer(
            service=listing,
            kind=OfferKind.SESSIONS,
            cost_option=listing.cost_options.first(),
            by=provider,
            accepts_card=False,
            accepts_invoice=True,
            cancellation_policy=CancellationPolicy.FREE_48_NONE,
        )
        offers.add_sessions_from_pattern(
            offer=offer,
            first_day=first,
            last_day=today + dt.timedelta(weeks=8),
            weekdays=[2],
            start_time=dt.time(14),
            end_time=dt.time(15),
            capacity=PARTNER_PLACES,
            by=provider,
            location=location,
            online=location is None,
        )
    return offer


def partner_booking(offer: BookableOffer, provider, family, child: Child) -> Booking:
    """The child swam with Splash a fortnight ago (so Splash knows the family)."""
    session = offer.sessions.order_by("starts_at")[2]
    booking = _book(family, child, session, session.starts_at - dt.timedelta(days=4))
    after = session.ends_at + dt.timedelta(hours=1)
    with on(after):
        bookings.record_attendance(
            outcome=Attendance.ATTENDED, by=provider, now=after, booking=booking
        )
    return booking
