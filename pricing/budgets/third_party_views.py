"""The third party's pages under /account/third-party/: the budgets it holds money for,
accepting the officer's invitation, one budget's part with the bookings waiting for its
decision and the invoices made out to it, and the decision itself.

Anonymous visitors sign in first (or create an account, as families do: allauth keeps
where they were going). Council staff are told this is not for their account (403): they
decide as officers in the admin. Anyone else signed in reaches only the budgets whose
accepted third party they are (`third_party_selectors.budgets_held_by`): another
budget's reference, or a booking not paid from the part they hold, answers 404, the same
as one that does not exist. The decision calls the officer's own services, which check
again who may decide. Documents are downloaded through the invoices' own download,
which lets the third party a document is made out to read it.

Forms are plain POSTs with post/redirect/get, so every page works without JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from localoffer.core.forms import add_domain_error, error_summary_items
from localoffer.core.roles import is_council_staff
from localoffer.core.transitions import DomainError
from pricing.budgets import third_party_selectors as selectors
from pricing.budgets.approval_forms import DecisionForm
from pricing.budgets.enums import ApprovalStatus
from pricing.budgets.services import approvals
from pricing.budgets.services.third_party import (
    accept_third_party_invitation,
    child_first_name,
    council_name,
    third_party_invitation_for,
)
from pricing.families.access import is_family_account

TEMPLATES = "pricing/budgets/third_party"
QUESTION = "Will you pay for this booking from the money you hold?"


def third_party_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Sign in first; never for council staff; never cached (the pages are personal)."""

    @wraps(view)
    @never_cache
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if is_council_staff(request.user):
            return render(request, f"{TEMPLATES}/council_account.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped


@third_party_page
@require_GET
def held_list(request: HttpRequest) -> HttpResponse:
    return render(request, f"{TEMPLATES}/list.html", {"rows": selectors.held_budgets(request.user)})


@third_party_page
@require_http_methods(["GET", "POST"])
def accept(request: HttpRequest, token: str) -> HttpResponse:
    """One button: a GET never accepts (email scanners open every link)."""
    invitation = third_party_invitation_for(token)
    if invitation is None:
        return render(request, f"{TEMPLATES}/invitation_used.html", status=404)
    budget = invitation.budget
    errors: list[dict[str, Any]] = []
    if request.method == "POST":
        try:
            budget = accept_third_party_invitation(token=token, user=request.user)
        except DomainError as error:
            errors = [{"href": "#accept", "text": error.message}]
        else:
            messages.success(
                request,
                f"You can now decide on bookings paid from the part of "
                f"{child_first_name(budget)}'s budget you hold",
            )
            return redirect("third_party:detail", reference=budget.reference)
    return render(
        request,
        f"{TEMPLATES}/accept.html",
        {
            "invitation": invitation,
            "budget": budget,
            "child_name": child_first_name(budget),
            "council_name": council_name(budget),
            "errors": errors,
        },
    )


@third_party_page
@require_GET
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    budget = get_object_or_404(selectors.budgets_held_by(request.user), reference=reference)
    return render(
        request,
        f"{TEMPLATES}/detail.html",
        {
            "budget": budget,
            "held": selectors.held_budget(budget),
            "child_name": child_first_name(budget),
            "waiting": selectors.waiting_for_decision(budget),
            "decided": [
                {"funding": funding, "words": _decision_words(funding, request.user)}
                for funding in selectors.decided(budget)
            ],
            "documents": selectors.documents_for(budget, today=timezone.localdate()),
            "printed_address": approvals.third_party_addressee(budget)[1],
            # Where the address is kept: the documents' "your details" page, which is for
            # personal accounts (a provider's team keeps its details in its workspace).
            "details_url": reverse("documents:details") if is_family_account(request.user) else "",
        },
    )


@third_party_page
@require_http_methods(["GET", "POST"])
def decide(request: HttpRequest, reference: str, funding: int) -> HttpResponse:
    found = selectors.funding_held_by(request.user, reference, funding)
    if found is None:
        raise Http404("No booking paid from the money you hold has this number")
    budget = found.budget
    form = DecisionForm(request.POST if request.method == "POST" else None, question=QUESTION)
    if request.method == "POST" and form.is_valid():
        act = approvals.approve_booking if form.approves else approvals.refuse_booking
        try:
            decided = act(funding=found, by=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            reference_words = f"Booking {decided.booking.reference}"
            if decided.approval == ApprovalStatus.APPROVED:
                messages.success(request, f"{reference_words} approved. The family is told.")
            else:
                messages.success(
                    request, f"{reference_words} refused and cancelled. The family is told why."
                )
            return redirect("third_party:detail", reference=budget.reference)
    return render(
        request,
        f"{TEMPLATES}/decide.html",
        {
            "budget": budget,
            "child_name": child_first_name(budget),
            "funding": found,
            "booking": found.booking,
            "outcome": selectors.outcome_words(found),
            "can_decide": found.approval == ApprovalStatus.PENDING,
            "decision": _decision_words(found, request.user),
            "form": form,
            "errors": error_summary_items(form, anchors={"decision": "id_decision"}),
        },
    )


def _decision_words(funding: Any, user: Any) -> str:
    """The decision already taken, and by whom, as the third party reads it."""
    if funding.approval == ApprovalStatus.PENDING:
        return "Waiting for your decision"
    label = funding.get_approval_display()
    if funding.decided_by_id is None:
        return f"{label} at once: it cost no more than the council approves without asking"
    if funding.decided_by_id == user.pk:
        who = "you"
    elif funding.decided_by_id == funding.budget.officer_id:
        who = "the council's officer"
    else:
        who = "another account"
    when = timezone.localtime(funding.decided_at) if funding.decided_at else None
    return f"{label} by {who}" + (f" on {when:%-d %B %Y}" if when else "")
