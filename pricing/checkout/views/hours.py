"""Asking for hours of support, one question per page (`pricing.checkout.hours` says which
question comes next): which child, how many units, the days and times that suit, how to
pay (only when there is a choice), check your answers; and the page after sending.

The budget questions between them are in `hours_budget`. Their URLs are the family's
bookings' (/account/bookings/ask/..., names `bookings:ask...`: `bookings_urls`).
"""

from __future__ import annotations

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from localoffer.core.forms import error_summary_items
from localoffer.core.money import format_pounds
from localoffer.core.transitions import DomainError
from pricing.bookings.forms import ChildForm, MethodForm, TimesForm, UnitsForm, describe_times
from pricing.bookings.models import Booking
from pricing.bookings.services import request_hours
from pricing.bookings.views.common import booking_of, describe, family_page, plural, unit_name
from pricing.budgets.models import BookingFunding
from pricing.budgets.services import fund_booking
from pricing.checkout import budget as budgets
from pricing.checkout.hours import Asking, hours_offer
from pricing.families.selectors import children_of
from pricing.offers.models import BookableOffer
from pricing.payments.selectors import card_payments_ready


def page(request: HttpRequest, asking: Asking, template: str, **context) -> HttpResponse:
    """A question page, with the listing, the unit's name and the back link."""
    offer = asking.offer
    return render(
        request,
        f"pricing/bookings/ask/{template}.html",
        {
            "offer": offer,
            "service": offer.service,
            "unit": unit_name(offer),
            "asking": asking,
            **context,
        },
    )


def _not_taking(request: HttpRequest, offer: BookableOffer) -> HttpResponse:
    return render(request, "pricing/bookings/ask/not_taking.html", {"service": offer.service})


@family_page
@require_http_methods(["GET", "POST"])
def ask_child(request: HttpRequest, service: int) -> HttpResponse:
    offer = hours_offer(service)
    if not offer.is_bookable:
        return _not_taking(request, offer)
    children = list(children_of(request.user))
    if not children:
        return render(request, "pricing/bookings/ask/no_children.html", {"service": offer.service})
    asking = Asking.load(request, offer)
    answered = asking.data.get("child")
    form = ChildForm(
        request.POST if request.method == "POST" else None,
        initial={"child": str(answered)} if answered else None,
        children=children,
    )
    if request.method == "POST" and form.is_valid():
        asking.set(child=form.cleaned_data["child"].pk)
        return asking.next_page()
    return page(request, asking, "child", form=form, errors=error_summary_items(form), back=None)


@family_page
@require_http_methods(["GET", "POST"])
def ask_units(request: HttpRequest, service: int) -> HttpResponse:
    asking = Asking.load(request, hours_offer(service))
    if skipped := asking.guard("ask_units"):
        return skipped
    answered = asking.data.get("units")
    form = UnitsForm(
        request.POST if request.method == "POST" else None,
        initial={"units": answered} if answered else None,
        unit=unit_name(asking.offer),
    )
    if request.method == "POST" and form.is_valid():
        asking.set(units=form.cleaned_data["units"])
        return asking.next_page()
    return page(
        request,
        asking,
        "units",
        form=form,
        errors=error_summary_items(form),
        price=format_pounds(asking.unit_price),
        back=asking.previous_url("ask_units"),
    )


