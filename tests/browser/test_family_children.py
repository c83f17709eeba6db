"""A family adds a child and writes their one-page profile, in Chromium on the demo site.

axe (WCAG 2.2 AA) runs on every page on the way, at desktop width and at 320 px (WCAG
1.4.10 Reflow), with the error summary shown once; the same pages are then used without
JavaScript, as the forms are plain POSTs.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.accounts import sign_in
from tests.browser.conftest import NARROW_VIEWPORT

pytestmark = pytest.mark.browser

FAMILY = "family@northbridge.example"
WIDE_VIEWPORT = {"width": 1280, "height": 900}


def add_child_and_profile(page: Page, check_page: Callable[[Page], None]) -> str:
    """Walk from "Your account" to a saved profile; return the child's first name."""
    name = f"Robin{uuid.uuid4().hex[:6]}"
    born = dt.date.today().replace(year=dt.date.today().year - 9, day=1)

    sign_in(page, FAMILY, next_path="/account/")
    page.get_by_role("link", name="Your children", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your children")
    check_page(page)

    page.get_by_role("button", name="Add a child").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a child")
    check_page(page)

    # Nothing filled in: the error summary, linked to each question, what was typed kept.
    page.get_by_label("Anything else about their needs (optional)").fill("Ear defenders help.")
    page.get_by_role("button", name="Add child").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Error: Add a child"))
    expect(summary.get_by_role("link", name="Enter their first name")).to_be_visible()
    expect(page.get_by_label("Anything else about their needs (optional)")).to_have_value(
        "Ear defenders help."
    )
    check_page(page)
    summary.get_by_role("link", name="Enter their date of birth").click()
    expect(page.get_by_label("Day")).to_be_focused()

    page.get_by_label("First name").fill(name)
    page.get_by_label("Day").fill(str(born.day))
    page.get_by_label("Month").fill(str(born.month))
    page.get_by_label("Year").fill(str(born.year))
    page.get_by_role("group", name="What are their needs?").get_by_role("checkbox").first.check()
    page.get_by_role("group", name=re.compile("EHC")).get_by_label("Yes").check()
    page.get_by_role("button", name="Add child").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"{name} has been added")
    check_page(page)

    page.get_by_role("link", name=f"Write {name}'s one-page profile").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{name}'s one-page profile")
    check_page(page)
    page.get_by_label("What people like and admire about me").fill("I am kind and funny.")
    page.get_by_label("What is important to me").fill("Swimming on Saturdays.")
    page.get_by_label("How best to support me").fill("Tell me what happens next.")
    page.get_by_role("button", name="Save profile").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("profile has been saved")
    expect(page.locator("main")).to_contain_text("Tell me what happens next.")
    check_page(page)

    page.get_by_role("link", name="Your children", exact=True).click()
    page.get_by_role("link", name="Who can see your children's one-page profiles").click()
    check_page(page)
    page.goto("/account/calendar/")
    check_page(page)
    # The first run on this site makes the address; a later one (the other width, on the
    # same demo site) finds it made and gets a new one instead.
    make = page.get_by_role("button", name="Make my calendar address")
    (make if make.count() else page.get_by_role("button", name="Get a new address")).click()
    expect(page.locator("main code")).to_contain_text("/calendar/")
    check_page(page)
    return name


def test_a_family_adds_a_child_and_a_profile_at_desktop_width(
    new_context: Callable[..., BrowserContext], check_axe: Callable[[Page], None]
) -> None:
    page = new_context(viewport=WIDE_VIEWPORT).new_page()
    add_child_and_profile(page, check_axe)


def test_a_family_adds_a_child_and_a_profile_at_320_px(
    new_context: Callable[..., BrowserContext],
    check_axe: Callable[[Page], None],
    check_reflow: Callable[[Page], None],
) -> None:
    page = new_context(viewport=NARROW_VIEWPORT).new_page()

    def check(page: Page) -> None:
        check_axe(page)
        check_reflow(page)

    add_child_and_profile(page, check)


def test_a_family_adds_a_child_without_javascript(no_js_page: Page) -> None:
    page = no_js_page
    name = f"Kit{uuid.uuid4().hex[:6]}"
    sign_in(page, FAMILY, next_path="/account/children/add/")
    page.get_by_label("First name").fill(name)
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("6")
    page.get_by_label("Year").fill(str(dt.date.today().year - 7))
    page.get_by_role("group", name=re.compile("EHC")).get_by_label("No").check()
    page.get_by_role("button", name="Add child").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    page.get_by_role("link", name=f"Remove {name} from your account").click()
    page.get_by_role("button", name=f"Remove {name}").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"{name} has been removed")
