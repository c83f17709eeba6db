"""Asking for hours of support: the budget questions, asked only when the chosen child has
a personal budget the family has linked (and the support is not free): pay from it (and
which part), then which agreed outcome it serves.

The same questions, words and forms as the session journey's (`pricing.checkout.views.
budget`). Choosing the council-managed or third-party part makes the request one the
council (or the third party) pays on the provider's invoice, so "How would you like to
pay?" is not asked. The money is checked and committed when the request is sent
(`pricing.checkout.views.hours.ask_check`).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from localoffer.core.forms import error_summary_items
from localoffer.core.money import format_pounds
from pricing.bookings.views.common import family_page
from pricing.checkout import budget as budgets
from pricing.checkout import forms
from pricing.checkout.hours import Asking, hours_offer
from pricing.checkout.views.hours import page


@family_page
@require_http_methods(["GET", "POST"])
def ask_budget(request: HttpRequest, service: int) -> HttpResponse:
    asking = Asking.load(request, hours_offer(service))
    if skipped := asking.guard("ask_budget"):
        return skipped
    if asking.budget is None:
        return asking.next_page()
    assert asking.child is not None
    options = budgets.options(asking.pots)
    choices = [(value, text) for value, text, _ in options]
    label = budgets.question(asking.child.first_name)
    if request.method == "POST":
        form = forms.BudgetForm(request.POST, choices=choices, label=label)
        if form.is_valid():
            chosen = form.cleaned_data["budget"]
            asking.set(pot=chosen, pot_child=asking.child.pk)
            return asking.next_page()
    else:
        answered = asking.data.get("pot") if asking.data.get("pot_child") == asking.child.pk else ""
        form = forms.BudgetForm(initial={"budget": answered or ""}, choices=choices, label=label)
    return page(
        request,
        asking,
        "budget",
        form=form,
        errors=error_summary_items(form),
        options=options,
        unavailable=budgets.unavailable(asking.pots),
        hint=(
            f"This request costs {format_pounds(asking.total)}. The money is set aside from "
            "the budget as soon as you send it, and given back if the provider cannot help."
        ),
        back=asking.previous_url("ask_budget"),
    )


@family_page
@require_http_methods(["GET", "POST"])
def ask_outcome(request: HttpRequest, service: int) -> HttpResponse:
    asking = Asking.load(request, hours_offer(service))
    if skipped := asking.guard("ask_outcome"):
        return skipped
    if not asking.from_budget:
        return asking.next_page()
    assert asking.budget is not None and asking.child is not None
    choices = [(o.key, o.description) for o in budgets.outcomes(asking.budget)]
    if request.method == "POST":
        form = forms.OutcomeForm(request.POST, choices=choices)
        if form.is_valid():
            asking.set(outcome=form.cleaned_data["outcome"])
            return asking.next_page()
    else:
        form = forms.OutcomeForm(
            initial={"outcome": asking.data.get("outcome") or ""}, choices=choices
        )
    return page(
        request,
        asking,
        "outcome",
        form=form,
        errors=error_summary_items(form),
        hint=budgets.outcome_hint(asking.child.first_name),
        back=asking.previous_url("ask_outcome"),
    )
