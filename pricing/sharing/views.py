"""The shared booking's pages for families, at /book/together/.

Start (from a listing with a group price): choose the session, then everything else on
one page. The group's page is for its members only; anyone else gets 404, as if it did
not exist. Joining needs the link: a made-up or replaced link is 404 too. The views only
read and call the services, which check everything again.
"""

from __future__ import annotations

import secrets
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from localoffer.core.forms import add_domain_error, error_summary_items
from localoffer.core.money import format_pounds
from localoffer.core.transitions import DomainError
from pricing.budgets.enums import SharedStatus, ShareStatus
from pricing.checkout import budget as budgets
from pricing.checkout import selectors as checkout
from pricing.families.selectors import children_of
from pricing.families.views import family_page
from pricing.invoices.services import save_customer_details
from pricing.offers.models import BookableOffer
from pricing.payments.models import PaymentMethod
from pricing.sharing import selectors, services
from pricing.sharing.forms import JoinForm, SessionForm, StartForm, ask_invoice_details

LINK_KEY = "sharing-link-{}"  # the organiser's session keeps the link it was shown


def share_unpaid(share) -> bool:
    return share.status == ShareStatus.JOINED


def _group_offer(service: int) -> BookableOffer:
    offer = checkout.bookable_offer(service)
    if offer is None or offer.group_price is None or not offer.group_size:
        raise Http404("This listing does not offer a group price")
    return offer


def _errors(
    form, radios: tuple[str, ...] = (), first: str | None = None, order: list[str] | None = None
) -> list[dict]:
    anchors = {name: f"id_{name}" for name in radios}
    return error_summary_items(form, fields=order, anchors=anchors, form_errors_at=first)


def _invoice_details_asked(request: HttpRequest, form) -> None:
    """Ask for the name and address for invoices if the family has not given them."""
    if not checkout.has_invoice_address(request.user):
        ask_invoice_details(form, request.user)


def _save_invoice_details(request: HttpRequest, form) -> None:
    """Save the name and address given on `form` (if it asked), first in the transaction
    that starts or joins the shared booking: the invoices made when the last share is
    paid, in that transaction, print them; a refusal saves nothing."""
    if "address" in form.fields:
        save_customer_details(
            user=request.user,
            name=form.cleaned_data["name"],
            address=form.cleaned_data["address"],
        )


def _budget_questions(request: HttpRequest, form, children, offer: BookableOffer) -> None:
    """Ask whether to pay the share from a personal budget, if a child of the family has one."""
    form.ask_budget(budgets.budgets_of_children(request.user, children, offer))


def _budget_context(form) -> dict[str, Any]:
    """What the budget questions' part of the page shows (nothing without the questions)."""
    if "budget" not in form.fields:
        return {}
    return {
        "budget_options": form.budget_options,
        "unavailable": form.unavailable_pots,
        "budget_hint": (
            "Your share is set aside from the budget as soon as you send this form, and "
            "given back if the shared booking does not go ahead."
        ),
        "outcome_hint": (
            "A personal budget can only pay for support that helps with an outcome agreed "
            "in your child's plan."
        ),
        "method_hint_budget": (
            "If the council or a third party pays your share from the budget, you do not "
            "need to answer this: they pay the provider's invoice."
        ),
    }


def _show_domain_error(form, error: DomainError) -> None:
    if error.field == "amounts":
        form.add_error("amount_1", error.message)
    elif error.field == "session":
        form.add_error(None, error.message)
    else:
        add_domain_error(form, error)


@family_page
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, service: int) -> HttpResponse:
    """Which session the group shares."""
    offer = _group_offer(service)
    choices = selectors.group_sessions(offer, timezone.now())
    form = SessionForm(request.POST if request.method == "POST" else None, choices=choices)
    if request.method == "POST" and form.is_valid():
        return redirect("sharing:details", service=service, session=form.cleaned_data["session"])
    return render(
        request,
        "pricing/sharing/start.html",
        {
            "offer": offer,
            "service": offer.service,
            "choices": choices,
            "form": form,
            "group_price": format_pounds(offer.group_price or Decimal("0.00")),
            "errors": _errors(form, radios=("session",)),
        },
    )


