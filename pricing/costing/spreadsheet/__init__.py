"""A costing as a spreadsheet: download it as XLSX or CSV, and upload one into a draft.

Providers keep their figures in spreadsheets today, most after the ACEVO / New
Philanthropy Capital full cost recovery workbook: a table of services, a table of costs
(each service's direct costs, then the overheads in their pools) and the basis on which
each pool is shared out. The layout here follows it, one section for each table.

Services (one row a service)
    Service | Listing id | Unit | Units worked out by | Sessions a year | Places a session |
    Expected occupancy % | Staff hours a year | Chargeable % | Headcount |
    Staff time (hours a year) | Floor area (square metres) | Current price (£)

    "Units worked out by" is Sessions (sessions × places × occupancy) or Hours (staff
    hours × chargeable %); only that way's columns are needed. The listing id is optional:
    it links the service to one of the organisation's listings, whose price is then
    used as the current price.

Costs (one row a line, amounts for the year)
    Service or overheads | Kind of cost or overhead pool | Description | Amount (£)

    A direct cost names its service and its kind (Staff pay, Travel ...); an overhead says
    "Overheads" (or names its pool) and gives its pool (Premises and office, Central
    functions, Governance and strategic development, Fundraising). An empty description
    takes the kind's or pool's name.

Drivers (one row a pool)
    Overhead pool | Shared by

    Headcount, Staff time, Floor area, Direct spending or Planned units. A pool left out
    keeps its usual driver.

Results (written on download only; never read back)
    Each service's planned units, direct cost, overheads, full cost, overhead rate, unit
    cost, current price and verdict, and the totals.

In a workbook each section is a sheet, with its headings in the first row; in CSV the
sections are stacked in one file, each row's first cell naming its section. Names of
kinds, pools and drivers may be typed as shown or as their codes, in any case.

The workbook is read and written with openpyxl: the standard, well-kept Python library
for XLSX files, which needs no spreadsheet program on the server and reads the values a
spreadsheet saved without running any formula or macro (Wagtail depends on it already,
for its own report downloads).
"""

from pricing.costing.spreadsheet.cells import SpreadsheetRefused
from pricing.costing.spreadsheet.layout import SheetRows
from pricing.costing.spreadsheet.reading import MAX_UPLOAD_BYTES, read_upload
from pricing.costing.spreadsheet.writing import CSV_TYPE, XLSX_TYPE, csv_text, file_name, xlsx_bytes

__all__ = [
    "CSV_TYPE",
    "MAX_UPLOAD_BYTES",
    "XLSX_TYPE",
    "SheetRows",
    "SpreadsheetRefused",
    "csv_text",
    "file_name",
    "read_upload",
    "xlsx_bytes",
]
