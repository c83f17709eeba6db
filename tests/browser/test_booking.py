"""A family books a session and pays by card, in Chromium on the demo site.

The demo family signs in from the listing's "Book a place", answers one question per
page and pays through the Stripe.js that the site's own local Stripe serves: the test
card 4242 4242 4242 4242 at desktop width (axe on every page), then cancels that booking
and sees the £6.50 refunded to the card; then a card that asks for the bank's check
(3-D Secure) at 320 px (reflow on every page), completing the check.
At 320 px the child (Leo, given a one-page profile first) has a profile the provider
cannot read yet, so the family is also asked whether to share it, and says yes; that
page is checked with axe at 320 px and at desktop width too.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from bench.demo_site import PYTHON, ROOT, DemoSite
from localoffer.demo.directory.organisations import PROVIDER_ADMIN_ORGANISATION
from localoffer.demo.marketplace import CHILD_WITH_PROFILE, OTHER_CHILD, SESSIONS_LISTING
from localoffer.demo.users import DEMO_PASSWORD
from tests.browser.accounts import sign_in
from tests.browser.conftest import NARROW_VIEWPORT

pytestmark = pytest.mark.browser

FAMILY = "family@northbridge.example"
DESKTOP = {"width": 1280, "height": 900}

_LISTING_PATH = """
import os
from providers.models import ServicePage
print(ServicePage.objects.live().get(title=os.environ["LISTING_TITLE"]).url)
"""


@pytest.fixture(scope="module")
def sessions_listing(live_site: DemoSite) -> str:
    """The path of the demo's sessions listing, asked of the site's own database."""
    result = subprocess.run(
        [str(PYTHON), "manage.py", "shell", "--no-imports", "-c", _LISTING_PATH],
        cwd=ROOT,
        env={**live_site.env, "LISTING_TITLE": SESSIONS_LISTING},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


_WRITE_PROFILE = """
import os
from django.contrib.auth import get_user_model
from pricing.families.models import Child
from pricing.families.services import save_profile
family = get_user_model().objects.get(email=os.environ["FAMILY"])
child = Child.objects.get(family=family, first_name=os.environ["CHILD"])
save_profile(
    child=child,
    by=family,
    like_and_admire="I am brave in the water and I make people laugh.",
    important_to_me="My blue goggles, and my big sister Maya nearby.",
    how_to_support="Give me a minute to get used to new places.",
)
"""


@pytest.fixture(scope="module")
def other_child_has_a_profile(live_site: DemoSite) -> str:
    """The demo's Leo, with a one-page profile (shared with nobody), written through the
    site's own service in its database; returns his name."""
    subprocess.run(
        [str(PYTHON), "manage.py", "shell", "--no-imports", "-c", _WRITE_PROFILE],
        cwd=ROOT,
        env={**live_site.env, "FAMILY": FAMILY, "CHILD": OTHER_CHILD},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return OTHER_CHILD


_NEW_FAMILY = """
import datetime as dt, os
from django.contrib.auth import get_user_model
from localoffer.accounts.services import record_verified_email
from pricing.families import services as families
family = get_user_model().objects.create_user(
    email=os.environ["EMAIL"], password=os.environ["PASSWORD"], first_name="Nia", last_name="Evans"
)
record_verified_email(user=family)
child = families.ChildDetails(first_name=os.environ["CHILD"], date_of_birth=dt.date(2018, 3, 9))
families.add_child(family=family, details=child)
"""
NEW_FAMILY, NEW_FAMILY_CHILD = "nia.evans@example.org", "Cai"


@pytest.fixture(scope="module")
def new_family(live_site: DemoSite) -> str:
    """A family account made now, with a child, that has never booked (so never given an
    address for its invoices); returns its email address."""
    subprocess.run(
        [str(PYTHON), "manage.py", "shell", "--no-imports", "-c", _NEW_FAMILY],
        cwd=ROOT,
        env={
            **live_site.env,
            "EMAIL": NEW_FAMILY,
            "PASSWORD": DEMO_PASSWORD,
            "CHILD": NEW_FAMILY_CHILD,
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return NEW_FAMILY


def heading(page: Page) -> str:
    return page.get_by_role("heading", level=1).inner_text()


def book_and_pay(
    page: Page,
    listing: str,
    *,
    child: str,
    card: str,
    check_page: Callable[[Page], None],
    bank_check: bool = False,
    check_profile_question: Callable[[Page], None] | None = None,
) -> str:
    """Book and pay, and return the booking's reference; `check_profile_question` when
    the child's profile is not shared with the provider yet, so the journey asks (the
    family says yes)."""
    page.goto(listing)
    check_page(page)
    page.get_by_role("button", name="Book a place").click()

    # Anonymous: sign in, then straight back to the first question.
    expect(page).to_have_url(re.compile(r"/account/login/\?next=(/|%2F)book(/|%2F)"))
    page.get_by_label("Email address").fill(FAMILY)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Which session do you want to book?")
    # The first Saturday is full: it offers its waiting list instead.
    expect(
        page.get_by_role("link", name=re.compile("^Join the waiting list")).first
    ).to_be_visible()
    check_page(page)

    # Nothing chosen: the error summary.
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select a session")
    expect(page).to_have_title(re.compile(r"^Error: "))
    check_page(page)
    page.locator("input[name=session]:not([disabled])").first.check()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Who is the place for?")
    check_page(page)
    page.get_by_label(child, exact=True).check()
    page.get_by_role("button", name="Continue").click()

    if check_profile_question is not None:
        question = (
            f"Do you want to share {child}'s one-page profile with {PROVIDER_ADMIN_ORGANISATION}?"
        )
        expect(page.get_by_role("heading", level=1)).to_have_text(question)
        check_profile_question(page)
        page.get_by_role("button", name="Continue").click()
        expect(page.locator(".govuk-error-summary")).to_contain_text("Select yes if you want")
        check_profile_question(page)
        page.get_by_role("group", name=question).get_by_label("Yes").check()
        page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("How many places do you need?")
    check_page(page)
    page.get_by_label("How many places do you need?").fill("lots")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("as a whole number")
    check_page(page)
    page.get_by_label("How many places do you need?").fill("1")
    page.get_by_role("button", name="Continue").click()

    # The demo's children have personal budgets: this family pays another way.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Do you want to pay from {child}'s personal budget?"
    )
    check_page(page)
    page.get_by_label("No, I will pay another way").check()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("How do you want to pay?")
    check_page(page)
    page.get_by_label("Pay now by card").check()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before booking")
    expect(page.locator("main")).to_contain_text(child)
    expect(page.locator("main")).to_contain_text("£6.50")
    if check_profile_question is not None:
        expect(page.locator("main")).to_contain_text(f"Yes, share {child}'s profile")
    check_page(page)
    page.get_by_role("button", name="Continue to payment").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Pay by card")
    expect(page.locator("main")).to_contain_text("We are holding your place until")
    expect(page.get_by_label("Card number")).to_be_visible()  # the local Stripe.js's field
    expect(page.get_by_text("Paying by card needs JavaScript")).to_be_hidden()
    check_page(page)
    page.get_by_label("Card number").fill(card)
    page.get_by_label("Expiry month, 2 digits").fill("12")
    page.get_by_label("Expiry year, 2 digits").fill("34")
    page.get_by_label("Security code").fill("123")
    page.get_by_label("Postcode").fill("NB1 1AA")
    page.get_by_role("button", name="Pay £6.50").click()
    if bank_check:
        # The local Stripe.js's stand-in for the bank's page.
        page.get_by_role("button", name="Complete authentication").click()

    expect(page.locator(".govuk-panel__title")).to_have_text("Booking confirmed", timeout=15000)
    reference = page.locator(".govuk-panel__body strong").inner_text()
    assert re.fullmatch(r"[A-Z]+-[A-Z0-9]{6}", reference), reference
    expect(page.locator("main")).to_contain_text("Payment received")
    expect(page.get_by_role("link", name=re.compile("^Add to your calendar"))).to_be_visible()
    expect(page.get_by_role("link", name="Your bookings")).to_have_attribute(
        "href", "/account/bookings/"
    )
    check_page(page)
    return reference


def test_a_family_books_a_session_and_pays_by_card(
    page: Page, sessions_listing: str, check_axe: Callable[..., None]
) -> None:
    reference = book_and_pay(
        page,
        sessions_listing,
        child=CHILD_WITH_PROFILE,
        card="4242424242424242",
        check_page=check_axe,
    )

    # The session is more than 48 hours away: cancelling gives the whole £6.50 back to the
    # card, through the local Stripe, and the booking says so.
    page.get_by_role("link", name="Your bookings").click()
    booking = page.locator(".govuk-summary-card").filter(has_text=reference)
    booking.get_by_role("link", name=re.compile("^View booking")).click()
    page.get_by_role("link", name="Cancel this booking").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Are you sure you want to cancel this booking?"
    )
    expect(page.locator("main")).to_contain_text("You will get back £6.50")
    check_axe(page)
    page.get_by_role("button", name="Cancel booking").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Your booking has been cancelled. £6.50 will be refunded to the card you paid with"
    )
    expect(page.locator("main")).to_contain_text("Cancelled by you")
    refunds = page.locator(".govuk-summary-list__row").filter(has_text="Refunds")
    expect(refunds).to_contain_text(re.compile(r"£6\.50: refunded \(\d+ \w+ \d{4}\)"))
    check_axe(page)