@family_page
@require_http_methods(["GET", "POST"])
def details(request: HttpRequest, service: int, session: int) -> HttpResponse:
    """The group, the split, the deadline, how to pay and who to invite."""
    offer = _group_offer(service)
    now = timezone.now()
    chosen = checkout.session_choice(offer, session, now)
    if chosen is None:
        raise Http404("Not one of this listing's sessions")
    assert offer.group_size is not None and offer.group_price is not None
    deadlines = selectors.deadline_choices(chosen.session, now)
    children = children_of(request.user).order_by("first_name", "pk")
    kwargs: dict[str, Any] = {
        "children": children,
        "deadlines": deadlines,
        "methods": checkout.payment_methods(offer),
        "group_size": offer.group_size,
    }
    if request.method == "POST":
        form = StartForm(request.POST, **kwargs)
        _invoice_details_asked(request, form)
        _budget_questions(request, form, children, offer)
        if form.is_valid():
            try:
                with transaction.atomic():
                    _save_invoice_details(request, form)
                    started = services.start_shared_booking(
                        organiser=request.user,
                        child=children.get(pk=form.cleaned_data["child"]),
                        session=chosen.session,
                        children=form.cleaned_data["children"],
                        split=form.cleaned_data["split"],
                        amounts=form.amounts(),
                        deadline=form.cleaned_data["deadline"].at,
                        method=form.paying_method(),
                        invitees=form.cleaned_data["invite"],
                        now=now,
                        card_ready=checkout.card_ready(offer),
                        idempotency_key=form.cleaned_data["token"] or None,
                        pay_from=form.pay_from(),
                    )
            except DomainError as error:
                _show_domain_error(form, error)
            else:
                if started.token:
                    request.session[LINK_KEY.format(started.shared.reference)] = started.token
                messages.success(request, "You have started a shared booking")
                return redirect("sharing:detail", reference=started.shared.reference)
    else:
        form = StartForm(
            initial={
                "children": 2,
                "split": "equal",
                "deadline": selectors.default_deadline_key(deadlines, chosen.session),
                "token": secrets.token_urlsafe(16),
            },
            **kwargs,
        )
        _invoice_details_asked(request, form)
        _budget_questions(request, form, children, offer)
    return render(
        request,
        "pricing/sharing/details.html",
        {
            "offer": offer,
            "service": offer.service,
            "session": chosen.session,
            "places_left": chosen.places_left,
            "form": form,
            "has_children": children.exists(),
            "group_price": format_pounds(offer.group_price),
            **_budget_context(form),
            "errors": _errors(
                form,
                radios=("child", "split", "deadline", "budget", "outcome", "method"),
                first="children",
                # In the page's order: the amounts come under the split.
                order=[
                    "child",
                    "children",
                    "split",
                    *(field.name for field in form.amount_fields()),
                    "deadline",
                    *(name for name in ("budget", "outcome") if name in form.fields),
                    "method",
                    "invite",
                    "name",
                    "address",
                ],
            ),
        },
    )


def _member_shared(request: HttpRequest, reference: str):
    shared = selectors.shared_of_member(request.user, reference)
    if shared is None:
        raise Http404("No shared booking of yours has this reference")
    return shared


