"""One assessment: its working (every step, so far while in progress), the questionnaire
one domain a page, checking the answers, completing and withdrawing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin import messages

from localoffer.core.forms import add_domain_error
from pricing.allocation.admin_forms import DomainForm, WithdrawForm
from pricing.allocation.admin_views.base import AssessmentPageMixin, money, person
from pricing.allocation.enums import AssessmentStatus
from pricing.allocation.models import Answer, Domain
from pricing.allocation.scoring import ScoringError, Working
from pricing.allocation.services.answers import Given, save_answers
from pricing.allocation.services.assessments import (
    complete_assessment,
    unanswered_domains,
    withdraw_assessment,
    working_of,
)
from pricing.allocation.services.common import AllocationError
from pricing.allocation.services.costing import costed_totals
from pricing.budgets.enums import Stream
from pricing.offers.admin_views import form_errors


def domains_of(assessment: Any) -> list[Domain]:
    return list(assessment.version.domains.order_by("position", "pk"))


def working_tables(working: Working) -> dict[str, Any]:
    """The working as the tables show it: every figure in words."""
    return {
        "age": working.age,
        "domains": [
            {
                "name": d.name,
                "raw_score": d.raw_score,
                "shares": [
                    f"{Stream(stream).label} {share}%"
                    for stream, share in d.shares.items()
                    if share
                ],
            }
            for d in working.domains
        ],
        "streams": [
            {
                "label": s.label,
                "raw_points": s.raw_points,
                "age_percent": s.age_percent.normalize(),
                "adjusted_points": s.adjusted_points,
                "band": s.band_name,
                "band_from": s.band_from_points,
                "amount": money(s.amount),
            }
            for s in working.streams
        ],
        "total": money(working.total),
    }


class DetailView(AssessmentPageMixin, TemplateView):
    """The assessment and its result: every step of the working as tables."""

    template_name = "pricing/allocation/admin/detail.html"
    http_method_names = ["get"]

    def get_page_title(self) -> str:
        return f"Assessment {self.assessment.reference}"

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*super().get_breadcrumbs_items()[:-2], {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        assessment = self.assessment
        try:
            working = working_tables(working_of(assessment))
            working_problem = ""
        except ScoringError:
            working, working_problem = None, "The questionnaire cannot score a child of this age."
        totals = costed_totals(assessment)
        context.update(
            {
                "working": working,
                "working_problem": working_problem,
                "in_progress": assessment.status == AssessmentStatus.IN_PROGRESS,
                "can_send": assessment.status == AssessmentStatus.COMPLETED,
                "at_panel": assessment.status == AssessmentStatus.AT_PANEL,
                "budget_officer": person(assessment.budget_officer),
                "can_withdraw": assessment.status
                in {AssessmentStatus.IN_PROGRESS, AssessmentStatus.COMPLETED},
                "unanswered": unanswered_domains(assessment)
                if assessment.status == AssessmentStatus.IN_PROGRESS
                else [],
                "costed_total": money(
                    sum((t.total for t in totals.values()), start=Decimal("0.00"))
                ),
                "has_costed": bool(totals),
                "age_today": assessment.child.age,
            }
        )
        return context


class QuestionView(AssessmentPageMixin, TemplateView):
    """One domain's questions. "Save and continue" goes to the next domain (the check page
    after the last); "Save and come back later" goes back to the assessment."""

    template_name = "pricing/allocation/admin/question.html"
    http_method_names = ["get", "post"]

    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)
        self.domains = domains_of(self.assessment)
        self.number = kwargs["number"]
        if not 1 <= self.number <= len(self.domains):
            raise Http404("No such domain")
        self.domain = self.domains[self.number - 1]

    def get_page_title(self) -> str:
        return self.domain.name

    def form(self, data: Any = None) -> DomainForm:
        answers = {
            a.question_id: a
            for a in Answer.objects.filter(assessment=self.assessment, question__domain=self.domain)
        }
        return DomainForm(data, domain=self.domain, answers=answers)

    def render(self, form: DomainForm) -> HttpResponse:
        context = self.get_context_data()
        context.update(
            {
                "form": form,
                "errors": form_errors(form),
                "domain": self.domain,
                "number": self.number,
                "count": len(self.domains),
            }
        )
        return TemplateResponse(self.request, self.template_name, context)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.assessment.status != AssessmentStatus.IN_PROGRESS:
            messages.warning(request, "This assessment is no longer in progress.")
            return redirect(self.assessment_url())
        return self.render(self.form())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render(form)
        given = {q: Given(d, note) for q, (d, note) in form.given().items()}
        try:
            save_answers(self.assessment, given, by=request.user)
        except AllocationError as error:
            add_domain_error(form, error)
            return self.render(form)
        if "later" in request.POST:
            messages.success(request, "Answers saved. You can come back to them at any time.")
            return redirect(self.assessment_url())
        if self.number < len(self.domains):
            return redirect("assessment_admin:question", self.assessment.reference, self.number + 1)
        return redirect("assessment_admin:check", self.assessment.reference)


class CheckView(AssessmentPageMixin, TemplateView):
    """Every answer, with a link to change it, before completing."""

    template_name = "pricing/allocation/admin/check.html"
    http_method_names = ["get"]
    page_title = "Check the answers"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        answers = {a.question_id: a for a in self.assessment.answers.select_related("descriptor")}
        sections = []
        for number, domain in enumerate(domains_of(self.assessment), start=1):
            sections.append(
                {
                    "domain": domain,
                    "change_url": reverse(
                        "assessment_admin:question", args=[self.assessment.reference, number]
                    ),
                    "rows": [
                        {"question": q, "answer": answers.get(q.pk)} for q in domain.questions.all()
                    ],
                }
            )
        context.update(
            {
                "sections": sections,
                "unanswered": unanswered_domains(self.assessment),
                "in_progress": self.assessment.status == AssessmentStatus.IN_PROGRESS,
            }
        )
        return context


class CompleteView(AssessmentPageMixin, TemplateView):
    template_name = "pricing/allocation/admin/complete.html"
    http_method_names = ["get", "post"]
    page_title = "Complete the assessment"

    def render(self, errors: list[dict[str, str]]) -> HttpResponse:
        context = self.get_context_data()
        context.update(
            {
                "errors": errors,
                "unanswered": unanswered_domains(self.assessment),
                "age_today": self.assessment.child.age,
            }
        )
        return TemplateResponse(self.request, self.template_name, context)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render([])

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            done = complete_assessment(self.assessment, by=request.user)
        except AllocationError as error:
            return self.render([{"href": "#complete", "text": str(error.message)}])
        messages.success(
            request,
            f"Assessment {done.reference} completed: the working below is now fixed.",
        )
        return redirect(self.assessment_url())


class WithdrawView(AssessmentPageMixin, TemplateView):
    template_name = "pricing/allocation/admin/withdraw.html"
    http_method_names = ["get", "post"]
    page_title = "Withdraw the assessment"

    def render(self, form: WithdrawForm) -> HttpResponse:
        context = self.get_context_data()
        context.update({"form": form, "errors": form_errors(form)})
        return TemplateResponse(self.request, self.template_name, context)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(WithdrawForm())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = WithdrawForm(request.POST)
        if not form.is_valid():
            return self.render(form)
        try:
            withdraw_assessment(
                self.assessment, by=request.user, reason=form.cleaned_data["reason"]
            )
        except AllocationError as error:
            add_domain_error(form, error)
            return self.render(form)
        messages.success(request, f"Assessment {self.assessment.reference} withdrawn.")
        return redirect("assessment_admin:index")
