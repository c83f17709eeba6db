"""A year so far of two listings, made with the real booking and invoicing services: the
figures the recovery tests check to the penny.

The financial year starts on 1 April 2025; "today" is 12 June 2025, day 73 of 365, so the
elapsed share is exactly a fifth. Every place and hour costs £24 (the listing's cost
option), and the provider is not registered for VAT (net is gross).

Saturday sensory club (sessions):
  10 May, 10 places: Amira 2 attended, Ben 1 did not attend, Cai 1 cancelled late,
                     Dev 1 cancelled by the family a week before (paid, refunded, credited)
  17 May, 8 places:  Eve 3 attended, Fay 1 not recorded yet
  24 May, 10 places: cancelled by the provider (Gus's 1 place credited)
  21 June, 10 places: Hal 2 places (after today: invoiced, not yet held)
  -> booked 8, attended 5, did not attend 1, cancelled late 1, not recorded 1
  -> occupancy 4 of 10 (40%) and 4 of 8 (50%): 8 of 18, 44.44%
  -> invoiced 48 + 24 + 24 + 24 + 72 + 24 + 24 + 48 = 288; credited 24 + 24 = 48
  -> income 240.00; received 48 (Amira) + 50 (Eve, part) + 24 (Dev, then refunded): kept 98.00

Sensory support at home (hours, invoiced when confirmed):
  Ivy 3 hours: 20 May 1 hour attended, 27 May 2 hours did not attend -> booked 3,
  attended 1; 1 July 1 hour (after today) on Jo's booking: not counted, invoiced 24
  -> invoiced 72 + 24 = 96.00; Ivy paid 72.00
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import time_machine
from django.utils import timezone

from pricing.bookings.enums import Attendance
from pricing.bookings.services import (
    accept_request,
    cancel_by_family,
    cancel_session,
    confirm_booking,
    hold_places,
    record_attendance,
    request_hours,
)
from pricing.invoices.enums import PaymentWay
from pricing.invoices.models import BillingDetails
from pricing.invoices.selectors import booking_invoice
from pricing.invoices.services import record_invoice_payment
from pricing.offers.models import BookableOffer, Session
from pricing.payments.models import PaymentMethod
from tests.factories import ServicePageFactory
from tests.pricing.factories import BookableOfferFactory, ChildFactory

D = Decimal
YEAR_STARTS = dt.date(2025, 4, 1)
TODAY = dt.date(2025, 6, 12)
INVOICE = PaymentMethod.INVOICE


def at(day: int, month: int, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2025, month, day, hour, 0))


@dataclass
class Scenario:
    sessions_listing: Any
    hours_listing: Any
    offer: BookableOffer
    hours_offer: BookableOffer
    sessions: list[Session]


def billing_for(organisation: Any) -> BillingDetails:
    return BillingDetails.objects.create(
        organisation=organisation,
        legal_name="Northbridge Play Club CIO",
        address="1 Mill Lane\nNorthbridge\nNB1 2AB",
        email="accounts@playclub.example.org",
        invoice_prefix="PLAY",
    )


def new_session(offer: BookableOffer, when: dt.datetime, capacity: int) -> Session:
    return offer.sessions.create(
        starts_at=when, ends_at=when + dt.timedelta(hours=2), online=True, capacity=capacity
    )


def book(session: Session, name: str, places: int, *, on: dt.datetime) -> Any:
    child = ChildFactory(first_name=name)
    held = hold_places(
        family=child.family, child=child, session=session, places=places, method=INVOICE, now=on
    )
    return confirm_booking(booking=held, now=on).booking


def pay(booking: Any, amount: str, *, on: dt.datetime, by: Any) -> None:
    invoice = booking_invoice(booking.offer.organisation_id, booking.reference)
    with time_machine.travel(on, tick=False):
        record_invoice_payment(
            invoice=invoice,
            amount=D(amount),
            received_on=timezone.localdate(on),
            way=PaymentWay.BANK_TRANSFER,
            now=on,
            by=by,
        )


def attend(booking: Any, outcome: str, *, by: Any, on: dt.datetime) -> None:
    record_attendance(booking=booking, outcome=outcome, by=by, now=on)


def build(organisation: Any, sessions_listing: Any, provider: Any) -> Scenario:
    """The year so far described in the module's docstring."""
    billing_for(organisation)
    offer = BookableOfferFactory(service=sessions_listing)
    first = new_session(offer, at(10, 5), 10)
    second = new_session(offer, at(17, 5), 8)
    cancelled = new_session(offer, at(24, 5), 10)
    later = new_session(offer, at(21, 6), 10)
    before_year = new_session(offer, timezone.make_aware(dt.datetime(2025, 3, 29, 10)), 10)

    booked_on = at(1, 5, 9)
    amira = book(first, "Amira", 2, on=booked_on)
    ben = book(first, "Ben", 1, on=booked_on)
    cai = book(first, "Cai", 1, on=booked_on)
    dev = book(first, "Dev", 1, on=booked_on)
    pay(dev, "24.00", on=at(2, 5), by=provider)
    cancel_by_family(booking=dev, family=dev.family, now=at(3, 5))
    after = at(10, 5, 13)
    attend(amira, Attendance.ATTENDED, by=provider, on=after)
    attend(ben, Attendance.DID_NOT_ATTEND, by=provider, on=after)
    attend(cai, Attendance.CANCELLED_LATE, by=provider, on=after)
    pay(amira, "48.00", on=at(11, 5), by=provider)

    eve = book(second, "Eve", 3, on=booked_on)
    book(second, "Fay", 1, on=booked_on)
    attend(eve, Attendance.ATTENDED, by=provider, on=at(17, 5, 13))
    pay(eve, "50.00", on=at(18, 5), by=provider)

    book(cancelled, "Gus", 1, on=booked_on)
    cancel_session(session=cancelled, by=provider, now=at(20, 5), reason="The pool is closed")

    book(later, "Hal", 2, on=at(1, 6, 9))
    # Booked in the year before: neither its session nor its invoice is in this year.
    book(before_year, "Ida", 1, on=timezone.make_aware(dt.datetime(2025, 3, 20, 9)))

    hours_listing = ServicePageFactory(parent=organisation, title="Sensory support at home")
    hours_offer = BookableOfferFactory(service=hours_listing, hours=True)
    ivy = ChildFactory(first_name="Ivy")
    asked = request_hours(
        family=ivy.family,
        child=ivy,
        offer=hours_offer,
        units=3,
        suitable_times="Tuesday afternoons",
        method=INVOICE,
        now=at(12, 5, 9),
    )
    slots = [(at(20, 5, 15), at(20, 5, 16), 1), (at(27, 5, 15), at(27, 5, 17), 2)]
    booking = accept_request(booking=asked, appointments=slots, by=provider, now=at(12, 5))
    first_visit, second_visit = booking.appointments.order_by("starts_at")
    record_attendance(
        appointment=first_visit, outcome=Attendance.ATTENDED, by=provider, now=at(20, 5, 17)
    )
    record_attendance(
        appointment=second_visit,
        outcome=Attendance.DID_NOT_ATTEND,
        by=provider,
        now=at(27, 5, 18),
    )
    pay(booking, "72.00", on=at(28, 5), by=provider)
    jo = ChildFactory(first_name="Jo")
    asked = request_hours(
        family=jo.family,
        child=jo,
        offer=hours_offer,
        units=1,
        suitable_times="Any morning",
        method=INVOICE,
        now=at(10, 6, 9),
    )
    accept_request(
        booking=asked, appointments=[(at(1, 7), at(1, 7, 11), 1)], by=provider, now=at(10, 6)
    )
    return Scenario(
        sessions_listing=sessions_listing,
        hours_listing=hours_listing,
        offer=offer,
        hours_offer=hours_offer,
        sessions=[first, second, cancelled, later],
    )


def more_bookings(scenario: Scenario, provider: Any) -> None:
    """Another session of six bookings, attended and paid, and another family's hours:
    more rows of every kind the recovery reads."""
    session = new_session(scenario.offer, at(7, 6), 10)
    for number in range(6):
        booking = book(session, f"Kit{number}", 1, on=at(1, 6, 9))
        attend(booking, Attendance.ATTENDED, by=provider, on=at(7, 6, 13))
        pay(booking, "24.00", on=at(8, 6), by=provider)
    lee = ChildFactory(first_name="Lee")
    asked = request_hours(
        family=lee.family,
        child=lee,
        offer=scenario.hours_offer,
        units=2,
        suitable_times="Mondays",
        method=INVOICE,
        now=at(1, 6, 9),
    )
    booking = accept_request(
        booking=asked,
        appointments=[(at(2, 6, 15), at(2, 6, 16), 1), (at(9, 6, 15), at(9, 6, 16), 1)],
        by=provider,
        now=at(1, 6),
    )
    for appointment in booking.appointments.all():
        record_attendance(
            appointment=appointment,
            outcome=Attendance.ATTENDED,
            by=provider,
            now=appointment.ends_at,
        )
