"""Paying from a child's personal budget when asking for hours of support and when
starting a shared booking, in Chromium on the demo site.

The demo family's Maya has a direct payment and a council-managed budget. The family asks
for hours of support for her: the budget question (the council-managed part), the agreed
outcome, and "Check your answers" without the payment question; then the shared booking's
one page with the budget questions among its fields, sent without an outcome for its
error (the other answers kept).
Nothing is sent. axe (WCAG 2.2 AA) runs on every page at desktop width and at 320 px,
where the page must also reflow without scrolling sideways (WCAG 1.4.10).
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from bench.demo_site import PYTHON, ROOT, DemoSite
from localoffer.demo.marketplace import HOURS_LISTING, SESSIONS_LISTING
from tests.browser.accounts import sign_in
from tests.browser.conftest import NARROW_VIEWPORT

pytestmark = pytest.mark.browser

FAMILY = "family@northbridge.example"
CHILD = "Maya"
DESKTOP = {"width": 1280, "height": 900}

_FIND_IDS = """
import os
from providers.models import ServicePage
hours = ServicePage.objects.live().get(title=os.environ["HOURS_LISTING"])
sessions = ServicePage.objects.live().get(title=os.environ["SESSIONS_LISTING"])
print(hours.pk, sessions.pk)
"""


@pytest.fixture(scope="module")
def ids(live_site: DemoSite) -> tuple[int, int]:
    """The hours listing's and the sessions listing's ids, asked of the site's database."""
    result = subprocess.run(
        [str(PYTHON), "manage.py", "shell", "--no-imports", "-c", _FIND_IDS],
        cwd=ROOT,
        env={**live_site.env, "HOURS_LISTING": HOURS_LISTING, "SESSIONS_LISTING": SESSIONS_LISTING},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    hours, sessions = result.stdout.split()[-2:]
    return int(hours), int(sessions)


def heading(page: Page, text: str | re.Pattern[str]) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def ask_for_hours(page: Page, check: Callable[[Page], None], service_id: int) -> None:
    page.goto(f"/account/bookings/ask/{service_id}/")
    heading(page, "Who is it for?")
    page.get_by_label(CHILD, exact=True).check()
    page.get_by_role("button", name="Continue").click()
    heading(page, "How many hours do you need?")
    page.get_by_label("Number of hours").fill("2")
    page.get_by_role("button", name="Continue").click()
    heading(page, "When suits you?")
    page.get_by_label("Saturdays").check()
    page.get_by_role("button", name="Continue").click()

    heading(page, f"Do you want to pay from {CHILD}'s personal budget?")
    expect(page.locator("main")).to_contain_text("This request costs £60.")
    check(page)
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title(re.compile(r"^Error: Do you want to pay from"))
    check(page)
    page.get_by_label(f"Ask the council to pay from {CHILD}'s council-managed budget").check()
    page.get_by_role("button", name="Continue").click()

    heading(page, "Which agreed outcome is this booking for?")
    check(page)
    page.get_by_role("radio").first.check()
    page.get_by_role("button", name="Continue").click()

    heading(page, "Check your answers before sending your request")
    main = page.locator("main")
    expect(main).to_contain_text("Personal budget")
    expect(main).to_contain_text("sends the invoice to the council to pay")
    check(page)


def start_sharing(page: Page, check: Callable[[Page], None], service_id: int) -> None:
    page.goto(f"/book/together/{service_id}/start/")
    page.get_by_role("radio").first.check()
    page.get_by_role("button", name="Continue").click()
    heading(page, "Share the cost with other families")
    # "... from Maya's personal budget?", or "... from a personal budget?" when more than
    # one of the family's children has one (each answer then names its child).
    budget = page.get_by_role("group", name=re.compile(r"^Do you want to pay from .*budget\?$"))
    expect(budget).to_be_visible()
    outcome = page.get_by_role("group", name="Which agreed outcome is this booking for?")
    expect(outcome).to_be_visible()
    check(page)
    page.get_by_label(CHILD, exact=True).check()
    council = budget.get_by_label(re.compile(f"{CHILD}'s council-managed budget$"))
    council.check()
    page.get_by_role("button", name="Start the shared booking").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Select which agreed outcome this booking is for")
    expect(council).to_be_checked()
    check(page)


def test_budget_questions_at_desktop_width(
    new_context: Callable[..., BrowserContext],
    check_axe: Callable[[Page], None],
    ids: tuple[int, int],
) -> None:
    page = new_context(viewport=DESKTOP).new_page()
    sign_in(page, FAMILY, next_path="/account/")
    ask_for_hours(page, check_axe, ids[0])
    start_sharing(page, check_axe, ids[1])


def test_budget_questions_at_320_px(
    new_context: Callable[..., BrowserContext],
    check_axe: Callable[[Page], None],
    check_reflow: Callable[[Page], None],
    ids: tuple[int, int],
) -> None:
    page = new_context(viewport=NARROW_VIEWPORT).new_page()

    def check(page: Page) -> None:
        check_axe(page)
        check_reflow(page)

    sign_in(page, FAMILY, next_path="/account/")
    ask_for_hours(page, check, ids[0])
    start_sharing(page, check, ids[1])