def test_a_card_with_the_banks_check_at_320_px(
    narrow_page: Page,
    sessions_listing: str,
    other_child_has_a_profile: str,
    check_reflow: Callable[..., None],
    check_axe: Callable[..., None],
) -> None:
    def check_everywhere(page: Page) -> None:
        check_reflow(page)
        check_axe(page)
        page.set_viewport_size(DESKTOP)
        check_axe(page)
        page.set_viewport_size(NARROW_VIEWPORT)

    book_and_pay(
        narrow_page,
        sessions_listing,
        child=other_child_has_a_profile,
        card="4000002500003155",
        check_page=check_reflow,
        bank_check=True,
        check_profile_question=check_everywhere,
    )


def test_without_javascript_the_card_page_offers_pay_later(
    no_js_page: Page, sessions_listing: str
) -> None:
    page = no_js_page
    page.goto(sessions_listing)
    page.get_by_role("button", name="Book a place").click()
    page.get_by_label("Email address").fill(FAMILY)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.locator("input[name=session]:not([disabled])").first.check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label(CHILD_WITH_PROFILE, exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("How many places do you need?").fill("1")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("No, I will pay another way").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Pay now by card").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue to payment").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Pay by card")
    expect(page.locator("main")).to_contain_text("Paying by card needs JavaScript")
    page.get_by_role("button", name="Pay later instead").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before booking")
    expect(page.locator("main")).to_contain_text("Pay later")
    page.get_by_role("button", name="Confirm booking").click()
    expect(page.locator(".govuk-panel__title")).to_have_text("Booking confirmed")


