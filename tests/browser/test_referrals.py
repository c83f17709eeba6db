"""A provider refers a family to another organisation's service, the family agrees, the
other organisation accepts and the family books it, in Chromium on the demo site, with
axe (WCAG 2.2 AA) on every page type on the way: at desktop width for Maya, and at
320 px (nothing scrolls sideways) for her brother Leo.

1. provider@northbridge.example (Sunflower Sensory Centre, where both children have
   bookings) opens "Referrals", refers the child to the live listing "Holiday swimming
   club" of another organisation, found by words in its name, and asks for the one-page
   profile (a first try without answering shows the error summary).
2. family@northbridge.example reads the referral, agrees and shares the profile.
3. provider2@northbridge.example, in the team of the organisation that runs the listing,
   reads the referral and the profile, tries to decline without a reason, then accepts.
4. The family follows "Book now", books a session paying later on invoice, and sees the
   referral as booked; the referring provider sees it as booked in its "Sent" tab.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from localoffer.demo.marketplace import CHILD_WITH_PROFILE, OTHER_CHILD
from tests.browser.accounts import sign_in
from tests.browser.settle import settled
from tests.browser.test_budget_officer import check_admin_reflow

pytestmark = pytest.mark.browser

PROVIDER = "provider@northbridge.example"
RECEIVER = "provider2@northbridge.example"
FAMILY = "family@northbridge.example"
LISTING = "Holiday swimming club"
REFERENCE = re.compile(r"RF-[A-Z0-9]{6}")
DESKTOP = {"width": 1280, "height": 900}


def heading(page: Page, text: str | re.Pattern[str]) -> None:
    expect(page.get_by_role("heading", level=1)).to_contain_text(text)


def refer(page: Page, child: str, check: Callable[[Page], None], *, narrow: bool) -> str:
    """The provider refers `child`; returns the referral's reference."""
    sign_in(page, PROVIDER, next_path="/admin/")
    if narrow:
        page.goto("/admin/referrals/")
    else:
        page.get_by_role("link", name="Referrals", exact=True).first.click()
    heading(page, "Referrals")
    check(page)
    page.get_by_role("link", name="Sent").click()
    check(page)

    page.get_by_role("link", name="Refer a family").click()
    heading(page, "Refer a family")
    check(page)
    page.get_by_role("link", name=re.compile(f"^Refer {child}")).first.click()
    heading(page, "Find a service")
    check(page)
    page.get_by_label("Words in the service's name").fill("swimming club")
    page.get_by_role("button", name="Search the directory").click()
    check(page)
    page.get_by_role("link", name=re.compile(f"^Choose {LISTING}")).first.click()

    heading(page, "Why you are referring")
    note = f"{child} loves water and would enjoy a calm pool in the holidays."
    page.get_by_label("Why are you referring the family").fill(note)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("Select yes if the family should be asked")
    expect(page.get_by_label("Why are you referring the family")).to_have_value(note)
    check(page)
    page.get_by_role("group", name=re.compile("one-page profile")).get_by_label("Yes").check()
    page.get_by_role("button", name="Continue").click()

    heading(page, "Check and send")
    expect(page.locator("main")).to_contain_text(note)
    check(page)
    page.get_by_role("button", name="Send to the family").click()
    heading(page, "Referral")
    expect(page.locator("main")).to_contain_text("Waiting for the family to agree")
    found = REFERENCE.search(page.locator("main").inner_text())
    assert found, "the referral page shows no reference"
    check(page)
    # The cancel page, opened (not used) for its checks.
    page.get_by_role("link", name="Cancel the referral").click()
    heading(page, "Cancel the referral")
    check(page)
    return found.group()


def agree(page: Page, reference: str, child: str, check: Callable[[Page], None]) -> None:
    sign_in(page, FAMILY, next_path="/account/referrals/")
    heading(page, "Referrals")
    check(page)
    page.get_by_role("link", name=re.compile(f"^Read and answer.*{reference}")).click()
    heading(page, f"would like to refer {child} to {LISTING}")
    check(page)
    page.get_by_role("button", name="Send your answer").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select yes if you agree")
    expect(page).to_have_title(re.compile(r"^Error: "))
    check(page)
    page.get_by_role("group", name="Do you agree to this referral?").get_by_label("Yes").check()
    page.get_by_role("group", name=re.compile("share .* one-page profile")).get_by_label(
        "Yes"
    ).check()
    page.get_by_role("button", name="Send your answer").click()
    expect(page.locator("main")).to_contain_text("We have sent the referral to")
    check(page)
    # The withdraw page, opened (not used) for its checks.
    page.get_by_role("link", name="Withdraw this referral").click()
    heading(page, "Are you sure you want to withdraw")
    check(page)


