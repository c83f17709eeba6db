"""The costing spreadsheet's layout: its sections, their columns, and the rows it holds.

One layout serves both formats. In a workbook (XLSX) each section is a sheet whose first
row holds the column headings; in a CSV file the sections are stacked one under the other,
each row's first cell naming its section and each section's first row holding its
headings, so one file carries the whole costing. See `pricing.costing.spreadsheet` for the
layout in full.

Columns are found by their headings, not by position, so a provider may move them or add
columns of notes (ignored). Headings and the names of kinds, pools, drivers and ways of
planning units are compared without regard to case, spacing or curly apostrophes (which
spreadsheets put in as people type); the codes (`staff_pay`) are accepted too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models

from pricing.costing.enums import DirectCostKind, Driver, OverheadPool, UnitsMethod

SERVICES = "Services"
COSTS = "Costs"
DRIVERS = "Drivers"
RESULTS = "Results"
# Sections read on import, in the order they are written; Results is written only.
SECTIONS = (SERVICES, COSTS, DRIVERS)
# What the first column of an overhead line says on export (a pool's name is accepted too).
OVERHEADS = "Overheads"

# Limits that keep one upload small enough to check in a moment and to show every problem
# on one page; a small charity's costing has a few services and a few dozen lines.
MAX_SERVICES = 100
MAX_COST_LINES = 500
MAX_COLUMNS = 40


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    hint: str = ""

    def names(self) -> set[str]:
        """The headings this column is recognised by: its heading, the heading without
        its unit in brackets or % sign, and its key."""
        plain = re.sub(r"\(.*?\)|%", "", self.heading)
        return {normalise(self.heading), normalise(plain), normalise(self.key.replace("_", " "))}


SERVICE_COLUMNS = (
    Column("name", "Service", "The service's name, as the Costs sheet calls it"),
    Column("listing", "Listing id", "Optional: the number of the listing this service prices"),
    Column("unit_label", "Unit", "What one unit is: place, hour, session"),
    Column("units_method", "Units worked out by", "Sessions or Hours"),
    Column("sessions", "Sessions a year"),
    Column("places", "Places a session"),
    Column("occupancy_percent", "Expected occupancy %", "75 means 75%"),
    Column("staff_hours", "Staff hours a year"),
    Column("chargeable_percent", "Chargeable %", "80 means 80%"),
    Column("headcount", "Headcount"),
    Column("staff_time", "Staff time (hours a year)"),
    Column("floor_area", "Floor area (square metres)"),
    Column("current_price", "Current price (£)", "Optional: the price charged now"),
)
COST_COLUMNS = (
    Column("cost_of", "Service or overheads", "A service's name, or Overheads"),
    Column("kind", "Kind of cost or overhead pool", "Staff pay, Travel ... or Premises and office"),
    Column("description", "Description"),
    Column("amount", "Amount (£)", "For the year, in pounds and pence"),
)
DRIVER_COLUMNS = (
    Column("pool", "Overhead pool"),
    Column("driver", "Shared by"),
)
COLUMNS: dict[str, tuple[Column, ...]] = {
    SERVICES: SERVICE_COLUMNS,
    COSTS: COST_COLUMNS,
    DRIVERS: DRIVER_COLUMNS,
}
# The Services columns that must have a value for each way of planning units.
UNITS_COLUMNS: dict[str, tuple[str, ...]] = {
    UnitsMethod.SESSIONS: ("sessions", "places", "occupancy_percent"),
    UnitsMethod.HOURS: ("staff_hours", "chargeable_percent"),
}
PERCENT_COLUMNS = frozenset({"occupancy_percent", "chargeable_percent"})
MONEY_COLUMNS = frozenset({"current_price", "amount"})
# Digits before the decimal point each number may have (the model's max_digits - 2).
WHOLE_DIGITS = {
    "sessions": 8,
    "places": 8,
    "occupancy_percent": 3,
    "staff_hours": 8,
    "chargeable_percent": 3,
    "headcount": 6,
    "staff_time": 8,
    "floor_area": 8,
    "current_price": 10,
    "amount": 10,
}
TEXT_LENGTHS = {"name": 120, "unit_label": 30, "description": 200}

RESULT_HEADINGS = (
    "Service",
    "Unit",
    "Planned units",
    "Direct cost (£)",
    "Overheads (£)",
    "Full cost (£)",
    "Overhead rate %",
    "Unit cost (£)",
    "Current price (£)",
    "Verdict",
)

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00d7": "x", "\u00a0": " "})


def normalise(text: str) -> str:
    """Text as compared: curly apostrophes straight, × as x, spaces collapsed, any case."""
    return " ".join(text.translate(_APOSTROPHES).split()).casefold()


def _lookup(choices: type[models.TextChoices], *extra: tuple[str, str]) -> dict[str, str]:
    names = {normalise(label): value for value, label in choices.choices}
    names.update({normalise(value.replace("_", " ")): value for value in choices.values})
    names.update({normalise(value): value for value in choices.values})
    names.update({normalise(alias): value for alias, value in extra})
    return names


KINDS = _lookup(DirectCostKind)
POOLS = _lookup(OverheadPool)
DRIVER_NAMES = _lookup(
    Driver,
    ("staff time", Driver.STAFF_TIME),
    ("floor area", Driver.FLOOR_AREA),
    ("units", Driver.UNITS),
)
UNITS_METHODS = _lookup(
    UnitsMethod,
    ("sessions x places x occupancy", UnitsMethod.SESSIONS),
    ("chargeable hours", UnitsMethod.HOURS),
)


def choice_names(choices: type[models.TextChoices]) -> str:
    """'Staff pay, Travel or Other direct costs': the names a cell may hold, for an error."""
    labels = [str(label) for label in choices.labels]
    return ", ".join(labels[:-1]) + " or " + labels[-1]


@dataclass(frozen=True)
class Place:
    """Where a row came from, to name it in an error."""

    section: str
    row: int
    csv: bool = False

    def describe(self, column: str = "", heading: str = "") -> str:
        where = f"column {column} ({heading})" if column and heading else ""
        if self.csv:
            start = f"Row {self.row} ({self.section})"
        else:
            start = f"{self.section} sheet, row {self.row}"
        return f"{start}, {where}" if where else start


@dataclass(frozen=True)
class ServiceRow:
    place: Place
    name: str
    listing_id: int | None
    unit_label: str
    units_method: str
    sessions: Decimal | None
    places: Decimal | None
    occupancy_percent: Decimal | None
    staff_hours: Decimal | None
    chargeable_percent: Decimal | None
    headcount: Decimal
    staff_time: Decimal
    floor_area: Decimal
    current_price: Decimal | None


@dataclass(frozen=True)
class CostRow:
    """A direct cost (`service` names a ServiceRow, `kind` set) or an overhead (`pool`)."""

    place: Place
    service: str | None
    kind: str
    pool: str
    description: str
    amount: Decimal

    @property
    def is_overhead(self) -> bool:
        return self.service is None


@dataclass(frozen=True)
class DriverRow:
    place: Place
    pool: str
    driver: str


@dataclass
class SheetRows:
    """A whole costing as read from a spreadsheet, checked and ready to save."""

    services: list[ServiceRow] = field(default_factory=list)
    lines: list[CostRow] = field(default_factory=list)
    drivers: list[DriverRow] = field(default_factory=list)
