"""Read an uploaded costing, XLSX or CSV, told apart by its content and never its name.

A file's name is chosen by whoever uploads it; its bytes are not. A workbook is a ZIP
package whose content types declare a SpreadsheetML workbook; anything else that is
plain text is read as CSV; everything else is refused. The upload is limited in size,
and a workbook in how much it unpacks to, so a small file cannot expand into gigabytes
("ZIP bomb") while it is read. openpyxl parses the workbook's XML through defusedxml when
it is installed (it is), which refuses entity expansion ("billion laughs") and external
entities.

A workbook is read twice, both times as a stream: once for the values the spreadsheet
program saved with each formula (`data_only=True`; formulas are never worked out here),
and once for the formulas themselves, to name a cell whose formula has no saved value
(files written by some programs keep none) instead of reading it as empty.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from collections.abc import Collection

from defusedxml import ElementTree
from django.core.files.uploadedfile import UploadedFile
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from pricing.costing.spreadsheet.cells import Cell, SpreadsheetRefused
from pricing.costing.spreadsheet.layout import (
    COSTS,
    DRIVERS,
    MAX_COLUMNS,
    RESULTS,
    SECTIONS,
    SheetRows,
    normalise,
)
from pricing.costing.spreadsheet.rows import Table, sheet_rows

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_UNPACKED_BYTES = 25 * 1024 * 1024
MAX_PARTS = 300
# Rows read from a sheet or CSV file at most; a costing of the largest size allowed
# (100 services, 500 cost lines) fits in far fewer.
MAX_SCAN_ROWS = 2000

WORKBOOK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
MACRO_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls (and .doc)
NOT_A_COSTING = (
    "The selected file must be a costing spreadsheet: an Excel workbook (.xlsx) or a CSV "
    "file laid out as a downloaded costing"
)
_SECTION_NAMES = {normalise(name): name for name in (*SECTIONS, RESULTS)}


def read_upload(upload: UploadedFile, *, listing_ids: Collection[int] = ()) -> SheetRows:
    """The costing in the uploaded file, or SpreadsheetRefused saying what is wrong.

    `listing_ids` are the listings a service may be linked to (the organisation's own).
    """
    if not upload.size:
        raise SpreadsheetRefused(["The selected file is empty"])
    if upload.size > MAX_UPLOAD_BYTES:
        raise SpreadsheetRefused(["The selected file must be smaller than 2MB"])
    upload.seek(0)
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    upload.seek(0)
    if len(data) > MAX_UPLOAD_BYTES:
        raise SpreadsheetRefused(["The selected file must be smaller than 2MB"])
    return read_bytes(data, listing_ids=listing_ids)


def read_bytes(data: bytes, *, listing_ids: Collection[int] = ()) -> SheetRows:
    if data.startswith(b"PK\x03\x04"):
        return sheet_rows(workbook_tables(data), csv=False, listing_ids=listing_ids)
    if data.startswith(OLE2_SIGNATURE):
        raise SpreadsheetRefused(
            [
                "The selected file is in the old Excel format (.xls). Save it as an Excel "
                "workbook (.xlsx) or as CSV and upload it again"
            ]
        )
    return sheet_rows(csv_tables(_text_of(data)), csv=True, listing_ids=listing_ids)


def _check_package(data: bytes) -> None:
    """Refuse a ZIP that is not an Excel workbook, or that unpacks to too much."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        parts = package.infolist()
        if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > MAX_UNPACKED_BYTES:
            raise SpreadsheetRefused(["The selected workbook is too large: it must be simpler"])
        names = {part.filename for part in parts}
        if "mimetype" in names and b"opendocument" in package.read("mimetype")[:100]:
            raise SpreadsheetRefused(
                [
                    "The selected file is an OpenDocument spreadsheet (.ods). Save it as an "
                    "Excel workbook (.xlsx) or as CSV and upload it again"
                ]
            )
        if "[Content_Types].xml" not in names:
            raise SpreadsheetRefused([NOT_A_COSTING])
        types = ElementTree.fromstring(package.read("[Content_Types].xml"))
    except (zipfile.BadZipFile, ElementTree.ParseError, ValueError, OSError) as error:
        raise SpreadsheetRefused([NOT_A_COSTING]) from error
    declared = {
        override.get("ContentType") for override in types.iter(f"{CONTENT_TYPES_NS}Override")
    }
    if MACRO_TYPE in declared:
        raise SpreadsheetRefused(
            [
                "The selected workbook has macros (.xlsm). Save it as an Excel workbook "
                "(.xlsx) and upload it again"
            ]
        )
    if WORKBOOK_TYPE not in declared:
        raise SpreadsheetRefused([NOT_A_COSTING])


def workbook_tables(data: bytes) -> dict[str, Table]:
    _check_package(data)
    try:
        with warnings.catch_warnings():
            # openpyxl warns of parts it does not read (data validation, slicers): harmless.
            warnings.simplefilter("ignore")
            values = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
            tables = {}
            for sheet_name in values.sheetnames:
                section = _SECTION_NAMES.get(normalise(sheet_name))
                if section in SECTIONS and section not in tables:
                    tables[section] = _sheet_table(
                        section, values[sheet_name], formulas[sheet_name]
                    )
            values.close()
            formulas.close()
    except SpreadsheetRefused:
        raise
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise SpreadsheetRefused(
            ["The selected workbook could not be opened. Save it again as .xlsx and upload it"]
        ) from error
    return tables


def _sheet_table(section: str, values: ReadOnlyWorksheet, formulas: ReadOnlyWorksheet) -> Table:
    table = Table(section)
    rows = zip(
        values.iter_rows(min_row=1, max_col=MAX_COLUMNS),
        formulas.iter_rows(min_row=1, max_col=MAX_COLUMNS),
        strict=False,
    )
    for number, (value_cells, formula_cells) in enumerate(rows, start=1):
        if number > MAX_SCAN_ROWS:
            _refuse_long(section, csv=False)
        cells = []
        for index, (cell, source) in enumerate(zip(value_cells, formula_cells, strict=False)):
            formula = None
            if cell.value is None and source.data_type == "f":
                formula = str(source.value)[:60]
            if cell.value is None and formula is None:
                continue
            cells.append(
                Cell(
                    column=get_column_letter(index + 1),
                    value=cell.value,
                    formula=formula,
                    percent_format="%" in str(getattr(cell, "number_format", "") or ""),
                )
            )
        if cells:
            table.rows.append((number, cells))
    return table


def _refuse_long(section: str, *, csv: bool) -> None:
    where = "file" if csv else f"{section} sheet"
    raise SpreadsheetRefused(
        [
            f"The {where} goes on past row {MAX_SCAN_ROWS:,}. A costing fits in fewer rows: "
            "delete the rows below it and upload it again"
        ]
    )


def _text_of(data: bytes) -> str:
    """The file as text: UTF-8, or Windows-1252, in which Excel on Windows saves "CSV
    (Comma delimited)". Refused if it holds bytes no text file has."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise SpreadsheetRefused([NOT_A_COSTING]) from error
    if any(ord(char) < 32 and char not in "\t\r\n" for char in text):
        raise SpreadsheetRefused([NOT_A_COSTING])
    return text


def csv_tables(text: str) -> dict[str, Table]:
    """The sections of a CSV file: each row's first cell names its section, and each
    section's first row holds its headings. Rows of the Results section are skipped."""
    lines = text.splitlines()
    first = next((line for line in lines if line.strip(", ;\t")), "")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(first, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    tables: dict[str, Table] = {}
    strays: list[int] = []
    try:
        for number, record in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
            if number > MAX_SCAN_ROWS:
                _refuse_long("", csv=True)
            record = record[:MAX_COLUMNS]
            if not any(value.strip() for value in record):
                continue
            section = _SECTION_NAMES.get(normalise(record[0]))
            if section is None:
                strays.append(number)
                continue
            if section == RESULTS:
                continue
            cells = [
                Cell(column=get_column_letter(index + 1), value=value)
                for index, value in enumerate(record)
                if index > 0 and value.strip()
            ]
            tables.setdefault(section, Table(section)).rows.append((number, cells))
    except csv.Error as error:
        raise SpreadsheetRefused([NOT_A_COSTING]) from error
    if not tables:
        raise SpreadsheetRefused([NOT_A_COSTING])
    if strays:
        shown = ", ".join(str(n) for n in strays[:10]) + (" and more" if len(strays) > 10 else "")
        raise SpreadsheetRefused(
            [
                f"Rows {shown}: the first column must name the row's section: Services, "
                f"{COSTS} or {DRIVERS}"
                if len(strays) > 1
                else f"Row {shown}: the first column must name the row's section: Services, "
                f"{COSTS} or {DRIVERS}"
            ]
        )
    return tables
