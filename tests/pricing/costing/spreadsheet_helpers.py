"""Helpers for the costing spreadsheet tests: what a costing holds, in comparable form,
files to upload, and the addresses of the spreadsheet pages."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from pricing.costing.models import Costing
from pricing.costing.selectors import costing_rows
from pricing.costing.services import start_costing

NEXT_YEAR = dt.date(2027, 4, 1)


def xlsx_url(costing: Costing) -> str:
    return f"/admin/costing/{costing.pk}/export/xlsx/"


def csv_url(costing: Costing) -> str:
    return f"/admin/costing/{costing.pk}/export/csv/"


def import_url(costing: Costing) -> str:
    return f"/admin/costing/{costing.pk}/import/"


def contents(costing: Costing) -> dict[str, Any]:
    """Everything a costing holds that a spreadsheet carries, without ids or positions."""
    rows = costing_rows(costing)
    return {
        "services": [
            (
                s.name,
                s.listing_id,
                s.unit_label,
                s.units_method,
                s.sessions,
                s.places,
                s.occupancy_percent,
                s.staff_hours,
                s.chargeable_percent,
                s.headcount,
                s.staff_time,
                s.floor_area,
                s.current_price,
            )
            for s in rows.services
        ],
        "lines": [
            (s.name, line.kind, line.pool, line.description, line.amount)
            for s in rows.services
            for line in rows.lines_of(s)
        ]
        + [
            (None, line.kind, line.pool, line.description, line.amount)
            for pool in sorted(rows.overhead_lines)
            for line in rows.overhead_lines[pool]
        ],
        "drivers": dict(sorted(rows.drivers.items())),
    }


def new_draft(organisation: Any, by: Any) -> Costing:
    """An empty draft for the next year (version 1, the usual drivers)."""
    return start_costing(organisation=organisation, year_starts_on=NEXT_YEAR, by=by)


def download(client: Client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def upload(client: Client, costing: Costing, data: bytes, name: str) -> Any:
    return client.post(import_url(costing), {"file": SimpleUploadedFile(name, data)})


def edited_workbook(data: bytes, **cells: Any) -> bytes:
    """The workbook with cells changed: edited_workbook(data, Costs__D2=3300)."""
    workbook = load_workbook(io.BytesIO(data))
    for where, value in cells.items():
        sheet, coordinate = where.split("__")
        workbook[sheet][coordinate] = value
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def with_cached_formula(data: bytes, sheet: str, coordinate: str, formula: str) -> bytes:
    """The workbook with `formula` put in front of the value saved in one cell, as a
    spreadsheet program saves a formula with the value it worked out."""
    workbook = load_workbook(io.BytesIO(data), read_only=True)
    index = workbook.sheetnames.index(sheet) + 1
    workbook.close()
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == f"xl/worksheets/sheet{index}.xml":
                text = content.decode()
                start = text.index(f'<c r="{coordinate}"')
                value = text.index("<v>", start)
                text = text[:value] + f"<f>{formula}</f>" + text[value:]
                content = text.encode()
            target.writestr(item, content)
    return output.getvalue()
