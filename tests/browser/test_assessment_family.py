"""The family reads how Leo's budget was worked out, in Chromium on the demo site, with axe
(WCAG 2.2 AA) at desktop width and at 320 px, and without JavaScript.

The demo (localoffer/demo/assessments.py) has Leo, the demo family's child, assessed with
the coordinator and decided by the panel, with a letter; and Maya's self-assessment sent.
The family:

1. finds the assessments on their account;
2. reads Leo's working in plain English, the costed provision and the decision, with
   tables of the same figures (and again at 320 px);
3. downloads the decision letter (private, not stored by the browser);
4. asks for it to be looked at again, first with nothing typed, and sees the request;
5. starts a self-assessment for Maya and saves the first page to come back later, without
   JavaScript (axe and reflow then checked on the same pages with it, at 320 px).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.accounts import sign_in

pytestmark = pytest.mark.browser

FAMILY = "family@northbridge.example"
LIST = "/account/assessments/"


def test_the_family_reads_the_explanation_and_asks_to_look_again(
    page: Page,
    narrow_page: Page,
    no_js_page: Page,
    check_axe: Callable[..., None],
    check_reflow: Callable[..., None],
) -> None:
    # 1. The list: each child with their assessments.
    sign_in(page, FAMILY, next_path=LIST)
    expect(page.get_by_role("heading", level=1)).to_have_text("Assessments")
    expect(page.get_by_role("heading", name="Leo")).to_be_visible()
    check_axe(page)
    page.get_by_role("link", name=re.compile(r"^View Leo's assessment AS-")).first.click()

    # 2. The working in plain English, then the same figures in tables.
    expect(page.get_by_role("heading", level=1)).to_have_text("Leo's assessment")
    expect(page.get_by_text("Each answer has a score.")).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"^Your answers in ‘.+’ scored \d+\.$")).first
    ).to_be_visible()
    expect(page.get_by_text(re.compile(r"This puts Leo in .+ for education")).first).to_be_visible()
    expect(page.get_by_text(re.compile("only guides: people decide"))).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("^Scores of each part"))).to_be_visible()
    expect(
        page.get_by_role("table", name=re.compile("^From points to a suggested budget"))
    ).to_be_visible()
    expect(page.get_by_role("heading", name="The panel's decision")).to_be_visible()
    check_axe(page)
    detail_path = page.url.split("://", 1)[1].split("/", 1)[1]
    sign_in(narrow_page, FAMILY, next_path="/" + detail_path)
    expect(narrow_page.get_by_role("heading", level=1)).to_have_text("Leo's assessment")
    check_reflow(narrow_page)
    check_axe(narrow_page)

    # 3. The letter: a PDF for this family only, never kept in a cache.
    link = page.get_by_role("link", name="Download the decision letter (PDF)")
    href = link.get_attribute("href")
    assert href is not None
    response = page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert "no-store" in response.headers["cache-control"]
    assert response.body().startswith(b"%PDF")

    # 4. Ask for it to be looked at again: nothing typed first, then the words.
    page.get_by_role("button", name="Ask for this to be looked at again").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask for this to be looked at again")
    check_axe(page)
    page.get_by_role("button", name="Send", exact=True).click()
    summary = page.locator(".govuk-error-summary")
    expect(
        summary.get_by_role("link", name="Tell us what you think is wrong or has been missed")
    ).to_be_visible()
    expect(page).to_have_title(re.compile("^Error: Ask for this to be looked at again"))
    check_axe(page)
    page.get_by_label("What do you think is wrong or has been missed?").fill(
        "Leo's anxiety at school changes, and the questions did not ask about it."
    )
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leo's assessment")
    expect(page.get_by_text("Your request has been sent.")).to_be_visible()
    expect(page.get_by_text("Waiting for an answer from your coordinator.")).to_be_visible()
    check_axe(page)

    # 5. A self-assessment for Maya, without JavaScript.
    sign_in(no_js_page, FAMILY, next_path="/account/assessments/start/")
    expect(no_js_page.get_by_role("heading", level=1)).to_have_text("Start a self-assessment")
    no_js_page.get_by_label("Maya", exact=True).check()
    no_js_page.get_by_role("button", name="Start").click()
    expect(no_js_page.get_by_text(re.compile("Maya's self-assessment: part 1 of"))).to_be_visible()
    no_js_page.get_by_role("button", name="Save and continue").click()
    expect(no_js_page.locator(".govuk-error-summary")).to_be_visible()
    no_js_page.locator(".govuk-radios__input").first.check()
    no_js_page.get_by_role("button", name="Save and come back later").click()
    expect(no_js_page.get_by_text("Your answers have been saved.")).to_be_visible()
    # axe runs only where JavaScript does: the same page with it, at 320 px.
    narrow_page.goto(no_js_page.url)
    check_reflow(narrow_page)
    check_axe(narrow_page)
    with narrow_page.expect_navigation():  # the next page, not the one being left
        narrow_page.get_by_role("button", name="Continue").click()
    check_reflow(narrow_page)
    check_axe(narrow_page)
