"""The journey's questions, one per page, then "Check your answers" and the booking.

GET shows the question with the answer given before; POST checks it against what can be
booked now, keeps it in the session and goes to the next question still to answer (the
check page once all are answered, which is also where a "Change" link comes back to).
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from localoffer.core.money import format_pounds
from localoffer.core.transitions import DomainError
from pricing.bookings.models import Booking
from pricing.bookings.services import BookingError, confirm_booking, hold_places
from pricing.budgets.models import BookingFunding
from pricing.budgets.services import fund_booking
from pricing.checkout import budget as budgets
from pricing.checkout import forms, selectors
from pricing.checkout.views.common import Journey, journey_page, journey_render
from pricing.families.selectors import children_of
from pricing.families.services import share_profile
from pricing.invoices.family_forms import CustomerDetailsForm
from pricing.invoices.services import save_customer_details
from pricing.payments.models import PaymentMethod


@journey_page
@require_http_methods(["GET", "POST"])
def choose_session(request: HttpRequest, journey: Journey) -> HttpResponse:
    choices = selectors.session_choices(journey.offer, journey.now)
    if request.method == "POST":
        form = forms.SessionForm(request.POST, choices=choices)
        if form.is_valid():
            chosen = form.cleaned_data["session"]
            journey.answers.set(session=chosen.session.pk)
            return journey.next_page()
    else:
        answered = journey.answers.get("session")
        form = forms.SessionForm(initial={"session": str(answered or "")}, choices=choices)
    unavailable = [
        (choice, reverse("bookings:join_waiting_list", args=[choice.session.pk]))
        for choice in choices
        if not choice.can_book
    ]
    return journey_render(
        request,
        journey,
        "session.html",
        form=form,
        choices=choices,
        bookable=[choice for choice in choices if choice.can_book],
        unavailable=unavailable,
        selected=str(form["session"].value() or ""),
    )


@journey_page
@require_http_methods(["GET", "POST"])
def choose_child(request: HttpRequest, journey: Journey) -> HttpResponse:
    if earlier := journey.before("child"):
        return earlier
    children = children_of(request.user).order_by("first_name", "pk")
    if request.method == "POST":
        form = forms.ChildForm(request.POST, children=children)
        if form.is_valid():
            journey.answers.set(child=form.cleaned_data["child"].pk)
            return journey.next_page()
    else:
        form = forms.ChildForm(
            initial={"child": str(journey.answers.get("child") or "")}, children=children
        )
    return journey_render(request, journey, "child.html", form=form, has_children=children.exists())


@journey_page
@require_http_methods(["GET", "POST"])
def choose_places(request: HttpRequest, journey: Journey) -> HttpResponse:
    if earlier := journey.before("places"):
        return earlier
    if request.method == "POST":
        form = forms.PlacesForm(request.POST, most=journey.most_places)
        if form.is_valid():
            journey.answers.set(places=form.cleaned_data["places"])
            return journey.next_page()
    else:
        form = forms.PlacesForm(
            initial={"places": journey.answers.get("places") or 1}, most=journey.most_places
        )
    return journey_render(
        request, journey, "places.html", form=form, back_url=journey.previous_url("places")
    )


@journey_page
@require_http_methods(["GET", "POST"])
def choose_method(request: HttpRequest, journey: Journey) -> HttpResponse:
    if earlier := journey.before("method"):
        return earlier
    if journey.is_free or budgets.paid_by_others(journey.pot):
        return journey.next_page()
    methods = selectors.payment_methods(journey.offer)
    if request.method == "POST":
        form = forms.MethodForm(request.POST, methods=methods)
        if form.is_valid():
            journey.answers.set(method=form.cleaned_data["method"])
            return journey.next_page()
    else:
        form = forms.MethodForm(
            initial={"method": journey.answers.get("method") or ""}, methods=methods
        )
    return journey_render(
        request,
        journey,
        "method.html",
        form=form,
        back_url=journey.previous_url("method"),
        from_direct_payment=journey.from_budget,
    )


@journey_page
@require_http_methods(["GET", "POST"])
def choose_address(request: HttpRequest, journey: Journey) -> HttpResponse:
    """The name and address for the family's invoices, the first time it pays."""
    if earlier := journey.before("address"):
        return earlier
    if not journey.asks_address:
        return journey.next_page()
    if request.method == "POST":
        form = CustomerDetailsForm(request.POST)
        if form.is_valid():
            journey.answers.set(
                invoice_name=form.cleaned_data["name"],
                invoice_address=form.cleaned_data["address"],
            )
            return journey.next_page()
    else:
        form = CustomerDetailsForm.for_user(request.user)  # the account's name, to start with
        if journey.answers.get("invoice_address"):  # back to change what was given
            form.initial.update(
                name=journey.answers.get("invoice_name"),
                address=journey.answers.get("invoice_address"),
            )
    return journey_render(
        request, journey, "address.html", form=form, back_url=journey.previous_url("address")
    )