def accept(page: Page, reference: str, child: str, check: Callable[[Page], None]) -> None:
    sign_in(page, RECEIVER, next_path="/admin/referrals/")
    heading(page, "Referrals")
    check(page)
    page.get_by_role("link", name=reference).click()
    heading(page, "Referral")
    check(page)
    page.get_by_role("link", name="One-page profile").click()
    heading(page, "One-page profile")
    if child == CHILD_WITH_PROFILE:  # the demo's profile is Maya's
        expect(page.locator("main")).to_contain_text("How best to support me")
    check(page)
    page.go_back()
    page.get_by_role("link", name="Accept or decline").click()
    heading(page, "Answer the referral")
    check(page)
    page.get_by_role("button", name="Decline the referral").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter why you cannot take the referral")
    check(page)
    page.get_by_label("Message for the family").fill("Wednesday afternoons are quietest.")
    page.get_by_role("button", name="Accept the referral").click()
    heading(page, "Referral")
    expect(page.locator("main")).to_contain_text("Accepted")
    check(page)


def book(page: Page, reference: str, child: str, check: Callable[[Page], None]) -> None:
    """From the referral's "Book now", answering each question of the booking journey."""
    page.goto(f"/account/referrals/{reference}/")
    expect(page.locator("main")).to_contain_text("Wednesday afternoons are quietest.")
    check(page)
    page.get_by_role("button", name=re.compile("^Book now")).click()
    for _ in range(8):
        # A question's heading may carry the listing's name as a caption.
        title = page.get_by_role("heading", level=1).inner_text()
        if page.locator(".govuk-panel__title").count():
            break
        if "Which session" in title:
            page.locator("input[name=session]:not([disabled])").first.check()
        elif "Who is the place for" in title:
            page.get_by_label(child, exact=True).check()
        elif "How many places" in title:
            page.get_by_label("How many places do you need?").fill("1")
        elif "personal budget" in title:
            page.get_by_label("No, I will pay another way").check()
        elif "How do you want to pay" in title:
            page.get_by_label("Pay later: the provider sends you an invoice").check()
        elif "Check your answers" in title:
            page.get_by_role("button", name="Confirm booking").click()
            continue
        else:
            pytest.fail(f"unexpected page in the booking journey: {title}")
        page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-panel__title")).to_have_text("Booking confirmed")
    page.goto(f"/account/referrals/{reference}/")
    expect(page.locator("main")).to_contain_text("You booked")
    check(page)


def journey(
    new_context: Callable[..., BrowserContext],
    viewport: dict[str, int],
    child: str,
    check: Callable[[Page], None],
) -> None:
    narrow = viewport["width"] <= 320
    check = settled(check)
    provider = new_context(viewport=viewport).new_page()
    reference = refer(provider, child, check, narrow=narrow)
    family = new_context(viewport=viewport).new_page()
    agree(family, reference, child, check)
    receiver = new_context(viewport=viewport).new_page()
    accept(receiver, reference, child, check)
    book(family, reference, child, check)

    provider.goto("/admin/referrals/?tab=sent")
    row = provider.get_by_role("row").filter(has_text=reference)
    expect(row).to_contain_text("Booked")
    check(provider)


def test_a_referral_is_agreed_accepted_and_booked(
    new_context: Callable[..., BrowserContext], check_axe: Callable[..., None]
) -> None:
    journey(new_context, DESKTOP, CHILD_WITH_PROFILE, check_axe)


def test_a_referral_at_320_px(
    new_context: Callable[..., BrowserContext],
    check_axe: Callable[..., None],
    check_reflow: Callable[..., None],
) -> None:
    def check(page: Page) -> None:
        if urlsplit(page.url).path.startswith("/admin/"):
            check_admin_reflow(page)  # the workspace's main is Wagtail's, not the site's
        else:
            check_reflow(page)
        check_axe(page)

    journey(new_context, {"width": 320, "height": 800}, OTHER_CHILD, check)
