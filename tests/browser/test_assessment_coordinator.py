"""The assessment coordinator's area in Chromium on the demo site, with axe (WCAG 2.2 AA)
at desktop width and at 320 px (WCAG 1.4.10 Reflow).

The demo coordinator starts an assessment for a demo family's child (first with a
mistyped email address, which the error summary names), answers every domain's questions
one page each, checks the answers, completes the assessment and reads every step of the
working; adds costed provision's first outcome; then sends the assessment to the panel
(first forgetting the finance officer, which the error summary names).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from bench.demo_site import DemoSite
from tests.browser.accounts import sign_in
from tests.browser.settle import settled
from tests.browser.test_budget_officer import check_admin_reflow

pytestmark = pytest.mark.browser

COORDINATOR = "coordinator@northbridge.example"
# The second demo family (Tobi): the family's own browser test reads Leo's and Maya's
# assessments on the same demo site, and a new assessment of theirs would come first there.
FAMILY = "family2@northbridge.example"
FINANCE = "finance@northbridge.example"


def test_a_coordinator_completes_an_assessment_and_sees_the_working(
    page: Page,
    narrow_page: Page,
    live_site: DemoSite,
    check_axe: Callable[..., None],
) -> None:
    check_axe = settled(check_axe)
    sign_in(page, COORDINATOR, next_path="/admin/assessments/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Assessments")
    check_axe(page)

    page.get_by_role("link", name="Start an assessment").first.click()
    page.get_by_label("The family's email address").fill("not an address")
    page.get_by_role("button", name="Find the family").click()
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_contain_text("Enter an email address in the right form")
    expect(page.get_by_label("The family's email address")).to_have_value("not an address")
    check_axe(page)
    page.get_by_label("The family's email address").fill(FAMILY)
    page.get_by_role("button", name="Find the family").click()
    children = page.get_by_role("group", name=re.compile("Which child"))
    children.get_by_role("radio").first.check()
    check_axe(page)
    page.get_by_role("button", name="Start the assessment").click()
    expect(page.get_by_text(re.compile(r"Assessment AS-\w+ started"))).to_be_visible()
    reference = re.search(r"/admin/assessments/(AS-\w+)/", page.url)
    assert reference is not None, page.url
    check_axe(page)

    # Every domain, a page each: the highest need of each question, so every stream has
    # an amount. Wait for each page before answering: `all()` does not wait.
    domains = 0
    for number in range(1, 13):
        page.wait_for_load_state()
        if "/check/" in page.url:
            break
        expect(page.get_by_text(f"Domain {number} of")).to_be_visible()
        groups = page.locator("main fieldset")
        expect(groups.first).to_be_visible()
        for group in groups.all():
            choice = group.get_by_role("radio").last
            choice.check()
            expect(choice).to_be_checked()
        if number == 1:
            check_axe(page)
        page.get_by_role("button", name="Save and continue").click()
        page.wait_for_url(re.compile(rf"/questions/{number + 1}/|/check/"))
        domains = number
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check the answers")
    expect(page.get_by_text("Not answered")).to_have_count(0)
    check_axe(page)
    page.get_by_role("link", name="Complete the assessment").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Complete the assessment")
    check_axe(page)
    page.get_by_role("button", name="Complete the assessment").click()
    expect(page.get_by_text("completed: the working below is now fixed")).to_be_visible()

    # Every step of the working: a raw score for each domain, the age adjustment, the band
    # and the indicative amount for each stream.
    scores = page.get_by_role("table", name=re.compile("Raw score for each domain"))
    expect(scores.locator("tbody tr")).to_have_count(domains)
    for row in scores.locator("tbody tr").all():
        expect(row.locator("td").first).to_have_text(re.compile(r"^\d+$"))
    expect(page.get_by_text(re.compile(r"Age used: \d+"))).to_be_visible()
    streams = page.get_by_role("table", name=re.compile("For each funding stream"))
    rows = streams.locator("tbody tr")
    expect(rows.first).to_be_visible()
    for row in rows.all():
        cells = row.locator("td")
        expect(cells.nth(1)).to_have_text(re.compile(r"^\d+(\.\d+)?%$"))  # age adjustment
        expect(cells.nth(3)).to_have_text(re.compile(r"Band \w+ \(from \d+"))
        expect(cells.nth(4)).to_have_text(re.compile(r"^£[\d,.]+$"))
    expect(streams.locator("tfoot")).to_contain_text("Total indicative budget")
    expect(streams.locator("tfoot td")).to_have_text(re.compile(r"^£[1-9][\d,.]*$"))
    check_axe(page)

    page.get_by_role("link", name="Costed provision").click()
    expect(page.get_by_role("table", name=re.compile("indicative amount beside"))).to_be_visible()
    page.get_by_label("What the child wants to achieve").fill("Talk with friends at break time")
    page.get_by_label("Preparing for Adulthood outcome or EHC area").select_option(index=1)
    page.get_by_role("button", name="Add the outcome").click()
    expect(page.get_by_text("Outcome added.")).to_be_visible()
    check_axe(page)

    assessment_path = f"/admin/assessments/{reference.group(1)}/"
    sign_in(narrow_page, COORDINATOR, next_path=assessment_path)
    for path in ("", "costed/", "panel/"):
        narrow_page.goto(assessment_path + path)
        expect(narrow_page.get_by_role("heading", level=1)).to_be_visible()
        check_admin_reflow(narrow_page)
        check_axe(narrow_page)

    # Send it to the panel: first without the finance officer.
    page.goto(assessment_path)
    page.get_by_role("link", name="Send to the panel").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Send to the panel")
    goes = page.get_by_role("table", name=re.compile("indicative amount from the questionnaire"))
    expect(goes).to_contain_text("Total")
    expect(page.get_by_text("Talk with friends at break time")).to_be_visible()
    check_axe(page)
    starts = page.get_by_label("Day the budget would start")
    starts.fill("2030-04-01")
    page.get_by_role("button", name="Send to the panel").click()
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_contain_text("Choose a finance officer to look after the budget")
    expect(page.get_by_label("Day the budget would start")).to_have_value("2030-04-01")
    check_axe(page)
    officer = page.get_by_label("Finance officer who will look after the budget")
    officer.select_option(officer.locator("option", has_text=FINANCE).get_attribute("value"))
    page.get_by_role("button", name="Send to the panel").click()
    expect(page.get_by_text(re.compile(r"sent to the panel: it is waiting"))).to_be_visible()
    expect(page.get_by_text(re.compile("Waiting for the panel since"))).to_contain_text(
        "1 April 2030"
    )
    expect(page.get_by_role("link", name="Send to the panel")).to_have_count(0)
    check_axe(page)
    narrow_page.goto(assessment_path)
    expect(narrow_page.get_by_text(re.compile("Waiting for the panel since"))).to_be_visible()
    check_admin_reflow(narrow_page)
    check_axe(narrow_page)
