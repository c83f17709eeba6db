"""Emails about bookings, one for every change of state, each with a calendar file.

Written in plain English for families and small providers. Like
`localoffer.core.mail.send_email` they are rendered now and sent only once the
transaction commits (a refused or rolled-back action tells nobody); they are built here
rather than with `send_email` because each carries an .ics attachment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from localoffer.core.mail import render_email, site_url
from localoffer.core.money import format_pounds
from pricing.bookings.calendar import booking_calendar
from pricing.bookings.models import Booking, WaitingListEntry
from providers.selectors import organisation_members

TEMPLATE = "bookings/email/booking"

# event -> (subject, what happened, told to the provider too)
EVENTS: dict[str, tuple[str, str, bool]] = {
    "requested": (
        "Your request has been sent",
        "We have sent your request to {org}. They will "
        "reply with dates and times, other times, or a reason they cannot help.",
        True,
    ),
    "proposed": (
        "Other times have been offered",
        "{org} cannot do the times you asked for and "
        "has offered other ones. Please accept them or cancel your request.",
        False,
    ),
    "accepted": (
        "Your request has been accepted",
        "{org} has agreed dates and times for your request. Please pay by {hold} to "
        "confirm the booking. After that the times are released.",
        False,
    ),
    "declined": ("Your request has been declined", "{org} cannot take your request.", False),
    "held": (
        "Your place is held while you pay",
        "We are holding your place until {hold}. "
        "If you do not pay by then the place is given to someone else.",
        False,
    ),
    "confirmed": ("Your booking is confirmed", "Your booking with {org} is confirmed.", True),
    "payment_failed": (
        "Your payment did not go through",
        "Your payment did not go through "
        "and the place has been released. You have not been charged.",
        False,
    ),
    "expired": (
        "Your held place has been released",
        "You did not finish paying in time, so "
        "the place has been released. You have not been charged.",
        False,
    ),
    "accepted_expired": (
        "The times agreed for your request have been released",
        "You did not pay in time, so the times {org} agreed for your request have been "
        "released. You have not been charged. You can ask again.",
        False,
    ),
    "no_place": (
        "Your payment will be refunded",
        "Your payment arrived after the place you "
        "held had been released, and the session is now full. We are refunding the "
        "full amount to your card.",
        True,
    ),
    "moved": (
        "Your booking has been moved",
        "Your booking has been moved to a new date. You do not need to pay again.",
        True,
    ),
    "cancelled": ("Your booking has been cancelled", "Your booking has been cancelled.", True),
    "session_cancelled": (
        "A session you booked has been cancelled",
        "{org} has cancelled the session. Everything you paid will be refunded.",
        False,
    ),
    "refund_due": ("A refund is on its way", "{org} is refunding part of your booking.", False),
    "refunded": (
        "Your refund has been paid",
        "Your refund has been paid. It can take up to 10 working days to reach your account.",
        False,
    ),
    "reminder": (
        "Reminder: your booking is tomorrow",
        "This is a reminder that your booking with {org} is tomorrow.",
        False,
    ),
}


def _when(moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    return f"{timezone.localtime(moment):%A %-d %B %Y at %H:%M}"


def booking_details(booking: Booking) -> list[tuple[str, str]]:
    details = [
        ("Booking reference", booking.reference),
        ("Activity", booking.offer.service.title),
        ("For", booking.child.first_name),
    ]
    session = booking.session
    if session is not None:
        details.append(("When", _when(session.starts_at)))
        if session.place_description:
            details.append(("Where", session.place_description))
        details.append(("Places", str(booking.places)))
    else:
        for appointment in booking.appointments.all():
            details.append(("Appointment", _when(appointment.starts_at)))
        details.append(("Units", str(booking.places)))
    details.append(("Total", format_pounds(booking.total) if booking.total else "Free"))
    if booking.method:
        details.append(("Paying by", booking.get_method_display()))
    if booking.refund_owed:
        details.append(("Refund to come", format_pounds(booking.refund_owed)))
    if booking.amount_refunded:
        details.append(("Refunded", format_pounds(booking.amount_refunded)))
    if booking.reason:
        details.append(("Reason", booking.reason))
    return details


def tell(booking: Booking, event: str, *, extra: str = "") -> None:
    """Email the family (and the provider, for the events it must know) about `event`."""
    subject, text, provider_too = EVENTS[event]
    organisation = booking.offer.organisation
    hold = _when(booking.hold_expires_at) if booking.hold_expires_at else ""
    paragraphs = [text.format(org=organisation.title, hold=hold)]
    if extra:
        paragraphs.append(extra)
    context = {
        "subject": subject,
        "reference": booking.reference,
        "paragraphs": paragraphs,
        "details": booking_details(booking),
        "has_calendar": True,
    }
    ics = booking_calendar(booking)
    family_context = {
        **context,
        "link": absolute(reverse("bookings:detail", kwargs={"reference": booking.reference})),
        "link_text": "See your booking",
    }
    _send([booking.family.email], family_context, ics)
    if provider_too:
        provider_context = {**context, "subject": f"{subject} - for {booking.child.first_name}"}
        _send(
            organisation_members(organisation).values_list("email", flat=True),
            provider_context,
            ics,
        )


def tell_waiting_list_offer(entry: WaitingListEntry, link: str) -> None:
    session = entry.session
    context = {
        "subject": "A place has come up",
        "reference": "",
        "paragraphs": [
            f"A place has come up on {session.offer.service.title} for {entry.child.first_name}.",
            f"We are keeping it for you until {_when(entry.offer_expires_at)}. After that it "
            "is offered to the next family waiting.",
        ],
        "details": [("When", _when(session.starts_at)), ("Places", str(entry.places))],
        "link": link,
        "link_text": "Book the place",
        "has_calendar": False,
    }
    _send([entry.family.email], context, None)


def _send(to: Iterable[str], context: dict[str, Any], ics: bytes | None) -> None:
    recipients = sorted({address for address in to if address})
    if not recipients:
        return
    subject, body = render_email(TEMPLATE, context)

    def deliver() -> None:
        for address in recipients:
            message = EmailMessage(
                subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[address]
            )
            if ics is not None:
                message.attach("booking.ics", ics, "text/calendar")
            message.send()

    transaction.on_commit(deliver)


def absolute(path: str) -> str:
    return site_url() + path
