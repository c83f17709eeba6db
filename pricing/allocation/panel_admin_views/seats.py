"""The panel's seats, for site administrators: who decides which stream up to what."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.models import Site

from localoffer.core.forms import add_domain_error
from localoffer.core.money import format_pounds
from pricing.allocation.models import PanelMember
from pricing.allocation.panel_admin_forms import SeatForm
from pricing.allocation.panel_admin_views.base import AdministratorPageMixin, person
from pricing.allocation.services.common import AllocationError
from pricing.allocation.services.panel_seats import save_seat
from pricing.offers.admin_views import form_errors


def council_of(request: Any) -> Site:
    return Site.find_for_request(request) or Site.objects.get(is_default_site=True)


class SeatsView(AdministratorPageMixin, TemplateView):
    page_title = "Panel seats"
    template_name = "pricing/allocation/panel/seats.html"

    def extra_breadcrumbs(self) -> list[dict[str, Any]]:
        return []

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        seats = PanelMember.objects.filter(council=council_of(self.request)).select_related("user")
        context["rows"] = [
            {
                "seat": seat,
                "person": person(seat.user),
                "limit": format_pounds(seat.limit),
            }
            for seat in seats
        ]
        return context


class SeatFormView(AdministratorPageMixin, FormView):
    template_name = "pricing/allocation/panel/seat_form.html"
    form_class = SeatForm
    seat: PanelMember | None = None

    def extra_breadcrumbs(self) -> list[dict[str, Any]]:
        return [{"url": reverse("panel_admin:seats"), "label": "Panel seats"}]

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["editing"] = self.seat is not None
        if self.seat is not None:
            kwargs["initial"] = {
                "user": self.seat.user,
                "stream": self.seat.stream,
                "limit": self.seat.limit,
                "active": self.seat.active,
            }
        return kwargs

    def form_valid(self, form: Any) -> HttpResponse:
        data = form.cleaned_data
        try:
            seat = save_seat(
                council=council_of(self.request),
                user=data["user"] if self.seat is None else self.seat.user,
                stream=data["stream"] if self.seat is None else self.seat.stream,
                limit=data["limit"],
                active=data["active"],
                by=self.request.user,
                seat=self.seat,
            )
        except AllocationError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Seat saved: {seat}.")
        return redirect("panel_admin:seats")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["errors"] = form_errors(context["form"])
        return context


class SeatNewView(SeatFormView):
    page_title = "Add a panel seat"


class SeatEditView(SeatFormView):
    page_title = "Change a panel seat"

    def load(self, **kwargs: Any) -> None:
        self.seat = get_object_or_404(
            PanelMember.objects.select_related("user"),
            pk=kwargs["pk"],
            council=council_of(self.request),
        )
