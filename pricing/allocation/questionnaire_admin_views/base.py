"""What every page of the budget questionnaire's admin shares: who may configure, the
parts of a version (`KINDS`) and the page mixins."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import reverse
from wagtail.models import Site

from localoffer.core.admin_views import AreaPageMixin
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
from pricing.budgets.admin_views.base import page_errors

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


class ConfigurePageMixin(AreaPageMixin):
    """Site administrators only; the breadcrumb back to the list of versions."""

    header_icon = ICON
    area_label = AREA
    area_url_name = "questionnaire_admin:index"
    council: Site

    def allowed(self, user: Any) -> bool:
        return can_configure(user)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.council = council_of(request)
        return super().dispatch(request, *args, **kwargs)


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
