"""A bad upload is refused with every problem listed, each naming its sheet (or, in CSV,
its section), row and column, and nothing is saved: not one row of the draft changes and
no audit entry is written. A file is judged by its content, never by its name, and a
saved version never takes an upload at all."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from pricing.costing.importing import ACTION_IMPORT, import_costing
from pricing.costing.services import CostingError, finalise_costing
from pricing.costing.spreadsheet import read_upload
from tests.factories import OrganisationPageFactory, ServicePageFactory
from tests.html import soup_of, text_of
from tests.pricing.admin.conftest import signed_in
from tests.pricing.costing.spreadsheet_helpers import (
    contents,
    csv_url,
    download,
    import_url,
    upload,
    xlsx_url,
)

pytestmark = pytest.mark.django_db
D = Decimal
NOT_A_COSTING = (
    "The selected file must be a costing spreadsheet: an Excel workbook (.xlsx) or a CSV "
    "file laid out as a downloaded costing"
)


def problems_shown(response) -> list[str]:
    """The GOV.UK error summary's items, each linking to the file input."""
    assert response.status_code == 200
    summary = soup_of(response).find(class_="help-critical")
    assert summary is not None and summary.get("role") == "alert"
    links = summary.find_all("a")
    assert {link["href"] for link in links} == {"#id_file"}
    return [text_of(link) for link in links]


def refused(client, costing, data: bytes, name: str) -> list[str]:
    before = contents(costing)
    response = upload(client, costing, data, name)
    problems = problems_shown(response)
    assert contents(costing) == before
    assert not ModelLogEntry.objects.filter(action=ACTION_IMPORT).exists()
    return problems


def docx_bytes() -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as package:
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
            '2006/content-types"><Override PartName="/word/document.xml" ContentType="'
            'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"'
            "/></Types>",
        )
        package.writestr("word/document.xml", "<document/>")
    return output.getvalue()


def bomb_bytes() -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("xl/worksheets/sheet1.xml", b"\0" * (26 * 1024 * 1024))
    return output.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "problem"),
    [
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + b"\0" * 64, "costing.xlsx", NOT_A_COSTING),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n\0", "costing.xlsx", NOT_A_COSTING),
        (docx_bytes(), "costing.xlsx", NOT_A_COSTING),
        (b"<html><script>alert(1)</script></html>", "costing.csv", NOT_A_COSTING),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504,
            "costing.xlsx",
            "The selected file is in the old Excel format (.xls). Save it as an Excel "
            "workbook (.xlsx) or as CSV and upload it again",
        ),
        (bomb_bytes(), "costing.xlsx", "The selected workbook is too large: it must be simpler"),
        (
            b"Services," + b"x" * (2 * 1024 * 1024),
            "costing.csv",
            "The selected file must be smaller than 2MB",
        ),
    ],
    ids=[
        "png renamed",
        "pdf renamed",
        "word document renamed",
        "web page",
        "old xls",
        "zip bomb",
        "too big",
    ],
)
def test_a_file_that_is_not_a_costing_spreadsheet_is_refused(
    costing, provider, data, name, problem
):
    assert refused(signed_in(provider), costing, data, name) == [problem]


def test_every_problem_of_a_csv_file_is_listed_with_its_row_and_column(costing, provider):
    client = signed_in(provider)
    text = download(client, csv_url(costing)).decode("utf-8-sig").rstrip("\r\n")
    first = len(text.splitlines()) + 1
    text += "\r\n" + "\r\n".join(
        [
            "Costs,Swim Club,Staff pay,Lifeguard,12.345",
            "Costs,Swim Club,Staff pay,Refund,-5",
            "Costs,Swim Club,Staff pay,Bonus,twelve",
            "Costs,Overheads,Rent,Office,100",
            "Costs,Swimming,Travel,Minibus,100",
            "Drivers,Rent,Headcount",
            "Drivers,Premises,Postcode",
        ]
    )

    problems = refused(client, costing, text.encode(), "costing.csv")

    assert problems == [
        f"Row {first} (Costs), column E (Amount (£)): 12.345 has more than 2 decimal "
        "places: enter pounds and pence",
        f"Row {first + 1} (Costs), column E (Amount (£)): The figure must not be negative",
        f"Row {first + 2} (Costs), column E (Amount (£)): “twelve” is not a number: enter a "
        "number like 406.40",
        f"Row {first + 3} (Costs), column C (Kind of cost or overhead pool): “Rent” is not an "
        "overhead pool. Use Premises and office, Central functions, Governance and "
        "strategic development or Fundraising",
        f"Row {first + 4} (Costs), column B (Service or overheads): There is no service called "
        "“Swimming” in the Services section. Use a service's name exactly, or Overheads",
        f"Row {first + 5} (Drivers), column B (Overhead pool): “Rent” is not an overhead pool. "
        "Use Premises and office, Central functions, Governance and strategic development "
        "or Fundraising",
        f"Row {first + 6} (Drivers), column C (Shared by): “Postcode” is not a driver. Use "
        "Headcount (staff working on the service), Staff time (hours a year), Floor area "
        "(square metres), Direct spending or Planned units",
        f"Row {first + 6} (Drivers), column B (Overhead pool): Premises and office has a "
        "driver already",
    ]


