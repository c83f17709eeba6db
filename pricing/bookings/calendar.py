"""Bookings as calendar events: the `.ics` file on every booking email, and the events of
a family's or an organisation's private feed (`pricing.calendars`).

A session booking is one event whose UID is the booking's, so a moved booking updates the
event already in the family's calendar rather than adding a second one; each appointment
of hours of support is its own event. A booking that ended without taking place is sent
as CANCELLED with the same UIDs, which calendar programs read as "remove this event".
SEQUENCE must grow with every change; the time of the change in seconds does, without a
counter column. The RFC 5545 writing itself is `pricing.calendar`'s.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from localoffer.core.mail import service_name, site_contact_email, site_url
from pricing.bookings.enums import BookingStatus
from pricing.bookings.models import Booking
from pricing.calendar import CalendarEvent, EventStatus, Organizer, events_attachment
from pricing.calendars.models import CalendarFeed

ENDED_WITHOUT_TAKING_PLACE = frozenset(
    {
        BookingStatus.CANCELLED,
        BookingStatus.DECLINED,
        BookingStatus.EXPIRED,
        BookingStatus.PAYMENT_FAILED,
        BookingStatus.NO_PLACE,
    }
)
# How far back a feed reaches: last term's bookings, not every booking ever made.
FEED_HISTORY = dt.timedelta(days=90)


def _host() -> str:
    return urlsplit(site_url()).hostname or "localhost"


def _status(booking: Booking) -> EventStatus:
    if booking.status in ENDED_WITHOUT_TAKING_PLACE:
        return EventStatus.CANCELLED
    if booking.status == BookingStatus.CONFIRMED:
        return EventStatus.CONFIRMED
    return EventStatus.TENTATIVE


def booking_events(booking: Booking, *, now: dt.datetime | None = None) -> list[CalendarEvent]:
    """Every dated part of the booking as a calendar event, as it stands now."""
    now = now or timezone.now()
    host = _host()
    summary = f"{booking.offer.service.title} ({booking.child.first_name})"
    description = f"Booking reference {booking.reference}"
    status, sequence = _status(booking), int(now.timestamp())
    session = booking.session
    if session is not None:
        return [
            CalendarEvent(
                uid=f"booking-{booking.reference}@{host}",
                start=session.starts_at,
                end=session.ends_at,
                location=session.place_description,
                summary=summary,
                description=description,
                status=status,
                sequence=sequence,
            )
        ]
    return [
        CalendarEvent(
            uid=f"appointment-{appointment.pk}-{booking.reference}@{host}",
            start=appointment.starts_at,
            end=appointment.ends_at,
            summary=summary,
            description=description,
            status=status,
            sequence=sequence,
        )
        for appointment in booking.appointments.all()
    ]


def booking_calendar(booking: Booking, *, now: dt.datetime | None = None) -> bytes | None:
    """The `.ics` attachment for an email about the booking (None before it has dates:
    hours of support asked for but not yet agreed)."""
    events = booking_events(booking, now=now)
    if not events:
        return None
    organizer = Organizer(
        email=site_contact_email() or settings.DEFAULT_FROM_EMAIL, name=service_name()
    )
    return events_attachment(events, organizer=organizer, stamp=now)


def booking_events_for_feed(feed: CalendarFeed) -> list[CalendarEvent]:
    """A feed's bookings: a family's own, or those made with an organisation; confirmed or
    cancelled (so a subscribed calendar drops what was cancelled), from 90 days ago on."""
    since = timezone.now() - FEED_HISTORY
    bookings = Booking.objects.filter(
        status__in=[BookingStatus.CONFIRMED, BookingStatus.CANCELLED]
    ).filter(Q(session__starts_at__gte=since) | Q(appointments__starts_at__gte=since))
    if feed.user_id is not None:
        bookings = bookings.filter(family_id=feed.user_id)
    else:
        bookings = bookings.filter(offer__organisation_id=feed.organisation_id)
    bookings = bookings.distinct().select_related("offer__service", "child", "session__location")
    return [
        event
        for booking in bookings.prefetch_related("appointments")
        for event in booking_events(booking)
    ]