@family_page
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    """The group's page: where it stands, each share's state, the link to pass on."""
    shared = _member_shared(request, reference)
    organiser = shared.organiser_id == request.user.pk
    collecting = shared.status == SharedStatus.COLLECTING
    link = ""
    if organiser and collecting:
        token = request.session.get(LINK_KEY.format(shared.reference), "")
        if token and services.shared_for_token(token) == shared:
            link = request.build_absolute_uri(reverse("sharing:join", args=[token]))
    rows = selectors.share_rows(shared, request.user)
    return render(
        request,
        "pricing/sharing/detail.html",
        {
            "shared": shared,
            "service": shared.offer.service,
            "rows": rows,
            "mine": [row for row in rows if row.mine],
            "organiser": organiser,
            "organiser_name": (shared.organiser.first_name or "").strip() or "Another family",
            "collecting": collecting,
            "link": link,
            "group_price": format_pounds(shared.group_price),
            "paid": sum(1 for row in rows if row.state in ("Paid", "Paying on invoice")),
        },
    )


@family_page
@require_POST
def new_link(request: HttpRequest, reference: str) -> HttpResponse:
    shared = _member_shared(request, reference)
    try:
        token = services.new_link(shared=shared, by=request.user)
    except DomainError as error:
        messages.info(request, error.message)
    else:
        request.session[LINK_KEY.format(shared.reference)] = token
        messages.success(request, "We have made a new link. The old link no longer works")
    return redirect("sharing:detail", reference=shared.reference)


@family_page
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, reference: str) -> HttpResponse:
    shared = _member_shared(request, reference)
    if shared.organiser_id != request.user.pk or shared.status != SharedStatus.COLLECTING:
        raise Http404("Only the organiser can cancel a shared booking still collecting")
    problem = ""
    if request.method == "POST":
        try:
            services.cancel_shared(shared=shared, by=request.user, now=timezone.now())
        except DomainError as error:
            problem = str(error.message)
        else:
            messages.success(request, "You have cancelled the shared booking")
            return redirect("sharing:detail", reference=shared.reference)
    return render(
        request,
        "pricing/sharing/cancel.html",
        {
            "shared": shared,
            "service": shared.offer.service,
            "errors": [{"href": "#cancel", "text": problem}] if problem else [],
        },
    )


@family_page
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, token: str) -> HttpResponse:
    """What the link is for, and joining it with one of the family's children."""
    shared = services.shared_for_token(token)
    if shared is None:
        raise Http404("This link is not valid")
    now = timezone.now()
    offer = shared.offer
    children = children_of(request.user).order_by("first_name", "pk")
    methods = checkout.payment_methods(offer)
    form = JoinForm(
        request.POST if request.method == "POST" else None, children=children, methods=methods
    )
    _invoice_details_asked(request, form)
    _budget_questions(request, form, children, offer)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                _save_invoice_details(request, form)
                share = services.join_shared_booking(
                    token=token,
                    family=request.user,
                    child=children.get(pk=form.cleaned_data["child"]),
                    method=form.paying_method(),
                    now=now,
                    card_ready=checkout.card_ready(offer),
                    pay_from=form.pay_from(),
                )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            booking = share.booking
            if booking is not None and booking.method == PaymentMethod.CARD and share_unpaid(share):
                return redirect("checkout:pay", reference=booking.reference)
            messages.success(request, "You have joined the shared booking")
            return redirect("sharing:detail", reference=shared.reference)
    free, problem = selectors.free_share_for(shared, request.user)
    if shared.status != SharedStatus.COLLECTING or now >= shared.deadline:
        problem = "This shared booking is not taking new families."
    return render(
        request,
        "pricing/sharing/join.html",
        {
            "shared": shared,
            "service": offer.service,
            "form": form,
            "share_total": (
                format_pounds(selectors.share_total(free, offer)) if free is not None else ""
            ),
            "problem": problem,
            "member": selectors.shared_of_member(request.user, shared.reference) is not None,
            "organiser_name": (shared.organiser.first_name or "").strip() or "A family",
            "has_children": children.exists(),
            "token": token,
            **_budget_context(form),
            "errors": _errors(
                form,
                radios=("child", "budget", "outcome", "method"),
                order=[
                    "child",
                    *(name for name in ("budget", "outcome") if name in form.fields),
                    "method",
                    *(name for name in ("name", "address") if name in form.fields),
                ],
            ),
        },
    )
