"""The assessment coordinator's area in Chromium on the demo site, with axe (WCAG 2.2 AA)
at desktop width and at 320 px (WCAG 1.4.10 Reflow).

The demo coordinator starts an assessment for a demo family's child (first with a
mistyped email address, which the error summary names), answers every domain's questions
one page each, checks the answers, completes the assessment and reads every step of the
working; then adds costed provision's first outcome.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from bench.demo_site import DemoSite
from tests.browser.accounts import sign_in
from tests.browser.test_budget_officer import check_admin_reflow
from tests.browser.test_provider_bookings import checked

pytestmark = pytest.mark.browser

COORDINATOR = "coordinator@northbridge.example"
FAMILY = "family@northbridge.example"


def test_a_coordinator_completes_an_assessment_and_sees_the_working(
    page: Page,
    narrow_page: Page,
    live_site: DemoSite,
    check_axe: Callable[..., None],
) -> None:
    check_axe = checked(check_axe)
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

    # Every domain, a page each: the first answer of each question.
    # Wait for each page before answering: `all()` does not wait for the navigation.
    for number in range(1, 13):
        page.wait_for_load_state()
        if "/check/" in page.url:
            break
        expect(page.get_by_text(f"Domain {number} of")).to_be_visible()
        for group in page.locator("main fieldset").all():
            group.get_by_role("radio").first.check()
        page.get_by_role("button", name="Save and continue").click()
        page.wait_for_url(re.compile(rf"/questions/{number + 1}/|/check/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check the answers")
    check_axe(page)
    page.get_by_role("link", name="Complete the assessment").click()
    check_axe(page)
    page.get_by_role("button", name="Complete the assessment").click()
    expect(page.get_by_text("completed: the working below is now fixed")).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("Raw score for each domain"))).to_be_visible()
    streams = page.get_by_role("table", name=re.compile("For each funding stream"))
    expect(streams).to_contain_text("Band")
    expect(streams).to_contain_text("Total indicative budget")
    check_axe(page)

    page.get_by_role("link", name="Costed provision").click()
    expect(page.get_by_role("table", name=re.compile("indicative amount beside"))).to_be_visible()
    page.get_by_label("What the child wants to achieve").fill("Talk with friends at break time")
    page.get_by_label("Preparing for Adulthood outcome or EHC area").select_option(index=1)
    page.get_by_role("button", name="Add the outcome").click()
    expect(page.get_by_text("Outcome added.")).to_be_visible()
    check_axe(page)

    sign_in(narrow_page, COORDINATOR, next_path=f"/admin/assessments/{reference.group(1)}/")
    check_admin_reflow(narrow_page)
    check_axe(narrow_page)
    narrow_page.goto(f"/admin/assessments/{reference.group(1)}/costed/")
    check_admin_reflow(narrow_page)
    check_axe(narrow_page)
