"""A costing downloaded as a spreadsheet (XLSX or CSV) and uploaded into a draft comes
back the same: the same services, cost lines and drivers, and the worked example still
costs £52.22 a place and £23.27 an hour. What the provider changed in the file is what
the draft holds afterwards, and a file laid out by hand with names or codes in any case
is read as well as a downloaded one."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from pricing.costing.importing import ACTION_IMPORT
from pricing.costing.selectors import work_out_costing
from pricing.costing.services import save_service
from tests.html import soup_of, text_of
from tests.pricing.admin.conftest import signed_in
from tests.pricing.costing.factories import worked_example_costing
from tests.pricing.costing.spreadsheet_helpers import (
    contents,
    csv_url,
    download,
    edited_workbook,
    new_draft,
    upload,
    with_cached_formula,
    xlsx_url,
)

pytestmark = pytest.mark.django_db
D = Decimal


def unit_costs(costing) -> dict[str, Decimal | None]:
    return {s.name: s.unit_cost for s in work_out_costing(costing).services}


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("finalise", [False, True], ids=["draft", "saved version"])
def test_a_downloaded_costing_uploads_into_a_new_draft_unchanged(
    kind, finalise, organisation, provider, service
):
    source = worked_example_costing(
        organisation, provider, swim_listing=service, respite_price=D("25.00"), finalise=finalise
    )
    client = signed_in(provider)
    data = download(client, xlsx_url(source) if kind == "xlsx" else csv_url(source))
    draft = new_draft(organisation, provider)

    response = upload(client, draft, data, f"my costing.{kind}")

    assert response.status_code == 302
    assert contents(draft) == contents(source)
    assert contents(draft)["services"][0][1] == service.pk  # still linked to the listing
    assert unit_costs(draft) == {"Swim Club": D("52.22"), "Respite sitting": D("23.27")}
    assert work_out_costing(draft).services_total == D("85000.00")
    assert response.url == f"/admin/costing/{draft.pk}/"
    assert [str(m).strip() for m in get_messages(response.wsgi_request)] == [
        f"The draft was replaced from my costing.{kind}: 2 services and 16 cost lines were read."
    ]
    entry = ModelLogEntry.objects.get(action=ACTION_IMPORT, object_id=str(draft.pk))
    assert entry.user == provider
    assert entry.data == {"file_name": f"my costing.{kind}", "services": 2, "lines": 16}


def test_the_workbook_has_a_sheet_a_section_and_read_only_results(costing, provider):
    data = download(signed_in(provider), xlsx_url(costing))
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Services", "Costs", "Drivers", "Results"]
    costs = workbook["Costs"]
    assert [c.value for c in costs[1]] == [
        "Service or overheads",
        "Kind of cost or overhead pool",
        "Description",
        "Amount (£)",
    ]
    # Money is a plain number shown with two decimal places.
    assert [c.value for c in costs[4]] == [
        "Swim Club",
        "Employer's pension contributions",
        "Employer's pension contributions",
        249.6,
    ]
    assert costs["D4"].number_format == "0.00"
    assert [c.value for c in workbook["Services"][2]][:9] == [
        "Swim Club",
        None,
        "place",
        "Sessions",
        40,
        10,
        75,
        None,
        None,
    ]
    assert [c.value for c in workbook["Drivers"][2]] == [
        "Premises and office",
        "Headcount (staff working on the service)",
    ]
    results = workbook["Results"]
    assert results.protection.sheet
    rows = {row[0]: row for row in results.iter_rows(min_row=2, values_only=True) if row[0]}
    assert rows["Swim Club"][2:8] == (300, 12367, 3299.24, 15666.24, 26.68, 52.22)
    assert rows["Respite sitting"][7] == 23.27
    assert rows["All services"][3:6] == (68000, 17000, 85000)


def test_the_csv_file_names_each_rows_section(costing, provider):
    text = download(signed_in(provider), csv_url(costing)).decode("utf-8-sig")
    rows = [row for row in csv.reader(io.StringIO(text)) if row]
    assert rows[0][:4] == ["Services", "Service", "Listing id", "Unit"]
    assert rows[1][:7] == ["Services", "Swim Club", "", "place", "Sessions", "40", "10"]
    assert ["Costs", "Swim Club", "Venue hire", "Pool hire", "3200.00"] in rows
    assert ["Costs", "Overheads", "Fundraising", "Fundraising", "1500.00"] in rows
    assert ["Drivers", "Central functions", "Staff time (hours a year)"] in rows
    swim = next(r for r in rows if r[:2] == ["Results", "Swim Club"])
    assert swim[8:11] == ["52.22", "", "No current price to compare with"]


def test_the_upload_replaces_the_draft_with_what_the_file_says(costing, provider):
    client = signed_in(provider)
    workbook = load_workbook(io.BytesIO(download(client, xlsx_url(costing))))
    workbook["Services"].delete_rows(3)  # Respite sitting
    workbook["Costs"].delete_rows(7, 5)  # its five lines
    workbook["Costs"]["D5"] = 3300  # pool hire went up
    workbook["Drivers"]["B3"] = "Planned units"
    workbook["Results"]["H2"] = 1  # not read
    output = io.BytesIO()
    workbook.save(output)

    assert upload(client, costing, output.getvalue(), "changed.xlsx").status_code == 302

    found = contents(costing)
    assert [s[0] for s in found["services"]] == ["Swim Club"]
    assert ("Swim Club", "venue", "", "Pool hire", D("3300.00")) in found["lines"]
    assert len(found["lines"]) == 11
    assert found["drivers"]["central"] == "units"
    # All the overheads now fall on the one service left.
    assert unit_costs(costing) == {"Swim Club": D("98.22")}


def test_a_file_laid_out_by_hand_with_names_or_codes_in_any_case_is_read(organisation, provider):
    draft = new_draft(organisation, provider)
    text = "\n".join(
        [
            "SERVICES;service;Listing id;unit;Units worked out by;sessions a year;"
            "places a session;Expected occupancy;Staff hours a year;Chargeable;Headcount;"
            "Staff time;Floor area;Current price;Our notes",
            "services;Swim Club;;place;sessions;40;10;75%;;;2;520;;£6.50;ignored",
            "services;Respite sitting;;hour;HOURS;;;;3,725;80;5;3725;0;",
            "",
            "Costs;Service or overheads;Kind;Description;Amount",
            "costs;swim club;STAFF_PAY;Instructors;£8,320.00",
            "costs;Respite Sitting;volunteers’ expenses;;900",
            "costs;Overheads;premises;Rent;6000",
            "costs;Central functions;;;7000",
            "drivers;overhead pool;shared by",
            "drivers;PREMISES AND OFFICE;headcount",
            "drivers;governance;Planned units",
        ]
    )
    # Excel on Windows saves CSV in Windows-1252 ("£" is one byte) and, in much of
    # Europe, with semicolons.
    response = upload(signed_in(provider), draft, text.encode("cp1252"), "typed.csv")

    assert response.status_code == 302, text_of(soup_of(response))
    found = contents(draft)
    assert found["services"][0][:7] == (
        "Swim Club",
        None,
        "place",
        "sessions",
        D("40.00"),
        D("10.00"),
        D("75.00"),
    )
    assert found["services"][0][-1] == D("6.50")
    assert found["services"][1][7:9] == (D("3725.00"), D("80.00"))
    assert found["lines"] == [
        ("Swim Club", "staff_pay", "", "Instructors", D("8320.00")),
        ("Respite sitting", "volunteer_expenses", "", "Volunteers' expenses", D("900.00")),
        (None, "", "central", "Central functions", D("7000.00")),
        (None, "", "premises", "Rent", D("6000.00")),
    ]
    assert found["drivers"] == {
        "central": "staff_time",
        "fundraising": "direct_spending",
        "governance": "units",
        "premises": "headcount",
    }


def test_a_formula_is_read_by_the_value_the_spreadsheet_saved_with_it(costing, provider):
    client = signed_in(provider)
    workbook = load_workbook(io.BytesIO(download(client, xlsx_url(costing))))
    workbook["Services"]["G2"] = 0.75
    workbook["Services"]["G2"].number_format = "0%"  # shown as 75%
    output = io.BytesIO()
    workbook.save(output)
    # Pool hire as =1600*2, saved with its value 3200.
    data = with_cached_formula(output.getvalue(), "Costs", "D5", "1600*2")
    assert load_workbook(io.BytesIO(data))["Costs"]["D5"].value == "=1600*2"
    before = contents(costing)

    assert upload(client, costing, data, "formula.xlsx").status_code == 302

    assert contents(costing) == before
    assert unit_costs(costing)["Swim Club"] == D("52.22")


def test_text_that_looks_like_a_formula_round_trips_as_text(costing, provider, swim):
    save_service(
        costing=costing,
        by=provider,
        service=swim,
        name="=HYPERLINK(1)",
        unit_label="place",
        units_method="sessions",
        sessions=D("40"),
        places=D("10"),
        occupancy_percent=D("75"),
        headcount=D("2"),
        staff_time=D("520"),
    )
    client = signed_in(provider)
    workbook_data = download(client, xlsx_url(costing))
    cell = load_workbook(io.BytesIO(workbook_data))["Services"]["A2"]
    assert (cell.value, cell.data_type) == ("=HYPERLINK(1)", "s")
    csv_data = download(client, csv_url(costing))
    assert b"Services,'=HYPERLINK(1)," in csv_data

    for data, name in ((workbook_data, "c.xlsx"), (csv_data, "c.csv")):
        draft = new_draft(costing.organisation, provider)
        assert upload(client, draft, data, name).status_code == 302
        assert contents(draft) == contents(costing)
        draft.delete()


def test_an_edited_workbook_keeps_what_was_typed_to_the_penny(costing, provider):
    client = signed_in(provider)
    data = edited_workbook(download(client, xlsx_url(costing)), Costs__D2=8320.1)
    assert upload(client, costing, data, "pennies.xlsx").status_code == 302
    assert contents(costing)["lines"][0][-1] == D("8320.10")
