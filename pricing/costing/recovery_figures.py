"""The figures of the recovery page and its CSV, named once, so the download always holds
the same figures as the page: each figure's label, its words on the page and its value in
the spreadsheet (a number, so the columns add up; empty where there is no figure)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from localoffer.core.money import format_pounds
from pricing.costing.recovery import RecoveryReport, ServiceRecovery

MONEY, PERCENT, UNITS, TEXT = "money", "percent", "units", "text"


@dataclass(frozen=True)
class Figure:
    label: str
    kind: str
    value: Callable[[ServiceRecovery], Any]
    # Words on the page when there is no figure (the CSV cell is left empty).
    missing: Callable[[ServiceRecovery], str] = lambda _service: "No figure"


def _units(value: Decimal | int) -> str:
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def words(kind: str, value: Any) -> str:
    """A figure as the page shows it."""
    if kind == MONEY:
        return format_pounds(value)
    if kind == PERCENT:
        return f"{value:,.2f}%"
    if kind == UNITS:
        return _units(value)
    return str(value)


FIGURES: list[Figure] = [
    Figure("Listing", TEXT, lambda s: s.plan.listing_title or None, lambda _s: "Not linked"),
    Figure("Unit", TEXT, lambda s: s.plan.unit_label),
    Figure("Full cost for the year", MONEY, lambda s: s.plan.full_cost),
    Figure("Units planned for the year", UNITS, lambda s: s.plan.planned_units),
    Figure("Units planned to date", UNITS, lambda s: s.planned_to_date),
    Figure("Units booked", UNITS, lambda s: s.actuals.booked),
    Figure("Booked against plan", PERCENT, lambda s: s.booked_against_plan),
    Figure("Units delivered (attended)", UNITS, lambda s: s.actuals.attended),
    Figure("Delivered against plan", PERCENT, lambda s: s.delivered_against_plan),
    Figure("Did not attend", UNITS, lambda s: s.actuals.did_not_attend),
    Figure("Cancelled late", UNITS, lambda s: s.actuals.cancelled_late),
    Figure("Attendance not recorded", UNITS, lambda s: s.actuals.not_recorded),
    Figure(
        "Average occupancy of sessions",
        PERCENT,
        lambda s: s.occupancy,
        lambda _s: "No sessions so far",
    ),
    Figure("Cost so far", MONEY, lambda s: s.cost_so_far),
    Figure("Income invoiced, net of VAT", MONEY, lambda s: s.income),
    Figure("Paid, net of VAT", MONEY, lambda s: s.paid),
    Figure("Planned unit cost", MONEY, lambda s: s.planned_unit_cost),
    Figure(
        "Actual unit cost so far",
        MONEY,
        lambda s: s.actual_unit_cost,
        lambda s: s.unit_cost_reason or "No figure",
    ),
    Figure("Recovery so far", PERCENT, lambda s: s.recovery),
    Figure("Subsidy still needed", MONEY, lambda s: s.subsidy),
    Figure("Surplus", MONEY, lambda s: s.surplus),
    Figure("Projected income for the year", MONEY, lambda s: s.projected_income),
    Figure(
        "Projected year-end recovery at the current rate", PERCENT, lambda s: s.projected_recovery
    ),
    Figure("Status", TEXT, lambda s: s.status),
]


def page_rows(service: ServiceRecovery) -> list[tuple[str, str]]:
    """(label, words) of every figure of one service, in the page's order."""
    rows = []
    for figure in FIGURES:
        value = figure.value(service)
        rows.append(
            (figure.label, figure.missing(service) if value is None else words(figure.kind, value))
        )
    return rows


def total_figures(report: RecoveryReport) -> list[tuple[str, str, Decimal | None]]:
    """(label, kind, value) of the totals of the services linked to a listing; the
    labels are those of the per-service figures they add up."""
    excess = (
        ("Surplus", report.surplus) if report.surplus else ("Subsidy still needed", report.subsidy)
    )
    return [
        ("Full cost for the year", MONEY, report.full_cost),
        ("Cost so far", MONEY, report.cost_so_far),
        ("Income invoiced, net of VAT", MONEY, report.income),
        ("Paid, net of VAT", MONEY, report.paid),
        ("Recovery so far", PERCENT, report.recovery),
        (excess[0], MONEY, excess[1]),
        ("Projected year-end recovery at the current rate", PERCENT, report.projected_recovery),
    ]


def total_rows(report: RecoveryReport) -> list[tuple[str, str]]:
    return [
        (label, "No figure" if value is None else words(kind, value))
        for label, kind, value in total_figures(report)
    ]


def csv_rows(report: RecoveryReport, *, period: str, measured: str) -> Iterator[list[Any]]:
    """The spreadsheet: what it covers, a header, a row per service and the totals."""
    yield ["Recovery so far", period]
    yield ["Measured against", measured]
    yield ["Costs", "Spread evenly over the year: actual spending is not recorded here"]
    yield []
    yield ["Service", *(figure.label for figure in FIGURES)]
    for service in report.services:
        cells = []
        for figure in FIGURES:
            value = figure.value(service)
            cells.append("" if value is None else value)
        yield [service.plan.name, *cells]
    totals = {label: value for label, _kind, value in total_figures(report)}
    totals.update({"Subsidy still needed": report.subsidy, "Surplus": report.surplus})
    yield [
        "Services linked to a listing",
        *("" if totals.get(f.label) is None else totals[f.label] for f in FIGURES),
    ]
