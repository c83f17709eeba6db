"""The budget questionnaire in the council's admin: its versions, each shown whole, and the
forms that change a draft, publish it or delete it.

Only site administrators configure the tool (`selectors.can_configure`): the people who
assess and decide do not also set it. Anyone else who reached the admin is refused (403).
A published version is frozen: its pages show no edit links, and its edit addresses are
refused too (the rows would refuse the change anyway).

One form view serves every part (domain, question, answer, age adjustment, band), told
apart by `KINDS`; one confirmation view serves every button that needs a second look.
"""

from __future__ import annotations

from abc import abstractmethod
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Site

from localoffer.core.forms import add_domain_error
from pricing.allocation import questionnaire_admin_forms as part_forms
from pricing.allocation.models import (
    AgeAdjustment,
    Descriptor,
    Domain,
    FundingBand,
    Question,
    QuestionnaireVersion,
)
from pricing.allocation.selectors import can_configure
from pricing.allocation.services.common import AllocationError
from pricing.allocation.services.questionnaire import (
    NotPublishable,
    delete_draft,
    delete_part,
    new_draft,
    problems_of,
    publish,
    save_part,
)
from pricing.budgets.admin_views.base import money, page_errors, person
from pricing.budgets.enums import Stream

ICON = "list-ul"
AREA = "Budget questionnaire"


@dataclass(frozen=True)
class Kind:
    """One kind of part of a questionnaire, as its addresses name it."""

    model: type[models.Model]
    form: type[forms.ModelForm]
    label: str
    in_version: str  # the lookup from the part to its version
    parent: str = ""  # the field it hangs from, if not the version itself
    parent_kind: str = ""


KINDS: dict[str, Kind] = {
    "domains": Kind(Domain, part_forms.DomainForm, "domain", "version"),
    "questions": Kind(
        Question, part_forms.QuestionForm, "question", "domain__version", "domain", "domains"
    ),
    "descriptors": Kind(
        Descriptor,
        part_forms.DescriptorForm,
        "answer",
        "question__domain__version",
        "question",
        "questions",
    ),
    "ages": Kind(AgeAdjustment, part_forms.AgeAdjustmentForm, "age adjustment", "version"),
    "bands": Kind(FundingBand, part_forms.FundingBandForm, "band", "version"),
}


def council_of(request: HttpRequest) -> Site:
    return Site.find_for_request(request) or Site.objects.get(is_default_site=True)


def errors_of(form: forms.BaseForm) -> list[dict[str, str]]:
    """The error summary's links; a refusal on a page with only a button links to it."""
    errors = page_errors(form)
    if not errors and form.is_bound:
        errors = [{"href": "#confirm", "text": str(e)} for e in form.non_field_errors()]
    return errors


class ConfigurePageMixin(WagtailAdminTemplateMixin):
    """Site administrators only; the breadcrumb back to the list of versions."""

    header_icon = ICON
    request: HttpRequest
    council: Site

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not can_configure(request.user):
            raise PermissionDenied
        self.council = council_of(request)
        self.load(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def load(self, **kwargs: Any) -> None:
        """Load the page's records from the address."""

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("questionnaire_admin:index"), "label": AREA},
            *self.extra_breadcrumbs(),
            {"url": "", "label": self.get_page_title()},
        ]

    def extra_breadcrumbs(self) -> list[dict[str, Any]]:
        return []


class VersionPageMixin(ConfigurePageMixin):
    version: QuestionnaireVersion
    draft_only = True  # pages that change the version refuse a published one

    def load(self, **kwargs: Any) -> None:
        self.version = get_object_or_404(
            QuestionnaireVersion, council=self.council, number=kwargs["number"]
        )
        if self.draft_only and self.version.is_published:
            raise PermissionDenied("A published version cannot be changed: make a new draft.")

    def version_url(self) -> str:
        return reverse("questionnaire_admin:version", args=[self.version.number])

    def get_page_subtitle(self) -> str:
        return str(self.version)

    def extra_breadcrumbs(self) -> list[dict[str, Any]]:
        return [{"url": self.version_url(), "label": f"Version {self.version.number}"}]


