"""The provision map in the council's admin (/admin/provision-map/): the same figures as
the public page with filters and a CSV, and the council's standard unit costs.

Any council staff may look (localoffer.core.roles.is_council_staff); only site administrators
add, change or delete standard costs. Anyone else who reached the admin gets 403.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from localoffer.core.forms import add_domain_error
from localoffer.core.roles import is_council_staff
from localoffer.core.spreadsheets import csv_lines
from pricing.allocation.services.common import AllocationError
from pricing.offers.admin_views import form_errors
from pricing.provision.forms import MapFilters, StandardUnitCostForm
from pricing.provision.models import StandardUnitCost
from pricing.provision.selectors import MapRow, groups, map_rows
from pricing.provision.standard_costs import delete_standard_cost, save_standard_cost
from pricing.provision.views import council_of, directory_url

HEADER = [
    "Group",
    "Type of provision",
    "Unit",
    "Providers",
    "Services",
    "Priced options",
    "Free options",
    "Lowest",
    "Median",
    "Highest",
    "Services taking direct payments",
    "Council standard cost",
    "Standard cost description",
]


class StaffMixin(WagtailAdminTemplateMixin):
    header_icon = "table"
    request: HttpRequest
    administrators_only = False

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if not is_council_staff(user) or (self.administrators_only and not user.is_superuser):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        items = [*super().get_breadcrumbs_items()]
        if self.get_page_title() != "Provision map":
            items.append({"url": reverse("provision_admin:index"), "label": "Provision map"})
        return [*items, {"url": "", "label": self.get_page_title()}]


def _filtered(request: HttpRequest) -> tuple[MapFilters, list[MapRow]]:
    filters = MapFilters(request.GET, groups=groups())
    rows = map_rows(
        council=council_of(request),
        group=filters.group,
        unit=filters.unit or None,
        direct_payment_only=filters.direct_payment,
        query=filters.query,
    )
    return filters, rows


class MapView(StaffMixin, TemplateView):
    template_name = "pricing/provision/admin/index.html"
    page_title = "Provision map"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        filters, rows = _filtered(self.request)
        for row in rows:
            row.directory_url = directory_url(row)  # type: ignore[attr-defined]
        query = self.request.GET.urlencode()
        context.update(
            {
                "filters": filters,
                "rows": rows,
                "csv_url": reverse("provision_admin:csv") + (f"?{query}" if query else ""),
                "standard_costs": StandardUnitCost.objects.filter(council=council_of(self.request))
                .select_related("category", "category__parent", "updated_by")
                .order_by("category__name", "unit"),
                "can_edit": self.request.user.is_superuser,
                "public_url": reverse("provision:map"),
            }
        )
        return context


def _csv_rows(rows: list[MapRow]) -> Iterator[list[Any]]:
    yield HEADER
    for row in rows:
        entry, standard = row.entry, row.standard
        yield [
            row.group.name,
            row.name,
            row.unit_label,
            entry.providers if entry else 0,
            entry.services if entry else 0,
            entry.priced if entry else 0,
            entry.free if entry else 0,
            entry.lowest if entry and entry.lowest is not None else "",
            entry.median if entry and entry.median is not None else "",
            entry.highest if entry and entry.highest is not None else "",
            entry.direct_payment if entry else 0,
            standard.amount if standard else "",
            standard.description if standard else "",
        ]


class CsvView(StaffMixin, View):
    http_method_names = ["get"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> StreamingHttpResponse:
        _filters, rows = _filtered(request)
        response = StreamingHttpResponse(
            csv_lines(_csv_rows(rows)), content_type="text/csv; charset=utf-8"
        )
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="provision-map-{stamp}.csv"'
        return response


class StandardCostFormView(StaffMixin, FormView):
    template_name = "pricing/provision/admin/standard_cost_form.html"
    form_class = StandardUnitCostForm
    administrators_only = True
    http_method_names = ["get", "post"]
    instance: StandardUnitCost | None = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if "pk" in kwargs and is_council_staff(request.user) and request.user.is_superuser:
            self.instance = get_object_or_404(
                StandardUnitCost, pk=kwargs["pk"], council=council_of(request)
            )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return "Change a standard unit cost" if self.instance else "Add a standard unit cost"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": self.instance}

    def form_valid(self, form: Any) -> HttpResponse:
        data = form.cleaned_data
        try:
            save_standard_cost(
                council=council_of(self.request),
                category=data["category"],
                unit=data["unit"],
                description=data["description"],
                amount=data["amount"],
                by=self.request.user,
                instance=self.instance,
            )
        except AllocationError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Standard unit cost saved: {data['description']}")
        return redirect("provision_admin:index")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update({"errors": form_errors(context["form"]), "instance": self.instance})
        return context


class StandardCostDeleteView(StaffMixin, TemplateView):
    template_name = "pricing/provision/admin/standard_cost_delete.html"
    administrators_only = True
    page_title = "Delete a standard unit cost"
    http_method_names = ["get", "post"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["cost"] = self.cost()
        return context

    def cost(self) -> StandardUnitCost:
        return get_object_or_404(
            StandardUnitCost, pk=self.kwargs["pk"], council=council_of(self.request)
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        cost = self.cost()
        description = cost.description
        delete_standard_cost(cost, by=request.user)
        messages.success(request, f"Standard unit cost deleted: {description}")
        return redirect("provision_admin:index")
