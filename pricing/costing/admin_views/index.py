"""The costing area's front page, an organisation's costings by year and version with a
form to start one, and "Start a new draft from this version"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin import messages

from localoffer.core.forms import add_domain_error, error_summary_items
from pricing.costing.admin_forms import StartForm
from pricing.costing.admin_views.base import CostingMixin, OrganisationCostingMixin
from pricing.costing.enums import CostingStatus
from pricing.costing.models import Costing
from pricing.costing.selectors import costings_of
from pricing.costing.services import CostingError, start_costing
from pricing.costing.worked_example import this_financial_year
from pricing.offers.admin_views import ProviderPageMixin, member_organisations


@dataclass
class Year:
    """One financial year's costings: its draft, if any, and its saved versions."""

    label: str
    starts_on: dt.date
    draft: Costing | None = None
    saved: list[Costing] = field(default_factory=list)

    @property
    def costings(self) -> list[Costing]:
        """The draft first, then the saved versions, newest first."""
        return [*([self.draft] if self.draft else []), *self.saved]


def years_of(costings: list[Costing]) -> list[Year]:
    years: dict[dt.date, Year] = {}
    for costing in costings:
        year = years.setdefault(
            costing.year_starts_on, Year(label=costing.year_label, starts_on=costing.year_starts_on)
        )
        if costing.status == CostingStatus.DRAFT:
            year.draft = costing
        else:
            year.saved.append(costing)
    return list(years.values())


class CostingIndexView(ProviderPageMixin, TemplateView):
    """Straight to the only organisation a person is in, or a list of theirs."""

    template_name = "pricing/admin/costing/index.html"
    page_title = "Costing"
    header_icon = "table"
    bookings_crumb = False
    http_method_names = ["get"]

    def load(self, **kwargs: Any) -> None:
        self.organisations = list(member_organisations(self.request.user))

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if len(self.organisations) == 1:
            return redirect("provider_costing:list", self.organisations[0].pk)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["links"] = [
            (o, reverse("provider_costing:list", args=[o.pk])) for o in self.organisations
        ]
        return context


class CostingListView(OrganisationCostingMixin, TemplateView):
    """The organisation's costings, and a form to start one for a year (POST)."""

    template_name = "pricing/admin/costing/costings.html"
    page_title = "Costing"
    http_method_names = ["get", "post"]

    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)
        self.costings = list(costings_of(self.organisation).select_related("finalised_by"))
        self.form = StartForm(initial=self.suggested_start())

    def suggested_start(self) -> dict[str, int]:
        """This financial year, or the next one if this year's is started already."""
        starts = this_financial_year(timezone.localdate())
        if any(c.year_starts_on == starts for c in self.costings):
            starts = starts.replace(year=starts.year + 1)
        return {"day": starts.day, "month": starts.month, "year": starts.year}

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.form = StartForm(request.POST)
        if self.form.is_valid():
            try:
                costing = start_costing(
                    organisation=self.organisation,
                    year_starts_on=self.form.cleaned_data["year_starts_on"],
                    by=request.user,
                )
            except CostingError as error:
                error.field = "day" if error.field == "year_starts_on" else error.field
                add_domain_error(self.form, error)
            else:
                messages.success(request, f"Costing {costing.label} started.")
                return redirect("provider_costing:costing", costing.pk)
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            organisation=self.organisation,
            costings=self.costings,
            years=years_of(self.costings),
            form=self.form,
            errors=error_summary_items(self.form, fields=["day", "month", "year"]),
        )
        return context


class NewDraftView(CostingMixin, View):
    """Start a new draft copied from this saved version (a POST button)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            draft = start_costing(
                organisation=self.organisation,
                year_starts_on=self.costing.year_starts_on,
                by=request.user,
                based_on=self.costing,
            )
        except CostingError as error:
            messages.error(request, error.message)
            return redirect("provider_costing:list", self.organisation.pk)
        messages.success(
            request, f"Costing {draft.label} started, copied from version {self.costing.version}."
        )
        return redirect("provider_costing:costing", draft.pk)
