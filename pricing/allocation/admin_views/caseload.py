"""The coordinator's caseload, the self-assessments families have sent, and starting an
assessment (for a family's child, or from a family's self-assessment)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin import messages

from localoffer.core.forms import add_domain_error
from pricing.allocation.admin_forms import (
    CaseloadFilterForm,
    ChildForm,
    FamilyEmailForm,
    StartFromSelfForm,
)
from pricing.allocation.admin_views.base import CoordinatorPageMixin, council_of, person
from pricing.allocation.enums import AssessmentKind, AssessmentStatus
from pricing.allocation.models import Assessment
from pricing.allocation.selectors import assessments_for
from pricing.allocation.services.assessments import Started, start_assessment
from pricing.allocation.services.common import AllocationError
from pricing.offers.admin_views import form_errors


def sent_self_assessments(council: Any) -> QuerySet[Assessment]:
    """The council's self-assessments sent by families that no assessment has started
    from yet (a withdrawn one does not count: the family's answers may be used again)."""
    started = Assessment.objects.filter(started_from=OuterRef("pk")).exclude(
        status=AssessmentStatus.WITHDRAWN
    )
    return (
        Assessment.objects.filter(
            council=council, kind=AssessmentKind.SELF, status=AssessmentStatus.SENT
        )
        .exclude(Exists(started))
        .select_related("child", "child__family")
        .order_by("updated_at", "pk")
    )


def _started_message(request: HttpRequest, started: Started) -> None:
    assessment = started.assessment
    text = f"Assessment {assessment.reference} started for {assessment.child.first_name}."
    if started.answers_copied:
        text += f" The family's {started.answers_copied} answers were copied: check each with them."
    messages.success(request, text)
    if started.note:
        messages.warning(request, started.note)


class CaseloadView(CoordinatorPageMixin, TemplateView):
    template_name = "pricing/allocation/admin/index.html"
    page_title = "Assessments"
    http_method_names = ["get"]

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = CaseloadFilterForm(self.request.GET or None)
        status = form.cleaned_data["status"] if form.is_bound and form.is_valid() else ""
        assessments = assessments_for(self.request.user).select_related("child", "coordinator")
        total = assessments.count()
        if status:
            assessments = assessments.filter(status=status)
        context.update(
            {
                "form": form,
                "status": status,
                "status_label": dict(AssessmentStatus.choices).get(status, ""),
                "total": total,
                "rows": [
                    {"assessment": a, "coordinator": person(a.coordinator)}
                    for a in assessments.order_by("-updated_at", "pk")[:200]
                ],
                "show_coordinator": self.request.user.is_superuser,
                "sent_count": sent_self_assessments(council_of(self.request)).count(),
            }
        )
        return context


class SentView(CoordinatorPageMixin, TemplateView):
    template_name = "pricing/allocation/admin/sent.html"
    page_title = "Self-assessments sent by families"
    http_method_names = ["get"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["sent"] = list(sent_self_assessments(council_of(self.request))[:200])
        return context


class NewAssessmentView(CoordinatorPageMixin, TemplateView):
    """Two steps on one address: the family's email address, then which of its children
    (and the budget under review, if any). The email address is posted, never put in the
    address bar."""

    template_name = "pricing/allocation/admin/new.html"
    page_title = "Start an assessment"
    http_method_names = ["get", "post"]
    header_icon = "plus"

    def render(self, **forms: Any) -> HttpResponse:
        context = self.get_context_data()
        errors = []
        for form in forms.values():
            errors += form_errors(form)
        context.update({**forms, "errors": errors})
        return TemplateResponse(self.request, self.template_name, context)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(email_form=FamilyEmailForm())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        email_form = FamilyEmailForm(request.POST)
        if not email_form.is_valid():
            return self.render(email_form=email_form)
        email = email_form.cleaned_data["email"]
        family = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if family is None or not family.children.exists():
            email_form.add_error(
                "email",
                "No family with children signed up with that email address: check it with "
                "the family, or ask them to add their child to their account first",
            )
            return self.render(email_form=email_form)
        council = council_of(request)
        choosing = "child" in request.POST or "choose" in request.POST
        child_form = ChildForm(request.POST if choosing else None, family=family, council=council)
        if not choosing or not child_form.is_valid():
            return self.render(email_form=email_form, child_form=child_form)
        try:
            started = start_assessment(
                council=council,
                coordinator=request.user,
                child=child_form.cleaned_data["child"],
                budget=child_form.cleaned_data["budget"],
                by=request.user,
            )
        except AllocationError as error:
            add_domain_error(child_form, error)
            return self.render(email_form=email_form, child_form=child_form)
        _started_message(request, started)
        return redirect("assessment_admin:question", started.assessment.reference, 1)


class StartFromSelfView(CoordinatorPageMixin, TemplateView):
    template_name = "pricing/allocation/admin/start_from_self.html"
    page_title = "Start from the family's self-assessment"
    http_method_names = ["get", "post"]

    def load(self, **kwargs: Any) -> None:
        self.sent = get_object_or_404(
            sent_self_assessments(council_of(self.request)), reference=kwargs["reference"]
        )

    def extra_breadcrumbs(self) -> list[dict[str, Any]]:
        return [{"url": reverse("assessment_admin:sent"), "label": SentView.page_title}]

    def render(self, form: StartFromSelfForm) -> HttpResponse:
        context = self.get_context_data()
        context.update({"form": form, "sent": self.sent, "errors": form_errors(form)})
        return TemplateResponse(self.request, self.template_name, context)

    def form(self, data: Any = None) -> StartFromSelfForm:
        return StartFromSelfForm(data, child=self.sent.child, council=council_of(self.request))

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(self.form())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render(form)
        try:
            started = start_assessment(
                council=council_of(request),
                coordinator=request.user,
                child=self.sent.child,
                from_self=self.sent,
                budget=form.cleaned_data["budget"],
                by=request.user,
            )
        except AllocationError as error:
            add_domain_error(form, error)
            return self.render(form)
        _started_message(request, started)
        return redirect("assessment_admin:question", started.assessment.reference, 1)
