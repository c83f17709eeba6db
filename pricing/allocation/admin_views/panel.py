"""Sending a completed assessment to the resource panel: the coordinator names the finance
officer who will look after the budget and the day it would start, and sees what the
panel will be asked to decide."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin import messages

from localoffer.core.forms import add_domain_error
from pricing.allocation.admin_forms import SendToPanelForm
from pricing.allocation.admin_views.base import AssessmentPageMixin, money
from pricing.allocation.enums import AssessmentKind, AssessmentStatus
from pricing.allocation.services.common import AllocationError
from pricing.allocation.services.panel import send_to_panel, streams_to_decide
from pricing.offers.admin_views import form_errors

ZERO = Decimal("0.00")


class SendToPanelView(AssessmentPageMixin, TemplateView):
    template_name = "pricing/allocation/admin/send_to_panel.html"
    http_method_names = ["get", "post"]
    page_title = "Send to the panel"

    def refused(self) -> HttpResponse | None:
        """Only a completed coordinator's assessment goes; any other is sent back to its
        page, which says where it stands."""
        assessment = self.assessment
        if assessment.kind == AssessmentKind.COORDINATOR and (
            assessment.status == AssessmentStatus.COMPLETED
        ):
            return None
        if assessment.status == AssessmentStatus.AT_PANEL:
            messages.warning(self.request, "This assessment is already waiting for the panel.")
        else:
            messages.warning(self.request, "Only a completed assessment can be sent to the panel.")
        return redirect(self.assessment_url())

    def initial_start(self) -> Any:
        today = timezone.localdate()
        budget = self.assessment.budget
        if budget is not None:
            return max(today, budget.current_version.starts_on)
        return today

    def render(self, form: SendToPanelForm) -> HttpResponse:
        context = self.get_context_data()
        streams = streams_to_decide(self.assessment)
        context.update(
            {
                "form": form,
                "errors": form_errors(form),
                "streams": [
                    {
                        "label": s.label,
                        "indicative": money(s.indicative),
                        "costed": money(s.costed),
                    }
                    for s in streams
                ],
                "indicative_total": money(sum((s.indicative for s in streams), start=ZERO)),
                "costed_total": money(sum((s.costed for s in streams), start=ZERO)),
                "outcomes": list(self.assessment.outcomes.all()),
                "costed_url": reverse("assessment_admin:costed", args=[self.assessment.reference]),
            }
        )
        return TemplateResponse(self.request, self.template_name, context)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.refused() or self.render(
            SendToPanelForm(initial={"starts_on": self.initial_start()})
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        refused = self.refused()
        if refused is not None:
            return refused
        form = SendToPanelForm(request.POST)
        if not form.is_valid():
            return self.render(form)
        try:
            sent = send_to_panel(
                self.assessment,
                by=request.user,
                budget_officer=form.cleaned_data["budget_officer"],
                starts_on=form.cleaned_data["starts_on"],
            )
        except AllocationError as error:
            add_domain_error(form, error)
            return self.render(form)
        messages.success(
            request, f"Assessment {sent.reference} sent to the panel: it is waiting for the panel."
        )
        return redirect(self.assessment_url())
