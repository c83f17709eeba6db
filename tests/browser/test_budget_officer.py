"""The finance officer's area in Chromium on the demo site, with axe (WCAG 2.2 AA) at
desktop width and at 320 px (WCAG 1.4.10 Reflow).

The demo finance officer sets up a budget through the form (first with a mistake, which
the error summary names and links to), reads the budget page, then, once payments and
some spending are in (recorded in the site's own process with the services, as the
daily job and the family would), reads the caseload and the budget's ledger and charts.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from bench.demo_site import PYTHON, ROOT, DemoSite
from tests.browser.accounts import sign_in
from tests.browser.settle import settled

pytestmark = pytest.mark.browser

OFFICER = "finance@northbridge.example"
SITE_TIME_ZONE = ZoneInfo("Europe/London")

# Run in the demo site's process: the payments due to date, and spending without a receipt.
_PAY_AND_SPEND = """
import datetime as dt
from decimal import Decimal
from django.contrib.auth import get_user_model
from django.utils import timezone
from pricing.budgets.models import PersonalBudget
from pricing.budgets.services import record_payments_due, record_spending

budget = PersonalBudget.objects.get(reference="{reference}")
officer = get_user_model().objects.get(email="finance@northbridge.example")
today = timezone.localdate()
record_payments_due(today)
record_spending(
    budget=budget, by=officer, occurred_on=today - dt.timedelta(days=3),
    payee="Northbridge Climbing Wall", description="Climbing session",
    amount=Decimal("20.00"), outcome_key=budget.current_version.outcomes.first().key,
)
"""


def pay_and_spend(live_site: DemoSite, reference: str) -> None:
    result = subprocess.run(
        [
            str(PYTHON),
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            _PAY_AND_SPEND.format(reference=reference),
        ],
        cwd=ROOT,
        env=live_site.env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def check_admin_reflow(page: Page) -> None:
    """WCAG 1.4.10 at 320 px in the admin (whose main is not the public site's): the page
    never scrolls sideways; only the wide data tables scroll, inside their own focusable
    regions (the exception Reflow makes for data tables). Wagtail's own header is
    Wagtail's markup, left out."""
    assert page.viewport_size is not None and page.viewport_size["width"] == 320
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, page.url
    scrolling = page.evaluate(
        """() => Array.from(document.querySelectorAll("main *"))
            .filter(el => el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
            .filter(el => ["auto", "scroll"].includes(getComputedStyle(el).overflowX))
            .filter(el => !el.matches("[role=region][tabindex='0']"))
            // Wagtail's own header: its breadcrumbs scroll by design.
            .filter(el => !el.closest("header, [data-w-breadcrumbs]"))
            .map(el => el.outerHTML.slice(0, 120))"""
    )
    assert not scrolling, f"{page.url} scrolls sideways in: {scrolling}"
    box = page.locator("main").first.bounding_box()
    assert box is not None and box["width"] > 0 and box["x"] >= 0
    assert box["x"] + box["width"] <= 320


def fill_budget(page: Page, *, amount: str, starts: dt.date) -> None:
    page.get_by_label("Child or young person's name").fill("Jordan Officer-Test")
    page.get_by_label("Date of birth").fill("2012-02-14")
    page.get_by_label(re.compile("Email address of the parent")).fill("jordan.parent@example.org")
    page.get_by_label("Start date of the period").fill(starts.isoformat())
    page.get_by_label("End date of the period").fill((starts + dt.timedelta(days=364)).isoformat())
    outcome = page.get_by_role("group", name="Outcome 1")
    outcome.get_by_label("What the child wants to achieve").fill("Make friends outside school")
    outcome.get_by_label("Preparing for Adulthood outcome or EHC area").select_option(
        label="Friends, relationships and community (Preparing for adulthood)"
    )
    line = page.get_by_role("group", name="Funding stream 2")
    line.get_by_label("How it is held").select_option("direct_payment")
    line.get_by_label("Amount for the period").fill(amount)
    page.get_by_role("button", name="Set up the budget and invite the family").click()


def test_an_officer_sets_up_a_budget_and_reads_the_caseload(
    page: Page,
    narrow_page: Page,
    live_site: DemoSite,
    check_axe: Callable[..., None],
) -> None:
    check_axe = settled(check_axe)  # after Wagtail's message has faded in
    sign_in(page, OFFICER, next_path="/admin/budgets/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Personal budgets")
    check_axe(page)

    page.get_by_role("link", name="Set up a budget").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Set up a personal budget")
    check_axe(page)
    starts = dt.datetime.now(SITE_TIME_ZONE).date() - dt.timedelta(days=100)
    fill_budget(page, amount="-1300", starts=starts)
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    error = "Funding stream 2: Enter an amount greater than £0"
    expect(summary.get_by_role("link", name=error)).to_be_visible()
    expect(page.get_by_label("Child or young person's name")).to_have_value("Jordan Officer-Test")
    check_axe(page)
    # The summary's link leads to the field to fix, which kept what was typed.
    amount = page.get_by_role("group", name="Funding stream 2").get_by_label(
        "Amount for the period"
    )
    link = summary.get_by_role("link", name=error)
    assert link.get_attribute("href") == "#" + (amount.get_attribute("id") or "")
    expect(amount).to_have_value("-1300")
    amount.fill("1300.00")
    page.get_by_role("button", name="Set up the budget and invite the family").click()

    expect(
        page.get_by_text(re.compile(r"Budget PB-\w+ set up for Jordan Officer-Test"))
    ).to_be_visible()
    reference = re.search(r"/admin/budgets/(PB-\w+)/", page.url)
    assert reference is not None, page.url
    reference_text = reference.group(1)
    check_axe(page)

    pay_and_spend(live_site, reference_text)
    page.reload()
    expect(page.get_by_role("table", name="Spending by outcome")).to_contain_text("£20")
    expect(page.get_by_role("table", name="Figures for each part of the budget")).to_contain_text(
        "£20"
    )
    expect(page.get_by_text("Receipts missing").first).to_be_visible()
    check_axe(page)

    page.goto("/admin/budgets/?show=receipts")
    row = page.get_by_role("row").filter(has_text="Jordan Officer-Test")
    expect(row).to_contain_text(reference_text)
    expect(row).to_contain_text("Receipts missing")
    check_axe(page)

    sign_in(narrow_page, OFFICER, next_path="/admin/budgets/")
    expect(narrow_page.get_by_role("heading", level=1)).to_contain_text("Personal budgets")
    check_admin_reflow(narrow_page)
    check_axe(narrow_page)
    narrow_page.goto(f"/admin/budgets/{reference_text}/")
    check_admin_reflow(narrow_page)
    check_axe(narrow_page)
