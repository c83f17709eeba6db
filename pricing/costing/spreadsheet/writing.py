"""Write a costing (a draft or a saved version) as a workbook (XLSX) or one CSV file.

Both carry the same sections, in the layout `pricing.costing.spreadsheet.layout`
describes, so a downloaded file uploads again unchanged. Money is written as plain
numbers with two decimal places (no pound sign, no thousands commas), percentages as the
number of per cent (75, not 0.75), so the figures add up in any spreadsheet program.

Text the provider typed is never written so that it runs: in a workbook it is stored as
text (a name starting with "=" is not a formula), and in CSV a cell that a spreadsheet
would run as a formula gets a quote in front (`localoffer.core.spreadsheets.safe_cell`),
which the upload takes off again.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from decimal import Decimal

from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from localoffer.core.money import round_money
from localoffer.core.spreadsheets import csv_lines
from pricing.costing.arithmetic import CostingResult
from pricing.costing.enums import DEFAULT_DRIVERS, DirectCostKind, Driver, OverheadPool
from pricing.costing.models import Costing
from pricing.costing.selectors import CostingRows, costing_rows
from pricing.costing.spreadsheet.layout import (
    COLUMNS,
    COSTS,
    DRIVERS,
    OVERHEADS,
    RESULT_HEADINGS,
    RESULTS,
    SERVICES,
)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
UNITS_WORDS = {"sessions": "Sessions", "hours": "Hours"}
MONEY_FORMAT = "0.00"
RESULTS_NOTE = (
    "Worked out from the other sheets when this file was downloaded. This sheet is not "
    "read when the file is uploaded: change the figures on the other sheets."
)


class Money(Decimal):
    """An amount of money, written with two decimal places."""


def money(amount: Decimal | None) -> Money | None:
    return None if amount is None else Money(round_money(amount))


def quantity(number: Decimal | None) -> int | Decimal | None:
    """A count or percentage as people type it: 40, not 40.00; 12.5, not 12.50."""
    if number is None:
        return None
    number = number.quantize(Decimal("0.01"))
    if number == number.to_integral_value():
        return int(number)
    return number.normalize()


def sections(costing: Costing) -> dict[str, list[list[object]]]:
    """Each section's rows (headings first) as plain values, for either format."""
    rows = costing_rows(costing)
    result = rows.work_out()
    return {
        SERVICES: [[c.heading for c in COLUMNS[SERVICES]], *_service_rows(rows)],
        COSTS: [[c.heading for c in COLUMNS[COSTS]], *_cost_rows(rows)],
        DRIVERS: [[c.heading for c in COLUMNS[DRIVERS]], *_driver_rows(rows)],
        RESULTS: [list(RESULT_HEADINGS), *_result_rows(result)],
    }


def _service_rows(rows: CostingRows) -> Iterator[list[object]]:
    for s in rows.services:
        yield [
            s.name,
            s.listing_id,
            s.unit_label,
            UNITS_WORDS.get(s.units_method, s.units_method),
            quantity(s.sessions),
            quantity(s.places),
            quantity(s.occupancy_percent),
            quantity(s.staff_hours),
            quantity(s.chargeable_percent),
            quantity(s.headcount),
            quantity(s.staff_time),
            quantity(s.floor_area),
            money(s.current_price),
        ]


def _cost_rows(rows: CostingRows) -> Iterator[list[object]]:
    for service in rows.services:
        for line in rows.lines_of(service):
            kind = DirectCostKind(line.kind).label
            yield [service.name, kind, line.description, money(line.amount)]
    for pool in OverheadPool:
        for line in rows.overhead_lines.get(pool.value, []):
            yield [OVERHEADS, pool.label, line.description, money(line.amount)]


def _driver_rows(rows: CostingRows) -> Iterator[list[object]]:
    for pool in OverheadPool:
        driver = rows.drivers.get(pool.value, DEFAULT_DRIVERS[pool.value])
        yield [pool.label, Driver(driver).label]


def _result_rows(result: CostingResult) -> Iterator[list[object]]:
    for s in result.services:
        if s.unit_cost is None:
            verdict = s.unit_cost_reason or ""
        elif s.verdict is None:
            verdict = "No current price to compare with"
        else:
            verdict = s.verdict.label
        yield [
            s.name,
            s.unit_label,
            quantity(s.planned_units),
            money(s.direct_cost),
            money(s.overheads),
            money(s.full_cost),
            quantity(s.overhead_rate),
            money(s.unit_cost),
            money(s.current_price),
            str(verdict),
        ]
    yield [
        "All services",
        None,
        None,
        money(result.total_direct),
        money(result.total_overheads),
        money(result.services_total),
        None,
        None,
        None,
        None,
    ]
    for problem in result.problems:
        yield [problem.message]


def file_name(costing: Costing, extension: str) -> str:
    organisation = slugify(costing.organisation.title)[:50] or "organisation"
    year = f"{costing.year_starts_on:%Y}"
    return f"costing-{organisation}-{year}-version-{costing.version}.{extension}"


def csv_text(costing: Costing) -> Iterator[str]:
    """The costing as one CSV file: every row's first cell names its section."""

    def rows() -> Iterator[list[object]]:
        for index, (section, section_rows) in enumerate(sections(costing).items()):
            if index:
                yield []
            for row in section_rows:
                yield [section, *(_csv_value(value) for value in row)]
        yield [RESULTS, RESULTS_NOTE]

    yield "\ufeff"  # a byte order mark, so Excel reads the pound sign as UTF-8
    yield from csv_lines(rows())


def _csv_value(value: object) -> object:
    if isinstance(value, Money):
        return f"{value:.2f}"
    if value is None:
        return ""
    return value


def xlsx_bytes(costing: Costing) -> bytes:
    """The costing as a workbook: one sheet per section, and a protected Results sheet."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for section, section_rows in sections(costing).items():
        sheet = workbook.create_sheet(section)
        _fill(sheet, section_rows)
        if section == RESULTS:
            sheet.append([])
            sheet.append([RESULTS_NOTE])
            # Protected without a password: a reminder that it is not read back, not a lock.
            sheet.protection.sheet = True
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _fill(sheet: Worksheet, rows: list[list[object]]) -> None:
    headings = rows[0]
    money_columns = {i for i, heading in enumerate(headings, start=1) if "(£)" in str(heading)}
    for row in rows:
        sheet.append([Decimal(v) if isinstance(v, Money) else v for v in row])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, even if it starts with "="
            elif cell.column in money_columns:
                cell.number_format = MONEY_FORMAT
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index in range(1, len(headings) + 1):
        widest = max(len(str(row[index - 1] or "")) for row in rows if len(row) >= index)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(widest, 10) + 2, 60)
