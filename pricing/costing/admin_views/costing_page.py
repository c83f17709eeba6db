"""A costing's own page: its services with their direct cost lines, the overheads of each
pool and what shares each pool out; and the drivers' form."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages

from localoffer.core.forms import add_domain_error
from pricing.costing.admin_forms import DRIVER_HELP, DriversForm
from pricing.costing.admin_views.base import CostingMixin
from pricing.costing.enums import DEFAULT_DRIVERS, CostingStatus, Driver, OverheadPool
from pricing.costing.models import CostedService, CostLine
from pricing.costing.selectors import CostingRows, costing_rows, costings_of
from pricing.costing.services import CostingError, set_driver
from pricing.offers.admin_views import form_errors

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class ServiceRow:
    service: CostedService
    lines: list[CostLine]
    direct_cost: Decimal


@dataclass(frozen=True)
class PoolRow:
    pool: OverheadPool
    driver: Driver
    lines: list[CostLine]
    amount: Decimal


def service_rows(rows: CostingRows) -> list[ServiceRow]:
    return [
        ServiceRow(
            service=service,
            lines=rows.lines_of(service),
            direct_cost=sum((line.amount for line in rows.lines_of(service)), ZERO),
        )
        for service in rows.services
    ]


def pool_rows(rows: CostingRows) -> list[PoolRow]:
    return [
        PoolRow(
            pool=pool,
            driver=Driver(rows.drivers.get(pool.value, DEFAULT_DRIVERS[pool.value])),
            lines=rows.overhead_lines.get(pool.value, []),
            amount=rows.pool_amount(pool.value),
        )
        for pool in OverheadPool
    ]


def drivers_initial(rows: CostingRows) -> dict[str, str]:
    return {
        pool.value: row.driver.value
        for pool, row in zip(OverheadPool, pool_rows(rows), strict=True)
    }


class CostingView(CostingMixin, TemplateView):
    template_name = "pricing/admin/costing/costing.html"
    http_method_names = ["get"]

    def get_page_title(self) -> str:
        state = "saved version" if self.costing.is_final else "draft"
        return f"Costing {self.costing.label} ({state})"

    def more_breadcrumbs(self) -> list[dict[str, Any]]:
        return []

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        rows = costing_rows(self.costing)
        services = service_rows(rows)
        pools = pool_rows(rows)
        total_direct = sum((s.direct_cost for s in services), ZERO)
        total_overheads = sum((p.amount for p in pools), ZERO)
        draft_of_year = (
            costings_of(self.organisation)
            .filter(year_starts_on=self.costing.year_starts_on, status=CostingStatus.DRAFT)
            .first()
        )
        context.update(
            costing=self.costing,
            organisation=self.organisation,
            is_draft=not self.costing.is_final,
            services=services,
            pools=pools,
            total_direct=total_direct,
            total_overheads=total_overheads,
            whole_budget=total_direct + total_overheads,
            drivers_form=DriversForm(initial=drivers_initial(rows)),
            driver_help=DRIVER_HELP,
            draft_of_year=draft_of_year,
        )
        return context


class DraftOnlyMixin(CostingMixin):
    """A page that changes the costing: a saved version sends people back to its page."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.costing.is_final:
            return self.refuse_final()
        return super().get(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.costing.is_final:
            return self.refuse_final()
        return super().post(request, *args, **kwargs)

    def refuse_final(self) -> HttpResponse:
        messages.error(
            self.request,
            "A saved version cannot be changed. Start a new draft from it to make changes.",
        )
        return redirect("provider_costing:costing", self.costing.pk)


class DriversView(DraftOnlyMixin, FormView):
    """Choose what shares each overhead pool among the services."""

    template_name = "pricing/admin/costing/drivers.html"
    page_title = "How overheads are shared out"
    form_class = DriversForm

    def get_initial(self) -> dict[str, Any]:
        return drivers_initial(costing_rows(self.costing))

    def form_valid(self, form: DriversForm) -> HttpResponse:
        current = self.get_initial()
        try:
            for pool in OverheadPool:
                chosen = form.cleaned_data[pool.value]
                if chosen != current.get(pool.value):
                    set_driver(
                        costing=self.costing, pool=pool.value, driver=chosen, by=self.request.user
                    )
        except CostingError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "How overheads are shared out is saved.")
        return redirect(self.costing_url("overheads"))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            costing=self.costing,
            errors=form_errors(context["form"]),
            driver_help=DRIVER_HELP,
        )
        return context
