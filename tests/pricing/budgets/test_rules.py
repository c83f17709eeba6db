"""The rules on spending a family records from its direct payment (`record_spending`).

Spending must serve an agreed outcome; a budget cannot buy GP services, prescriptions,
vaccinations, NHS health checks, dental charges or a school place; support in a school
needs the head teacher's consent and paying a family member an exception, both recorded
for this budget; amounts are whole pence and sensible; dates fall in the period, not in
the future, nor in a quarter whose return was sent; a receipt is a real photo or PDF. A
refused entry leaves nothing behind, receipt or not.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import os
from decimal import Decimal

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageFile
from wagtail.models import Site

from pricing.budgets.categories import DEFAULT_CATEGORIES
from pricing.budgets.enums import EntryKind, ReturnStatus
from pricing.budgets.models import (
    LedgerEntry,
    PayeeException,
    QuarterlyReturn,
    Receipt,
    SchoolConsent,
    SpendingCategory,
)
from pricing.budgets.receipts import MAX_RECEIPT_BYTES, ReceiptRefused
from pricing.budgets.services import BudgetError, record_spending
from pricing.budgets.services.common import MAX_AMOUNT

pytestmark = pytest.mark.django_db

D = dt.date
TODAY = D(2026, 6, 15)
EXCLUDED = [name for name, excluded, _ in DEFAULT_CATEGORIES if excluded]


@pytest.fixture
def spend(budget, family):
    def record(**changes):
        fields = {
            "budget": budget,
            "by": family,
            "occurred_on": D(2026, 5, 1),
            "payee": "Northbridge Riding School",
            "description": "Riding lesson",
            "amount": Decimal("32.50"),
            "outcome_key": "make-friends",
            "today": TODAY,
        }
        return record_spending(**{**fields, **changes})

    return record


def refused(spend, field: str, **changes) -> BudgetError:
    with pytest.raises(BudgetError) as caught:
        spend(**changes)
    assert caught.value.field == field
    assert not LedgerEntry.objects.exists()
    return caught.value


def test_spending_within_the_rules_is_recorded(spend, budget, family):
    entry = spend()

    assert entry.kind == EntryKind.SPENDING
    assert entry.amount == Decimal("32.50")
    assert (entry.budget, entry.recorded_by, entry.outcome_key) == (budget, family, "make-friends")
    assert (entry.payee, entry.description) == ("Northbridge Riding School", "Riding lesson")


# Outcomes and categories -------------------------------------------------------------


@pytest.mark.parametrize("key", ["", "learn-to-swim"])
def test_spending_must_serve_an_agreed_outcome(spend, key):
    error = refused(spend, "outcome", outcome_key=key)
    assert "agreed outcome" in error.message


@pytest.mark.parametrize("name", EXCLUDED)
def test_a_budget_cannot_pay_for_an_excluded_category(spend, council, name):
    category = SpendingCategory.objects.get(council=council, name=name)

    error = refused(spend, "category", category=category)
    assert "A personal budget cannot pay for" in error.message
    assert name in error.message  # as written: "GP", "NHS", not "gp", "nhs"


def test_the_excluded_categories_are_the_ones_the_guidance_names():
    assert EXCLUDED == [
        "GP services",
        "Prescriptions",
        "Vaccinations",
        "NHS health checks",
        "Dental charges",
        "A school place",
    ]


def test_an_allowed_category_is_accepted(spend, council):
    category = SpendingCategory.objects.get(council=council, name="Short breaks and activities")
    assert spend(category=category).category == category


def test_a_category_of_another_council_is_refused(spend, home):
    other = Site.objects.create(hostname="other.example", root_page=home, is_default_site=False)
    category = SpendingCategory.objects.create(council=other, name="Short breaks")
    refused(spend, "category", category=category)


# School provision and family members ---------------------------------------------------


def consent_for(budget) -> SchoolConsent:
    return SchoolConsent.objects.create(
        budget=budget,
        setting_name="Northbridge Academy",
        given_by="Ms Head",
        given_on=D(2026, 4, 1),
    )


def exception_for(budget) -> PayeeException:
    return PayeeException.objects.create(
        budget=budget, payee="Aunt Jo", relationship="Aunt", reason="Only carer Sam trusts"
    )


def test_support_in_school_without_consent_is_refused(spend):
    error = refused(spend, "in_school", in_school=True)
    assert "head teacher" in error.message


def test_support_in_school_with_this_budgets_consent_is_accepted(spend, budget):
    consent = consent_for(budget)
    entry = spend(in_school=True, school_consent=consent)
    assert entry.in_school and entry.school_consent == consent


def test_support_in_school_with_another_budgets_consent_is_refused(spend, make_budget):
    other = make_budget(for_child=None)
    refused(spend, "in_school", in_school=True, school_consent=consent_for(other))


def test_paying_a_family_member_without_an_exception_is_refused(spend):
    error = refused(spend, "family_member", family_member=True)
    assert "exception" in error.message


def test_paying_a_family_member_with_this_budgets_exception_is_accepted(spend, budget):
    allowed = exception_for(budget)
    assert spend(family_member=True, payee_exception=allowed).payee_exception == allowed


def test_paying_a_family_member_with_another_budgets_exception_is_refused(spend, make_budget):
    other = make_budget(for_child=None)
    refused(spend, "family_member", family_member=True, payee_exception=exception_for(other))


# Amounts, dates, words -----------------------------------------------------------------


@pytest.mark.parametrize(
    "amount",
    [
        Decimal("-1.00"),
        Decimal("0"),
        Decimal("0.00"),
        Decimal("12.505"),
        Decimal("0.001"),
        MAX_AMOUNT + Decimal("0.01"),
        Decimal("1E+30"),  # too many digits to round to pence
        Decimal("NaN"),
        Decimal("sNaN"),
        Decimal("Infinity"),
        Decimal("-Infinity"),
        12.5,
        "12.50",
    ],
)
def test_an_amount_that_is_not_a_sensible_sum_of_money_is_refused(spend, amount):
    refused(spend, "amount", amount=amount)


@pytest.mark.parametrize("amount", [Decimal("0.01"), Decimal("12.5"), MAX_AMOUNT])
def test_amounts_at_the_edges_are_accepted(spend, amount):
    assert spend(amount=amount).amount == amount


@pytest.mark.parametrize(
    ("occurred_on", "today", "says"),
    [
        (D(2026, 3, 31), TODAY, "within the budget's period, 1 April 2026 to 31 March 2027"),
        (D(2027, 4, 1), D(2027, 5, 1), "within the budget's period"),
        (D(2026, 6, 16), TODAY, "today or in the past"),
    ],
)
def test_a_date_before_after_the_period_or_in_the_future_is_refused(
    spend, occurred_on, today, says
):
    error = refused(spend, "occurred_on", occurred_on=occurred_on, today=today)
    assert says in error.message


def test_the_first_and_last_days_of_the_period_and_today_are_accepted(spend):
    spend(occurred_on=D(2026, 4, 1))
    spend(occurred_on=TODAY)
    spend(occurred_on=D(2027, 3, 31), today=D(2027, 4, 2))
    assert LedgerEntry.objects.count() == 3


@pytest.mark.parametrize(
    ("status", "allowed"),
    [
        (ReturnStatus.DRAFT, True),
        (ReturnStatus.SUBMITTED, False),
        (ReturnStatus.QUERIED, False),
        (ReturnStatus.ACCEPTED, False),
    ],
)
def test_a_date_in_a_quarter_whose_return_was_sent_is_refused(spend, budget, status, allowed):
    QuarterlyReturn.objects.create(
        budget=budget,
        starts_on=D(2026, 4, 1),
        ends_on=D(2026, 6, 30),
        status=status,
        opening_balance=Decimal("0.00"),
        paid_in=Decimal("300.00"),
        spent=Decimal("0.00"),
        closing_balance=Decimal("300.00"),
    )
    after = D(2026, 7, 2)
    if allowed:
        assert spend(occurred_on=D(2026, 6, 30), today=after).pk
    else:
        error = refused(spend, "occurred_on", occurred_on=D(2026, 6, 30), today=after)
        assert "sent the return" in error.message
    # The next quarter is still open.
    assert spend(occurred_on=D(2026, 7, 1), today=after).pk


@pytest.mark.parametrize(("field", "value"), [("payee", "  "), ("description", "")])
def test_who_was_paid_and_what_for_are_needed(spend, field, value):
    refused(spend, field, **{field: value})


def test_words_are_kept_without_surrounding_spaces(spend):
    entry = spend(payee="  Swim Club ", description=" Lessons  ")
    assert (entry.payee, entry.description) == ("Swim Club", "Lessons")


# Receipts -------------------------------------------------------------------------------


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_bytes() -> bytes:
    """A photo with real detail, so its scan data is most of the file."""
    buffer = io.BytesIO()
    noise = Image.frombytes("RGB", (200, 200), os.urandom(200 * 200 * 3))
    noise.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("receipt.png", png_bytes(), "image/png"),
        ("receipt.pdf", TINY_PDF, "application/pdf"),
        ("IMG_0001.JPG", jpeg_bytes(), "image/jpeg"),
        ("named-wrongly.pdf", png_bytes(), "image/png"),  # what the bytes are counts
    ],
)
def test_a_real_photo_or_pdf_is_kept_with_its_content_type(
    spend, family, name, content, content_type
):
    entry = spend(receipt=SimpleUploadedFile(name, content, content_type="text/plain"))

    receipt = Receipt.objects.get(entry=entry)
    assert receipt.content_type == content_type
    assert receipt.size == len(content)
    assert receipt.original_name == name
    assert receipt.uploaded_by == family
    with receipt.file.open("rb") as stored:
        assert stored.read() == content
    assert receipt.file.storage is storages["private"]


def stored_files(folder: str = "") -> set[str]:
    """Every file in the private storage (it lives as long as the test process)."""
    storage = storages["private"]
    if folder and not storage.exists(folder):
        return set()
    folders, files = storage.listdir(folder)
    found = {f"{folder}/{name}" for name in files}
    for sub in folders:
        found |= stored_files(f"{folder}/{sub}".lstrip("/"))
    return found


def truncated_jpeg() -> bytes:
    whole = jpeg_bytes()
    return whole[: len(whole) * 7 // 10]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("receipt.jpg", b"Just some text pretending to be a photo.\n"),
        ("receipt.jpg", b""),
        ("receipt.png", png_bytes() + b"\0" * (MAX_RECEIPT_BYTES + 1 - len(png_bytes()))),
        ("receipt.jpg", truncated_jpeg()),
        ("receipt.png", png_bytes()[:60]),
        ("receipt.gif", b"GIF89a" + b"\0" * 64),
        ("receipt.html", b"<html><script>alert(1)</script></html>"),
    ],
    ids=["text-named-jpg", "empty", "too-large", "truncated-jpeg", "cut-png", "gif", "html"],
)
def test_a_file_that_is_not_a_good_photo_or_pdf_is_refused_and_nothing_is_saved(
    spend, name, content
):
    """The receipt is checked after the entry is written, in the same transaction: the
    refusal rolls the entry back, so the family is not left with spending they did not
    mean to record without its receipt."""
    files_before = stored_files()
    with pytest.raises(ReceiptRefused) as caught:
        spend(receipt=SimpleUploadedFile(name, content, content_type="image/jpeg"))

    assert caught.value.field == "receipt"
    assert not LedgerEntry.objects.exists()
    assert not Receipt.objects.exists()
    assert stored_files() == files_before


def test_a_refused_receipt_leaves_earlier_entries_alone(spend):
    kept = spend()
    with pytest.raises(ReceiptRefused):
        spend(receipt=SimpleUploadedFile("r.jpg", b"not a photo"))
    assert list(LedgerEntry.objects.all()) == [kept]


def test_a_cut_off_photo_is_refused_after_weasyprint_is_loaded(spend):
    """WeasyPrint (invoice PDFs) tells Pillow to decode cut-off images quietly, for the
    whole process; the receipt check still finds the cut, and leaves WeasyPrint's
    setting as it was."""
    importlib.import_module("weasyprint")
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True

    with pytest.raises(ReceiptRefused, match="cannot be opened"):
        spend(receipt=SimpleUploadedFile("receipt.jpg", truncated_jpeg()))

    assert not LedgerEntry.objects.exists()
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True
