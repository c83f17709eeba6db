"""A costing's results (with what-ifs that save nothing), "Save this version", and
"Use this as my price"."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin import messages

from pricing.costing.admin_forms import WhatIfForm
from pricing.costing.admin_views.base import CostingMixin
from pricing.costing.admin_views.presenting import present
from pricing.costing.enums import OverheadPool
from pricing.costing.models import Costing, PriceProposal
from pricing.costing.selectors import costing_rows
from pricing.costing.services import CostingError, finalise_costing, use_as_price
from pricing.offers.admin_views import form_errors
from pricing.templatetags.costing_tags import a_unit


def latest_proposals(costing: Costing) -> dict[int, PriceProposal]:
    """The latest price sent to the council from the costing, per service id."""
    found: dict[int, PriceProposal] = {}
    for proposal in (
        PriceProposal.objects.filter(costing=costing)
        .select_related("submission")
        .order_by("created_at", "pk")
    ):
        found[proposal.service_id] = proposal
    return found


class ResultsView(CostingMixin, TemplateView):
    """Each service's full cost, unit cost and price verdict, and the reconciliation.

    A what-if is read from the address (a GET form), worked out and shown, never saved:
    trying figures must not change the costing anyone else sees.
    """

    template_name = "pricing/admin/costing/results.html"
    http_method_names = ["get"]

    def get_page_title(self) -> str:
        return f"Results of costing {self.costing.label}"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        rows = costing_rows(self.costing)
        asked = self.request.GET.get("what_if") == "1"
        form = WhatIfForm(self.request.GET if asked else None, services=rows.services)
        overrides = form.overrides()
        what_if = asked and form.is_valid() and any(overrides.values())
        result = rows.work_out(**overrides) if what_if else rows.work_out()
        context.update(
            costing=self.costing,
            organisation=self.organisation,
            result=result,
            services=present(
                result,
                rows.services,
                proposals=latest_proposals(self.costing),
                **(overrides if what_if else {}),
            ),
            what_if=what_if,
            what_if_form=form,
            what_if_rows=[
                (
                    service,
                    form[f"occupancy_{service.pk}"],
                    form[f"price_{service.pk}"],
                )
                for service in rows.services
            ],
            what_if_drivers=[form[f"driver_{pool.value}"] for pool in OverheadPool],
            errors=form_errors(form) if asked else [],
            results_url=self.results_url(),
        )
        return context


class FinaliseView(CostingMixin, View):
    """Save this version: dated, and never changed again (a POST button)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            saved = finalise_costing(costing=self.costing, by=request.user)
        except CostingError as error:
            messages.error(request, error.message)
            return redirect(self.results_url())
        messages.success(
            request,
            f"Costing {saved.label} is saved. It cannot be changed now: to make changes, "
            "start a new draft from it.",
        )
        return redirect(self.results_url())


class UsePriceView(CostingMixin, View):
    """Use a service's unit cost as its listing's price: sent to the council to check."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        service = self.service_of(kwargs["service"])
        was_draft = not self.costing.is_final
        try:
            proposal = use_as_price(costing_service=service, by=request.user)
        except CostingError as error:
            messages.error(request, error.message)
            return redirect(self.results_url())
        saved = (
            f" Costing {proposal.costing.label} is saved, as prices always name a saved version."
            if was_draft
            else ""
        )
        old = f"£{proposal.old_price:,.2f}" if proposal.old_price is not None else "the price now"
        messages.success(
            request,
            f"The new price for {proposal.listing.title}, £{proposal.new_price:,.2f} "
            f"{a_unit(service.unit_label)}, has gone to the council to check. Families keep paying "
            f"{old} until a moderator approves it.{saved}",
        )
        return redirect(self.results_url())