class IndexView(ConfigurePageMixin, TemplateView):
    template_name = "pricing/allocation/questionnaire/index.html"
    page_title = AREA

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*WagtailAdminTemplateMixin.get_breadcrumbs_items(self), {"url": "", "label": AREA}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        versions = (
            QuestionnaireVersion.objects.filter(council=self.council)
            .select_related("published_by")
            .annotate(assessment_count=Count("assessments"))
            .order_by("-number")
        )
        context["rows"] = [{"version": v, "by": person(v.published_by)} for v in versions]
        context["has_draft"] = any(not v.is_published for v in versions)
        return context


def points_text(points: Decimal) -> str:
    """'5' for 5.00 points, '7.5' for 7.50."""
    text = f"{points:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def band_rows(bands: list[FundingBand]) -> list[dict[str, Any]]:
    """Per stream, its bands with the points each runs to (the next band's start)."""
    tables = []
    for stream in Stream:
        own = [band for band in bands if band.stream == stream]
        if not own:
            continue
        rows = []
        for band, following in zip(own, [*own[1:], None], strict=True):
            start = points_text(band.from_points)
            upto = f"to under {points_text(following.from_points)}" if following else "and above"
            rows.append({"band": band, "points": f"{start} {upto}", "amount": money(band.amount)})
        tables.append({"stream": stream, "label": stream.label, "rows": rows})
    return tables


class VersionView(VersionPageMixin, TemplateView):
    template_name = "pricing/allocation/questionnaire/version.html"
    draft_only = False

    def get_page_title(self) -> str:
        return f"Budget questionnaire, version {self.version.number}"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        version = self.version
        domains = list(version.domains.prefetch_related("questions__descriptors"))
        context.update(
            {
                "version": version,
                "editable": not version.is_published,
                "published_by": person(version.published_by),
                "domains": [
                    {
                        "domain": domain,
                        "shares": [
                            (Stream(stream).label, share)
                            for stream, share in domain.shares().items()
                            if share
                        ],
                    }
                    for domain in domains
                ],
                "ages": list(version.age_adjustments.all()),
                "streams": band_rows(list(version.bands.all())),
                "problems": [] if version.is_published else problems_of(version),
            }
        )
        return context


class ActionView(VersionPageMixin, FormView):
    """A page with a form whose POST calls one service; a refusal is shown in the error
    summary beside what was typed."""

    http_method_names = ["get", "post"]
    template_name = "pricing/allocation/questionnaire/part_form.html"
    submit_label = "Save"
    danger = False

    def intro(self) -> str:
        return ""

    @abstractmethod
    def act(self, form: Any) -> tuple[str, str]:
        """Call the service; the success message and where to go next."""

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            message, url = self.act(form)
        except AllocationError as error:
            self.refused(form, error)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(url)

    def refused(self, form: Any, error: AllocationError) -> None:
        add_domain_error(form, error)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "version": self.version,
                "errors": errors_of(context["form"]),
                "intro": self.intro(),
                "submit_label": self.submit_label,
                "danger": self.danger,
                "back_url": self.version_url(),
            }
        )
        return context


class PartView(ActionView):
    """Add a part to a draft (`pk` absent, `parent` for a question or an answer) or
    change one."""

    kind: Kind
    part: models.Model

    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)
        kind = KINDS.get(kwargs["kind"])
        if kind is None:
            raise Http404("No such part")
        self.kind = kind
        if "pk" in kwargs:
            self.part = get_object_or_404(
                kind.model, pk=kwargs["pk"], **{kind.in_version: self.version}
            )
        elif kind.parent:
            if "parent" not in kwargs:
                raise Http404("Say what it belongs to")
            above = KINDS[kind.parent_kind]
            parent = get_object_or_404(
                above.model, pk=kwargs["parent"], **{above.in_version: self.version}
            )
            self.part = kind.model(**{kind.parent: parent})
        else:
            self.part = kind.model(version=self.version)

    @property
    def adding(self) -> bool:
        return self.part._state.adding

    def get_page_title(self) -> str:
        article = "an" if self.kind.label[0] in "aeiou" else "a"
        return f"{'Add' if self.adding else 'Change'} {article} {self.kind.label}"

    def intro(self) -> str:
        if self.kind.parent:
            return f"For “{getattr(self.part, self.kind.parent)}”."
        return ""

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.part
        if self.adding and "position" in self.kind.form.base_fields:
            siblings = self.kind.model._default_manager.filter(
                **(
                    {self.kind.parent: getattr(self.part, self.kind.parent)}
                    if self.kind.parent
                    else {"version": self.version}
                )
            )
            kwargs["initial"] = {"position": siblings.count() + 1}
        return kwargs

    def get_form_class(self) -> type[forms.ModelForm]:
        return self.kind.form

    @property
    def submit_label(self) -> str:  # type: ignore[override]
        return f"Add the {self.kind.label}" if self.adding else "Save the changes"

    def act(self, form: Any) -> tuple[str, str]:
        adding = self.adding
        part = save_part(form.save(commit=False), by=self.request.user)
        return (
            f"{self.kind.label.capitalize()} {'added' if adding else 'changed'}: {part}.",
            f"{self.version_url()}#{self.kind.label.replace(' ', '-')}-{part.pk}",
        )


