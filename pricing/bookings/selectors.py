"""Reads of bookings: places taken and left, a family's and a provider's bookings, and the
units delivered that invoices, budgets and cost recovery count."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet, Sum

from pricing.bookings.enums import Attendance, BookingStatus, WaitingStatus
from pricing.bookings.listeners import places_held_elsewhere
from pricing.bookings.models import Appointment, Booking, WaitingListEntry
from pricing.offers.models import Session


def places_taken(
    session: Session,
    now: dt.datetime,
    *,
    excluding_booking: Booking | None = None,
    excluding_entry: WaitingListEntry | None = None,
) -> int:
    """Places on the session that are not free at `now`.

    Confirmed bookings, holds that have not expired, places kept for a family offered
    them from the waiting list, and places kept by the layers above for bookings not made
    yet (a shared booking's shares nobody has joined yet). Call it with the session row
    locked when the answer decides whether to take a place (pricing.bookings.services.holding).
    """
    bookings = Booking.objects.filter(session=session).taking_places(now)
    if excluding_booking is not None:
        bookings = bookings.exclude(pk=excluding_booking.pk)
    offers = WaitingListEntry.objects.filter(session=session).holding_places(now)
    if excluding_entry is not None:
        offers = offers.exclude(pk=excluding_entry.pk)
    booked = bookings.aggregate(n=Sum("places"))["n"] or 0
    kept = offers.aggregate(n=Sum("places"))["n"] or 0
    return booked + kept + places_held_elsewhere(session, now)


def places_left(session: Session, now: dt.datetime) -> int:
    return max(session.capacity - places_taken(session, now), 0)


def bookings_of_family(family: Any) -> QuerySet[Booking]:
    return (
        Booking.objects.for_family(family)
        .select_related("offer__service", "session__location", "child", "payment")
        .prefetch_related("appointments")
    )


def bookings_of_organisation(organisation: Any) -> QuerySet[Booking]:
    return (
        Booking.objects.for_organisation(organisation)
        .select_related("offer__service", "session__location", "child", "family")
        .prefetch_related("appointments")
    )


def who_is_coming(session: Session) -> QuerySet[Booking]:
    """The session's register: its confirmed bookings, children first name order."""
    return (
        Booking.objects.filter(session=session, status=BookingStatus.CONFIRMED)
        .select_related("child")
        .order_by("child__first_name", "pk")
    )


def waiting_list_of(session: Session) -> QuerySet[WaitingListEntry]:
    return WaitingListEntry.objects.filter(
        session=session, status__in=[WaitingStatus.WAITING, WaitingStatus.OFFERED]
    ).order_by("created_at", "pk")


def waiting_position(entry: WaitingListEntry) -> int | None:
    """1 for the first family waiting; None once the entry no longer waits."""
    if entry.status != WaitingStatus.WAITING:
        return None
    ahead = (
        WaitingListEntry.objects.waiting()
        .filter(session_id=entry.session_id)
        .filter(
            Q(created_at__lt=entry.created_at) | Q(created_at=entry.created_at, pk__lt=entry.pk)
        )
    )
    return ahead.count() + 1


def delivered_units(
    *,
    organisation: Any = None,
    family: Any = None,
    child: Any = None,
    offer: Any = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
) -> int:
    """Units actually delivered: places on sessions and units of appointments marked
    attended, on confirmed bookings, starting in [since, until).

    "Did not attend" and "cancelled late" are not delivered (whether they are charged is
    the invoice's rule, not this count's). Filters combine; none means every booking.
    """
    booking_filter = Q(status=BookingStatus.CONFIRMED)
    if organisation is not None:
        booking_filter &= Q(offer__organisation=organisation)
    if family is not None:
        booking_filter &= Q(family=family)
    if child is not None:
        booking_filter &= Q(child=child)
    if offer is not None:
        booking_filter &= Q(offer=offer)
    sessions = Booking.objects.filter(
        booking_filter, session__isnull=False, attendance=Attendance.ATTENDED
    )
    if since is not None:
        sessions = sessions.filter(session__starts_at__gte=since)
    if until is not None:
        sessions = sessions.filter(session__starts_at__lt=until)
    appointments = Appointment.objects.filter(
        booking__in=Booking.objects.filter(booking_filter), attendance=Attendance.ATTENDED
    )
    if since is not None:
        appointments = appointments.filter(starts_at__gte=since)
    if until is not None:
        appointments = appointments.filter(starts_at__lt=until)
    from_sessions = sessions.aggregate(n=Sum("places"))["n"] or 0
    from_appointments = appointments.aggregate(n=Sum("units"))["n"] or 0
    return from_sessions + from_appointments


def holds_to_expire(now: dt.datetime) -> QuerySet[Booking]:
    """Held places, and accepted hours waiting for a card payment, whose time ran out."""
    return Booking.objects.filter(
        status__in=[BookingStatus.HELD, BookingStatus.ACCEPTED], hold_expires_at__lte=now
    )


def waiting_offers_to_lapse(now: dt.datetime) -> QuerySet[WaitingListEntry]:
    return WaitingListEntry.objects.filter(status=WaitingStatus.OFFERED, offer_expires_at__lte=now)


def refunds_owed() -> QuerySet[Booking]:
    """Bookings with money to pay back: the payments layer refunds these and records it
    with `pricing.bookings.services.record_refund`."""
    return Booking.objects.owing_refund().select_related("payment")
