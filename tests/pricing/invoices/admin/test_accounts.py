"""A family's statement (every invoice, credit note and payment in date order with the
balance after each) and the accountant's CSV (one row a line, credit notes negative, a
VAT summary by rate, no cell a spreadsheet could run as a formula)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal as D

import pytest

from localoffer.core.spreadsheets import csv_lines, safe_cell
from pricing.invoices.accounts import ExportLine, export_rows
from pricing.invoices.enums import PaymentWay
from pricing.invoices.models import CustomerDetails
from pricing.invoices.services import LineInput, record_invoice_payment, save_billing_details
from providers.enums import VatTreatment
from tests.factories import UserFactory
from tests.html import soup_of, text_of
from tests.pricing.factories import NOW

pytestmark = pytest.mark.django_db


def statement_url(organisation, customer) -> str:
    return f"/admin/invoices/{organisation.pk}/families/{customer.pk}/"


def test_the_statement_lists_everything_in_date_order_with_a_running_balance(
    provider_client, organisation, family, issue, credit
):
    first = issue(D("24.00"), days_ago=10)  # 20 February
    record_invoice_payment(
        invoice=first,
        amount=D("10.00"),
        received_on=dt.date(2026, 2, 22),
        way=PaymentWay.BANK_TRANSFER,
        reference="BACS 1",
        now=NOW - dt.timedelta(days=8),
    )
    second = issue(D("30.00"), days_ago=5)  # 25 February
    note = credit(second, "5.00", days_ago=4)  # 26 February
    # Recorded late, but received the day before yesterday's credit note is listed by date.
    late = record_invoice_payment(
        invoice=first,
        amount=D("14.00"),
        received_on=dt.date(2026, 3, 1),
        way=PaymentWay.CASH,
        now=NOW,
    )
    someone_else = issue(D("99.00"), customer=UserFactory(email="other@example.org"))

    page = soup_of(provider_client.get(statement_url(organisation, family)))
    rows = [
        [text_of(cell) for cell in row.find_all("td")]
        for row in page.find("table", class_="listing").find("tbody").find_all("tr")
    ]
    assert [(r[0], r[1], r[2], r[4], r[5], r[6]) for r in rows] == [
        ("20 Feb 2026", "Invoice", first.number, "£24.00", "", "£24.00"),
        ("22 Feb 2026", "Payment", rows[1][2], "", "£10.00", "£14.00"),
        ("25 Feb 2026", "Invoice", second.number, "£30.00", "", "£44.00"),
        ("26 Feb 2026", "Credit note", note.number, "", "£5.00", "£39.00"),
        ("1 Mar 2026", "Payment", late.receipt.number, "", "£14.00", "£25.00"),
    ]
    assert "Bank transfer for invoice" in rows[1][3] and "BACS 1" in rows[1][3]
    assert text_of(page.find(id="total-owed")) == "£25.00"
    assert someone_else.number not in text_of(page)


def test_a_statement_only_for_this_organisations_own_customers(
    provider_client, organisation, other_organisation, issue
):
    stranger_family = UserFactory(email="elsewhere@example.org")
    issue(organisation_=other_organisation, customer=stranger_family, for_child=None)
    nobody = UserFactory(email="nobody@example.org")
    assert provider_client.get(statement_url(organisation, nobody)).status_code == 404
    assert provider_client.get(statement_url(organisation, stranger_family)).status_code == 404


def test_the_list_and_the_invoice_link_to_the_statement(provider_client, organisation, issue):
    invoice = issue()
    link = statement_url(organisation, invoice.customer)
    assert link.encode() in provider_client.get(f"/admin/invoices/{organisation.pk}/").content
    assert link.encode() in provider_client.get(f"/admin/invoices/documents/{invoice.pk}/").content


@pytest.fixture
def vat_registered(organisation, boss):
    return save_billing_details(
        organisation=organisation,
        by=boss,
        legal_name="Northbridge Play Club",
        address="1 High Street\nNorthbridge",
        email="accounts@playclub.example.org",
        vat_registered=True,
        vat_number="GB123456789",
        invoice_prefix="PLAY",
    )


def csv_of(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


def test_the_csv_has_a_row_a_line_credit_notes_negative_and_a_vat_summary(
    provider_client, organisation, vat_registered, family, issue, credit, pay
):
    CustomerDetails.objects.create(user=family, name="=SUM(A1:A9)", address="1 Low Road")
    line = LineInput  # one line of each VAT treatment, each £ as the listing states it
    invoice = issue(
        days_ago=3,  # 27 February
        lines=[
            line('=HYPERLINK("http://x.example")', D("1"), D("24.00"), VatTreatment.INCLUDED),
            line("+Speech therapy", D("1"), D("10.00"), VatTreatment.ADDED),
            line("@Respite", D("1"), D("15.00"), VatTreatment.EXEMPT),
            line("-Snacks", D("1"), D("21.00"), VatTreatment.REDUCED),
            line("Picture book", D("1"), D("7.50"), VatTreatment.ZERO_RATED),
        ],
    )
    assert (invoice.net_total, invoice.vat_total, invoice.gross_total) == (
        D("72.50"),
        D("7.00"),
        D("79.50"),
    )
    pay(invoice, "10.00")  # a receipt: not a sale, not in the export
    note = credit(invoice, "19.50", days_ago=1)  # the book, then £12 of the snacks
    issue(D("50.00"), days_ago=40)  # before the period

    response = provider_client.get(
        f"/admin/invoices/{organisation.pk}/export/",
        {"date_from": "2026-02-25", "date_to": "2026-03-02"},
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="PLAY-sales-2026-02-25-to-2026-03-02.csv"'
    )
    n, c = invoice.number, note.number
    customer = "'=SUM(A1:A9)"
    assert csv_of(response) == [
        ["Date", "Number", "Kind", "Customer", "Description", "Net", "VAT rate", "VAT", "Gross"],
        [
            "2026-02-27",
            n,
            "Invoice",
            customer,
            '\'=HYPERLINK("http://x.example")',
            "20.00",
            "20%",
            "4.00",
            "24.00",
        ],
        ["2026-02-27", n, "Invoice", customer, "'+Speech therapy", "10.00", "20%", "2.00", "12.00"],
        ["2026-02-27", n, "Invoice", customer, "'@Respite", "15.00", "Exempt", "0.00", "15.00"],
        ["2026-02-27", n, "Invoice", customer, "'-Snacks", "20.00", "5%", "1.00", "21.00"],
        ["2026-02-27", n, "Invoice", customer, "Picture book", "7.50", "0%", "0.00", "7.50"],
        [
            "2026-03-01",
            c,
            "Credit note",
            customer,
            "Credit: Picture book",
            "-7.50",
            "0%",
            "0.00",
            "-7.50",
        ],
        [
            "2026-03-01",
            c,
            "Credit note",
            customer,
            "Credit: -Snacks",
            "-11.43",
            "5%",
            "-0.57",
            "-12.00",
        ],
        [],
        ["VAT summary, 25 February 2026 to 2 March 2026"],
        ["VAT rate", "Net", "VAT", "Gross"],
        ["20%", "30.00", "6.00", "36.00"],
        ["5%", "8.57", "0.43", "9.00"],
        ["0%", "0.00", "0.00", "0.00"],
        ["Exempt", "15.00", "0.00", "15.00"],
        ["Total", "53.57", "6.43", "60.00"],
    ]


def test_a_period_with_nothing_issued_has_the_headers_and_zero_totals(
    provider_client, organisation
):
    response = provider_client.get(
        f"/admin/invoices/{organisation.pk}/export/",
        {"date_from": "2026-01-01", "date_to": "2026-01-31"},
    )
    rows = csv_of(response)
    assert rows[0][0] == "Date" and rows[1] == []
    assert rows[-1] == ["Total", "0.00", "0.00", "0.00"]


def test_the_export_form_names_a_wrong_period_and_keeps_it(provider_client, organisation):
    url = f"/admin/invoices/{organisation.pk}/export/"
    form = provider_client.get(url)
    assert form.context["form"].initial == {
        "date_from": dt.date(2026, 2, 1),
        "date_to": dt.date(2026, 2, 28),
    }
    response = provider_client.get(url, {"date_from": "2026-03-31", "date_to": "2026-03-01"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    page = soup_of(response)
    assert "last day must be the same as or after" in text_of(
        page.find(class_="help-critical").find("a", href="#id_date_to")
    )
    assert page.find("input", {"name": "date_from"})["value"] == "2026-03-31"
    missing = soup_of(provider_client.get(url, {"date_from": "", "date_to": "2026-03-01"}))
    assert "Enter the first day of the period" in text_of(missing.find(class_="help-critical"))


def test_export_rows_add_up_each_rate_exactly():
    day = dt.date(2026, 3, 2)

    def line(net: str, rate: str, vat: str) -> ExportLine:
        return ExportLine(
            day, "A-0001", "Invoice", "Family", "Line", D(net), rate, D(vat), D(net) + D(vat)
        )

    rows = list(
        export_rows(
            [
                line("0.10", "20%", "0.02"),
                line("0.20", "20%", "0.04"),
                line("-0.30", "20%", "-0.06"),
                line("3.33", "No VAT", "0.00"),
                line("9.99", "5%", "0.50"),
            ],
            period="March",
        )
    )
    assert rows[-5:] == [
        ["VAT rate", "Net", "VAT", "Gross"],
        ["20%", D("0.00"), D("0.00"), D("0.00")],
        ["5%", D("9.99"), D("0.50"), D("10.49")],
        ["No VAT", D("3.33"), D("0.00"), D("3.33")],
        ["Total", D("13.32"), D("0.50"), D("13.82")],
    ]


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+44 1632 960001", "'+44 1632 960001"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=cmd", "'\t=cmd"),
        ("Swimming", "Swimming"),
        ("", ""),
        (D("-24.00"), D("-24.00")),
    ],
)
def test_text_that_a_spreadsheet_would_run_is_quoted(cell, written):
    assert safe_cell(cell) == written


def test_csv_lines_quote_text_but_not_numbers():
    assert list(csv_lines([["-Snacks", D("-7.50")]])) == ["'-Snacks,-7.50\r\n"]
