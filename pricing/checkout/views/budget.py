"""The journey's budget questions, asked only when the chosen child has a personal budget
the family has linked: pay from it (and which part), then which agreed outcome it serves.

Choosing the council-managed or third-party part makes the booking one the council (or
the third party) pays on the provider's invoice, so the "How do you want to pay?"
question is skipped. The money is checked and committed when the places are held
(`pricing.checkout.views.journey.check_answers`).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from localoffer.core.money import format_pounds
from pricing.checkout import budget as budgets
from pricing.checkout import forms
from pricing.checkout.views.common import Journey, journey_page, journey_render


@journey_page
@require_http_methods(["GET", "POST"])
def choose_budget(request: HttpRequest, journey: Journey) -> HttpResponse:
    if earlier := journey.before("budget"):
        return earlier
    if journey.budget is None or journey.is_free:
        return journey.next_page()
    assert journey.child is not None and journey.pots is not None
    options = budgets.options(journey.pots)
    choices = [(value, text) for value, text, _ in options]
    label = budgets.question(journey.child.first_name)
    if request.method == "POST":
        form = forms.BudgetForm(request.POST, choices=choices, label=label)
        if form.is_valid():
            chosen = form.cleaned_data["budget"]
            journey.answers.set(pot=chosen)
            if chosen == budgets.NO_BUDGET:
                journey.answers.drop("outcome")
            return journey.next_page()
    else:
        form = forms.BudgetForm(
            initial={"budget": journey.answers.get("pot") or ""}, choices=choices, label=label
        )
    return journey_render(
        request,
        journey,
        "budget.html",
        form=form,
        options=options,
        unavailable=budgets.unavailable(journey.pots),
        hint=(
            f"This booking costs {format_pounds(journey.total)}. The money is set aside "
            "from the budget as soon as you book."
        ),
        back_url=journey.previous_url("budget"),
    )


@journey_page
@require_http_methods(["GET", "POST"])
def choose_outcome(request: HttpRequest, journey: Journey) -> HttpResponse:
    if earlier := journey.before("outcome"):
        return earlier
    if not journey.from_budget:
        return journey.next_page()
    assert journey.budget is not None
    choices = [(o.key, o.description) for o in budgets.outcomes(journey.budget)]
    if request.method == "POST":
        form = forms.OutcomeForm(request.POST, choices=choices)
        if form.is_valid():
            journey.answers.set(outcome=form.cleaned_data["outcome"])
            return journey.next_page()
    else:
        form = forms.OutcomeForm(
            initial={"outcome": journey.answers.get("outcome") or ""}, choices=choices
        )
    assert journey.child is not None
    return journey_render(
        request,
        journey,
        "outcome.html",
        form=form,
        hint=budgets.outcome_hint(journey.child.first_name),
        back_url=journey.previous_url("outcome"),
    )
