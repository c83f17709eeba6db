"""What every page of the officer's area shares: who may open it, the budget of the
address, the breadcrumb, and the one-form action page.

Only finance officers and site administrators reach the area; anyone else who reached
the admin (a provider, a content editor) is refused with 403, as Wagtail's own views
refuse. An officer sees only the budgets in their own caseload: another officer's budget
is simply not found (404), because a 403 would confirm it exists. Site administrators see
every budget.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from decimal import Decimal
from typing import Any

from django import forms
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.views.generic import FormView
from wagtail.admin import messages

from localoffer.core.admin_views import AreaPageMixin
from localoffer.core.forms import add_domain_error, error_summary_items
from localoffer.core.money import format_pounds
from pricing.budgets.models import PersonalBudget
from pricing.budgets.selectors import budgets_for, is_finance_officer
from pricing.budgets.services import BudgetError
from pricing.offers.admin_views import form_errors

ICON = "table"


def person(user: Any) -> str:
    """How a member of staff or a family is named on the page."""
    if user is None:
        return "Automatically"
    return user.get_full_name() or user.email


def money(amount: Decimal) -> str:
    """'£1,250', '£12.50', or '−£12.50' (a true minus sign, read as "minus")."""
    return f"−{format_pounds(-amount)}" if amount < 0 else format_pounds(amount)


def receipt_url(pk: int) -> str:
    """A receipt's file, served by the families' area (which checks who asks); "" while
    that view is not wired."""
    try:
        return reverse("budgets:receipt", args=[pk])
    except NoReverseMatch:
        return ""


def formset_errors(formset: Any, *, row_label: str, first_field: str) -> list[dict[str, str]]:
    """The errors of every row of a formset for the error summary, row by row; an error
    about the rows together links to the first row."""
    items: list[dict[str, str]] = []
    if not formset.is_bound:
        return items
    if formset.forms:
        anchor = f"#{formset.forms[0][first_field].id_for_label}"
        items += [{"href": anchor, "text": str(error)} for error in formset.non_form_errors()]
    for number, form in enumerate(formset.forms, start=1):
        for item in error_summary_items(form):
            items.append({"href": item["href"], "text": f"{row_label} {number}: {item['text']}"})
    return items


class OfficerPageMixin(AreaPageMixin):
    """Refuse anyone but finance officers and site administrators; load the page's
    budget (404 when it is not in the person's caseload)."""

    header_icon = ICON
    area_label = "Personal budgets"
    area_url_name = "budget_admin:index"

    def allowed(self, user: Any) -> bool:
        return is_finance_officer(user)


class BudgetPageMixin(OfficerPageMixin):
    budget: PersonalBudget

    def load(self, **kwargs: Any) -> None:
        self.budget = get_object_or_404(
            budgets_for(self.request.user), reference=kwargs["reference"]
        )

    def get_page_subtitle(self) -> str:
        return f"{self.budget.child_name}, {self.budget.reference}"

    def budget_url(self) -> str:
        return reverse("budget_admin:detail", args=[self.budget.reference])

    def extra_breadcrumbs(self) -> list[dict[str, Any]]:
        return [{"url": self.budget_url(), "label": self.budget.reference}]


class BudgetActionView(ABC, BudgetPageMixin, FormView):
    """One action on a budget: a form page (GET) whose POST calls one service. Nothing
    changes on GET. A refusal is shown in the error summary beside what was typed."""

    template_name = "pricing/budgets/admin/action.html"
    http_method_names = ["get", "post"]
    submit_label = "Save"
    danger = False

    def intro(self) -> str:
        return ""

    @abstractmethod
    def act(self, form: Any) -> str:
        """Call the service; the success message."""

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            message = self.act(form)
        except BudgetError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(self.budget_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context.update(
            {
                "budget": self.budget,
                "errors": page_errors(form),
                "intro": self.intro(),
                "submit_label": self.submit_label,
                "danger": self.danger,
                "back_url": self.budget_url(),
            }
        )
        return context


def page_errors(form: forms.BaseForm) -> list[dict[str, str]]:
    """The error summary's links (to a group of radios, its first option)."""
    return form_errors(form)