@family_page
@require_http_methods(["GET", "POST"])
def ask_times(request: HttpRequest, service: int) -> HttpResponse:
    asking = Asking.load(request, hours_offer(service))
    if skipped := asking.guard("ask_times"):
        return skipped
    form = TimesForm(
        request.POST if request.method == "POST" else None, initial=asking.data.get("times_form")
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        asking.set(
            times_form={
                "days": data["days"],
                "parts_of_day": data["parts_of_day"],
                "times_note": data["times_note"],
                "message": data["message"],
            },
            times=describe_times(data["days"], data["parts_of_day"], data["times_note"]),
            message=data["message"].strip(),
        )
        return asking.next_page()
    return page(
        request,
        asking,
        "times",
        form=form,
        errors=error_summary_items(form, fields=["days", "parts_of_day", "times_note", "message"]),
        back=asking.previous_url("ask_times"),
    )


@family_page
@require_http_methods(["GET", "POST"])
def ask_method(request: HttpRequest, service: int) -> HttpResponse:
    asking = Asking.load(request, hours_offer(service))
    if skipped := asking.guard("ask_method"):
        return skipped
    if asking.paid_by_others:  # the council (or the third party) pays on invoice
        return asking.next_page()
    answered = asking.data.get("method")
    form = MethodForm(
        request.POST if request.method == "POST" else None,
        initial={"method": answered} if answered else None,
        methods=asking.methods(),
    )
    if request.method == "POST" and form.is_valid():
        asking.set(method=form.cleaned_data["method"])
        return asking.next_page()
    return page(
        request,
        asking,
        "method",
        form=form,
        errors=error_summary_items(form),
        back=asking.previous_url("ask_method"),
    )


def _send(request: HttpRequest, asking: Asking) -> Booking:
    """Send the request and, paying from the budget, commit its money, in one transaction.

    `fund_booking` locks the budget and refuses what it cannot pay for (not enough
    available, a category it cannot buy...): its refusal rolls the request back too, so
    the provider is never asked for support the budget then does not pay for (and is
    not emailed: the emails go once the transaction commits). The same "Send request"
    pressed twice finds the first request, funded the first time.
    """
    assert asking.child is not None
    with transaction.atomic():
        booking = request_hours(
            family=request.user,
            child=asking.child,
            offer=asking.offer,
            units=asking.data["units"],
            suitable_times=asking.data["times"],
            message=asking.data.get("message", ""),
            method=asking.method,
            now=timezone.now(),
            card_ready=card_payments_ready(asking.offer.organisation),
            idempotency_key=asking.data["token"],
        )
        already = BookingFunding.objects.filter(booking=booking).exists()
        if asking.from_budget and not already:
            assert asking.budget is not None and asking.outcome is not None
            fund_booking(
                booking=booking,
                budget=asking.budget,
                held_as=asking.pot,
                outcome_key=asking.outcome.key,
                by=request.user,
            )
        return booking


@family_page
@require_http_methods(["GET", "POST"])
def ask_check(request: HttpRequest, service: int) -> HttpResponse:
    """Show the answers with "Change" links; sending makes the request (and commits the
    budget's money). A refusal is shown at the top, with every answer kept."""
    asking = Asking.load(request, hours_offer(service))
    posted_token = request.POST.get("token", "") if request.method == "POST" else ""
    if posted_token:
        # The same "Send request" again, after the first one was sent: show that one.
        sent = Booking.objects.filter(
            family_id=request.user.pk, idempotency_key=posted_token
        ).first()
        if sent is not None:
            return redirect("bookings:request_sent", reference=sent.reference)
    if skipped := asking.guard("ask_check"):
        return skipped
    refusal = ""
    if request.method == "POST":
        if posted_token != asking.data["token"]:
            refusal = "This form has expired. Check your answers and send the request again."
        else:
            try:
                booking = _send(request, asking)
            except DomainError as error:  # the request's rules, or the budget's
                refusal = str(error.message)
            else:
                asking.clear()
                return redirect("bookings:request_sent", reference=booking.reference)
    unit = unit_name(asking.offer)
    total = asking.total
    methods = dict(asking.methods())
    return page(
        request,
        asking,
        "check",
        child=asking.child,
        units=plural(asking.units, unit),
        total=format_pounds(total) if total else "Free",
        times=asking.data["times"],
        message=asking.data.get("message", ""),
        method=methods.get(asking.method, "") if total and not asking.paid_by_others else "",
        show_method=asking.asks_method,
        pot=next((p for p in asking.pots if p.held_as == asking.pot), None),
        payer=budgets.payer(asking.budget, asking.pot),
        needs_approval=budgets.needs_approval(asking.budget, asking.pot, total),
        token=asking.data["token"],
        refusal=refusal,
        errors=[{"href": "#send", "text": refusal}] if refusal else [],
        back=asking.previous_url("ask_check"),
    )


@family_page
def request_sent(request: HttpRequest, reference: str) -> HttpResponse:
    booking = booking_of(request, reference)
    if not hasattr(booking, "hours_request"):
        raise Http404("Not a request for hours")
    return render(
        request,
        "pricing/bookings/ask/sent.html",
        {"booking": booking, "view": describe(booking, timezone.now())},
    )
