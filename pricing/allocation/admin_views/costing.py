"""Costed provision: the outcomes with the provision that would meet each, priced from the
provision map, the totals per stream beside the questionnaire's indicative amounts, and
the adjustments with their reasons.

One page holds the three forms (add an outcome, add provision, adjust a total); each posts
to the page with its own button name, and a refused form is shown again with what was
typed and the others empty, so the page works without JavaScript.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin import messages

from localoffer.core.forms import add_domain_error
from pricing.allocation.admin_forms import AdjustForm, LineForm, OutcomeForm
from pricing.allocation.admin_views.base import AssessmentPageMixin, council_of, money
from pricing.allocation.enums import AssessmentStatus
from pricing.allocation.models import PlannedOutcome, ProvisionLine
from pricing.allocation.scoring import ScoringError
from pricing.allocation.services.assessments import working_of
from pricing.allocation.services.common import AllocationError
from pricing.allocation.services.costing import (
    add_line,
    add_outcome,
    adjust,
    costed_totals,
    remove_line,
    remove_outcome,
)
from pricing.budgets.enums import Stream
from pricing.offers.admin_views import form_errors

ZERO = Decimal("0.00")
CHANGEABLE = {AssessmentStatus.IN_PROGRESS, AssessmentStatus.COMPLETED}


def stream_rows(assessment: Any) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Per stream: the questionnaire's indicative amount beside the costed total."""
    totals = costed_totals(assessment)
    try:
        indicative = {s.stream: s.amount for s in working_of(assessment).streams}
    except ScoringError:
        indicative = {}
    rows = []
    for stream in Stream:
        costed = totals.get(stream.value)
        if costed is None and stream.value not in indicative:
            continue
        rows.append(
            {
                "label": stream.label,
                "indicative": money(indicative[stream.value])
                if stream.value in indicative
                else "Not allocated by the questionnaire",
                "lines": money(costed.lines if costed else ZERO),
                "adjustments": money(costed.adjustments if costed else ZERO),
                "total": money(costed.total if costed else ZERO),
            }
        )
    sums = {
        "indicative": money(sum(indicative.values(), ZERO)),
        "lines": money(sum((t.lines for t in totals.values()), ZERO)),
        "adjustments": money(sum((t.adjustments for t in totals.values()), ZERO)),
        "total": money(sum((t.total for t in totals.values()), ZERO)),
    }
    return rows, sums


class CostedView(AssessmentPageMixin, TemplateView):
    template_name = "pricing/allocation/admin/costed.html"
    http_method_names = ["get", "post"]
    page_title = "Costed provision"

    def build_forms(self, data: Any = None, which: str = "") -> dict[str, forms.Form]:
        def bound(name: str) -> Any:
            return data if which == name else None

        return {
            "outcome_form": OutcomeForm(bound("outcome"), prefix="outcome"),
            "line_form": LineForm(
                bound("line"),
                prefix="line",
                assessment=self.assessment,
                council=council_of(self.request),
            ),
            "adjust_form": AdjustForm(bound("adjust"), prefix="adjust"),
        }

    def render(self, page_forms: dict[str, forms.Form]) -> HttpResponse:
        context = self.get_context_data()
        errors = []
        for form in page_forms.values():
            errors += form_errors(form)
        outcomes = list(
            self.assessment.outcomes.select_related("area").prefetch_related("lines__category")
        )
        rows, sums = stream_rows(self.assessment)
        context.update(
            {
                **page_forms,
                "errors": errors,
                "outcomes": [
                    {
                        "outcome": o,
                        "lines": [
                            {
                                "line": line,
                                "unit_price": money(line.unit_price),
                                "annual_cost": money(line.annual_cost),
                            }
                            for line in o.lines.all()
                        ],
                    }
                    for o in outcomes
                ],
                "adjustments": [
                    {"adjustment": a, "amount": money(a.amount)}
                    for a in self.assessment.adjustments.select_related("made_by")
                ],
                "streams": rows,
                "sums": sums,
                "changeable": self.assessment.status in CHANGEABLE,
            }
        )
        return TemplateResponse(self.request, self.template_name, context)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(self.build_forms())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        which = next((name for name in ("outcome", "line", "adjust") if name in request.POST), "")
        page_forms = self.build_forms(request.POST, which)
        form = page_forms.get(f"{which}_form")
        if form is None or not form.is_valid():
            return self.render(page_forms)
        try:
            message = self.act(which, form)
        except (AllocationError, forms.ValidationError) as error:
            if isinstance(error, AllocationError):
                add_domain_error(form, error)
            else:
                form.add_error("provision", error)
            return self.render(page_forms)
        messages.success(request, message)
        return redirect(reverse("assessment_admin:costed", args=[self.assessment.reference]))

    def act(self, which: str, form: Any) -> str:
        data, user = form.cleaned_data, self.request.user
        if which == "outcome":
            add_outcome(
                self.assessment, description=data["description"], area=data["area"], by=user
            )
            return "Outcome added."
        if which == "line":
            category, unit = form.category_and_unit()
            line = add_line(
                data["outcome"],
                category=category,
                unit=unit,
                description=data["description"],
                quantity=data["quantity"],
                frequency=data["frequency"],
                stream=data["stream"],
                by=user,
            )
            return f"Provision added: {money(line.annual_cost)} a year."
        adjust(
            self.assessment,
            stream=data["stream"],
            amount=data["amount"],
            reason=data["reason"],
            by=user,
        )
        return "Costed total adjusted."


class RemoveView(AssessmentPageMixin, TemplateView):
    """Confirm, then remove an outcome (with its provision) or one piece of provision."""

    template_name = "pricing/allocation/admin/remove.html"
    http_method_names = ["get", "post"]

    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)
        self.item: PlannedOutcome | ProvisionLine
        if "outcome" in kwargs:
            self.item = get_object_or_404(
                PlannedOutcome, assessment=self.assessment, pk=kwargs["outcome"]
            )
        else:
            self.item = get_object_or_404(
                ProvisionLine, outcome__assessment=self.assessment, pk=kwargs["line"]
            )

    def get_page_title(self) -> str:
        if isinstance(self.item, PlannedOutcome):
            return "Remove the outcome"
        return "Remove the provision"

    def costed_url(self) -> str:
        return reverse("assessment_admin:costed", args=[self.assessment.reference])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "item": self.item,
                "is_outcome": isinstance(self.item, PlannedOutcome),
                "costed_url": self.costed_url(),
            }
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            if isinstance(self.item, PlannedOutcome):
                remove_outcome(self.item, by=request.user)
            else:
                remove_line(self.item, by=request.user)
        except AllocationError as error:
            messages.error(request, error.message)
            return redirect(self.costed_url())
        messages.success(request, f"Removed: {self.item}.")
        return redirect(self.costed_url())
