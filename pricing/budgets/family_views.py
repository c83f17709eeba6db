"""The family's personal budget pages under /account/budgets/.

Every page is for family accounts (`pricing.families.views.family_page`): anonymous
visitors sign in first, work accounts (council staff, providers' teams) are told this is
a work account. A budget is only ever loaded through the signed-in family's own budgets
(`family_selectors.budgets_of`), so another family's reference answers 404, the same as
one that does not exist. Forms are plain POSTs with post/redirect/get, so every page
works without JavaScript; the rules are the services', whose errors appear beside the
field they are about, with everything typed kept.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from localoffer.core.forms import add_domain_error, error_summary_items
from localoffer.core.money import format_pounds
from localoffer.core.transitions import DomainError
from pricing.budgets import services
from pricing.budgets.enums import EntryKind, HeldAs
from pricing.budgets.family_forms import ChildChoiceForm, ReceiptForm, SetAsideForm, SpendingForm
from pricing.budgets.family_selectors import (
    budgets_of,
    entries_for_page,
    entry_rows,
    free_to_spend,
    outcome_labels,
    summary,
)
from pricing.budgets.models import LedgerEntry, PersonalBudget, SetAside
from pricing.budgets.services.setup import invitation_for
from pricing.families.selectors import children_of
from pricing.families.views import family_page

LEDGER_PAGE_SIZE = 50
SPENDING_FIELDS = [
    "occurred_on",
    "payee",
    "description",
    "amount",
    "outcome",
    "category",
    "in_school",
    "school_consent",
    "family_member",
    "payee_exception",
    "receipt",
]
DATE_ANCHORS = {"occurred_on": "id_occurred_on-day", "until": "id_until-day"}


def _budget(request: HttpRequest, reference: str) -> PersonalBudget:
    return get_object_or_404(budgets_of(request.user), reference=reference)


def _child_name(budget: PersonalBudget) -> str:
    return budget.child.first_name if budget.child else budget.child_name


def _has_direct_payment(budget: PersonalBudget) -> bool:
    return budget.current_version.lines.filter(held_as=HeldAs.DIRECT_PAYMENT).exists()


@family_page
@require_GET
def budget_list(request: HttpRequest) -> HttpResponse:
    budgets = list(budgets_of(request.user).order_by("child__first_name", "pk"))
    if len(budgets) == 1:  # most families have one: go straight to it
        return redirect("budgets:detail", reference=budgets[0].reference)
    return render(request, "pricing/budgets/family/list.html", {"budgets": budgets})


@family_page
@require_http_methods(["GET", "POST"])
def accept(request: HttpRequest, token: str) -> HttpResponse:
    """Link an invited budget to one of the family's own children."""
    invitation = invitation_for(token)
    if invitation is None:
        return render(request, "pricing/budgets/family/invitation_used.html", status=404)
    budget = invitation.budget
    children = list(children_of(request.user))
    form = (
        ChildChoiceForm(request.POST, children=children)
        if request.method == "POST"
        else ChildChoiceForm(children=children)
    )
    if request.method == "POST" and form.is_valid():
        child = form.chosen()
        try:
            budget = services.accept_invitation(token=token, user=request.user, child=child)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, f"You can now see {child.first_name}'s personal budget")
            return redirect("budgets:detail", reference=budget.reference)
    elif not form.is_bound:
        # The child the officer named is most likely the one; the family still chooses.
        named = budget.child_name.split(" ")[0].casefold()
        match = next((c for c in children if c.first_name.casefold() == named), None)
        if match is not None:
            form.initial["child"] = str(match.pk)
    return render(
        request,
        "pricing/budgets/family/accept.html",
        {
            "form": form,
            "invitation": invitation,
            "budget": budget,
            "children": children,
            # Adding the child brings the family back here (families:add follows `next`).
            "add_child_url": reverse("families:add") + "?" + urlencode({"next": request.path}),
            "errors": error_summary_items(form),
        },
    )


@family_page
@require_GET
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    budget = _budget(request, reference)
    found = summary(budget)
    return render(
        request,
        "pricing/budgets/family/detail.html",
        {
            "budget": budget,
            "child_name": _child_name(budget),
            "summary": found,
            # Quarterly returns are for the direct payment (pricing.budgets.return_views).
            "returns_url": (
                reverse("budget_returns:list", args=[budget.reference])
                if found.direct_payment
                else None
            ),
        },
    )


