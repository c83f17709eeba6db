"""Setting up a budget (then inviting the family to see it) and changing it after a review
(a new version: the old ones are kept).

One page each, with the outcomes and the funding lines as rows of fixed formsets (a row
left empty is ignored), so the page works without JavaScript.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.models import Site

from localoffer.core.forms import add_domain_error
from pricing.budgets.admin_forms import (
    BudgetForm,
    LineFormSet,
    NewVersionForm,
    line_rows,
    outcome_formset,
)
from pricing.budgets.admin_views.base import (
    BudgetPageMixin,
    OfficerPageMixin,
    formset_errors,
    page_errors,
)
from pricing.budgets.services import BudgetError, invite, new_version, set_up_budget

NEW_OUTCOME_ROWS = 4
EXTRA_OUTCOME_ROWS = 2
OUTCOMES = "outcomes"
LINES = "lines"
TEMPLATE = "pricing/budgets/admin/budget_form.html"


class _VersionFormPage(ABC):
    """The shared GET/POST of a page with a main form, outcome rows and line rows."""

    request: HttpRequest
    submit_label = ""

    @abstractmethod
    def forms(self, data: Any = None) -> dict[str, Any]:
        """The main form, the outcome rows and the line rows, bound to `data` if given."""

    @abstractmethod
    def save(self, forms: dict[str, Any]) -> HttpResponse:
        """Call the service with the valid forms; where to go next."""

    def render(self, forms: dict[str, Any]) -> HttpResponse:
        context = self.get_context_data()  # type: ignore[attr-defined]
        errors = page_errors(forms["form"])
        errors += formset_errors(forms["outcomes"], row_label="Outcome", first_field="description")
        errors += formset_errors(forms["lines"], row_label="Funding stream", first_field="stream")
        context.update({**forms, "errors": errors, "submit_label": self.submit_label})
        return TemplateResponse(self.request, TEMPLATE, context)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(self.forms())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        forms = self.forms(request.POST)
        if not all(item.is_valid() for item in forms.values()):
            return self.render(forms)
        try:
            return self.save(forms)
        except BudgetError as error:
            if error.field in (OUTCOMES, LINES):
                # A rule about the rows together: shown above the rows.
                forms[error.field].non_form_errors().append(error.message)
            else:
                add_domain_error(forms["form"], error)
            return self.render(forms)


class NewBudgetView(_VersionFormPage, OfficerPageMixin, TemplateView):
    template_name = TEMPLATE
    http_method_names = ["get", "post"]
    page_title = "Set up a personal budget"
    submit_label = "Set up the budget and invite the family"
    header_icon = "plus"

    def forms(self, data: Any = None) -> dict[str, Any]:
        return {
            "form": BudgetForm(data, initial={"starts_on": timezone.localdate()}),
            "outcomes": outcome_formset(NEW_OUTCOME_ROWS)(data, prefix=OUTCOMES),
            "lines": LineFormSet(data, prefix=LINES, initial=line_rows()),
        }

    @transaction.atomic
    def save(self, forms: dict[str, Any]) -> HttpResponse:
        data = forms["form"].cleaned_data
        user = self.request.user
        budget = set_up_budget(
            council=Site.find_for_request(self.request) or Site.objects.get(is_default_site=True),
            officer=user,
            child_name=data["child_name"].strip(),
            child_date_of_birth=data["child_date_of_birth"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            outcomes=forms["outcomes"].inputs(),
            lines=forms["lines"].inputs(),
            by=user,
            approval_limit=data["approval_limit"] or Decimal("0.00"),
            third_party_name=data["third_party_name"].strip(),
        )
        invite(budget=budget, email=data["email"], by=user)
        messages.success(
            self.request,
            f"Budget {budget.reference} set up for {budget.child_name}. "
            f"We have emailed {data['email']} a link to see it.",
        )
        return redirect("budget_admin:detail", budget.reference)


class NewVersionView(_VersionFormPage, BudgetPageMixin, TemplateView):
    """After a review: the new period, outcomes (kept with their keys) and lines, and why."""

    template_name = TEMPLATE
    http_method_names = ["get", "post"]

    page_title = "Change the budget after a review"
    submit_label = "Save the new version"
    header_icon = "history"

    def forms(self, data: Any = None) -> dict[str, Any]:
        current = self.budget.current_version
        outcomes = [
            {"description": o.description, "area": o.area_id, "stream": o.stream, "key": o.key}
            for o in current.outcomes.all()
        ]
        return {
            "form": NewVersionForm(
                data,
                initial={
                    "starts_on": max(timezone.localdate(), current.starts_on),
                    "ends_on": current.ends_on,
                },
            ),
            "outcomes": outcome_formset(EXTRA_OUTCOME_ROWS)(
                data, prefix=OUTCOMES, initial=outcomes
            ),
            "lines": LineFormSet(data, prefix=LINES, initial=line_rows(list(current.lines.all()))),
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update({"budget": self.budget, "current": self.budget.current_version})
        return context

    def save(self, forms: dict[str, Any]) -> HttpResponse:
        data = forms["form"].cleaned_data
        version = new_version(
            budget=self.budget,
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            outcomes=forms["outcomes"].inputs(),
            lines=forms["lines"].inputs(),
            reason=data["reason"],
            by=self.request.user,
        )
        messages.success(
            self.request,
            f"Version {version.number} saved. Payments still due from "
            f"{version.starts_on:%-d %B %Y} follow the new amounts.",
        )
        return redirect(reverse("budget_admin:detail", args=[self.budget.reference]))
