"""The recovery page of a costing in the provider workspace, and its CSV download.

Who may open it is the costing area's rule (`CostingMixin`): people in an organisation's
team; someone in no team is refused (403) and another organisation's costing is not
found (404).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views import View
from django.views.generic import TemplateView

from localoffer.core.spreadsheets import csv_lines
from pricing.costing import recovery_charts as charts
from pricing.costing.admin_views.base import CostingMixin
from pricing.costing.recovery import ServiceRecovery
from pricing.costing.recovery_figures import PERCENT, UNITS, csv_rows, page_rows, total_rows, words
from pricing.costing.recovery_selectors import Recovery, recovery_of


class RecoveryPageMixin(CostingMixin):
    """A costing of the person's organisations (404 for another's), with its recovery."""

    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)
        self.recovery = recovery_of(self.costing, timezone.localdate())


def period_words(recovery: Recovery) -> str:
    year = recovery.report.year
    if year.days_elapsed == 0:
        return f"The year starts on {year.starts_on:%-d %B %Y}: nothing has gone by yet"
    return f"{year.starts_on:%-d %B %Y} to {year.last_day:%-d %B %Y}"


def measured_words(recovery: Recovery) -> str:
    """Which costing the figures come from, in words."""
    costing = recovery.costing
    if costing.is_final:
        saved = costing.finalised_at or costing.created_at
        when = timezone.localtime(saved)
        return (
            f"Version {costing.version} of the {costing.year_label} costing, "
            f"saved on {when:%-d %B %Y}"
        )
    return (
        f"The draft of the {costing.year_label} costing (no version has been saved yet, "
        "so these figures change when the draft does)"
    )


def _or_none(kind: str, value: Any) -> str:
    return "No figure" if value is None else words(kind, value)


def chart_row(service: ServiceRecovery) -> dict[str, str]:
    """A linked service's figures in the tables beside the charts, as the page words them."""
    return {
        "name": service.plan.name,
        "recovery": _or_none(PERCENT, service.recovery),
        "projected": _or_none(PERCENT, service.projected_recovery),
        "status": service.status,
        "planned": _or_none(UNITS, service.planned_to_date),
        "booked": words(UNITS, service.actuals.booked),
        "booked_against": _or_none(PERCENT, service.booked_against_plan),
        "delivered": words(UNITS, service.actuals.attended),
        "delivered_against": _or_none(PERCENT, service.delivered_against_plan),
    }


class RecoveryView(RecoveryPageMixin, TemplateView):
    template_name = "pricing/admin/costing/recovery.html"
    page_title = "Recovery so far"
    http_method_names = ["get"]

    def get_page_subtitle(self) -> str:
        return f"{self.costing.organisation.title}, {self.costing.year_label}"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        report = self.recovery.report
        newest = self.recovery.newest
        services = []
        for service in report.services:
            # (when, occupancy) for the chart; the table's cells as words (a long year of
            # sessions is hundreds of cells: words are cheaper to render than numbers).
            held = [
                (f"{timezone.localtime(s.starts_at):%a %-d %b %Y %H:%M}", s)
                for s in service.actuals.sessions
            ]
            services.append(
                {
                    "service": service,
                    "figures": page_rows(service),
                    "sessions": [
                        (label, str(s.taken), str(s.capacity), words(PERCENT, s.occupancy))
                        for label, s in held
                    ],
                    "occupancy_chart": (
                        charts.occupancy_chart(
                            service.plan.name,
                            [(label, s.occupancy) for label, s in held],
                            service.occupancy,
                        )
                        if held
                        else None
                    ),
                }
            )
        context.update(
            {
                "costing": self.costing,
                "measured": self.recovery.costing,
                "measured_words": measured_words(self.recovery),
                # A draft was asked about, and a saved version is measured instead.
                "instead_of_draft": self.recovery.costing.pk != self.costing.pk,
                # A saved version was asked about, and a later one has been saved.
                "newer": (
                    newest
                    if newest is not None and newest.version > self.recovery.costing.version
                    else None
                ),
                "period": period_words(self.recovery),
                "report": report,
                "totals": total_rows(report),
                "chart_rows": [chart_row(s) for s in report.services if s.linked],
                "services": services,
                "recovery_chart": charts.recovery_chart(
                    [(s.plan.name, s.recovery) for s in report.services if s.linked]
                ),
                "plan_chart": charts.plan_chart(
                    [
                        (s.plan.name, s.booked_against_plan, s.delivered_against_plan)
                        for s in report.services
                        if s.linked
                    ]
                ),
                "csv_url": reverse("costing_recovery:csv", args=[self.costing.pk]),
            }
        )
        return context


class RecoveryCsvView(RecoveryPageMixin, View):
    """The same figures as the page, one row per service (a GET: it changes nothing)."""

    http_method_names = ["get"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> StreamingHttpResponse:
        report = self.recovery.report
        rows = csv_rows(
            report,
            period=period_words(self.recovery),
            measured=measured_words(self.recovery),
        )
        response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
        name = slugify(f"recovery {self.costing.organisation.title} {report.year.last_day}")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
