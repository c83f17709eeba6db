"""The demo provider answers a request for hours and records attendance, in Chromium on
the demo site, with axe (WCAG 2.2 AA) on every page of the bookings area on the way.

1. provider@northbridge.example signs in and opens "Bookings" in the workspace menu.
2. The demo family's request for hours of support is waiting: the provider accepts it
   with one appointment (a date and times), and reads Maya's one-page profile, which the
   family shares with the organisation for this booking.
3. On the sessions of the demo's sessions listing, the latest past session has
   attendance still to record: the provider marks everyone as attended.
The other pages of the area (booking settings, adding sessions, cancelling, refunding)
are opened and checked with axe without changing anything, an error summary included.
First, every page of the area is opened at 320 px (WCAG 1.4.10 Reflow), with axe, without
changing anything, so that the request is still there to open.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from localoffer.demo.marketplace import CHILD_WITH_PROFILE, HOURS_LISTING, SESSIONS_LISTING
from tests.browser.accounts import sign_in
from tests.browser.conftest import NARROW_VIEWPORT
from tests.browser.settle import settled
from tests.browser.test_budget_officer import check_admin_reflow

pytestmark = pytest.mark.browser

PROVIDER = "provider@northbridge.example"


def heading(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_contain_text(text)


def test_the_bookings_area_at_320_px(
    new_context: Callable[..., BrowserContext], check_axe: Callable[..., None]
) -> None:
    page = new_context(viewport=NARROW_VIEWPORT).new_page()
    check_axe = settled(check_axe)

    def check(title: str) -> None:
        heading(page, title)
        check_axe(page)
        check_admin_reflow(page)

    sign_in(page, PROVIDER, next_path="/admin/bookings/")
    check("Bookings")
    page.get_by_role("link", name=re.compile("waiting for your answer")).first.click()
    check("Requests to answer")
    page.get_by_role("link", name=re.compile("^Answer")).first.click()
    check("Answer the request")

    page.goto("/admin/bookings/")
    page.get_by_role("link", name=f"Booking settings for {SESSIONS_LISTING}").click()
    check("Booking settings")
    page.goto("/admin/bookings/")
    page.get_by_role("link", name=f"Sessions of {SESSIONS_LISTING}").click()
    check("Sessions")
    sessions_url = page.url
    for name, title in (("Add a session", "Add a session"), ("Add weekly sessions", "Add weekly")):
        page.goto(sessions_url)
        page.get_by_role("link", name=name).click()
        check(title)

    # The next session is full: who is coming, one of their bookings and its actions.
    page.goto(sessions_url)
    page.get_by_role("table", name=re.compile("Upcoming sessions")).get_by_role(
        "link"
    ).first.click()
    check("Session")
    session_url = page.url
    page.get_by_role("link", name="Cancel this session").click()
    check("Cancel this session")
    page.goto(session_url)
    booked = page.get_by_role("table", name="Children booked on this session")
    booked.get_by_role("link", name=re.compile(r"^[A-Z]+-")).first.click()
    check("Booking")
    booking_url = page.url
    for name in ("Cancel the booking", "Refund part", "Record a payment received"):
        page.goto(booking_url)
        link = page.get_by_role("link", name=name, exact=True)
        if link.count():
            link.click()
            check(name.split()[0])


def test_the_provider_answers_a_request_and_records_attendance(
    page: Page, check_axe: Callable[..., None]
) -> None:
    check_axe = settled(check_axe)
    sign_in(page, PROVIDER, next_path="/admin/")
    page.get_by_role("link", name="Bookings", exact=True).first.click()
    heading(page, "Bookings")
    check_axe(page)

    # A request for hours is waiting: accept it with one appointment next week.
    page.get_by_role("link", name=re.compile("waiting for your answer")).first.click()
    heading(page, "Requests to answer")
    check_axe(page)
    row = page.get_by_role("row").filter(has_text=HOURS_LISTING).filter(has_text=CHILD_WITH_PROFILE)
    row.get_by_role("link", name=re.compile("^Answer")).click()
    heading(page, "Answer the request")
    check_axe(page)

    first = page.get_by_role("group", name="Appointment 1")
    # The units asked for are filled in on the first row already.
    expect(first.get_by_label("Units")).not_to_have_value("")
    # Nothing entered: the error summary links to the first row.
    page.get_by_role("button", name="Accept with these appointments").click()
    expect(page.get_by_role("alert")).to_contain_text("at least one appointment")
    check_axe(page)

    day = dt.date.today() + dt.timedelta(days=7)
    first.get_by_label("Date").fill(day.isoformat())
    first.get_by_label("Start time").fill("10:00")
    first.get_by_label("End time").fill("11:00")
    page.get_by_role("button", name="Accept with these appointments").click()
    heading(page, "Booking")
    expect(page.get_by_text("You accepted the request")).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("Appointments"))).to_contain_text(
        f"{day:%-d %B %Y}"
    )
    check_axe(page)
    booking_url = page.url

    # The family shares Maya's one-page profile with the organisation, for this booking.
    page.get_by_role("link", name="One-page profile").click()
    heading(page, "One-page profile")
    expect(page.get_by_text("every dinosaur")).to_be_visible()
    check_axe(page)

    # Pages of the booking's actions, opened (not used) for axe.
    for name in ("Cancel the booking", "Refund part", "Record a payment received"):
        page.goto(booking_url)
        link = page.get_by_role("link", name=name, exact=True)
        if link.count():
            link.click()
            check_axe(page)

    # The sessions listing: booking settings, adding sessions, then the register.
    page.goto("/admin/bookings/")
    page.get_by_role("link", name=f"Booking settings for {SESSIONS_LISTING}").click()
    heading(page, "Booking settings")
    check_axe(page)
    page.goto("/admin/bookings/")
    page.get_by_role("link", name=f"Sessions of {SESSIONS_LISTING}").click()
    heading(page, "Sessions")
    check_axe(page)
    sessions_url = page.url

    page.get_by_role("link", name="Add a session").click()
    heading(page, "Add a session")
    page.get_by_role("button", name="Add session").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the date")
    check_axe(page)
    page.goto(sessions_url)
    page.get_by_role("link", name="Add weekly sessions").click()
    heading(page, "Add weekly sessions")
    check_axe(page)

    page.goto(sessions_url)
    upcoming = page.get_by_role("table", name=re.compile("Upcoming sessions"))
    upcoming.get_by_role("link").first.click()
    heading(page, "Session")
    check_axe(page)
    page.get_by_role("link", name="Cancel this session").click()
    heading(page, "Cancel this session")
    check_axe(page)

    # The latest past session: attendance still to record.
    page.goto(sessions_url)
    past = page.get_by_role("table", name=re.compile("Latest past sessions"))
    latest = past.get_by_role("row").nth(1)
    expect(latest).to_contain_text("record attendance")
    latest.get_by_role("link").first.click()
    heading(page, "Session")
    radios = page.locator('#attendance ~ form input[type="radio"][value="attended"]')
    expect(radios.first).to_be_visible()
    for number in range(radios.count()):
        radios.nth(number).check()
    check_axe(page)
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("Attendance saved")).to_be_visible()
    expect(page.get_by_role("table", name="Children booked on this session")).to_contain_text(
        "Attended"
    )
    page.goto(sessions_url)
    latest = page.get_by_role("table", name=re.compile("Latest past sessions")).get_by_role("row")
    expect(latest.nth(1)).to_contain_text("Recorded")
