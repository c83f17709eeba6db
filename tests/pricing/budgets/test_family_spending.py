"""Recording spending, adding receipts and setting money aside, as a family does it.

Every refusal is shown beside its field and in the GOV.UK error summary, with what was
typed kept, and nothing is saved. The `budget` is Amira's direct payment (£100 every 4
weeks from 1 April 2026); today is Monday 15 June 2026.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from wagtail.models import ModelLogEntry

from pricing.budgets.enums import EntryKind
from pricing.budgets.models import (
    LedgerEntry,
    PayeeException,
    Receipt,
    SchoolConsent,
    SetAside,
    SpendingCategory,
)
from pricing.budgets.services import record_spending, set_aside
from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(
        dt.datetime(2026, 6, 15, 10, 0, tzinfo=ZoneInfo("Europe/London")), tick=False
    ):
        yield


@pytest.fixture
def family_client(family) -> Client:
    client = Client()
    client.force_login(family)
    return client


@pytest.fixture
def paid(budget, pay_in):
    pay_in(TODAY)
    return budget


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def category(budget, name: str) -> SpendingCategory:
    return SpendingCategory.objects.get(council_id=budget.council_id, name=name)


def form_data(budget, **changes: Any) -> dict[str, Any]:
    data = {
        "occurred_on_day": "10",
        "occurred_on_month": "6",
        "occurred_on_year": "2026",
        "payee": "Northbridge Riding School",
        "description": "Two riding lessons",
        "amount": "£32.50",
        "outcome": "make-friends",
        "category": str(category(budget, "Short breaks and activities").pk),
        "in_school": "no",
        "family_member": "no",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def post_spending(client: Client, budget, **changes: Any):
    return client.post(
        reverse("budgets:spend", args=[budget.reference]), form_data(budget, **changes)
    )


def spending_count(budget) -> int:
    return LedgerEntry.objects.filter(budget=budget, kind=EntryKind.SPENDING).count()


def assert_refused(response, budget, message: str, *, field_id: str) -> Any:
    """The page again (200), the message in the summary linking to the field and beside
    it, nothing recorded; returns the parsed page."""
    assert response.status_code == 200
    page = soup_of(response)
    summary = page.select_one(".govuk-error-summary")
    assert summary is not None, "no error summary"
    links = {text_of(a): a["href"] for a in summary.select("a")}
    assert links.get(message) == f"#{field_id}", links
    beside = [text_of(p) for p in page.select(".govuk-form-group--error .govuk-error-message")]
    assert f"Error: {message}" in beside
    assert text_of(page.title).startswith("Error: ")
    assert spending_count(budget) == 0
    assert Receipt.objects.count() == 0
    return page


def test_a_family_records_spending_with_a_pdf_receipt(paid, family, family_client) -> None:
    response = post_spending(
        family_client, paid, receipt=SimpleUploadedFile("receipt.pdf", PDF, "application/pdf")
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("budgets:detail", args=[paid.reference])
    entry = LedgerEntry.objects.get(budget=paid, kind=EntryKind.SPENDING)
    assert entry.amount == Decimal("32.50")
    assert entry.occurred_on == dt.date(2026, 6, 10)
    assert entry.payee == "Northbridge Riding School"
    assert entry.description == "Two riding lessons"
    assert entry.outcome_key == "make-friends"
    assert entry.category == category(paid, "Short breaks and activities")
    assert entry.recorded_by == family
    receipt = entry.receipts.get()
    assert receipt.content_type == "application/pdf"
    assert receipt.size == len(PDF)
    assert ModelLogEntry.objects.filter(action="pricing.budget_spending_recorded").count() == 1

    page = soup_of(family_client.get(response["Location"]))
    banner = text_of(page.select_one(".govuk-notification-banner--success"))
    assert "Spending of £32.50 paid to Northbridge Riding School has been recorded" in banner


@pytest.mark.parametrize(
    ("typed", "recorded"),
    [("12.50", "12.50"), ("£1,250", "1250.00"), ("7", "7.00"), (" £ 0.99 ", "0.99")],
)
def test_amounts_are_read_as_people_type_them(paid, family_client, typed, recorded) -> None:
    assert post_spending(family_client, paid, amount=typed).status_code == 302
    assert LedgerEntry.objects.get(budget=paid, kind=EntryKind.SPENDING).amount == Decimal(recorded)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-5", "Enter an amount greater than £0"),
        ("£-12.50", "Enter an amount greater than £0"),
        ("0", "Enter an amount greater than £0"),
        ("0.00", "Enter an amount greater than £0"),
        ("12.345", "Enter an amount in pounds and pence, like 12.50"),
        ("1000000", "Enter an amount of £250,000 or less"),
        ("twelve", "Enter an amount of money, like 12.50"),
        ("1,25", "Enter an amount of money, like 12.50"),
        ("", "Enter how much you paid"),
    ],
)
def test_bad_amounts_are_refused(paid, family_client, typed, message) -> None:
    page = assert_refused(
        post_spending(family_client, paid, amount=typed), paid, message, field_id="id_amount"
    )
    # Everything typed is kept.
    assert page.select_one("#id_amount")["value"] == typed
    assert page.select_one("#id_payee")["value"] == "Northbridge Riding School"
    assert page.select_one("#id_occurred_on-day")["value"] == "10"
    assert page.select_one("#id_outcome").has_attr("checked")


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        (
            "15",
            "3",
            "2026",
            "Enter a date within the budget's period, 1 April 2026 to 31 March 2027",
        ),
        ("16", "6", "2026", "Enter a date that is today or in the past"),
        ("31", "6", "2026", "The date you paid must be a real date"),
        ("10", "", "2026", "The date you paid must include a month"),
        ("", "", "", "Enter the date you paid"),
    ],
)
def test_bad_dates_are_refused(paid, family_client, day, month, year, message) -> None:
    response = post_spending(
        family_client, paid, occurred_on_day=day, occurred_on_month=month, occurred_on_year=year
    )
    page = assert_refused(response, paid, message, field_id="id_occurred_on-day")
    assert page.select_one("#id_occurred_on-day")["value"] == day
    assert page.select_one("#id_amount")["value"] == "£32.50"


def test_a_text_file_renamed_jpg_is_refused_and_the_form_kept(paid, family_client) -> None:
    fake = SimpleUploadedFile("receipt.jpg", b"#!/bin/sh\necho not a photo\n", "image/jpeg")
    page = assert_refused(
        post_spending(family_client, paid, receipt=fake),
        paid,
        "The selected file must be a photo (JPG or PNG) or a PDF",
        field_id="id_receipt",
    )
    assert page.select_one("#id_payee")["value"] == "Northbridge Riding School"


def test_a_broken_photo_is_refused(paid, family_client) -> None:
    broken = png_bytes()[:40]  # a PNG's header, then nothing
    assert_refused(
        post_spending(family_client, paid, receipt=SimpleUploadedFile("r.png", broken)),
        paid,
        "The selected photo cannot be opened. Take it again or upload a PDF",
        field_id="id_receipt",
    )


def test_a_receipt_over_10mb_is_refused(paid, family_client) -> None:
    big = PDF + b"0" * (11 * 1024 * 1024)
    assert_refused(
        post_spending(family_client, paid, receipt=SimpleUploadedFile("big.pdf", big)),
        paid,
        "The selected file must be smaller than 10MB",
        field_id="id_receipt",
    )


def test_a_photo_receipt_is_kept_as_a_png(paid, family_client) -> None:
    photo = SimpleUploadedFile("photo.png", png_bytes(), "image/png")
    assert post_spending(family_client, paid, receipt=photo).status_code == 302
    assert Receipt.objects.get().content_type == "image/png"


def test_after_another_mistake_the_family_is_asked_to_select_the_receipt_again(
    paid, family_client
) -> None:
    receipt = SimpleUploadedFile("receipt.pdf", PDF, "application/pdf")
    page = assert_refused(
        post_spending(family_client, paid, payee="", receipt=receipt),
        paid,
        "Enter who you paid",
        field_id="id_payee",
    )
    assert "Select the receipt again" in text_of(page.select_one(".govuk-warning-text"))


def test_excluded_categories_are_not_offered_and_refused_if_sent(paid, family_client) -> None:
    page = soup_of(family_client.get(reverse("budgets:spend", args=[paid.reference])))
    offered = [text_of(o) for o in page.select("#id_category option")]
    assert "Therapy" in offered
    assert "GP services" not in offered and "A school place" not in offered
    assert page.select_one("#id_payee").find_parent("form")["enctype"] == "multipart/form-data"

    gp = category(paid, "GP services")
    assert_refused(
        post_spending(family_client, paid, category=str(gp.pk)),
        paid,
        "A personal budget cannot pay for this (GP services): the NHS provides it free or "
        "charges for it in its own way",
        field_id="id_category",
    )


def test_another_councils_category_is_refused(paid, family_client) -> None:
    from wagtail.models import Page, Site

    other = Site.objects.create(hostname="other.example", root_page=Page.objects.get(depth=1))
    theirs = SpendingCategory.objects.create(council=other, name="Therapy")
    assert_refused(
        post_spending(family_client, paid, category=str(theirs.pk)),
        paid,
        "Select what kind of spending this was",
        field_id="id_category",
    )


def test_an_outcome_not_agreed_is_refused(paid, family_client) -> None:
    assert_refused(
        post_spending(family_client, paid, outcome="learn-to-drive"),
        paid,
        "Select which agreed outcome this was for",
        field_id="id_outcome",
    )


def test_support_in_school_needs_the_head_teachers_consent(paid, family_client) -> None:
    page = assert_refused(
        post_spending(family_client, paid, in_school="yes"),
        paid,
        "Support in a school or college needs the head teacher's or principal's consent. "
        "Ask your officer to record it first",
        field_id="id_in_school",
    )
    # The question's hint says so too, so the family knows before it tries.
    assert "has not recorded a head teacher's or principal's consent" in text_of(
        page.select_one("#id_in_school-hint")
    )


def test_support_in_school_with_consent_is_recorded_against_it(
    paid, family_client, officer
) -> None:
    consent = SchoolConsent.objects.create(
        budget=paid,
        setting_name="Northbridge Primary",
        given_by="Mrs Okafor",
        given_on=dt.date(2026, 4, 20),
        recorded_by=officer,
    )
    assert_refused(
        post_spending(family_client, paid, in_school="yes"),
        paid,
        "Select which school's or college's consent",
        field_id="id_school_consent",
    )
    response = post_spending(family_client, paid, in_school="yes", school_consent=str(consent.pk))
    assert response.status_code == 302
    entry = LedgerEntry.objects.get(budget=paid, kind=EntryKind.SPENDING)
    assert entry.in_school and entry.school_consent == consent


def test_another_budgets_consent_is_refused(paid, family_client, make_budget, other_child) -> None:
    theirs = make_budget(for_child=other_child)
    consent = SchoolConsent.objects.create(
        budget=theirs, setting_name="Elsewhere", given_by="Mr X", given_on=dt.date(2026, 4, 1)
    )
    assert_refused(
        post_spending(family_client, paid, in_school="yes", school_consent=str(consent.pk)),
        paid,
        "Select the school or college from the list",
        field_id="id_school_consent",
    )


def test_paying_a_family_member_at_home_needs_the_councils_agreement(
    paid, family_client, officer
) -> None:
    assert_refused(
        post_spending(family_client, paid, family_member="yes"),
        paid,
        "A budget cannot pay a family member who lives with the child unless the council "
        "has agreed an exception. Ask your officer",
        field_id="id_family_member",
    )
    exception = PayeeException.objects.create(
        budget=paid,
        payee="Grace Mensah",
        relationship="Aunt",
        reason="No other carer can manage Amira's needs overnight.",
        recorded_by=officer,
    )
    page = soup_of(family_client.get(reverse("budgets:spend", args=[paid.reference])))
    assert "Is the person you paid a family member who lives with Amira?" in text_of(page)
    assert "Grace Mensah (Aunt)" in text_of(page.select_one("#payee-exception"))
    response = post_spending(
        family_client, paid, family_member="yes", payee_exception=str(exception.pk)
    )
    assert response.status_code == 302
    assert (
        LedgerEntry.objects.get(budget=paid, kind=EntryKind.SPENDING).payee_exception == exception
    )


def test_nothing_can_be_recorded_in_a_quarter_already_returned(paid, family_client) -> None:
    """The service's rule reaches the page beside the date (the return is another page's)."""
    from pricing.budgets.models import QuarterlyReturn

    QuarterlyReturn.objects.create(
        budget=paid,
        starts_on=dt.date(2026, 4, 1),
        ends_on=dt.date(2026, 6, 30),
        status="submitted",
        opening_balance=0,
        paid_in=0,
        spent=0,
        closing_balance=0,
    )
    assert_refused(
        post_spending(family_client, paid),
        paid,
        "You have sent the return for the quarter with this date. Ask your officer to add "
        "it, or use a later date",
        field_id="id_occurred_on-day",
    )


def spent(budget, family, amount: str = "20.00") -> LedgerEntry:
    return record_spending(
        budget=budget,
        by=family,
        occurred_on=dt.date(2026, 6, 1),
        payee="Swim Club",
        description="Swimming",
        amount=Decimal(amount),
        outcome_key="make-friends",
    )


def add_receipt_link(page) -> Any:
    return next((a for a in page.select("a") if text_of(a).startswith("Add receipt")), None)


def test_a_receipt_is_added_to_spending_recorded_without_one(paid, family, family_client) -> None:
    entry = spent(paid, family)
    ledger = soup_of(family_client.get(reverse("budgets:ledger", args=[paid.reference])))
    add = add_receipt_link(ledger)
    url = reverse("budgets:receipt_add", args=[paid.reference, entry.pk])
    assert add["href"] == url

    response = family_client.post(url, {"receipt": SimpleUploadedFile("r.txt", b"hello")})
    page = soup_of(response)
    assert "The selected file must be a photo (JPG or PNG) or a PDF" in text_of(
        page.select_one(".govuk-error-summary")
    )
    assert not entry.receipts.exists()
    response = family_client.post(url, {})
    assert "Select a photo or PDF of the receipt" in text_of(soup_of(response))

    response = family_client.post(url, {"receipt": SimpleUploadedFile("r.pdf", PDF)})
    assert response.status_code == 302
    assert response["Location"] == reverse("budgets:ledger", args=[paid.reference])
    assert entry.receipts.get().content_type == "application/pdf"
    ledger = soup_of(family_client.get(response["Location"]))
    assert add_receipt_link(ledger) is None
    assert ModelLogEntry.objects.filter(action="pricing.budget_receipt_added").count() == 1


def test_only_spending_takes_a_receipt(paid, family_client) -> None:
    payment = LedgerEntry.objects.get(
        budget=paid, kind=EntryKind.PAYMENT_IN, occurred_on=dt.date(2026, 4, 1)
    )
    url = reverse("budgets:receipt_add", args=[paid.reference, payment.pk])
    assert family_client.get(url).status_code == 404


def test_money_is_set_aside_and_released(paid, family, family_client) -> None:
    url = reverse("budgets:set_aside", args=[paid.reference])
    page = soup_of(family_client.get(url))
    assert "You have £300 free to spend now." in text_of(page)

    response = family_client.post(
        url,
        {
            "purpose": "Summer short break",
            "amount": "120",
            "until_day": "1",
            "until_month": "8",
            "until_year": "2026",
        },
    )
    assert response.status_code == 302
    item = SetAside.objects.get(budget=paid)
    assert (item.amount, item.until, item.released_at) == (
        Decimal("120.00"),
        dt.date(2026, 8, 1),
        None,
    )

    detail = soup_of(family_client.get(reverse("budgets:detail", args=[paid.reference])))
    assert "Summer short break" in text_of(detail)
    release = reverse("budgets:release_set_aside", args=[paid.reference, item.pk])
    assert detail.find("form", action=release) is not None
    assert family_client.get(release).status_code == 405
    response = family_client.post(release)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.released_at == timezone.now()
    detail = soup_of(family_client.get(reverse("budgets:detail", args=[paid.reference])))
    assert "Money set aside" not in text_of(detail.main)


@pytest.mark.parametrize(
    ("changes", "message", "field_id"),
    [
        (
            {"amount": "300.01"},
            "Enter an amount of £300 or less: that is what is free to spend",
            "id_amount",
        ),
        ({"amount": "-1"}, "Enter an amount greater than £0", "id_amount"),
        ({"purpose": ""}, "Enter what the money is for", "id_purpose"),
        (
            {"until_day": "1", "until_month": "6", "until_year": "2026"},
            "The date you need it by must be today or in the future",
            "id_until-day",
        ),
    ],
)
def test_bad_set_asides_are_refused(paid, family_client, changes, message, field_id) -> None:
    data = {"purpose": "Short break", "amount": "50", **changes}
    response = family_client.post(reverse("budgets:set_aside", args=[paid.reference]), data)
    assert response.status_code == 200
    summary = soup_of(response).select_one(".govuk-error-summary")
    assert {text_of(a): a["href"] for a in summary.select("a")}.get(message) == f"#{field_id}"
    assert not SetAside.objects.exists()


def test_nothing_is_free_to_set_aside_once_it_is_all_set_aside(paid, family, family_client) -> None:
    set_aside(budget=paid, purpose="Everything", amount=Decimal("300.00"), until=None, by=family)
    response = family_client.post(
        reverse("budgets:set_aside", args=[paid.reference]), {"purpose": "More", "amount": "1"}
    )
    assert "You have no money free to set aside at the moment" in text_of(soup_of(response))
