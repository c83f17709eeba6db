"""The sections of an uploaded costing, checked row by row into `SheetRows`.

Every problem is collected, each naming its sheet (or section), row and column, and the
file is refused at the end if there was any: a provider fixes everything in one go, and
nothing is saved from a file that is partly wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pricing.costing.enums import DirectCostKind, Driver, OverheadPool
from pricing.costing.spreadsheet.cells import (
    Cell,
    CellError,
    Problems,
    cell_number,
    cell_text,
    cell_whole_number,
)
from pricing.costing.spreadsheet.layout import (
    COLUMNS,
    COSTS,
    DRIVER_NAMES,
    DRIVERS,
    KINDS,
    MAX_COST_LINES,
    MAX_SERVICES,
    MONEY_COLUMNS,
    OVERHEADS,
    PERCENT_COLUMNS,
    POOLS,
    SECTIONS,
    SERVICES,
    TEXT_LENGTHS,
    UNITS_COLUMNS,
    UNITS_METHODS,
    WHOLE_DIGITS,
    Column,
    CostRow,
    DriverRow,
    Place,
    ServiceRow,
    SheetRows,
    choice_names,
    normalise,
)

ZERO = Decimal("0.00")
LIMITS = {SERVICES: (MAX_SERVICES, "services"), COSTS: (MAX_COST_LINES, "cost lines")}
_OVERHEAD_WORDS = {normalise(OVERHEADS), "overhead", "overhead costs"}


@dataclass
class Table:
    """One section as found in the file: its rows as (row number, cells), in order."""

    section: str
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)


class _Row:
    """One data row, its cells found by column key, reporting problems with their place."""

    def __init__(
        self,
        place: Place,
        cells: dict[str, Cell],
        columns: dict[str, Column],
        letters: dict[str, str],
    ):
        self.place, self.cells, self.columns, self.letters = place, cells, columns, letters
        self.problems: list[str] = []
        self.failed: set[str] = set()

    def problem(self, key: str, text: str) -> None:
        where = self.place.describe(self.letters[key], self.columns[key].heading)
        self.failed.add(key)
        self.problems.append(f"{where}: {text[:1].upper()}{text[1:]}")

    def _read(self, key: str, read: Callable[[Cell], Any], default: Any) -> Any:
        cell = self.cells.get(key)
        if cell is None or cell.blank:
            return default
        try:
            return read(cell)
        except CellError as error:
            self.problem(key, str(error))
            return default

    def text(self, key: str, *, required: bool = True, missing: str = "") -> str:
        value = self._read(key, cell_text, "")
        if required and not value and key not in self.failed:
            self.problem(key, missing or "enter a value")
        limit = TEXT_LENGTHS.get(key)
        if limit and len(value) > limit:
            self.problem(key, f"this must be {limit} characters or fewer")
        return value

    def number(self, key: str, *, required: bool = False) -> Decimal | None:
        value = self._read(
            key,
            lambda cell: cell_number(
                cell,
                whole_digits=WHOLE_DIGITS[key],
                money=key in MONEY_COLUMNS,
                percent=key in PERCENT_COLUMNS,
            ),
            None,
        )
        if required and value is None and key not in self.failed:
            self.problem(key, "enter a number")
        return value

    def whole_number(self, key: str) -> int | None:
        return self._read(key, cell_whole_number, None)


def _columns_of(table: Table, problems: Problems, *, csv: bool) -> dict[str, str] | None:
    """Column letter -> column key from the section's heading row, or None (a problem)."""
    if not table.rows:
        return None
    number, headings = table.rows[0]
    place = Place(table.section, number, csv)
    wanted = {name: column for column in COLUMNS[table.section] for name in column.names()}
    found: dict[str, str] = {}
    for cell in headings:
        column = wanted.get(normalise(cell_text(cell) if cell.formula is None else ""))
        if column is None:
            continue  # a column of the provider's own notes
        if column.key in found.values():
            problems.add(f"{place.describe()}: There are two columns headed {column.heading}")
            return None
        found[cell.column] = column.key
    missing = [c.heading for c in COLUMNS[table.section] if c.key not in found.values()]
    if missing:
        problems.add(
            f"{place.describe()}: The headings row has no column headed "
            + ", ".join(missing)
            + ". Keep the headings as they were downloaded."
        )
        return None
    return found


