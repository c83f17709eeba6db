"""The demo provider works out the full cost of its Saturday sessions and sends the
council a new price, in Chromium on the demo site, with axe (WCAG 2.2 AA) on every page
type of the costing area, at desktop width and at 320 px, and without JavaScript.

1. provider@northbridge.example signs in and opens "Costing" in the workspace menu.
2. They start a costing for the next financial year (2027 to 2028: the demo's own costing
   is for this year, so the test needs none of it), add one service linked to "Saturday
   sensory play", two direct costs and an overhead.
3. The results say in words that the price now, £6.50 a session, does not cover even the
   direct cost; a what-if is tried and nothing is saved.
4. "Use this as my price": the new price goes to the council to check.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from localoffer.demo.features import SESSIONS_LISTING
from localoffer.demo.freshness import DEMO_ORGANISATION
from tests.browser.accounts import sign_in
from tests.browser.settle import settled
from tests.browser.test_budget_officer import check_admin_reflow

pytestmark = pytest.mark.browser

PROVIDER = "provider@northbridge.example"


def heading(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_contain_text(text)


def choose_organisation(page: Page) -> None:
    """The demo organisation's costings: the demo provider is in two teams, so the area's
    front page asks which (someone in one team goes straight to its costings)."""
    choice = page.get_by_role("link", name=DEMO_ORGANISATION, exact=True)
    if choice.count():
        choice.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(DEMO_ORGANISATION)


def add_line(page: Page, *, kind: str = "", pool: str = "", description: str, amount: str) -> None:
    if kind:
        page.get_by_label("Kind of cost").select_option(label=kind)
    if pool:
        page.get_by_label("Overhead").select_option(label=pool)
    page.get_by_label("Description (optional)").fill(description)
    page.get_by_label("Amount for the year, in pounds").fill(amount)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text(f"{description}: £")).to_be_visible()


def test_the_provider_costs_a_service_and_sends_a_new_price(
    page: Page, narrow_page: Page, check_axe: Callable[..., None]
) -> None:
    check_axe = settled(check_axe)
    sign_in(page, PROVIDER, next_path="/admin/")
    page.get_by_role("link", name="Costing", exact=True).first.click()
    heading(page, "Costing")
    check_axe(page)
    choose_organisation(page)
    check_axe(page)
    list_url = page.url

    # A date that does not exist is refused, and what was typed is kept.
    start = page.get_by_role("group", name="First day of the financial year")
    start.get_by_label("Day").fill("31")
    start.get_by_label("Month").fill("2")
    start.get_by_label("Year").fill("2027")
    page.get_by_role("button", name="Start a costing").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter a real date")
    expect(start.get_by_label("Day")).to_have_value("31")
    check_axe(page)
    start.get_by_label("Day").fill("1")
    start.get_by_label("Month").fill("4")
    page.get_by_role("button", name="Start a costing").click()
    heading(page, "Costing 2027 to 2028, version 1 (draft)")
    check_axe(page)
    costing_url = page.url

    page.get_by_role("link", name="Add a service").click()
    heading(page, "Add a service")
    page.get_by_role("button", name="Save the service").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the name of the service")
    check_axe(page)
    page.get_by_label("Name of the service").fill(SESSIONS_LISTING)
    page.get_by_label("Listing it prices (optional)").select_option(label=SESSIONS_LISTING)
    page.get_by_label("What one unit is").fill("session")
    page.get_by_label("Sessions × places × expected occupancy").check()
    page.get_by_label("Sessions a year").fill("48")
    page.get_by_label("Places in a session").fill("12")
    page.get_by_label("Expected occupancy (%)").fill("75")
    page.get_by_label("Headcount").fill("2")
    page.get_by_label("Staff time (hours a year)").fill("300")
    page.get_by_role("button", name="Save the service").click()
    expect(page.get_by_text(f"{SESSIONS_LISTING} saved.")).to_be_visible()
    expect(page.get_by_text("£6.50 a session")).to_be_visible()

    page.get_by_role("link", name=f"Add a direct cost to {SESSIONS_LISTING}").click()
    heading(page, f"Add a direct cost to {SESSIONS_LISTING}")
    check_axe(page)
    add_line(page, kind="Staff pay", description="Play workers", amount="6000")
    page.get_by_role("link", name=f"Add a direct cost to {SESSIONS_LISTING}").click()
    add_line(page, kind="Venue hire", description="Hall hire", amount="1200")
    page.get_by_role("link", name="Add an overhead to central functions").click()
    heading(page, "Add an overhead")
    add_line(page, pool="Central functions", description="Bookkeeping", amount="2000")
    expect(page.get_by_role("table", name=f"Direct costs of {SESSIONS_LISTING}")).to_contain_text(
        "£7,200.00"
    )
    check_axe(page)

    # The results: £9,200 over 432 sessions is £21.30 a session; £6.50 is below even the
    # direct cost of one (£16.67), and the page says so in words.
    page.get_by_role("link", name="See the results").click()
    heading(page, "Results of costing 2027 to 2028, version 1")
    working = page.get_by_role("table", name=f"How the cost of {SESSIONS_LISTING} is worked out")
    expect(working).to_contain_text("£9,200.00")
    expect(page.get_by_text("Does not cover even its direct cost").first).to_be_visible()
    expect(
        page.get_by_text(
            "£6.50 a session is below the full cost of £21.30 a session, and does not "
            "cover even the direct cost of £16.67 a session."
        )
    ).to_be_visible()
    check_axe(page)
    results_url = page.url

    # A what-if: everything full. Nothing is saved.
    page.get_by_label(f"Occupancy (%) for {SESSIONS_LISTING}").fill("100")
    page.get_by_role("button", name="Show the what-if").click()
    expect(page.get_by_role("heading", name="What-if: nothing has been saved")).to_be_visible()
    expect(working).to_contain_text("£15.97")  # 9,200 / 576
    check_axe(page)
    page.goto(results_url)
    expect(working).to_contain_text("£21.30")

    # The pages at 320 px wide: nothing scrolls sideways (data tables scroll inside their
    # own regions), and axe passes there too.
    sign_in(narrow_page, PROVIDER, next_path="/admin/costing/")
    for url in (
        "/admin/costing/",
        list_url,
        costing_url,
        results_url,
        f"{costing_url}services/add/",
    ):
        narrow_page.goto(url)
        check_admin_reflow(narrow_page)
        check_axe(narrow_page)

    # The other page types, opened (not used) for axe: the drivers and a removal question.
    page.goto(f"{costing_url}drivers/")
    heading(page, "How overheads are shared out")
    check_axe(page)
    page.goto(costing_url)
    page.get_by_role("link", name="Remove Hall hire").click()
    heading(page, "Remove Hall hire (£1,200.00)?")
    check_axe(page)
    page.get_by_role("link", name="Cancel").click()

    page.goto(results_url)
    page.get_by_role("button", name=f"Use this as my price for {SESSIONS_LISTING}").click()
    expect(
        page.get_by_text(re.compile(r"£21\.30 a session, has gone to the council to check"))
    ).to_be_visible()
    expect(
        page.get_by_text("Families keep paying £6.50 until a moderator approves it")
    ).to_be_visible()
    heading(page, "Results of costing 2027 to 2028, version 1")
    expect(page.get_by_text(re.compile(r"Version 1, saved on"))).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"You sent £21\.30 a session to the council on"))
    ).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Use this as my price"))).to_have_count(0)
    check_axe(page)

    # The saved version is listed; a new draft can start from it.
    page.goto(list_url)
    expect(page.get_by_role("table", name=re.compile("Costings for 2027 to 2028"))).to_contain_text(
        "Saved on"
    )
    expect(
        page.get_by_role("button", name="Start a new draft from version 1 of 2027 to 2028")
    ).to_be_visible()
    check_axe(page)


def test_the_results_and_a_what_if_work_without_javascript(no_js_page: Page) -> None:
    page = no_js_page
    sign_in(page, PROVIDER, next_path="/admin/costing/")
    choose_organisation(page)
    start = page.get_by_role("group", name="First day of the financial year")
    start.get_by_label("Day").fill("1")
    start.get_by_label("Month").fill("4")
    start.get_by_label("Year").fill("2029")
    page.get_by_role("button", name="Start a costing").click()
    heading(page, "Costing 2029 to 2030, version 1 (draft)")
    page.get_by_role("link", name="Add a service").click()
    page.get_by_label("Name of the service").fill("Holiday club")
    page.get_by_label("What one unit is").fill("place")
    page.get_by_label("Price of one unit now, in pounds (optional)").fill("20")
    page.get_by_label("Sessions a year").fill("10")
    page.get_by_label("Places in a session").fill("10")
    page.get_by_label("Expected occupancy (%)").fill("50")
    page.get_by_role("button", name="Save the service").click()
    page.get_by_role("link", name="Add a direct cost to Holiday club").click()
    page.get_by_label("Kind of cost").select_option(label="Staff pay")
    page.get_by_label("Amount for the year, in pounds").fill("1000")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_role("link", name="See the results").click()
    expect(
        page.get_by_text("£20.00 a place covers the full cost of £20.00 a place.")
    ).to_be_visible()
    page.get_by_label("Occupancy (%) for Holiday club").fill("25")
    page.get_by_role("button", name="Show the what-if").click()
    expect(page.get_by_role("heading", name="What-if: nothing has been saved")).to_be_visible()
    expect(
        page.get_by_text("£20.00 a place is below the full cost of £40.00 a place")
    ).to_be_visible()
