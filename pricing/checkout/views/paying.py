"""The card page, switching to pay later, the confirmation and its calendar file.

Only the family that made a booking reaches these pages: the booking is always loaded
through the signed-in family's own bookings, so anyone else's reference answers 404.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from localoffer.core.csp import stripe_csp
from pricing.bookings.calendar import booking_calendar
from pricing.bookings.enums import BookingStatus
from pricing.bookings.models import Booking
from pricing.bookings.services import BookingError
from pricing.budgets.enums import ApprovalStatus, HeldAs
from pricing.budgets.models import BookingFunding
from pricing.budgets.services.approvals import payer_name
from pricing.checkout import selectors, services
from pricing.checkout.budget import NO_BUDGET
from pricing.checkout.state import Answers
from pricing.families.views import family_page
from pricing.payments.models import Payment, PaymentMethod, PaymentStatus
from pricing.payments.services import PaymentError, confirm_card_payment, start_card_payment

# Stripe.js must be loaded from Stripe (never bundled); in development and the tests the
# local Stripe serves its stand-in at the same path under its own address.
STRIPE_JS = "https://js.stripe.com/v3/"
# A PaymentMethod ("pm_...") from Stripe.js, or a card ("card_...") from the local one.
PAYMENT_METHOD_MAX_LENGTH = 255


def stripe_js_url() -> str:
    base = (getattr(settings, "STRIPE_API_BASE", "") or "").rstrip("/")
    return f"{base}/js.stripe.com/v3/" if base else STRIPE_JS


def _booking(request: HttpRequest, reference: str) -> Booking:
    booking = selectors.family_booking(request.user, reference)
    if booking is None:
        raise Http404("No booking of yours has this reference")
    return booking


def _pay_later_possible(booking: Booking) -> bool:
    return (
        booking.status == BookingStatus.HELD
        and booking.session_id is not None
        and booking.offer.accepts_invoice
    )


@family_page
@stripe_csp
@require_http_methods(["GET", "POST"])
def pay(request: HttpRequest, reference: str) -> HttpResponse:
    """GET: the card form. POST (from card-payment.js): pay with the card it collected.

    The intent is made (or found again) on the server with a key derived from the
    payment, so reloading the page never makes a second one. Confirming happens on the
    server too; when the bank wants its check (3-D Secure) the answer carries the client
    secret for Stripe.js to show it.
    """
    booking = _booking(request, reference)
    if not selectors.awaits_card_payment(booking):
        if request.method == "POST":
            return JsonResponse({"status": "done", "next": _done_url(booking)})
        return redirect("checkout:done", reference=booking.reference)
    payment = booking.payment
    assert payment is not None  # awaits_card_payment checked it
    if request.method == "POST":
        return _confirm(request, payment)
    problem = ""
    try:
        start_card_payment(payment=payment)
    except PaymentError as error:
        problem = str(error)
    return render(
        request,
        "pricing/checkout/pay.html",
        {
            "booking": booking,
            "problem": problem,
            "failure": payment.failure_message if payment.status == PaymentStatus.FAILED else "",
            "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
            "stripe_js": stripe_js_url(),
            "pay_later_possible": _pay_later_possible(booking),
            "done_url": _done_url(booking),
        },
    )


def _done_url(booking: Booking) -> str:
    return reverse("checkout:done", kwargs={"reference": booking.reference})


def _confirm(request: HttpRequest, payment: Payment) -> JsonResponse:
    method = request.POST.get("payment_method", "").strip()
    if not method or len(method) > PAYMENT_METHOD_MAX_LENGTH or not method.isascii():
        return JsonResponse({"status": "error", "message": "Enter your card details"}, status=400)
    try:
        start_card_payment(payment=payment)
        payment.refresh_from_db()
        result = confirm_card_payment(payment=payment, payment_method_id=method)
    except PaymentError as error:
        return JsonResponse({"status": "error", "message": str(error)}, status=400)
    return JsonResponse(
        {
            "status": result.status,
            "client_secret": result.client_secret,
            "message": result.message,
            "next": reverse("checkout:done", kwargs={"reference": payment.reference}),
        }
    )


@family_page
@require_POST
def pay_later(request: HttpRequest, reference: str) -> HttpResponse:
    """Give up the card hold and go back to "Check your answers" with "pay later"."""
    booking = _booking(request, reference)
    if not _pay_later_possible(booking):
        messages.info(request, "This booking cannot be changed to pay later")
        return redirect("checkout:done", reference=booking.reference)
    try:
        services.pay_later_instead(booking=booking, family=request.user, now=timezone.now())
    except BookingError as error:
        messages.info(request, error.message)
        return redirect("checkout:done", reference=booking.reference)
    funding = BookingFunding.objects.filter(booking=booking).first()
    Answers(request, booking.offer.service_id).set(
        session=booking.session_id,
        child=booking.child_id,
        places=booking.places,
        method=PaymentMethod.INVOICE.value,
        token="",
        # Paying from the direct payment still: the same part of the budget and outcome;
        # otherwise the family had said it would not pay from a budget.
        **(
            {"pot": funding.held_as, "outcome": funding.outcome_key}
            if funding
            else {"pot": NO_BUDGET}
        ),
    )
    messages.info(
        request,
        "We have released the place we were holding for you. Check your answers and "
        "confirm to book again, paying later",
    )
    return redirect("checkout:check", service=booking.offer.service_id)


@family_page
@require_GET
def done(request: HttpRequest, reference: str) -> HttpResponse:
    """The confirmation, or where the payment stands if Stripe has not said yet."""
    booking = _booking(request, reference)
    payment = booking.payment
    paying_by_card = payment is not None and booking.method == PaymentMethod.CARD
    if paying_by_card and payment is not None and services.ask_stripe(payment=payment):
        booking = _booking(request, reference)
    funding = BookingFunding.objects.select_related("budget").filter(booking=booking).first()
    return render(
        request,
        "pricing/checkout/done.html",
        {
            "booking": booking,
            "funding": funding,
            "payer": (
                payer_name(funding)
                if funding is not None and funding.held_as != HeldAs.DIRECT_PAYMENT
                else ""
            ),
            "pending": funding is not None and funding.approval == ApprovalStatus.PENDING,
            "confirmed": booking.status == BookingStatus.CONFIRMED,
            "awaiting_card": selectors.awaits_card_payment(booking),
            "payment_status": booking.payment.status if booking.payment else "",
            "now": timezone.now(),
        },
    )


@family_page
@require_GET
def calendar(request: HttpRequest, reference: str) -> HttpResponse:
    booking = _booking(request, reference)
    if booking.status != BookingStatus.CONFIRMED:
        raise Http404("Only a confirmed booking goes in a calendar")
    content = booking_calendar(booking)
    if content is None:
        raise Http404("This booking has no dates yet")
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="booking-{booking.reference}.ics"'
    return response
