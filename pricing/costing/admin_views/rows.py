"""Add, change and remove a draft costing's services and cost lines."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages

from localoffer.core.forms import add_domain_error
from pricing.costing.admin_forms import DirectLineForm, OverheadLineForm, ServiceForm
from pricing.costing.admin_views.costing_page import DraftOnlyMixin
from pricing.costing.enums import OverheadPool
from pricing.costing.models import CostedService, CostLine
from pricing.costing.selectors import listings_of
from pricing.costing.services import (
    CostingError,
    remove_line,
    remove_service,
    save_line,
    save_service,
)
from pricing.offers.admin_views import form_errors

SERVICE_FIELDS = [
    "name",
    "listing",
    "unit_label",
    "current_price",
    "units_method",
    "sessions",
    "places",
    "occupancy_percent",
    "staff_hours",
    "chargeable_percent",
    "headcount",
    "staff_time",
    "floor_area",
]


class ServiceFormView(DraftOnlyMixin, FormView):
    """Add a service to the costing, or change one."""

    template_name = "pricing/admin/costing/service_form.html"
    form_class = ServiceForm

    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)
        self.service: CostedService | None = (
            self.service_of(kwargs["service"]) if "service" in kwargs else None
        )

    def get_page_title(self) -> str:
        return f"Change {self.service.name}" if self.service else "Add a service"

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["listings"] = listings_of(self.organisation)
        return kwargs

    def get_initial(self) -> dict[str, Any]:
        if self.service is not None:
            return ServiceForm.initial_from(self.service)
        return {"units_method": "sessions"}

    def form_valid(self, form: ServiceForm) -> HttpResponse:
        data = form.cleaned_data
        fields: dict[str, Any] = {name: data.get(name) for name in SERVICE_FIELDS}
        try:
            service = save_service(
                costing=self.costing,
                by=self.request.user,
                service=self.service,
                **fields,
            )
        except CostingError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"{service.name} saved.")
        return redirect(self.costing_url(f"service-{service.pk}"))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context.update(
            costing=self.costing,
            service=self.service,
            errors=form_errors(form),
            cancel_url=self.costing_url(f"service-{self.service.pk}" if self.service else ""),
        )
        return context


class RemoveMixin(DraftOnlyMixin, TemplateView):
    """A question page ("Remove ...?") and its POST, which removes the row.

    Each view's `load()` names the row in words (`what`) and gives the service call that
    removes it (`remove`)."""

    template_name = "pricing/admin/costing/remove.html"
    http_method_names = ["get", "post"]
    what: str
    remove: Callable[[], None]

    def get_page_title(self) -> str:
        return f"Remove {self.what}?"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.costing.is_final:
            return self.refuse_final()
        try:
            self.remove()
        except CostingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"{self.what[0].upper()}{self.what[1:]} removed.")
        return redirect(self.costing_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(costing=self.costing, what=self.what, cancel_url=self.costing_url())
        return context


class ServiceRemoveView(RemoveMixin):
    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)
        service = self.service_of(kwargs["service"])
        self.what = f"{service.name} and its direct costs"
        self.remove = lambda: remove_service(service=service, by=self.request.user)


class LineFormView(DraftOnlyMixin, FormView):
    """Add or change a cost line: a direct cost of a service (`?service=`) or an overhead."""

    template_name = "pricing/admin/costing/line_form.html"

    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)
        self.line: CostLine | None = self.line_of(kwargs["line"]) if "line" in kwargs else None
        if self.line is not None:
            self.service = self.line.service
        else:
            wanted = self.request.GET.get("service") or self.request.POST.get("service")
            if wanted and not (wanted.isdigit() and len(wanted) < 19):
                raise Http404("Not found")
            self.service = self.service_of(int(wanted)) if wanted else None

    def get_page_title(self) -> str:
        if self.service is not None:
            verb = "Change a direct cost of" if self.line else "Add a direct cost to"
            return f"{verb} {self.service.name}"
        return "Change an overhead" if self.line else "Add an overhead"

    def get_form_class(self) -> type[forms.Form]:
        return DirectLineForm if self.service is not None else OverheadLineForm

    def get_initial(self) -> dict[str, Any]:
        if self.line is not None:
            return {
                "kind": self.line.kind,
                "pool": self.line.pool,
                "description": self.line.description,
                "amount": self.line.amount,
            }
        pool = self.request.GET.get("pool", "")
        return {"pool": pool} if pool in OverheadPool.values else {}

    def form_valid(self, form: forms.Form) -> HttpResponse:
        data = form.cleaned_data
        try:
            line = save_line(
                costing=self.costing,
                by=self.request.user,
                line=self.line,
                service=self.service,
                kind=data.get("kind", ""),
                pool=data.get("pool", ""),
                description=data.get("description", ""),
                amount=data["amount"],
            )
        except CostingError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"{line.description}: £{line.amount:,.2f} saved.")
        anchor = f"service-{self.service.pk}" if self.service else f"pool-{line.pool}"
        return redirect(self.costing_url(anchor))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        anchor = f"service-{self.service.pk}" if self.service else "overheads"
        context.update(
            costing=self.costing,
            service=self.service,
            errors=form_errors(context["form"]),
            cancel_url=self.costing_url(anchor),
        )
        return context


class LineRemoveView(RemoveMixin):
    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)
        line = self.line_of(kwargs["line"])
        self.what = f"{line.description} (£{line.amount:,.2f})"
        self.remove = lambda: remove_line(line=line, by=self.request.user)
