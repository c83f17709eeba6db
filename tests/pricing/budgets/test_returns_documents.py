"""A return as files: a tagged A4 PDF whose text carries the figures, every line, what
needs attention and the declaration; a CSV with one row per line; a ZIP with both and
every receipt (tests/pricing/budgets/returns_setup.py describes the quarter)."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from decimal import Decimal

import pytest
import time_machine
from pypdf import PdfReader

from pricing.budgets.enums import EntryKind, HeldAs, Stream
from pricing.budgets.models import QuarterlyReturn
from pricing.budgets.returns_documents import build_zip, render_csv, render_pdf
from pricing.budgets.services.common import post
from pricing.budgets.services.returns import make_return, submit_return
from tests.pricing.budgets.returns_setup import NOW, Q1, D, first_quarter

pytestmark = pytest.mark.django_db

A4_POINTS = (595, 842)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def entries(budget, family, officer):
    return first_quarter(budget, family, officer)


@pytest.fixture
def sent(budget, family, entries) -> QuarterlyReturn:
    made = make_return(budget=budget, starts_on=Q1[0], by=family)
    return submit_return(ret=made, by=family, declared=True)


def words_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_pdf_prints_the_figures_every_line_and_the_declaration(sent, family):
    pdf = render_pdf(sent)
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width)), round(float(height))) == A4_POINTS
    text = words_of(pdf)
    for expected in (
        "Quarterly return",
        "Amira's direct payment, 1 April 2026 to 30 June 2026",
        f"Budget reference {sent.budget.reference}",
        "Northbridge Borough Council",
        "finance@northbridge.example",
        "parent@example.org",
        "Opening balance on 1 April 2026 £0",
        "Payments in £405",
        "Spent (less refunds) £84",
        "Closing balance on 30 June 2026 £321",
        "Art club: Art class",
        "Northbridge Taxis: Taxi to the club",
        "Not tied to an outcome",
        "Make friends outside school",
        "Adjustment by the council",
        "Class cancelled",
        "20 May 2026, Art club, £45: no receipt",
        "about 12.9 weeks of payments",
        f"Declared by {family.get_full_name()} on 10 July 2026 at 10:00",
    ):
        assert expected in text, expected


def test_the_pdf_is_tagged_with_its_language_and_title(sent):
    reader = PdfReader(io.BytesIO(render_pdf(sent)))
    catalog = reader.trailer["/Root"]
    assert reader.metadata.title == "Quarterly return for Amira, 1 April 2026 to 30 June 2026"
    assert str(catalog["/Lang"]) == "en-GB"
    assert catalog["/MarkInfo"]["/Marked"]
    assert 'pdfuaid:part="1"' in reader.xmp_metadata.rdf_root.toxml()


def test_a_draft_says_it_is_not_declared_yet(budget, family, entries):
    made = make_return(budget=budget, starts_on=Q1[0], by=family)
    assert "Not sent yet: the family has not declared this return" in words_of(render_pdf(made))


def test_the_csv_has_a_row_for_each_line_with_its_receipts_name(sent, entries):
    rows = list(csv.reader(io.StringIO(render_csv(sent))))
    assert rows[0] == ["Date", "Kind", "Payee", "What for", "Outcome", "Amount", "Receipt files"]
    assert len(rows) == 1 + 13
    riding = next(
        row for row in rows if row[2] == "Northbridge Riding School" and row[5] == "32.50"
    )
    receipt = entries["riding"].receipts.get()
    assert riding[:6] == [
        "2026-04-10",
        "Spending",
        "Northbridge Riding School",
        "Riding lesson",
        "Make friends outside school",
        "32.50",
    ]
    assert riding[6] == f"receipts/2026-04-10-{entries['riding'].pk}-{receipt.pk}-till-receipt.png"
    reversal = next(row for row in rows if row[5] == "-60.00")
    assert reversal[3] == "Reverses: Riding lesson"
    taxi = next(row for row in rows if row[2] == "Northbridge Taxis")
    assert (taxi[4], taxi[6]) == ("", "")


def test_a_payee_typed_as_a_formula_is_shown_as_text(budget, family, officer, entries):
    post(
        budget,
        kind=EntryKind.SPENDING,
        amount=Decimal("3.00"),
        occurred_on=D(2026, 6, 28),
        stream=Stream.SOCIAL_CARE,
        held_as=HeldAs.DIRECT_PAYMENT,
        outcome_key="make-friends",
        payee='=HYPERLINK("http://evil.example","Click")',
    )
    made = make_return(budget=budget, starts_on=Q1[0], by=family)
    rows = list(csv.reader(io.StringIO(render_csv(made))))
    assert '\'=HYPERLINK("http://evil.example","Click")' in [row[2] for row in rows]


def test_the_zip_holds_the_pdf_the_csv_and_every_receipt(sent, entries):
    with zipfile.ZipFile(build_zip(sent)) as bundle:
        names = bundle.namelist()
        base = f"return-{sent.budget.reference}-2026-04-01"
        receipt = entries["riding"].receipts.get()
        expected_receipt = (
            f"receipts/2026-04-10-{entries['riding'].pk}-{receipt.pk}-till-receipt.png"
        )
        assert names == [f"{base}.pdf", f"{base}.csv", expected_receipt]
        assert bundle.read(f"{base}.pdf").startswith(b"%PDF-")
        with receipt.file.open("rb") as handle:
            assert bundle.read(expected_receipt) == handle.read()
        assert expected_receipt in bundle.read(f"{base}.csv").decode()


def test_a_return_of_300_lines_prints_every_line(budget, family, entries):
    """A long return is not cut short (bench/budgets.py measures how long it takes)."""
    for number in range(300):
        post(
            budget,
            kind=EntryKind.SPENDING,
            amount=Decimal("1.00"),
            occurred_on=D(2026, 4, 1 + number % 30),
            stream=Stream.SOCIAL_CARE,
            held_as=HeldAs.DIRECT_PAYMENT,
            outcome_key="make-friends",
            payee=f"Payee {number}",
            description="Bus fare",
        )
    made = make_return(budget=budget, starts_on=Q1[0], by=family)
    pdf = render_pdf(made)
    assert "Payee 0" in words_of(pdf)
    assert "Payee 299" in words_of(pdf)
