"""Asking for hours of support, one question per page: which child, how many units, the
days and times that suit, how to pay (only when there is a choice), check your answers.

The answers are kept in the session under the listing's id until the request is sent.
The check-your-answers form carries an idempotency key made when the questions began,
so a double-submitted "Send request" makes one request (`request_hours` returns the
first) and a submit after the answers were cleared finds the request already made.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from localoffer.core.forms import error_summary_items
from localoffer.core.money import format_pounds, round_money
from pricing.bookings.forms import ChildForm, MethodForm, TimesForm, UnitsForm, describe_times
from pricing.bookings.models import Booking
from pricing.bookings.services import BookingError, request_hours
from pricing.bookings.views.common import booking_of, describe, family_page, plural, unit_name
from pricing.families.selectors import children_of
from pricing.offers.enums import OfferKind
from pricing.offers.models import BookableOffer
from pricing.offers.selectors import offer_for_service
from pricing.payments.models import PaymentMethod
from pricing.payments.selectors import card_payments_ready
from providers.models import ServicePage

STEPS = ["ask", "ask_units", "ask_times", "ask_method", "ask_check"]


def _offer(service_id: int) -> BookableOffer:
    """The listing's hours offer; any other listing (or one without an offer) is 404."""
    service = get_object_or_404(ServicePage.objects.live(), pk=service_id)
    offer = offer_for_service(service)
    if offer is None or offer.kind != OfferKind.HOURS:
        raise Http404("This listing does not take requests for hours of support")
    return offer


def _price(offer: BookableOffer) -> Decimal:
    return offer.unit_price if offer.unit_price is not None else Decimal("0.00")


def _key(service_id: int) -> str:
    return f"bookings.ask.{service_id}"


def _answers(request: HttpRequest, service_id: int) -> dict[str, Any]:
    answers = request.session.get(_key(service_id))
    if not isinstance(answers, dict) or "token" not in answers:
        answers = {"token": uuid.uuid4().hex}
    return answers


def _save(request: HttpRequest, service_id: int, answers: dict[str, Any]) -> None:
    request.session[_key(service_id)] = answers


def _methods(offer: BookableOffer) -> list[tuple[str, str]]:
    labels = dict(PaymentMethod.choices)
    labels[PaymentMethod.INVOICE] = "Pay later, on an invoice from the provider"
    ready = card_payments_ready(offer.organisation)
    return [(m, labels[m]) for m in offer.payment_methods(card_ready=ready)]


def _needs_method(offer: BookableOffer) -> bool:
    return offer.unit_price != 0 and len(_methods(offer)) > 1


def _first_missing(offer: BookableOffer, answers: dict[str, Any]) -> str | None:
    if "child" not in answers:
        return "ask"
    if "units" not in answers:
        return "ask_units"
    if "times" not in answers:
        return "ask_times"
    if _needs_method(offer) and "method" not in answers:
        return "ask_method"
    return None


def _next(offer: BookableOffer, answers: dict[str, Any], step: str) -> HttpResponse:
    """After a step: back to check your answers once everything is known, else onwards."""
    service_id = offer.service_id
    missing = _first_missing(offer, answers)
    if missing is None or answers.get("checking"):
        return redirect(f"bookings:{missing or 'ask_check'}", service=service_id)
    return redirect(f"bookings:{missing}", service=service_id)


def _page(request: HttpRequest, offer: BookableOffer, template: str, **context: Any) -> Any:
    back = context.pop("back", None)
    return render(
        request,
        f"pricing/bookings/ask/{template}.html",
        {
            "offer": offer,
            "service": offer.service,
            "unit": unit_name(offer),
            "back": back,
            **context,
        },
    )


def _guard(request: HttpRequest, offer: BookableOffer, step: str) -> HttpResponse | None:
    """Send someone who skipped ahead back to the first question not yet answered."""
    missing = _first_missing(offer, _answers(request, offer.service_id))
    if missing is not None and STEPS.index(missing) < STEPS.index(step):
        return redirect(f"bookings:{missing}", service=offer.service_id)
    return None


@family_page
@require_http_methods(["GET", "POST"])
def ask_child(request: HttpRequest, service: int) -> HttpResponse:
    offer = _offer(service)
    if not offer.is_bookable:
        return render(request, "pricing/bookings/ask/not_taking.html", {"service": offer.service})
    children = list(children_of(request.user))
    if not children:
        return render(request, "pricing/bookings/ask/no_children.html", {"service": offer.service})
    answers = _answers(request, service)
    initial = {"child": str(answers["child"])} if "child" in answers else None
    form = ChildForm(
        request.POST if request.method == "POST" else None, initial=initial, children=children
    )
    if request.method == "POST" and form.is_valid():
        answers["child"] = form.cleaned_data["child"].pk
        _save(request, service, answers)
        return _next(offer, answers, "ask")
    return _page(request, offer, "child", form=form, errors=error_summary_items(form), back=None)