def _data_rows(table: Table, problems: Problems, *, csv: bool) -> list[_Row]:
    letters = _columns_of(table, problems, csv=csv)
    if letters is None:
        return []
    columns = {column.key: column for column in COLUMNS[table.section]}
    key_letters = {key: letter for letter, key in letters.items()}
    rows = []
    for number, cells in table.rows[1:]:
        by_key = {letters[c.column]: c for c in cells if c.column in letters}
        if all(cell.blank for cell in by_key.values()):
            continue
        rows.append(_Row(Place(table.section, number, csv), by_key, columns, key_letters))
    limit = LIMITS.get(table.section)
    if limit and len(rows) > limit[0]:
        where = "sheet" if not csv else "section"
        problems.add(
            f"The {table.section} {where} has {len(rows)} rows: a costing may have at most "
            f"{limit[0]} {limit[1]}."
        )
        return []
    return rows


def _service(row: _Row, listing_ids: Collection[int]) -> ServiceRow:
    name = row.text("name", missing="enter the service's name")
    listing_id = row.whole_number("listing")
    if listing_id is not None and listing_id not in listing_ids:
        row.problem(
            "listing",
            f"{listing_id} is not one of your organisation's listings. Leave it empty, or "
            "use the number from the listing's address in the workspace",
        )
        listing_id = None
    unit_label = row.text("unit_label", missing="enter what one unit is, such as place or hour")
    method_text = row.text("units_method", missing="enter Sessions or Hours")
    method = UNITS_METHODS.get(normalise(method_text), "")
    if method_text and not method:
        row.problem("units_method", f"“{method_text[:40]}” is not Sessions or Hours")
    numbers = {
        key: row.number(key, required=key in UNITS_COLUMNS.get(method, ()))
        for key in (
            "sessions",
            "places",
            "occupancy_percent",
            "staff_hours",
            "chargeable_percent",
            "headcount",
            "staff_time",
            "floor_area",
            "current_price",
        )
    }
    return ServiceRow(
        place=row.place,
        name=name,
        listing_id=listing_id,
        unit_label=unit_label,
        units_method=method,
        sessions=numbers["sessions"],
        places=numbers["places"],
        occupancy_percent=numbers["occupancy_percent"],
        staff_hours=numbers["staff_hours"],
        chargeable_percent=numbers["chargeable_percent"],
        headcount=numbers["headcount"] or ZERO,
        staff_time=numbers["staff_time"] or ZERO,
        floor_area=numbers["floor_area"] or ZERO,
        current_price=numbers["current_price"],
    )


