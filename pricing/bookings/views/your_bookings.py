"""Your bookings: the list (waiting for an answer, upcoming, waiting lists, past), one
booking with everything about it, and its calendar file."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from localoffer.core.money import format_pounds
from pricing.bookings.calendar import booking_calendar
from pricing.bookings.enums import (
    AWAITING_FAMILY,
    AWAITING_PROVIDER,
    BookingStatus,
    WaitingStatus,
)
from pricing.bookings.models import WaitingListEntry
from pricing.bookings.selectors import bookings_of_family, waiting_position
from pricing.bookings.views.common import (
    booking_of,
    describe,
    family_page,
    refund_if_cancelled,
    span,
    when,
)
from pricing.bookings.views.profile import profile_sharing

PAST_SHOWN = 50


@family_page
def your_bookings(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    mine = bookings_of_family(request.user).select_related(
        "offer__organisation", "offer__cost_option", "payment"
    )
    # A hold that ran out waits for nobody (the sweep marks it expired a minute later).
    waiting_for = (
        mine.filter(status__in=AWAITING_PROVIDER | AWAITING_FAMILY)
        .exclude(status=BookingStatus.HELD, hold_expires_at__lte=now)
        .order_by("created_at", "pk")
    )
    upcoming = (
        mine.filter(status=BookingStatus.CONFIRMED)
        .filter(Q(session__ends_at__gt=now) | Q(appointments__ends_at__gt=now))
        .distinct()
        .order_by("session__starts_at", "created_at")
    )
    shown = {b.pk for b in waiting_for} | {b.pk for b in upcoming}
    past = [b for b in mine.order_by("-created_at", "-pk")[: PAST_SHOWN * 2] if b.pk not in shown]
    entries = (
        WaitingListEntry.objects.filter(
            family_id=request.user.pk, status__in=[WaitingStatus.WAITING, WaitingStatus.OFFERED]
        )
        .select_related("session__offer__service", "child")
        .order_by("session__starts_at", "pk")
    )
    return render(
        request,
        "pricing/bookings/your_bookings.html",
        {
            "waiting_for": [describe(b, now) for b in waiting_for],
            "upcoming": [describe(b, now) for b in upcoming],
            "past": [describe(b, now) for b in past[:PAST_SHOWN]],
            "entries": [
                {
                    "entry": entry,
                    "title": entry.session.offer.service.title,
                    "when": span(entry.session.starts_at, entry.session.ends_at),
                    "position": waiting_position(entry),
                    "offer_until": when(entry.offer_expires_at),
                }
                for entry in entries
            ],
        },
    )


@family_page
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    booking = booking_of(request, reference)
    now = timezone.now()
    view = describe(booking, now)
    hours_request = getattr(booking, "hours_request", None)
    return render(
        request,
        "pricing/bookings/detail.html",
        {
            "view": view,
            "booking": booking,
            "hours_request": hours_request,
            "policy": booking.offer.get_cancellation_policy_display(),
            "refund_now": format_pounds(refund_if_cancelled(booking, now)),
            "refund_now_is_nothing": not refund_if_cancelled(booking, now),
            "is_paid": booking.is_paid,
            "total": format_pounds(booking.total),
            "pay_url": reverse("checkout:pay", args=[booking.reference]),
            "hold_until": when(booking.hold_expires_at),
            "sharing": profile_sharing(booking, now),
        },
    )


@family_page
def calendar_file(request: HttpRequest, reference: str) -> HttpResponse:
    booking = booking_of(request, reference)
    ics = booking_calendar(booking)
    if ics is None:
        raise Http404("This booking has no dates yet")
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="booking-{booking.reference}.ics"'
    return response
