"""One budget in the officer's area: exact figures, the current version and its history,
the ledger page by page with receipts and reversals, charts with their tables, the CSV
export, and a number of queries that does not grow with the ledger."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pricing.budgets.enums import ClawbackMethod, ReviewKind
from pricing.budgets.services import (
    LineInput,
    OutcomeInput,
    adjust,
    invite,
    new_version,
    record_clawback,
    record_consent,
    record_exception,
    record_review,
    record_spending,
    reverse_entry,
)
from providers.models import Outcome
from tests.html import get, soup_of, text_of

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 7, 10)


@pytest.fixture(autouse=True)
def _clock() -> Iterator[None]:
    with time_machine.travel(timezone.make_aware(dt.datetime(2026, 7, 10, 10, 0)), tick=False):
        yield


@pytest.fixture
def officer_client(officer) -> Client:
    client = Client()
    client.force_login(officer)
    return client


def detail(budget) -> str:
    return reverse("budget_admin:detail", args=[budget.reference])


def spend(budget, family, amount: str, on: dt.date, *, payee="Riding school", receipt=None):
    return record_spending(
        budget=budget,
        by=family,
        occurred_on=on,
        payee=payee,
        description="Riding lesson",
        amount=Decimal(amount),
        outcome_key="make-friends",
        receipt=receipt,
        today=TODAY,
    )


def pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("till-slip.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n")


def table_rows(page, caption: str) -> list[list[str]]:
    table = next(t for t in page.find_all("table") if caption in text_of(t.find("caption")))
    return [
        [text_of(cell) for cell in tr.find_all(["th", "td"])] for tr in table.select("tbody tr")
    ]


@pytest.fixture
def busy_budget(make_budget, pay_in, family, officer):
    """A direct payment for social care and a council-managed part for education, paid in
    to the end of May, with spending, an adjustment, a reversal and a clawback."""
    budget = make_budget(
        [("social_care", "direct_payment", "1300.00"), ("education", "council_managed", "2600.00")]
    )
    pay_in(dt.date(2026, 5, 27))  # £300 direct, £600 council-managed
    spend(budget, family, "40.00", dt.date(2026, 4, 10), receipt=pdf())
    mistake = spend(budget, family, "25.00", dt.date(2026, 5, 3), payee="Swim club")
    reverse_entry(entry=mistake, reason="Recorded twice", by=officer)
    adjust(
        budget=budget,
        amount=Decimal("15.00"),
        stream="social_care",
        held_as="direct_payment",
        reason="Top-up for a trip",
        by=officer,
        occurred_on=dt.date(2026, 6, 2),
    )
    record_clawback(
        budget=budget,
        amount=Decimal("30.00"),
        reason="Unspent money",
        method=ClawbackMethod.REPAYMENT,
        by=officer,
    )
    return budget


def test_figures_per_part_and_summary(busy_budget, officer_client):
    page = get(officer_client, detail(busy_budget))
    assert table_rows(page, "Figures for each part") == [
        ["Direct payment (the family holds the money)", "£315", "£40", "£0", "£275", "£275"],
        ["Council-managed (notional)", "£600", "£0", "£0", "£600", "£600"],
    ]
    words = text_of(page)
    # £275 over £24.93 a week (£1,300 over the year's 52.14 weeks).
    assert "Weeks of payments held 11.0" in words
    assert "Unspent above 8 weeks" in words
    assert "Quarterly returns 1 due" in words
    assert "First review overdue since 1 July 2026" in words


def test_current_version_history_and_records(busy_budget, officer, officer_client, pfa_outcome):
    invite(budget=busy_budget, email="Parent@Example.org", by=officer)
    record_consent(
        budget=busy_budget,
        setting_name="Northbridge Academy",
        given_by="Ms Okafor",
        given_on=dt.date(2026, 6, 1),
        by=officer,
    )
    record_exception(
        budget=busy_budget,
        payee="Grandma Rose",
        relationship="Grandmother",
        reason="No other carer in the area",
        by=officer,
    )
    record_review(
        budget=busy_budget,
        kind=ReviewKind.FIRST,
        held_on=dt.date(2026, 6, 25),
        notes="",
        by=officer,
    )
    new_version(
        budget=busy_budget,
        starts_on=dt.date(2026, 7, 1),
        ends_on=dt.date(2027, 3, 31),
        outcomes=[
            OutcomeInput(
                description="Make friends outside school", area=pfa_outcome, key="make-friends"
            ),
            OutcomeInput(
                description="Travel to college alone",
                area=Outcome.objects.create(name="Independent living", slug="il-test", group="pfa"),
                stream="social_care",
            ),
        ],
        lines=[LineInput(stream="social_care", held_as="direct_payment", amount=Decimal("975.00"))],
        reason="First review: more independence",
        by=officer,
    )
    page = get(officer_client, detail(busy_budget))
    words = text_of(page)
    assert "What is agreed now: version 2" in words
    assert "From 1 July 2026 to 31 March 2027, £975 in all." in words
    assert table_rows(page, "Outcomes agreed in the plan") == [
        [
            "Make friends outside school",
            "Friends, relationships and community (Preparing for adulthood)",
            "Any stream",
        ],
        ["Travel to college alone", "Independent living (Preparing for adulthood)", "Social care"],
    ]
    assert table_rows(page, "Money from each funding stream") == [
        ["Social care", "Direct payment (the family holds the money)", "£975", "4 weeks"]
    ]
    versions = table_rows(page, "Every version")
    assert [row[:4] for row in versions] == [
        ["2", "1 Jul 2026 to 31 Mar 2027", "£975", "First review: more independence"],
        ["1", "1 Apr 2026 to 31 Mar 2027", "£3,900", "Budget set up"],
    ]
    assert versions[0][4] == officer.get_full_name()
    assert "parent@example.org: sent 10 July 2026, sent" in words
    assert "Northbridge Academy: Ms Okafor, 1 June 2026" in words
    assert "Grandma Rose (Grandmother): No other carer in the area" in words
    assert "First review (within 3 months of the first payment): 25 June 2026" in words
    # 3 payments made of each line; the rest of version 1 replaced by version 2's schedule.
    assert "Payments made: 6 (£900)." in words


def test_clawback_shows_what_is_recovered(busy_budget, officer, officer_client):
    from pricing.budgets.services import record_repayment

    clawback = busy_budget.clawbacks.get()
    record_repayment(clawback=clawback, amount=Decimal("10.00"), received_on=TODAY, by=officer)
    page = get(officer_client, detail(busy_budget))
    (row,) = table_rows(page, "Clawbacks")
    assert row[1:6] == [
        "£30",
        "Repayment requested from the family",
        "Unspent money",
        "£10",
        "£20",
    ]
    assert row[6] == "Record a repayment of the clawback of £30"


def test_ledger_marks_reversals_and_links_receipts(busy_budget, officer_client):
    page = get(officer_client, detail(busy_budget))
    rows = {
        tr["id"]: tr
        for tr in page.select("#ledger-caption")[0].find_parent("table").select("tbody tr")
    }
    spending = busy_budget.entries.get(amount=Decimal("40.00"))
    receipt = spending.receipts.get()
    link = rows[f"entry-{spending.pk}"].find(
        "a", href=reverse("budgets:receipt", args=[receipt.pk])
    )
    assert text_of(link) == "till-slip.pdf"
    mistake = busy_budget.entries.get(amount=Decimal("25.00"))
    reversal = mistake.reversed_by
    assert f"Reversed by entry {reversal.pk}" in text_of(rows[f"entry-{mistake.pk}"])
    assert f"Reversal of entry {mistake.pk}" in text_of(rows[f"entry-{reversal.pk}"])
    assert "Reason: Recorded twice" in text_of(rows[f"entry-{reversal.pk}"])
    assert "−£25" in text_of(rows[f"entry-{reversal.pk}"])

    # Only an entry that is neither a reversal nor reversed can be reversed.
    def reverse_link(entry):
        url = reverse("budget_admin:reverse", args=[busy_budget.reference, entry.pk])
        return rows[f"entry-{entry.pk}"].find("a", href=url)

    assert text_of(reverse_link(spending)) == f"Reverse entry {spending.pk}"
    assert reverse_link(mistake) is None
    assert reverse_link(reversal) is None


def test_charts_have_tables_with_the_same_figures(busy_budget, officer_client):
    page = get(officer_client, detail(busy_budget))
    assert table_rows(page, "Spending by outcome") == [["Make friends outside school", "£40"]]
    assert table_rows(page, "Spending by funding stream") == [["Social care", "£40"]]
    # Both parts' payments in (£100 direct and £200 council-managed on each date); the
    # mistaken £25 counts in May and its reversal, made today, in July.
    assert table_rows(page, "Paid in and spent by month") == [
        ["April 2026", "£600", "£40"],
        ["May 2026", "£300", "£25"],
        ["June 2026", "£15", "£0"],
        ["July 2026", "£0", "−£25"],
    ]
    charts = page.select("svg[role=img]")
    assert len(charts) == 4
    titles = [text_of(svg.find("title")) for svg in charts]
    assert titles == [
        "Spending by outcome",
        "Spending by funding stream",
        "Spending by month",
        "Payments in against spending, by month",
    ]
    assert "Make friends outside school: £40" in text_of(charts[0].find("desc"))
    assert "April 2026: paid in £600, spent £40" in text_of(charts[3].find("desc"))


def test_ledger_pages_of_fifty_and_queries_do_not_grow(make_budget, pay_in, family, officer_client):
    budget = make_budget()
    pay_in(dt.date(2026, 4, 1))

    def load(url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = officer_client.get(url)
        assert response.status_code == 200
        return len(queries)

    for day in range(4):
        spend(budget, family, "1.00", dt.date(2026, 4, 2 + day))
    assert budget.entries.count() == 5
    load(detail(budget))
    few = load(detail(budget))
    for day in range(55):
        spend(budget, family, "1.00", dt.date(2026, 4, 2) + dt.timedelta(days=day % 60))
    assert budget.entries.count() == 60
    many = load(detail(budget))
    assert few == many
    first = get(officer_client, detail(budget))
    ledger = first.select("#ledger-caption")[0].find_parent("table")
    assert len(ledger.select("tbody tr")) == 50
    second = soup_of(officer_client.get(detail(budget) + "?page=2"))
    ledger = second.select("#ledger-caption")[0].find_parent("table")
    assert len(ledger.select("tbody tr")) == 10


def test_export_lists_every_entry(busy_budget, officer, officer_client):
    response = officer_client.get(reverse("budget_admin:export", args=[busy_budget.reference]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f"ledger-{busy_budget.reference}-2026-07-10.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == [
        "Entry",
        "Date",
        "Kind",
        "Amount",
        "Pot",
        "Stream",
        "Outcome",
        "Payee",
        "What for",
        "Reason",
        "Booking reference",
        "Recorded by",
        "Recorded at",
        "Reverses entry",
        "Reversed by entry",
        "Receipts",
    ]
    body = rows[1:]
    assert len(body) == busy_budget.entries.count() == 10
    by_id = {row[0]: row for row in body}
    spending = busy_budget.entries.get(amount=Decimal("40.00"))
    assert by_id[str(spending.pk)] == [
        str(spending.pk),
        "2026-04-10",
        "Spending",
        "40.00",
        "Direct payment (the family holds the money)",
        "Social care",
        "Make friends outside school",
        "Riding school",
        "Riding lesson",
        "",
        "",
        spending.recorded_by.get_full_name(),
        "2026-07-10 10:00",
        "",
        "",
        "1",
    ]
    mistake = busy_budget.entries.get(amount=Decimal("25.00"))
    reversal = mistake.reversed_by
    assert by_id[str(mistake.pk)][14] == str(reversal.pk)
    assert by_id[str(reversal.pk)][3] == "-25.00"
    assert by_id[str(reversal.pk)][9] == "Recorded twice"
    assert by_id[str(reversal.pk)][11] == officer.get_full_name()
    assert by_id[str(reversal.pk)][13] == str(mistake.pk)
    payments = [row for row in body if row[2] == "Payment in"]
    assert [row[1] for row in payments] == ["2026-04-01"] * 2 + ["2026-04-29"] * 2 + [
        "2026-05-27"
    ] * 2
    assert {row[11] for row in payments} == {"Automatically"}


def test_export_cells_cannot_run_as_formulas(make_budget, pay_in, family, officer_client):
    budget = make_budget()
    pay_in(dt.date(2026, 4, 1))
    spend(budget, family, "10.00", dt.date(2026, 4, 3), payee='=HYPERLINK("http://x")')
    response = officer_client.get(reverse("budget_admin:export", args=[budget.reference]))
    text = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK" in text