def test_a_workbook_names_the_sheet_row_and_column_of_each_problem(costing, provider):
    client = signed_in(provider)
    workbook = load_workbook(io.BytesIO(download(client, xlsx_url(costing))))
    workbook["Costs"]["D5"] = "=1600*2"  # openpyxl saves no value with it
    workbook["Costs"]["B6"] = "Swimming costumes"
    workbook["Services"]["D2"] = "Days"
    workbook["Services"]["I3"] = None  # chargeable %, needed for hours
    workbook["Services"]["G2"] = 120
    output = io.BytesIO()
    workbook.save(output)

    problems = refused(client, costing, output.getvalue(), "costing.xlsx")

    assert problems == [
        "Services sheet, row 2, column D (Units worked out by): “Days” is not Sessions or Hours",
        "Services sheet, row 2, column G (Expected occupancy %): A percentage must be 100 or less",
        "Services sheet, row 3, column I (Chargeable %): Enter a number",
        "Costs sheet, row 5, column D (Amount (£)): The cell holds a formula (=1600*2) with "
        "no value saved for it. Open the file in your spreadsheet program and save it "
        "again, so the value is saved with the formula, or type the figure in",
        "Costs sheet, row 6, column B (Kind of cost or overhead pool): “Swimming costumes” "
        "is not a kind of cost. Use Staff pay, Employer's National Insurance, Employer's "
        "pension contributions, Materials and equipment, Travel, Venue hire, Volunteers' "
        "expenses or Other direct costs",
    ]


def test_a_missing_sheet_or_heading_is_named(costing, provider):
    client = signed_in(provider)
    workbook = load_workbook(io.BytesIO(download(client, xlsx_url(costing))))
    del workbook["Costs"]
    workbook["Services"]["M1"] = "Price"
    output = io.BytesIO()
    workbook.save(output)

    assert refused(client, costing, output.getvalue(), "costing.xlsx") == [
        "The file has no sheet called Costs. Keep the layout of a downloaded costing.",
        "Services sheet, row 1: The headings row has no column headed Current price (£). "
        "Keep the headings as they were downloaded.",
    ]


def test_more_cost_lines_than_a_costing_may_have_are_refused(costing, provider):
    client = signed_in(provider)
    text = download(client, csv_url(costing)).decode("utf-8-sig")
    text += "".join(f"Costs,Overheads,Central functions,Line {n},1.00\r\n" for n in range(490))
    assert refused(client, costing, text.encode(), "big.csv") == [
        "The Costs section has 506 rows: a costing may have at most 500 cost lines."
    ]


def test_a_listing_of_another_organisation_is_refused(costing, provider, organisation_index):
    elsewhere = ServicePageFactory(parent=OrganisationPageFactory(parent=organisation_index))
    client = signed_in(provider)
    text = download(client, csv_url(costing)).decode("utf-8-sig")
    text = text.replace("Services,Swim Club,,", f"Services,Swim Club,{elsewhere.pk},", 1)
    assert refused(client, costing, text.encode(), "costing.csv") == [
        f"Row 2 (Services), column C (Listing id): {elsewhere.pk} is not one of your "
        "organisation's listings. Leave it empty, or use the number from the listing's "
        "address in the workspace"
    ]


def test_a_saved_version_takes_no_upload(costing, provider):
    client = signed_in(provider)
    data = download(client, xlsx_url(costing))
    finalise_costing(costing=costing, by=provider)
    before = contents(costing)

    page = soup_of(client.get(import_url(costing)))
    assert "A saved version never changes" in text_of(page)
    assert page.find("input", type="file") is None
    response = upload(client, costing, data, "costing.xlsx")
    assert response.status_code == 200 and "A saved version never changes" in text_of(
        soup_of(response)
    )
    with pytest.raises(CostingError, match="A saved costing cannot be changed"):
        rows = read_upload(SimpleUploadedFile("costing.xlsx", data))
        import_costing(costing=costing, rows=rows, by=provider)
    assert contents(costing) == before
    assert not ModelLogEntry.objects.filter(action=ACTION_IMPORT).exists()
