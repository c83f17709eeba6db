"""A family's invoices and receipts in Chromium on the demo site, with axe (WCAG 2.2 AA)
at desktop width and the reflow check at 320 px.

The demo family booked Maya on a past session paying later on invoice, then paid by bank
transfer: "Your documents" lists the invoice and its receipt, and the receipt downloads
as a PDF. The demo provider records a bank transfer against another family's invoice and
issues a credit note on it, from its workspace's "Invoices".
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from localoffer.demo.directory.organisations import PROVIDER_ADMIN_ORGANISATION
from localoffer.demo.marketplace import OTHER_FAMILIES
from tests.browser.accounts import sign_in
from tests.browser.settle import settled
from tests.browser.test_provider_bookings import PROVIDER

pytestmark = pytest.mark.browser

FAMILY = "family@northbridge.example"
PAYING_CHILD = OTHER_FAMILIES[5][2]  # Kofi: no other browser test changes that booking


def test_a_family_finds_and_downloads_a_receipt(
    page: Page,
    narrow_page: Page,
    check_axe: Callable[..., None],
    check_reflow: Callable[..., None],
) -> None:
    sign_in(page, FAMILY, next_path="/account/")
    page.get_by_role("link", name="Your documents").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your documents")
    check_axe(page)

    # The receipt for Maya's invoice, paid by bank transfer (other tests on this demo site
    # may have paid for more by card by now).
    receipt = (
        page.locator(".govuk-summary-card")
        .filter(has=page.get_by_role("heading", name=re.compile(r"^Receipt ")))
        .filter(has_text="Bank transfer")
        .first
    )
    expect(receipt).to_be_visible()
    invoice = page.locator(".govuk-summary-card").filter(
        has=page.get_by_role("heading", name=re.compile(r"^Invoice "))
    )
    expect(invoice.filter(has_text="Paid").first).to_be_visible()

    with page.expect_download() as download_info:
        receipt.get_by_role("link", name=re.compile("^Download")).click()
    download = download_info.value
    assert re.fullmatch(r"NSP-R-\d{4}\.pdf", download.suggested_filename)
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # A date that is not a date: the error summary keeps what was typed.
    page.get_by_label("Day").first.fill("31")
    page.get_by_label("Month").first.fill("2")
    page.get_by_label("Year").first.fill("2026")
    page.get_by_role("button", name="Show documents").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_label("Day").first).to_have_value("31")
    check_axe(page)

    sign_in(narrow_page, FAMILY, next_path="/account/documents/")
    expect(narrow_page.get_by_role("heading", level=1)).to_have_text("Your documents")
    check_reflow(narrow_page)


def test_a_provider_records_a_payment_and_issues_a_credit_note(
    page: Page, check_axe: Callable[..., None]
) -> None:
    check_axe = settled(check_axe)
    sign_in(page, PROVIDER, next_path="/admin/")
    page.get_by_role("link", name="Invoices", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Invoices")
    check_axe(page)
    # The demo provider is in two teams: the bookings are with this one.
    page.get_by_role("main").get_by_role("link", name=PROVIDER_ADMIN_ORGANISATION).click()
    check_axe(page)

    # Kofi's family booked two places on the next session, to pay later: still to pay.
    row = page.get_by_role("row").filter(has_text=PAYING_CHILD)
    expect(row.first).to_contain_text("Issued")
    row.first.get_by_role("link", name=re.compile(r"^NSP-\d{4}$")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Invoice")
    check_axe(page)

    page.get_by_role("link", name="Record a payment received").click()
    check_axe(page)
    # No amount: the error summary says so, and what was chosen is kept.
    amount = page.get_by_label("Amount received, in pounds")
    owed = amount.input_value()
    page.get_by_label("Payment reference (optional)").fill("MENSAH KOFI")
    amount.fill("")
    page.get_by_role("button", name=re.compile("^Record")).click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_label("Payment reference (optional)")).to_have_value("MENSAH KOFI")
    check_axe(page)
    page.get_by_label("Amount received, in pounds").fill(owed)
    page.get_by_label("Bank transfer").check()
    page.get_by_role("button", name=re.compile("^Record")).click()
    expect(page.get_by_text(re.compile(r"recorded\. Receipt NSP-R-\d{4}"))).to_be_visible()
    check_axe(page)

    page.get_by_role("link", name="Issue a credit note").click()
    page.get_by_label("Amount to credit, in pounds").fill("2.50")
    page.get_by_label("Reason").fill("The session started twenty minutes late.")
    page.get_by_role("button", name=re.compile("credit note", re.IGNORECASE)).click()
    expect(
        page.get_by_text(re.compile(r"Credit note NSP-CN-\d{4} for £2\.50 issued"))
    ).to_be_visible()
    check_axe(page)
