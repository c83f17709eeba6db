"""The organisation's invoices: each with its status worked out from payments and credit
notes (and the database's filter agreeing with it), credit notes and receipts on their
own tabs, filters by status and issue date, pages of 25, and a fixed number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pricing.invoices import selectors
from pricing.invoices.enums import InvoiceStatus
from pricing.invoices.models import Document
from providers.organisations.access import grant_organisation_access
from tests.html import soup_of, text_of
from tests.pricing.invoices.admin.conftest import signed_in

pytestmark = pytest.mark.django_db


def url(organisation) -> str:
    return f"/admin/invoices/{organisation.pk}/"


def rows_of(response) -> dict[str, list[str]]:
    """Each row of the list by its number: the cells' words."""
    table = soup_of(response).find("table", class_="listing")
    if table is None:
        return {}
    rows = {}
    for row in table.find("tbody").find_all("tr"):
        cells = [text_of(cell) for cell in row.find_all("td")]
        rows[cells[0]] = cells
    return rows


@pytest.fixture
def one_of_each(issue, pay, credit) -> dict[str, Document]:
    issued = issue()
    part_paid = issue()
    pay(part_paid, "10.00")
    paid = issue()
    pay(paid, "24.00")
    overdue = issue(days_ago=20)
    credited = issue()
    credit(credited, "24.00")
    # Paid and credited together: 10.10 + 13.90 is the whole 24.00, even in floating point.
    settled = issue()
    pay(settled, "10.10")
    credit(settled, "13.90")
    overdue_part_paid = issue(days_ago=20)
    pay(overdue_part_paid, "5.00")
    return {
        "issued": issued,
        "part_paid": part_paid,
        "paid": paid,
        "overdue": overdue,
        "credited": credited,
        "settled": settled,
        "overdue_part_paid": overdue_part_paid,
    }


EXPECTED = {
    "issued": InvoiceStatus.ISSUED,
    "part_paid": InvoiceStatus.PART_PAID,
    "paid": InvoiceStatus.PAID,
    "overdue": InvoiceStatus.OVERDUE,
    "credited": InvoiceStatus.CREDITED,
    "settled": InvoiceStatus.PAID,
    "overdue_part_paid": InvoiceStatus.OVERDUE,
}


def test_each_invoice_shows_its_status_in_words(provider_client, organisation, one_of_each):
    rows = rows_of(provider_client.get(url(organisation)))
    assert len(rows) == len(one_of_each)  # credit notes and receipts are on their own tabs
    for name, invoice in one_of_each.items():
        cells = rows[invoice.number]
        assert cells[-1] == InvoiceStatus(EXPECTED[name]).label, name
    invoice = one_of_each["part_paid"]
    assert rows[invoice.number] == [
        invoice.number,
        f"{invoice.customer_name} : statement",
        "Amira",
        invoice.booking_reference,
        "2 Mar 2026",
        "16 Mar 2026",
        "£24.00",
        "£10.00",
        "Part paid",
    ]


@pytest.mark.parametrize("status", InvoiceStatus.values)
def test_the_status_filter_agrees_with_the_status_shown(
    provider_client, organisation, one_of_each, status
):
    expected = {invoice.number for name, invoice in one_of_each.items() if EXPECTED[name] == status}
    assert expected  # every status is tried with at least one invoice
    rows = rows_of(provider_client.get(url(organisation), {"status": status}))
    assert set(rows) == expected
    # The database's choice and status_of agree invoice by invoice.
    chosen = selectors.invoices_with_status(
        Document.objects.invoices(), status, today=one_of_each["issued"].issued_at.date()
    )
    assert {invoice.number for invoice in chosen} == expected