@family_page
@require_GET
def ledger(request: HttpRequest, reference: str) -> HttpResponse:
    budget = _budget(request, reference)
    page = Paginator(entries_for_page(budget), LEDGER_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "pricing/budgets/family/ledger.html",
        {
            "budget": budget,
            "child_name": _child_name(budget),
            "page_obj": page,
            "rows": entry_rows(list(page.object_list), outcome_labels(budget)),
        },
    )


def _no_direct_payment(request: HttpRequest, budget: PersonalBudget) -> HttpResponse:
    messages.info(
        request,
        "This budget has no direct payment: the council or the third party pays for "
        "support, so there is no spending for you to record.",
    )
    return redirect("budgets:detail", reference=budget.reference)


@family_page
@require_http_methods(["GET", "POST"])
def spend(request: HttpRequest, reference: str) -> HttpResponse:
    """Record spending paid from the direct payment, with a receipt if there is one."""
    budget = _budget(request, reference)
    if not _has_direct_payment(budget):
        return _no_direct_payment(request, budget)
    child_name = _child_name(budget)
    if request.method == "POST":
        form = SpendingForm(request.POST, request.FILES, budget=budget, child_name=child_name)
        if form.is_valid():
            arguments = form.service_arguments()
            try:
                services.record_spending(budget=budget, by=request.user, **arguments)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(
                    request,
                    f"Spending of {format_pounds(arguments['amount'])} paid to "
                    f"{arguments['payee'].strip()} has been recorded",
                )
                return redirect("budgets:detail", reference=budget.reference)
    else:
        form = SpendingForm(budget=budget, child_name=child_name)
    return render(
        request,
        "pricing/budgets/family/spend.html",
        {
            "budget": budget,
            "child_name": child_name,
            "form": form,
            # A file input cannot be filled in again by the page: say so when one was sent.
            "receipt_lost": bool(request.FILES.get("receipt")) and not form.errors.get("receipt"),
            "errors": error_summary_items(form, fields=SPENDING_FIELDS, anchors=DATE_ANCHORS),
        },
    )


@family_page
@require_http_methods(["GET", "POST"])
def receipt_add(request: HttpRequest, reference: str, entry: int) -> HttpResponse:
    budget = _budget(request, reference)
    found = get_object_or_404(
        LedgerEntry.objects.select_related("category"),
        budget=budget,
        pk=entry,
        kind=EntryKind.SPENDING,
        amount__gt=0,
    )
    form = ReceiptForm(request.POST, request.FILES) if request.method == "POST" else ReceiptForm()
    if request.method == "POST" and form.is_valid():
        try:
            services.add_receipt(entry=found, upload=form.cleaned_data["receipt"], by=request.user)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                f"The receipt for {format_pounds(found.amount)} paid to {found.payee} "
                "has been added",
            )
            return redirect("budgets:ledger", reference=budget.reference)
    return render(
        request,
        "pricing/budgets/family/receipt_add.html",
        {
            "budget": budget,
            "child_name": _child_name(budget),
            "entry": found,
            "form": form,
            "errors": error_summary_items(form),
        },
    )


@family_page
@require_http_methods(["GET", "POST"])
def set_aside(request: HttpRequest, reference: str) -> HttpResponse:
    """Put money aside ("bank" it) for something later, such as a short break."""
    budget = _budget(request, reference)
    if not _has_direct_payment(budget):
        return _no_direct_payment(request, budget)
    free = free_to_spend(budget)
    form = (
        SetAsideForm(request.POST, free=free)
        if request.method == "POST"
        else SetAsideForm(free=free)
    )
    if request.method == "POST" and form.is_valid():
        data: dict[str, Any] = form.cleaned_data
        try:
            services.set_aside(
                budget=budget,
                purpose=data["purpose"],
                amount=data["amount"],
                until=data["until"],
                by=request.user,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                f"{format_pounds(data['amount'])} has been set aside for {data['purpose']}",
            )
            return redirect("budgets:detail", reference=budget.reference)
    return render(
        request,
        "pricing/budgets/family/set_aside.html",
        {
            "budget": budget,
            "child_name": _child_name(budget),
            "form": form,
            "free": free,
            "errors": error_summary_items(form, anchors=DATE_ANCHORS),
        },
    )


@family_page
@require_POST
def release_set_aside(request: HttpRequest, reference: str, item: int) -> HttpResponse:
    budget = _budget(request, reference)
    found = get_object_or_404(SetAside, budget=budget, pk=item)
    if found.released_at is None:
        services.release_set_aside(item=found, by=request.user)
        messages.success(
            request,
            f"{format_pounds(found.amount)} for {found.purpose} is no longer set aside: "
            "it is free to spend",
        )
    return redirect("budgets:detail", reference=budget.reference)