@family_page
@require_http_methods(["GET", "POST"])
def ask_units(request: HttpRequest, service: int) -> HttpResponse:
    offer = _offer(service)
    if skipped := _guard(request, offer, "ask_units"):
        return skipped
    answers = _answers(request, service)
    initial = {"units": answers["units"]} if "units" in answers else None
    form = UnitsForm(
        request.POST if request.method == "POST" else None, initial=initial, unit=unit_name(offer)
    )
    if request.method == "POST" and form.is_valid():
        answers["units"] = form.cleaned_data["units"]
        _save(request, service, answers)
        return _next(offer, answers, "ask_units")
    return _page(
        request,
        offer,
        "units",
        form=form,
        errors=error_summary_items(form),
        price=format_pounds(_price(offer)),
        back=reverse("bookings:ask", kwargs={"service": service}),
    )


@family_page
@require_http_methods(["GET", "POST"])
def ask_times(request: HttpRequest, service: int) -> HttpResponse:
    offer = _offer(service)
    if skipped := _guard(request, offer, "ask_times"):
        return skipped
    answers = _answers(request, service)
    initial = answers.get("times_form")
    form = TimesForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        answers["times_form"] = {
            "days": data["days"],
            "parts_of_day": data["parts_of_day"],
            "times_note": data["times_note"],
            "message": data["message"],
        }
        answers["times"] = describe_times(data["days"], data["parts_of_day"], data["times_note"])
        answers["message"] = data["message"].strip()
        _save(request, service, answers)
        return _next(offer, answers, "ask_times")
    return _page(
        request,
        offer,
        "times",
        form=form,
        errors=error_summary_items(form, fields=["days", "parts_of_day", "times_note", "message"]),
        back=reverse("bookings:ask_units", kwargs={"service": service}),
    )


@family_page
@require_http_methods(["GET", "POST"])
def ask_method(request: HttpRequest, service: int) -> HttpResponse:
    offer = _offer(service)
    if skipped := _guard(request, offer, "ask_method"):
        return skipped
    answers = _answers(request, service)
    initial = {"method": answers["method"]} if "method" in answers else None
    form = MethodForm(
        request.POST if request.method == "POST" else None, initial=initial, methods=_methods(offer)
    )
    if request.method == "POST" and form.is_valid():
        answers["method"] = form.cleaned_data["method"]
        _save(request, service, answers)
        return redirect("bookings:ask_check", service=service)
    return _page(
        request,
        offer,
        "method",
        form=form,
        errors=error_summary_items(form),
        back=reverse("bookings:ask_times", kwargs={"service": service}),
    )


def _method(offer: BookableOffer, answers: dict[str, Any]) -> str:
    if "method" in answers:
        return str(answers["method"])
    methods = _methods(offer)
    return methods[0][0] if methods else ""


@family_page
@require_http_methods(["GET", "POST"])
def ask_check(request: HttpRequest, service: int) -> HttpResponse:
    offer = _offer(service)
    posted_token = request.POST.get("token", "") if request.method == "POST" else ""
    if posted_token:
        # The same "Send request" again, after the first one was sent: show that one.
        sent = Booking.objects.filter(
            family_id=request.user.pk, idempotency_key=posted_token
        ).first()
        if sent is not None:
            return redirect("bookings:request_sent", reference=sent.reference)
    if skipped := _guard(request, offer, "ask_check"):
        return skipped
    answers = _answers(request, service)
    answers["checking"] = True
    _save(request, service, answers)
    child = children_of(request.user).filter(pk=answers["child"]).first()
    if child is None:
        return redirect("bookings:ask", service=service)
    method = _method(offer, answers)
    refusal = ""
    if request.method == "POST":
        if posted_token != answers["token"]:
            refusal = "This form has expired. Check your answers and send the request again."
        else:
            try:
                booking = request_hours(
                    family=request.user,
                    child=child,
                    offer=offer,
                    units=answers["units"],
                    suitable_times=answers["times"],
                    message=answers.get("message", ""),
                    method=method,
                    now=timezone.now(),
                    card_ready=card_payments_ready(offer.organisation),
                    idempotency_key=answers["token"],
                )
            except BookingError as error:
                refusal = str(error.message)
            else:
                request.session.pop(_key(service), None)
                return redirect("bookings:request_sent", reference=booking.reference)
    unit = unit_name(offer)
    total = round_money(_price(offer) * answers["units"])
    methods = dict(_methods(offer))
    return _page(
        request,
        offer,
        "check",
        child=child,
        units=plural(answers["units"], unit),
        total=format_pounds(total) if total else "Free",
        times=answers["times"],
        message=answers.get("message", ""),
        method=methods.get(method, "") if total else "",
        show_method=_needs_method(offer),
        token=answers["token"],
        refusal=refusal,
        errors=[{"href": "#send", "text": refusal}] if refusal else [],
    )


@family_page
def request_sent(request: HttpRequest, reference: str) -> HttpResponse:
    booking = booking_of(request, reference)
    if not hasattr(booking, "hours_request"):
        raise Http404("Not a request for hours")
    return render(
        request,
        "pricing/bookings/ask/sent.html",
        {
            "booking": booking,
            "view": describe(booking, timezone.now()),
        },
    )
