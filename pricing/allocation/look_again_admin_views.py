"""Families' requests to look again at an assessment, /admin/assessments/look-again/: the
coordinator's list and the answer form.

Coordinators (and site administrators) reach these pages; anyone else who reached the
admin is refused with 403. A coordinator finds only requests about their own caseload
(`selectors.assessments_for`); another coordinator's request is simply not found (404).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from localoffer.core.forms import add_domain_error, error_summary_items
from pricing.allocation.enums import LookAgainStatus
from pricing.allocation.models import LookAgainRequest
from pricing.allocation.selectors import assessments_for, is_coordinator
from pricing.allocation.services.common import AllocationError
from pricing.allocation.services.look_again import TEXT_MAX_LENGTH, answer_look_again

ANSWERED_SHOWN = 20


def requests_for(user: Any) -> Any:
    return LookAgainRequest.objects.filter(assessment__in=assessments_for(user)).select_related(
        "assessment__child", "assessment__coordinator", "answered_by"
    )


def person(user: Any) -> str:
    if user is None:
        return "Nobody"
    return user.get_full_name() or user.email


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="Your answer to the family",
        help_text="The family reads it on their account and in an email. Say what you looked "
        "at again, what you found and what happens next.",
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "Enter your answer to the family",
            "max_length": f"Keep the answer to {TEXT_MAX_LENGTH:,} characters or fewer",
        },
    )


class _Page(WagtailAdminTemplateMixin):
    header_icon = "help"
    request: HttpRequest

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_coordinator(request.user):
            raise PermissionDenied
        self.load(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def load(self, **kwargs: Any) -> None:
        """Load the page's records from the address."""

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        items = [*super().get_breadcrumbs_items()]
        if self.get_page_title() != RequestsView.page_title:
            items.append({"url": reverse("look_again_admin:index"), "label": "Requests"})
        return [*items, {"url": "", "label": self.get_page_title()}]


class RequestsView(_Page, TemplateView):
    template_name = "pricing/allocation/look_again_admin/index.html"
    page_title = "Requests to look again"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        found = requests_for(self.request.user)
        context["open"] = list(found.filter(status=LookAgainStatus.OPEN).order_by("made_at"))
        context["answered"] = list(
            found.filter(status=LookAgainStatus.ANSWERED).order_by("-answered_at")[:ANSWERED_SHOWN]
        )
        return context


class AnswerView(_Page, FormView):
    template_name = "pricing/allocation/look_again_admin/answer.html"
    page_title = "Answer a request to look again"
    form_class = AnswerForm
    found: LookAgainRequest

    def load(self, **kwargs: Any) -> None:
        self.found = get_object_or_404(requests_for(self.request.user), pk=kwargs["pk"])

    def get_page_subtitle(self) -> str:
        assessment = self.found.assessment
        return f"{assessment.child.first_name}, {assessment.reference}"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "found": self.found,
                "assessment": self.found.assessment,
                "coordinator": person(self.found.assessment.coordinator),
                "answered_by": person(self.found.answered_by),
                "can_answer": self.found.status == LookAgainStatus.OPEN,
                "errors": error_summary_items(context["form"]),
            }
        )
        return context

    def form_valid(self, form: AnswerForm) -> HttpResponse:
        try:
            answer_look_again(self.found, by=self.request.user, answer=form.cleaned_data["answer"])
        except AllocationError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"Your answer about {self.found.assessment.reference} has been sent to the family.",
        )
        return redirect("look_again_admin:index")