def test_credit_notes_and_receipts_have_their_own_tabs(
    provider_client, organisation, issue, pay, credit
):
    invoice = issue()
    receipt = pay(invoice, "4.00").receipt
    note = credit(invoice, "20.00")
    notes = rows_of(provider_client.get(url(organisation), {"kind": "credit_note"}))
    assert list(notes) == [note.number]
    assert notes[note.number][5:] == [invoice.number, "£20.00", "Session cancelled"]
    receipts = rows_of(provider_client.get(url(organisation), {"kind": "receipt"}))
    assert list(receipts) == [receipt.number]
    assert receipts[receipt.number][5:] == [invoice.number, "£4.00", "Bank transfer"]


def test_filtering_by_issue_date(provider_client, organisation, issue):
    old = issue(days_ago=40)  # 21 January
    recent = issue(days_ago=5)  # 25 February
    today = issue()
    rows = rows_of(
        provider_client.get(url(organisation), {"date_from": "2026-02-01", "date_to": "2026-02-28"})
    )
    assert set(rows) == {recent.number}
    rows = rows_of(provider_client.get(url(organisation), {"date_from": "2026-02-01"}))
    assert set(rows) == {recent.number, today.number}
    assert old.number in rows_of(provider_client.get(url(organisation)))


def test_a_backwards_date_range_is_named_and_the_list_still_shows(
    provider_client, organisation, issue
):
    invoice = issue()
    response = provider_client.get(
        url(organisation), {"date_from": "2026-03-10", "date_to": "2026-03-01"}
    )
    page = soup_of(response)
    summary = page.find(class_="help-critical")
    assert "end date must be the same as or after" in text_of(summary)
    assert page.find("input", {"name": "date_to"})["value"] == "2026-03-01"
    assert invoice.number not in rows_of(response)  # "from 10 March" is still applied


def test_the_list_is_newest_first_in_pages_of_25(provider_client, organisation, issue):
    invoices = [issue(days_ago=30 - n) for n in range(30)]
    first = rows_of(provider_client.get(url(organisation)))
    assert list(first) == [i.number for i in reversed(invoices)][:25]
    second_page = provider_client.get(url(organisation), {"page": "2"})
    assert list(rows_of(second_page)) == [i.number for i in reversed(invoices)][25:]
    nav = soup_of(second_page).find("nav", attrs={"aria-label": "Pagination"})
    assert nav.find("a", attrs={"aria-current": "page"}).text.strip() == "2"


def test_the_page_takes_the_same_number_of_queries_for_3_or_20_invoices(
    provider_client, organisation, issue, pay, credit
):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = provider_client.get(url(organisation))
        assert response.status_code == 200
        return len(queries)

    for _ in range(3):
        pay(issue(), "1.00")
    count()  # the first request fills caches (the site, the menu)
    few = count()
    for n in range(17):
        invoice = issue()
        pay(invoice, "2.00")
        if n % 2:
            credit(invoice, "3.00")
    assert count() == few


def test_no_invoices_yet(provider_client, organisation):
    response = provider_client.get(url(organisation))
    assert b"No invoices yet" in response.content


def test_the_menu_shows_invoices_and_billing_to_the_team_only(
    provider_client, organisation, client_for
):
    menu = provider_client.get("/admin/").content.decode()
    assert "/admin/invoices/" in menu and "/admin/invoices/billing/" in menu
    assert "/admin/invoices/" not in client_for("content_editor").get("/admin/").content.decode()
    # One organisation: straight to its list and its billing details.
    assert provider_client.get("/admin/invoices/").url == url(organisation)
    assert provider_client.get("/admin/invoices/billing/").url == f"{url(organisation)}billing/"


def test_someone_in_two_teams_chooses_the_organisation(provider, other_organisation):
    grant_organisation_access(organisation=other_organisation, user=provider, admin=False)
    page = soup_of(signed_in(provider).get("/admin/invoices/"))
    links = {text_of(a): a["href"] for a in page.find("main").find_all("a") if a.get("href")}
    assert links["Riverside Swim Club"] == f"/admin/invoices/{other_organisation.pk}/"