def _cost(row: _Row, services: dict[str, str]) -> CostRow:
    """A cost line: the first column names a service (a direct cost of a kind) or says
    Overheads, or names a pool (an overhead line in that pool)."""
    cost_of = row.text("cost_of", missing="enter a service's name, or Overheads")
    kind_text = row.text("kind", required=False)
    description = row.text("description", required=False)
    amount = row.number("amount", required=True)
    key, kind_key = normalise(cost_of), normalise(kind_text)
    service, kind, pool = None, "", ""
    if key in services:
        service = services[key]
        kind = KINDS.get(kind_key, "")
        if not kind_text:
            row.problem("kind", f"enter the kind of cost: {choice_names(DirectCostKind)}")
        elif not kind:
            is_pool = kind_key in POOLS
            row.problem(
                "kind",
                f"“{kind_text[:40]}” is an overhead pool: for an overhead, put {OVERHEADS} "
                "in the first column"
                if is_pool
                else f"“{kind_text[:40]}” is not a kind of cost. Use "
                f"{choice_names(DirectCostKind)}",
            )
    elif key in _OVERHEAD_WORDS or key in POOLS:
        pool = POOLS.get(kind_key) or POOLS.get(key, "")
        if key in POOLS and kind_key in POOLS and POOLS[key] != POOLS[kind_key]:
            row.problem("kind", f"“{kind_text[:40]}” is another pool than “{cost_of[:40]}”")
        elif not pool:
            row.problem(
                "kind",
                f"“{kind_text[:40]}” is not an overhead pool. Use {choice_names(OverheadPool)}"
                if kind_text
                else f"enter the overhead pool: {choice_names(OverheadPool)}",
            )
    elif cost_of:
        row.problem(
            "cost_of",
            f"there is no service called “{cost_of[:60]}” in the {SERVICES} section. "
            f"Use a service's name exactly, or {OVERHEADS}",
        )
    label = DirectCostKind(kind).label if kind else OverheadPool(pool).label if pool else ""
    return CostRow(
        place=row.place,
        service=service,
        kind=kind,
        pool=pool,
        description=description or str(label),
        amount=amount if amount is not None else ZERO,
    )


def _driver(row: _Row) -> DriverRow:
    pool_text = row.text("pool", missing="enter the overhead pool")
    driver_text = row.text("driver", missing="enter what shares the pool out")
    pool = POOLS.get(normalise(pool_text), "")
    driver = DRIVER_NAMES.get(normalise(driver_text), "")
    if pool_text and not pool:
        row.problem(
            "pool", f"“{pool_text[:40]}” is not an overhead pool. Use {choice_names(OverheadPool)}"
        )
    if driver_text and not driver:
        row.problem("driver", f"“{driver_text[:40]}” is not a driver. Use {choice_names(Driver)}")
    return DriverRow(place=row.place, pool=pool, driver=driver)


def sheet_rows(tables: dict[str, Table], *, csv: bool, listing_ids: Collection[int]) -> SheetRows:
    """The costing the sections describe, or SpreadsheetRefused listing every problem.

    `listing_ids` are the listings a service may be linked to (the organisation's own).
    """
    problems = Problems()
    for section in (SERVICES, COSTS):
        if section not in tables:
            where = f"no {section} section" if csv else f"no sheet called {section}"
            problems.add(f"The file has {where}. Keep the layout of a downloaded costing.")
    result = SheetRows()
    all_rows: list[_Row] = []

    service_rows = _data_rows(tables.get(SERVICES, Table(SERVICES)), problems, csv=csv)
    names: dict[str, str] = {}
    for row in service_rows:
        service = _service(row, listing_ids)
        key = normalise(service.name)
        if key and key in names:
            row.problem("name", f"there is another service called “{service.name}”")
        names.setdefault(key, service.name)
        result.services.append(service)
        all_rows.append(row)
    if SERVICES in tables and not service_rows and not problems:
        problems.add(f"The {SERVICES} section has no services: add at least one.")

    for row in _data_rows(tables.get(COSTS, Table(COSTS)), problems, csv=csv):
        result.lines.append(_cost(row, names))
        all_rows.append(row)

    pools_seen: set[str] = set()
    for row in _data_rows(tables.get(DRIVERS, Table(DRIVERS)), problems, csv=csv):
        driver = _driver(row)
        if driver.pool and driver.pool in pools_seen:
            row.problem("pool", f"{OverheadPool(driver.pool).label} has a driver already")
        pools_seen.add(driver.pool)
        result.drivers.append(driver)
        all_rows.append(row)

    for row in sorted(all_rows, key=lambda r: (SECTIONS.index(r.place.section), r.place.row)):
        for text in row.problems:
            problems.add(text)
    problems.refuse()
    return result
