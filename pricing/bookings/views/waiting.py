"""The waiting list: join a full session, leave it, and take up a place offered by email.

The offer page (`/bookings/waiting-list/<token>/`, the address in the email) reads the
signed token with `entry_for_token`; a forged, stale, lapsed or used link gets a plain
message rather than an error page, since families follow old emails.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from localoffer.core.forms import add_domain_error, error_summary_items
from localoffer.core.money import format_pounds
from pricing.bookings.enums import BookingStatus, WaitingStatus
from pricing.bookings.forms import ChildForm, MethodForm, PlacesForm
from pricing.bookings.models import WaitingListEntry
from pricing.bookings.selectors import places_left, waiting_position
from pricing.bookings.services import (
    BookingError,
    accept_waiting_list_offer,
    confirm_booking,
    entry_for_token,
    join_waiting_list,
    leave_waiting_list,
)
from pricing.bookings.views.common import family_page, span, when
from pricing.families.selectors import children_of
from pricing.offers.enums import SessionStatus
from pricing.offers.models import Session
from pricing.payments.models import PaymentMethod
from pricing.payments.selectors import card_payments_ready


class JoinForm(ChildForm, PlacesForm):
    """Who is waiting and for how many places, on one confirmation page."""


@family_page
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, session: int) -> HttpResponse:
    target = get_object_or_404(
        Session.objects.select_related("offer__service"),
        pk=session,
        status=SessionStatus.SCHEDULED,
        offer__is_active=True,
    )
    now = timezone.now()
    context = {
        "session": target,
        "title": target.offer.service.title,
        "when": span(target.starts_at, target.ends_at),
        "book_url": reverse("checkout:session", args=[target.offer.service_id]),
    }
    if places_left(target, now) > 0:
        return render(request, "pricing/bookings/waiting/has_places.html", context)
    children = list(children_of(request.user))
    form = JoinForm(
        request.POST if request.method == "POST" else None, initial={"places": 1}, children=children
    )
    if request.method == "POST" and form.is_valid():
        try:
            entry = join_waiting_list(
                family=request.user,
                child=form.cleaned_data["child"],
                session=target,
                places=form.cleaned_data["places"],
                now=now,
            )
        except BookingError as error:
            if error.field == "places" and places_left(target, now) > 0:
                return render(request, "pricing/bookings/waiting/has_places.html", context)
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                f"{entry.child.first_name} is on the waiting list: number "
                f"{waiting_position(entry)} in line. We will email you if a place comes up",
            )
            return redirect("bookings:list")
    return render(
        request,
        "pricing/bookings/waiting/join.html",
        {
            **context,
            "form": form,
            "children": children,
            "errors": error_summary_items(form, fields=["child", "places"]),
        },
    )


@family_page
@require_http_methods(["GET", "POST"])
def leave(request: HttpRequest, entry: int) -> HttpResponse:
    mine = get_object_or_404(
        WaitingListEntry.objects.select_related("session__offer__service", "child"),
        pk=entry,
        family=request.user,
    )
    if mine.status not in (WaitingStatus.WAITING, WaitingStatus.OFFERED):
        messages.info(request, "You are no longer on this waiting list")
        return redirect("bookings:list")
    if request.method == "POST":
        try:
            leave_waiting_list(entry=mine, family=request.user)
        except BookingError as error:
            messages.info(request, str(error.message))
        else:
            messages.success(
                request, f"{mine.child.first_name} has been taken off the waiting list"
            )
        return redirect("bookings:list")
    return render(
        request,
        "pricing/bookings/waiting/leave.html",
        {
            "entry": mine,
            "title": mine.session.offer.service.title,
            "when": span(mine.session.starts_at, mine.session.ends_at),
        },
    )


def _methods(entry: WaitingListEntry) -> list[tuple[str, str]]:
    offer = entry.session.offer
    labels = dict(PaymentMethod.choices)
    labels[PaymentMethod.INVOICE] = "Pay later, on an invoice from the provider"
    ready = card_payments_ready(offer.organisation)
    return [(m, labels[m]) for m in offer.payment_methods(card_ready=ready)]


def _gone(request: HttpRequest, message: str, booking_reference: str = "") -> HttpResponse:
    return render(
        request,
        "pricing/bookings/waiting/offer_gone.html",
        {"message": message, "reference": booking_reference},
    )


@family_page
@require_http_methods(["GET", "POST"])
def offer(request: HttpRequest, token: str) -> HttpResponse:
    try:
        entry = entry_for_token(token)
    except BookingError as error:
        return _gone(request, str(error.message))
    if entry.family_id != request.user.pk:
        raise Http404("This link is for another account")
    now = timezone.now()
    if entry.status == WaitingStatus.ACCEPTED and entry.booking is not None:
        return _gone(request, "You have already booked this place.", entry.booking.reference)
    if entry.status != WaitingStatus.OFFERED or (entry.offer_expires_at or now) <= now:
        return _gone(request, "Sorry, this offer has lapsed: the place went to the next family.")
    session = entry.session
    price = session.offer.unit_price
    total = price * entry.places if price is not None else Decimal("0.00")
    methods = _methods(entry) if total else []
    form = MethodForm(
        request.POST if request.method == "POST" else None,
        methods=methods,
        initial={"method": methods[0][0]} if len(methods) == 1 else None,
    )
    if request.method == "POST" and (not methods or form.is_valid()):
        method = form.cleaned_data["method"] if methods else ""
        try:
            booking = accept_waiting_list_offer(
                token=token,
                family=request.user,
                method=method,
                now=now,
                card_ready=card_payments_ready(session.offer.organisation),
                idempotency_key=f"waiting-{entry.pk}-{uuid.uuid5(uuid.NAMESPACE_URL, token).hex}",
            )
            if booking.status == BookingStatus.HELD and booking.method != PaymentMethod.CARD:
                booking = confirm_booking(booking=booking, now=now, by=request.user).booking
        except BookingError as error:
            return _gone(request, str(error.message))
        if booking.status == BookingStatus.HELD:
            return redirect("checkout:pay", booking.reference)
        messages.success(request, "You have booked the place. Your booking is confirmed")
        return redirect("bookings:detail", reference=booking.reference)
    return render(
        request,
        "pricing/bookings/waiting/offer.html",
        {
            "entry": entry,
            "title": session.offer.service.title,
            "when": span(session.starts_at, session.ends_at),
            "where": session.place_description,
            "until": when(entry.offer_expires_at),
            "total": format_pounds(total) if total else "Free",
            "form": form,
            "methods": methods,
            "errors": error_summary_items(form) if methods else [],
        },
    )
