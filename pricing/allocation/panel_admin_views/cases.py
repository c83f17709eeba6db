"""The panel's cases: those waiting, those decided, one case with its working, costed
provision and a decision form per stream the member holds a seat for, and its letter."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.core.files.storage import storages
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin import messages

from localoffer.core.forms import add_domain_error
from localoffer.core.money import format_pounds
from pricing.allocation.enums import AssessmentStatus
from pricing.allocation.letters import file_name
from pricing.allocation.models import (
    Assessment,
    CostedAdjustment,
    DecisionLetter,
    DomainScore,
    PlannedOutcome,
    StreamResult,
)
from pricing.allocation.panel_admin_forms import DecisionForm
from pricing.allocation.panel_admin_views.base import PanelPageMixin, person
from pricing.allocation.selectors import panel_cases_for, seats_of
from pricing.allocation.services.common import AllocationError
from pricing.allocation.services.panel import decide_stream, streams_to_decide
from pricing.budgets.enums import Stream
from pricing.offers.admin_views import form_errors


def _cases(user: Any, status: str) -> QuerySet[Assessment]:
    return (
        panel_cases_for(user)
        .filter(status=status)
        .select_related("child", "coordinator")
        .prefetch_related("decisions")
        .order_by("sent_to_panel_at", "pk")
    )


class WaitingView(PanelPageMixin, TemplateView):
    page_title = "Resource panel"
    page_subtitle = "Waiting for the panel"
    template_name = "pricing/allocation/panel/index.html"
    status = AssessmentStatus.AT_PANEL

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        seats = list(seats_of(self.request.user))
        cases = list(_cases(self.request.user, self.status))
        if self.status == AssessmentStatus.DECIDED:
            cases.reverse()  # the newest decisions first
        decided: dict[int, set[str]] = defaultdict(set)
        for case in cases:
            decided[case.pk] = {d.stream for d in case.decisions.all()}
        context.update(
            {
                "rows": [
                    {
                        "case": case,
                        "coordinator": person(case.coordinator),
                        "yours": [
                            Stream(seat.stream).label
                            for seat in seats
                            if seat.stream not in decided[case.pk]
                        ]
                        if self.status == AssessmentStatus.AT_PANEL
                        else [],
                        "decided": len(decided[case.pk]),
                    }
                    for case in cases
                ],
                "status": self.status,
                "waiting": self.status == AssessmentStatus.AT_PANEL,
                "seats": [
                    f"{Stream(seat.stream).label} up to {format_pounds(seat.limit)}"
                    for seat in seats
                ],
            }
        )
        return context


class DecidedView(WaitingView):
    page_subtitle = "Decided"
    status = AssessmentStatus.DECIDED

    def get_page_title(self) -> str:
        return "Decided"


class CaseView(PanelPageMixin, TemplateView):
    """One case: GET shows it; POST records one stream's decision (its `stream` field)."""

    template_name = "pricing/allocation/panel/case.html"
    http_method_names = ["get", "post"]
    assessment: Assessment

    def load(self, **kwargs: Any) -> None:
        self.assessment = get_object_or_404(
            panel_cases_for(self.request.user).select_related("child", "coordinator", "budget"),
            reference=kwargs["reference"],
        )
        self.bound: DecisionForm | None = None
        self.bound_stream = ""

    def get_page_title(self) -> str:
        return f"Assessment {self.assessment.reference}"

    def get_page_subtitle(self) -> str:
        return self.assessment.child.first_name

    def case_url(self) -> str:
        return reverse("panel_admin:case", args=[self.assessment.reference])

    def extra_breadcrumbs(self) -> list[dict[str, Any]]:
        if self.assessment.status == AssessmentStatus.DECIDED:
            return [{"url": reverse("panel_admin:decided"), "label": "Decided"}]
        return []

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        stream = request.POST.get("stream", "")
        if stream not in Stream.values:
            raise Http404
        todo = {item.stream: item for item in streams_to_decide(self.assessment)}
        if stream not in todo:
            raise Http404
        form = DecisionForm(request.POST, prefix=stream, indicative=todo[stream].indicative)
        if form.is_valid():
            data = form.cleaned_data
            try:
                decide_stream(
                    self.assessment,
                    stream=stream,
                    final_amount=data["final_amount"],
                    held_as=data["held_as"],
                    third_party_name=data["third_party_name"],
                    reason=data["reason"],
                    by=request.user,
                )
            except AllocationError as error:
                add_domain_error(form, error)
            else:
                messages.success(
                    request,
                    f"{Stream(stream).label}: {format_pounds(data['final_amount'])} agreed.",
                )
                return redirect(self.case_url())
        self.bound, self.bound_stream = form, stream
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        assessment = self.assessment
        at_panel = assessment.status == AssessmentStatus.AT_PANEL
        limits = {seat.stream: seat.limit for seat in seats_of(self.request.user)}
        streams = []
        for item in streams_to_decide(assessment):
            form = None
            if at_panel and item.decision is None and item.stream in limits:
                form = (
                    self.bound
                    if item.stream == self.bound_stream
                    else DecisionForm(prefix=item.stream, indicative=item.indicative)
                )
            decision = item.decision
            streams.append(
                {
                    "item": item,
                    "label": item.label,
                    "indicative": format_pounds(item.indicative),
                    "costed": format_pounds(item.costed),
                    "form": form,
                    "limit": format_pounds(limits[item.stream]) if item.stream in limits else "",
                    "decision": decision,
                    "final": format_pounds(decision.final_amount) if decision else "",
                    "decided_by": person(decision.member.user) if decision else "",
                }
            )
        outcomes = list(
            PlannedOutcome.objects.filter(assessment=assessment)
            .select_related("area")
            .prefetch_related("lines__category")
        )
        letter = DecisionLetter.objects.filter(assessment=assessment).first()
        context.update(
            {
                "assessment": assessment,
                "child": assessment.child,
                "coordinator": person(assessment.coordinator),
                "officer": person(assessment.budget_officer),
                "domains": DomainScore.objects.filter(assessment=assessment).select_related(
                    "domain"
                ),
                "results": StreamResult.objects.filter(assessment=assessment),
                "outcomes": outcomes,
                "adjustments": CostedAdjustment.objects.filter(
                    assessment=assessment
                ).select_related("made_by"),
                "streams": streams,
                "has_seat": bool(limits),
                "at_panel": at_panel,
                "errors": form_errors(self.bound) if self.bound is not None else [],
                "letter": letter,
            }
        )
        return context


class LetterView(PanelPageMixin, View):
    """The decision letter's PDF, as the family received it."""

    def get(self, request: HttpRequest, reference: str) -> FileResponse:
        assessment = get_object_or_404(panel_cases_for(request.user), reference=reference)
        letter = DecisionLetter.objects.filter(assessment=assessment).first()
        storage = storages["private"]
        if letter is None or not letter.pdf or not storage.exists(letter.pdf):
            raise Http404("The letter has not been made yet")
        return FileResponse(
            storage.open(letter.pdf, "rb"),
            as_attachment=False,
            filename=file_name(letter),
            content_type="application/pdf",
        )