def test_a_family_paying_for_the_first_time_gives_the_address_for_its_invoices(
    narrow_page: Page,
    sessions_listing: str,
    new_family: str,
    check_reflow: Callable[..., None],
    check_axe: Callable[..., None],
) -> None:
    """A family that has never booked is asked for the name and address for its invoices
    after "How do you want to pay?", and "Check your answers" shows them (axe and reflow
    at 320 px on the question, its error summary and the check page)."""
    page = narrow_page

    def check(page: Page) -> None:
        check_reflow(page)
        check_axe(page)

    sign_in(page, new_family, next_path=sessions_listing)
    page.get_by_role("button", name="Book a place").click()
    page.locator("input[name=session]:not([disabled])").first.check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label(NEW_FAMILY_CHILD, exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("How many places do you need?").fill("1")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Pay later: the provider sends you an invoice").check()
    page.get_by_role("button", name="Continue").click()

    question = "What name and address should go on your invoices?"
    expect(page.get_by_role("heading", level=1)).to_have_text(question)
    expect(page.get_by_label("Name", exact=True)).to_have_value("Nia Evans")
    check(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your postal address")
    expect(page).to_have_title(re.compile(r"^Error: "))
    check(page)
    page.get_by_label("Postal address").fill("7 Orchard Close\nNorthbridge\nNB3 5RT")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before booking")
    answer = page.locator(".govuk-summary-list__row").filter(has_text="address for your invoices")
    expect(answer).to_contain_text("7 Orchard Close")
    check(page)
    page.get_by_role("button", name="Confirm booking").click()
    expect(page.locator(".govuk-panel__title")).to_have_text("Booking confirmed")
