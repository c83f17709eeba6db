"""Changing a booking: cancel it (the refund shown before and after), move it to another
session of the same activity, or answer the other times a provider offered."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from localoffer.core.forms import add_domain_error, error_summary_items
from localoffer.core.money import format_pounds
from pricing.bookings.forms import MoveForm
from pricing.bookings.selectors import places_left
from pricing.bookings.services import BookingError, accept_proposal, cancel_by_family, move_booking
from pricing.bookings.services.paying import give_back_cancelled
from pricing.bookings.views.common import (
    booking_of,
    describe,
    family_page,
    plural,
    refund_if_cancelled,
    span,
)
from pricing.offers.models import Session
from pricing.offers.selectors import upcoming_sessions, window_problem
from pricing.payments.models import PaymentMethod


def _cancelled_message(booking, refund) -> str:
    if booking.status in ("requested", "proposed"):
        return "Your request has been withdrawn"
    if refund is None:
        return "Your booking has been cancelled. There is nothing to refund"
    return (
        f"Your booking has been cancelled. {format_pounds(refund.amount)} will be refunded "
        "to the card you paid with"
    )


@family_page
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, reference: str) -> HttpResponse:
    booking = booking_of(request, reference)
    now = timezone.now()
    view = describe(booking, now)
    refusal = ""
    if request.method == "POST" and view.can_cancel:
        try:
            # The cancellation and the refund it owes are written together; the card
            # refund itself is sent once this commits (pricing.payments).
            with transaction.atomic():
                refund = cancel_by_family(booking=booking, family=request.user, now=now)
                if refund is not None:
                    give_back_cancelled(refund, by=request.user)
        except BookingError as error:
            refusal = str(error.message)
        else:
            messages.success(request, _cancelled_message(booking, refund))
            return redirect("bookings:detail", reference=booking.reference)
    elif request.method == "POST":
        refusal = "This booking can no longer be cancelled."
    refund_now = refund_if_cancelled(booking, now)
    return render(
        request,
        "pricing/bookings/cancel.html",
        {
            "view": view,
            "booking": booking,
            "refusal": refusal,
            "policy": booking.offer.get_cancellation_policy_display(),
            "refund_now": format_pounds(refund_now) if refund_now else "",
            "is_paid": booking.is_paid,
        },
    )


def _session_choices(booking, now) -> list[tuple[str, str]]:
    """The other sessions of the same activity that are open and have room."""
    choices = []
    for session in upcoming_sessions(booking.offer, now).exclude(pk=booking.session_id):
        if window_problem(session, now):
            continue
        left = places_left(session, now)
        if left >= booking.places:
            choices.append(
                (
                    str(session.pk),
                    f"{span(session.starts_at, session.ends_at)} ({plural(left, 'place')} left)",
                )
            )
    return choices


@family_page
@require_http_methods(["GET", "POST"])
def move(request: HttpRequest, reference: str) -> HttpResponse:
    booking = booking_of(request, reference)
    now = timezone.now()
    view = describe(booking, now)
    choices = _session_choices(booking, now) if view.can_move else []
    form = MoveForm(request.POST if request.method == "POST" else None, sessions=choices)
    if request.method == "POST" and view.can_move and form.is_valid():
        # Any session of this booking's own activity; the service refuses a full, closed
        # or started one. A session of another activity is not found here at all.
        target = Session.objects.filter(
            offer=booking.offer, pk=form.cleaned_data["session"]
        ).first()
        if target is None:
            form.add_error("session", "Select the session you want to move to")
        else:
            try:
                move_booking(booking=booking, to_session=target, by=request.user, now=now)
            except BookingError as error:
                add_domain_error(form, error)
            else:
                messages.success(
                    request,
                    f"Your booking has been moved to {span(target.starts_at, target.ends_at)}. "
                    "You do not need to pay again",
                )
                return redirect("bookings:detail", reference=booking.reference)
    errors = error_summary_items(form, fields=["session"]) if choices else []
    if request.method == "POST" and not choices and form.is_bound:
        errors = [{"href": "#main-content", "text": "There are no other sessions to move to"}]
    return render(
        request,
        "pricing/bookings/move.html",
        {"view": view, "booking": booking, "form": form, "choices": choices, "errors": errors},
    )


@family_page
@require_http_methods(["GET", "POST"])
def answer_proposal(request: HttpRequest, reference: str) -> HttpResponse:
    booking = booking_of(request, reference)
    now = timezone.now()
    view = describe(booking, now)
    refusal = ""
    if request.method == "POST":
        try:
            accepted = accept_proposal(booking=booking, family=request.user, now=now)
        except BookingError as error:
            refusal = str(error.message)
        else:
            if accepted.status == "accepted" and accepted.method == PaymentMethod.CARD:
                messages.success(request, "You have accepted the times. Pay to confirm them")
                return redirect("checkout:pay", accepted.reference)
            messages.success(request, "You have accepted the times: your booking is confirmed")
            return redirect("bookings:detail", reference=accepted.reference)
    return render(
        request,
        "pricing/bookings/answer_proposal.html",
        {
            "view": view,
            "booking": booking,
            "note": getattr(getattr(booking, "hours_request", None), "provider_note", ""),
            "refusal": refusal,
        },
    )
