"""Calendar files (RFC 5545) attached to booking emails, built with `icalendar`.

A session booking is one event whose UID is the booking's, so a moved booking updates the
event already in the family's calendar rather than adding a second one; each appointment
of hours of support is its own event. A cancelled booking is sent with METHOD:CANCEL and
the same UIDs, which calendar programs read as "remove this event". SEQUENCE must grow
with every change; the time of the change in seconds does, without a counter column.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from django.utils import timezone
from icalendar import Calendar, Event

from localoffer.core.mail import site_url
from pricing.bookings.enums import BookingStatus
from pricing.bookings.models import Booking

PRODID = "-//Local Offer//Bookings//EN"


def _host() -> str:
    return urlsplit(site_url()).hostname or "localhost"


def booking_events(booking: Booking) -> list[tuple[str, dt.datetime, dt.datetime, str]]:
    """(uid, start, end, location) of every dated part of the booking."""
    host = _host()
    session = booking.session
    if session is not None:
        return [
            (
                f"booking-{booking.reference}@{host}",
                session.starts_at,
                session.ends_at,
                session.place_description,
            )
        ]
    return [
        (
            f"appointment-{appointment.pk}-{booking.reference}@{host}",
            appointment.starts_at,
            appointment.ends_at,
            "",
        )
        for appointment in booking.appointments.all()
    ]


def booking_calendar(booking: Booking, *, now: dt.datetime | None = None) -> bytes:
    """An .ics file for the booking as it is now (cancelled ones as a CANCEL)."""
    now = now or timezone.now()
    cancelled = booking.status in {
        BookingStatus.CANCELLED,
        BookingStatus.DECLINED,
        BookingStatus.EXPIRED,
        BookingStatus.PAYMENT_FAILED,
        BookingStatus.NO_PLACE,
    }
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    title = booking.offer.service.title
    for uid, starts_at, ends_at, location in booking_events(booking):
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", now)
        event.add("sequence", int(now.timestamp()))
        event.add("dtstart", starts_at)
        event.add("dtend", ends_at)
        event.add("summary", f"{title} ({booking.child.first_name})")
        event.add("description", f"Booking reference {booking.reference}")
        event.add("status", "CANCELLED" if cancelled else _event_status(booking))
        if location:
            event.add("location", location)
        calendar.add_component(event)
    return calendar.to_ical()


def _event_status(booking: Booking) -> str:
    return "CONFIRMED" if booking.status == BookingStatus.CONFIRMED else "TENTATIVE"
