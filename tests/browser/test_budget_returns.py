"""Quarterly returns in Chromium on the demo site, with axe (WCAG 2.2 AA) at desktop width
and at 320 px: a family makes a return with one click, declares it and sends it; the
finance officer asks about one of its lines; the family answers and sends it again.

What the demo must hold: family@northbridge.example has a personal budget with a direct
payment (listed on /account/budgets/, each budget's page linking to "Your quarterly
returns") with at least one quarter that has ended and has no return yet, and at least
one payment or spending line in it; finance@northbridge.example is that budget's officer.
(In the demo, Leo's pooled budget: its ended quarters' returns are not made.)
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.accounts import sign_in
from tests.browser.settle import settled

pytestmark = pytest.mark.browser

FAMILY = "family@northbridge.example"
OFFICER = "finance@northbridge.example"
MAKE = re.compile(r"^Make the return for ")


def open_returns_with_a_quarter_to_make(page: Page) -> str:
    """From "Your personal budgets", the first budget whose returns page offers to make a
    return; its returns page is left open. The budget's reference."""
    page.goto("/account/budgets/")
    links = page.get_by_role("main").get_by_role("link", name=re.compile("personal budget$"))
    addresses = [links.nth(i).get_attribute("href") for i in range(links.count())]
    for address in addresses:
        page.goto(address or "")
        returns = page.get_by_role("link", name="Your quarterly returns")
        if returns.count() == 0:
            continue  # no direct payment, so no returns
        returns.click()
        # count() does not wait: without this it may read the budget page still shown.
        expect(page.get_by_role("heading", level=1)).to_have_text("Quarterly returns")
        if page.get_by_role("button", name=MAKE).count():
            return re.findall(r"/returns/([^/]+)/", page.url)[0]
    pytest.fail("no demo budget of family@northbridge.example has a return to make")


def test_a_family_sends_a_return_the_officer_queries_a_line_and_the_family_answers(
    page: Page,
    narrow_page: Page,
    new_context: Callable[..., BrowserContext],
    check_axe: Callable[..., None],
    check_reflow: Callable[..., None],
) -> None:
    sign_in(page, FAMILY, next_path="/account/budgets/")
    reference = open_returns_with_a_quarter_to_make(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Quarterly returns")
    check_axe(page)

    # One click makes the return from the ledger.
    page.get_by_role("button", name=MAKE).first.click()
    expect(page.get_by_text("Your return is made. Check it, then send it")).to_be_visible()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("Quarterly return, ")
    quarter = heading.inner_text().removeprefix("Quarterly return, ")
    return_url = page.url
    return_id = re.findall(rf"/returns/{reference}/(\d+)/", return_url)[0]
    expect(page.get_by_text(re.compile(r"^Closing balance on "))).to_be_visible()
    check_axe(page)

    # Not declared: the error summary says so, and nothing is sent.
    page.get_by_role("button", name="Send the return").click()
    expect(page.get_by_role("alert")).to_contain_text("Tick the box to declare")
    check_axe(page)
    page.get_by_label("I declare the information is true and complete").check()
    page.get_by_role("button", name="Send the return").click()
    expect(page.get_by_text("Your return has been sent to the council. Thank you.")).to_be_visible()
    expect(page.get_by_text("Sent to the council", exact=True)).to_be_visible()
    check_axe(page)

    sign_in(narrow_page, FAMILY, next_path=return_url)
    expect(narrow_page.get_by_role("heading", level=1)).to_contain_text(quarter)
    check_reflow(narrow_page)
    check_axe(narrow_page)
    narrow_page.goto(f"/account/budgets/returns/{reference}/")
    check_reflow(narrow_page)
    check_axe(narrow_page)

    # The officer finds it waiting and asks about its first line.
    officer_page = new_context().new_page()
    admin_axe = settled(check_axe)
    sign_in(officer_page, OFFICER, next_path="/admin/budgets/returns/")
    expect(officer_page.get_by_role("heading", level=1)).to_contain_text("Quarterly returns")
    admin_axe(officer_page)
    officer_page.locator(f'a[href="/admin/budgets/returns/{return_id}/"]').click()
    expect(officer_page.get_by_role("heading", level=1)).to_contain_text(reference)
    admin_axe(officer_page)
    officer_page.get_by_role("button", name="Send the question").click()
    expect(officer_page.get_by_role("alert")).to_contain_text("Enter your question for the family")
    admin_axe(officer_page)
    officer_page.get_by_label("What is your question about?").select_option(index=1)
    officer_page.get_by_label("Your question for the family").fill(
        "Please tell me what this was for."
    )
    officer_page.get_by_role("button", name="Send the question").click()
    expect(officer_page.get_by_text("Your question has been sent to the family.")).to_be_visible()
    expect(officer_page.get_by_text("Please tell me what this was for.")).to_be_visible()
    admin_axe(officer_page)

    # The family answers on the return, and it goes back to the officer.
    page.goto(return_url)
    expect(page.get_by_text("Please tell me what this was for.")).to_be_visible()
    check_axe(page)
    page.get_by_role("button", name="Send your answers and the return").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter your answer to question 1")
    check_axe(page)
    page.get_by_label("Your answer to question 1").fill("It was for the agreed outcome.")
    page.get_by_label("I declare the information is true and complete").check()
    page.get_by_role("button", name="Send your answers and the return").click()
    expect(
        page.get_by_text("Your answers have been sent to the council with your return.")
    ).to_be_visible()
    expect(page.get_by_text("Your answer: It was for the agreed outcome.")).to_be_visible()
    check_axe(page)
