"""A family's bookings in Chromium on the demo site: ask for hours of support, see the
request in "Your bookings", cancel the confirmed upcoming booking and see what happens to
the payment, join and leave a waiting list.

axe (WCAG 2.2 AA) runs on every page on the way at desktop width; the 320 px run
(WCAG 1.4.10 Reflow) looks at every page without changing anything, and runs first, so
the booking it looks at is still there to cancel.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from bench.demo_site import PYTHON, ROOT, DemoSite
from localoffer.demo.marketplace import HOURS_LISTING, OTHER_CHILD, SESSIONS_LISTING
from tests.browser.accounts import sign_in
from tests.browser.conftest import NARROW_VIEWPORT

pytestmark = pytest.mark.browser

FAMILY = "family@northbridge.example"
WIDE_VIEWPORT = {"width": 1280, "height": 900}
WAITING_CHILD = "Maya"

# The ids the pages' addresses need, asked of the site's own database (the tests have
# no ORM access to it): the hours listing, and the first upcoming (full) session.
_FIND_IDS = """
import os
from django.utils import timezone
from providers.models import ServicePage
hours = ServicePage.objects.live().get(title=os.environ["HOURS_LISTING"])
sessions = ServicePage.objects.live().get(title=os.environ["SESSIONS_LISTING"])
upcoming = sessions.bookable_offer.sessions.filter(starts_at__gt=timezone.now())
first = upcoming.order_by("starts_at").first()
print(hours.pk, first.pk)
"""


@pytest.fixture(scope="module")
def ids(live_site: DemoSite) -> tuple[int, int]:
    result = subprocess.run(
        [str(PYTHON), "manage.py", "shell", "--no-imports", "-c", _FIND_IDS],
        cwd=ROOT,
        env={**live_site.env, "HOURS_LISTING": HOURS_LISTING, "SESSIONS_LISTING": SESSIONS_LISTING},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    hours, session = result.stdout.split()[-2:]
    return int(hours), int(session)


def heading(page: Page, text: str | re.Pattern[str]) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def open_your_bookings(page: Page, check: Callable[[Page], None]) -> None:
    sign_in(page, FAMILY, next_path="/account/")
    page.get_by_role("link", name="Your bookings", exact=True).click()
    heading(page, "Your bookings")
    check(page)


def upcoming_card(page: Page):
    """The demo's own booking for Leo, paid later. The booking tests on the same site may
    have booked Leo too, but by card."""
    return (
        page.locator(".govuk-summary-card")
        .filter(has_text=SESSIONS_LISTING)
        .filter(has_text=OTHER_CHILD)
        .filter(has_text="Confirmed")
        .filter(has_text="Pay later on invoice: not paid yet")
    )


def answer_questions(page: Page, check: Callable[[Page], None], service_id: int) -> None:
    """From "Who is it for?" to "Check your answers", with each question's error once."""
    page.goto(f"/account/bookings/ask/{service_id}/")
    heading(page, "Who is it for?")
    check(page)
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title(re.compile(r"^Error: Who is it for\?"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select who it is for")
    check(page)
    page.get_by_label(OTHER_CHILD, exact=True).check()
    page.get_by_role("button", name="Continue").click()

    heading(page, "How many hours do you need?")
    page.get_by_label("Number of hours").fill("lots")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("as a number")
    check(page)
    page.get_by_label("Number of hours").fill("4")
    page.get_by_role("button", name="Continue").click()

    heading(page, "When suits you?")
    check(page)
    page.get_by_label("Mondays").check()
    page.get_by_label("After school").check()
    page.get_by_label("Anything else about when suits you (optional)").fill("Not in August.")
    page.get_by_role("button", name="Continue").click()

    # Leo has a personal budget: the family is asked whether it pays (not this time).
    heading(page, f"Do you want to pay from {OTHER_CHILD}'s personal budget?")
    check(page)
    page.get_by_label("No, I will pay another way").check()
    page.get_by_role("button", name="Continue").click()

    heading(page, "How would you like to pay?")
    check(page)
    page.get_by_label("Pay later, on an invoice from the provider").check()
    page.get_by_role("button", name="Continue").click()

    heading(page, "Check your answers before sending your request")
    expect(page.locator("main")).to_contain_text("Mondays; after school. Not in August.")
    check(page)


def test_your_bookings_pages_at_320_px(
    new_context: Callable[..., BrowserContext],
    check_axe: Callable[[Page], None],
    check_reflow: Callable[[Page], None],
    ids: tuple[int, int],
) -> None:
    page = new_context(viewport=NARROW_VIEWPORT).new_page()

    def check(page: Page) -> None:
        check_axe(page)
        check_reflow(page)

    open_your_bookings(page, check)
    upcoming_card(page).get_by_role("link", name=re.compile("^View booking")).click()
    heading(page, SESSIONS_LISTING)
    check(page)
    page.get_by_role("link", name="Cancel this booking").click()
    heading(page, "Are you sure you want to cancel this booking?")
    check(page)
    page.get_by_role("link", name="Keep my booking").click()
    page.get_by_role("link", name="Change to another session").click()
    heading(page, "Which session would you like instead?")
    check(page)
    page.get_by_role("link", name="Keep my booking").click()
    heading(page, SESSIONS_LISTING)

    hours_id, full_session_id = ids
    page.goto(f"/account/bookings/waiting-list/join/{full_session_id}/")
    heading(page, "Join the waiting list")
    check(page)
    answer_questions(page, check, hours_id)


def test_ask_for_hours_cancel_and_wait_at_desktop_width(
    new_context: Callable[..., BrowserContext],
    check_axe: Callable[[Page], None],
    ids: tuple[int, int],
) -> None:
    page = new_context(viewport=WIDE_VIEWPORT).new_page()
    hours_id, full_session_id = ids
    open_your_bookings(page, check_axe)

    # Ask for hours of support for Leo; the request waits for the provider.
    answer_questions(page, check_axe, hours_id)
    page.get_by_role("button", name="Send request").click()
    heading(page, "Request sent")
    check_axe(page)
    reference = page.locator(".govuk-panel__body strong").inner_text()
    page.locator("main").get_by_role("link", name="your bookings", exact=True).click()
    request = page.locator(".govuk-summary-card").filter(has_text=reference)
    expect(request).to_contain_text(HOURS_LISTING)
    expect(request).to_contain_text("Waiting for the provider")
    expect(request).to_contain_text(OTHER_CHILD)
    check_axe(page)
    request.get_by_role("link", name=re.compile("^View booking")).click()
    heading(page, HOURS_LISTING)
    expect(page.locator("main")).to_contain_text("To be agreed with the provider")
    check_axe(page)

    # Cancel the confirmed upcoming booking (pay later, not paid): nothing is charged.
    page.get_by_role("link", name="Back to your bookings").click()
    upcoming_card(page).get_by_role("link", name=re.compile("^View booking")).click()
    page.get_by_role("link", name="Cancel this booking").click()
    expect(page.locator("main")).to_contain_text("You have not paid yet")
    page.get_by_role("button", name="Cancel booking").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Your booking has been cancelled. There is nothing to refund"
    )
    expect(page.locator("main")).to_contain_text("Cancelled by you")
    expect(page.locator("main")).to_contain_text("Pay later on invoice: nothing to pay")
    check_axe(page)

    # The first upcoming session is full: wait for a place, then leave the line.
    page.goto(f"/account/bookings/waiting-list/join/{full_session_id}/")
    page.get_by_label(WAITING_CHILD, exact=True).check()
    page.get_by_role("button", name="Join the waiting list").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("in line")
    waiting = page.locator(".govuk-summary-card").filter(has_text="in line")
    expect(waiting).to_contain_text(WAITING_CHILD)
    check_axe(page)
    waiting.get_by_role("link", name=re.compile("^Leave the waiting list")).click()
    heading(page, f"Are you sure you want to take {WAITING_CHILD} off the waiting list?")
    check_axe(page)
    page.get_by_role("button", name="Leave the waiting list").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        f"{WAITING_CHILD} has been taken off the waiting list"
    )