@journey_page
@require_http_methods(["GET", "POST"])
def check_answers(request: HttpRequest, journey: Journey) -> HttpResponse:
    """Show the answers with "Change" links; confirming holds the places.

    The form carries the journey's one-time token, which `hold_places` stores on the
    booking: a second press (or a second tab) finds the booking the first one made.
    """
    posted = request.POST.get("token", "") if request.method == "POST" else ""
    if posted:
        made = selectors.family_bookings_with_key(request.user, posted).first()
        if made is not None:
            return _after_booking(request, journey, made)
    if earlier := journey.before("check"):
        if request.method == "POST":
            messages.info(request, "Something you chose can no longer be booked: choose again")
        return earlier
    problems: list[str] = []
    if request.method == "POST":
        form = forms.ConfirmForm(request.POST)
        if not form.is_valid() or form.cleaned_data["token"] != journey.answers.get("token"):
            problems.append("This page was out of date. Check your answers and confirm again")
        else:
            try:
                booking = _hold(request, journey, form.cleaned_data["token"])
            except DomainError as error:  # the session's rules or the budget's
                problems.append(str(error))
            else:
                return _after_booking(request, journey, booking)
    return journey_render(
        request,
        journey,
        "check.html",
        errors=[{"href": "#confirm", "text": text} for text in problems],
        token=journey.answers.token(),
        total=format_pounds(journey.total),
        unit_price=format_pounds(journey.unit_price),
        method_label=forms.METHOD_LABELS.get(journey.method or "", ""),
        back_url=journey.previous_url("check"),
        pot=next((p for p in journey.pots or [] if p.held_as == journey.pot), None),
        paid_by_others=budgets.paid_by_others(journey.pot),
        payer=budgets.payer(journey.budget, journey.pot),
        needs_approval=budgets.needs_approval(journey.budget, journey.pot, journey.total),
    )


def _hold(request: HttpRequest, journey: Journey, token: str) -> Booking:
    """Save the name and address for the family's invoices if it gave them, hold the
    places and, paying from the budget, commit its money, and record the consent to
    share the child's profile if the family said yes, in one transaction.

    The family's details row is locked first (as the shared booking pages do), then
    `hold_places` the session's row, `fund_booking` the budget's and `share_profile`
    the child's (always in that order), so two bookings racing for the budget's last
    pounds queue on the budget and the second is refused; its refusal rolls its hold
    back too, and a booking that is refused shares and saves nothing. A second press
    finds the first consent (`share_profile` keeps one active consent per organisation)
    and the details saved (the question is no longer asked).
    """
    assert journey.choice is not None and journey.child is not None and journey.places
    with transaction.atomic():
        if journey.asks_address:
            save_customer_details(
                user=request.user,
                name=journey.answers.get("invoice_name"),
                address=journey.answers.get("invoice_address"),
            )
        booking = hold_places(
            family=request.user,
            child=journey.child,
            session=journey.choice.session,
            places=journey.places,
            method=journey.method or "",
            now=journey.now,
            card_ready=selectors.card_ready(journey.offer),
            idempotency_key=token,
        )
        already = BookingFunding.objects.filter(booking=booking).exists()  # a second press
        if journey.from_budget and not already:
            assert journey.budget is not None and journey.outcome is not None
            fund_booking(
                booking=booking,
                budget=journey.budget,
                held_as=journey.pot,
                outcome_key=journey.outcome.key,
                by=request.user,
            )
        if journey.shares_profile:
            share_profile(
                child=journey.child,
                organisation=journey.offer.organisation,
                by=request.user,
                purpose=booking.sharing_purpose,
            )
        return booking


def _after_booking(request: HttpRequest, journey: Journey, booking) -> HttpResponse:
    """Card: to the card page. Pay later or free: confirmed now, to the confirmation."""
    journey.answers.clear()
    if booking.method == PaymentMethod.CARD:
        return redirect("checkout:pay", reference=booking.reference)
    try:
        confirm_booking(booking=booking, now=journey.now, by=request.user)
    except BookingError as error:
        messages.info(request, error.message)
    return redirect("checkout:done", reference=booking.reference)