class DeletePartView(PartView):
    template_name = "pricing/allocation/questionnaire/confirm.html"
    danger = True

    def get_page_title(self) -> str:
        return f"Delete this {self.kind.label}"

    def intro(self) -> str:
        below = {
            "domain": " Its questions and their answers are deleted with it.",
            "question": " Its answers are deleted with it.",
        }
        return f"“{self.part}” will be deleted from the draft.{below.get(self.kind.label, '')}"

    def get_form_class(self) -> type[forms.Form]:  # type: ignore[override]
        return part_forms.ConfirmForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return FormView.get_form_kwargs(self)

    @property
    def submit_label(self) -> str:  # type: ignore[override]
        return f"Delete the {self.kind.label}"

    def act(self, form: Any) -> tuple[str, str]:
        words = str(self.part)
        delete_part(self.part, by=self.request.user)
        return f"{self.kind.label.capitalize()} deleted: {words}.", self.version_url()


class PublishView(ActionView):
    template_name = "pricing/allocation/questionnaire/confirm.html"
    form_class = part_forms.ConfirmForm
    submit_label = "Publish this version"

    def get_page_title(self) -> str:
        return f"Publish version {self.version.number}"

    def intro(self) -> str:
        return (
            "Once published, this version is used for every new assessment and can never be "
            "changed. Assessments already made keep the version they were made with."
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["problems"] = problems_of(self.version)
        return context

    def refused(self, form: Any, error: AllocationError) -> None:
        if isinstance(error, NotPublishable):
            # One line a problem in the error summary, rather than one long sentence.
            for problem in error.problems:
                form.add_error(None, problem)
        else:
            add_domain_error(form, error)

    def act(self, form: Any) -> tuple[str, str]:
        version = publish(self.version, by=self.request.user)
        return (
            f"Version {version.number} published: new assessments use it from now on.",
            self.version_url(),
        )


class DeleteDraftView(ActionView):
    template_name = "pricing/allocation/questionnaire/confirm.html"
    form_class = part_forms.ConfirmForm
    submit_label = "Delete the draft"
    danger = True

    def get_page_title(self) -> str:
        return f"Delete draft version {self.version.number}"

    def intro(self) -> str:
        return "The draft and every change made in it are deleted. Published versions stay."

    def act(self, form: Any) -> tuple[str, str]:
        number = self.version.number
        delete_draft(self.version, by=self.request.user)
        return f"Draft version {number} deleted.", reverse("questionnaire_admin:index")


class NewDraftView(ConfigurePageMixin, FormView):
    template_name = "pricing/allocation/questionnaire/confirm.html"
    form_class = part_forms.ConfirmForm
    http_method_names = ["get", "post"]
    page_title = "Make a new draft"

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            draft = new_draft(self.council, by=self.request.user)
        except AllocationError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, f"Draft version {draft.number} made: change it, then publish it."
        )
        return redirect("questionnaire_admin:version", draft.number)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "errors": errors_of(context["form"]),
                "intro": (
                    "The draft is a copy of the newest published version, to change and then "
                    "publish. Nothing changes for families until it is published."
                ),
                "submit_label": "Make the draft",
                "back_url": reverse("questionnaire_admin:index"),
            }
        )
        return context
