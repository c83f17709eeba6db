"""Two families share the cost of a session, in Chromium on the demo site.

The demo family starts a shared booking from the listing's "Share the cost with other
families", gets the link and pays its share by card (the local Stripe.js); a second
family opens the link, signs in, joins with its own child and pays its share, and the
booking is confirmed for both. Once at desktop width with axe on every page, once at
320 px with axe and the reflow check on every page.

What the demo must give (localoffer/demo/): the sessions listing "Saturday sensory
play" with a group price (GROUP_PRICE for up to GROUP_SIZE children) and a second family
account (SECOND_FAMILY, the demo password, a confirmed email address) with a child
(SECOND_CHILD). Until the demo builds them, `shared_demo` adds them to the site's own
database (idempotently, through the same models the demo would use).
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, Page, expect

from bench.demo_site import PYTHON, ROOT, DemoSite
from localoffer.demo.marketplace import CHILD_WITH_PROFILE, SESSIONS_LISTING
from localoffer.demo.users import DEMO_PASSWORD
from tests.browser.conftest import NARROW_VIEWPORT, watch_csp

pytestmark = pytest.mark.browser

FAMILY = "family@northbridge.example"
SECOND_FAMILY = "family2@northbridge.example"
SECOND_FAMILY_NAME = "Ruth"
SECOND_CHILD = "Tobi"
GROUP_PRICE = "20.00"
GROUP_SIZE = 4
SHARE = "£10"  # the group price split equally between two children

_SHARED_DEMO = """
import datetime as dt, os
from decimal import Decimal
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from localoffer.accounts.services import record_verified_email
from pricing.families import services as families
from pricing.families.models import Child
from pricing.offers.models import BookableOffer
from providers.models import ServicePage

service = ServicePage.objects.live().get(title=os.environ["LISTING_TITLE"])
offer = BookableOffer.objects.get(service=service)
if offer.group_price is None:
    offer.group_price = Decimal(os.environ["GROUP_PRICE"])
    offer.group_size = int(os.environ["GROUP_SIZE"])
    offer.save(update_fields=["group_price", "group_size"])
User = get_user_model()
user = User.objects.filter(email=os.environ["SECOND_FAMILY"]).first()
if user is None:
    user = User.objects.create_user(
        email=os.environ["SECOND_FAMILY"], password=None,
        first_name=os.environ["SECOND_FAMILY_NAME"], last_name="Okafor",
    )
    user.password = make_password(os.environ["DEMO_PASSWORD"])
    user.save(update_fields=["password"])
record_verified_email(user=user)
if not Child.objects.filter(family=user, first_name=os.environ["SECOND_CHILD"]).exists():
    families.add_child(family=user, details=families.ChildDetails(
        first_name=os.environ["SECOND_CHILD"],
        date_of_birth=dt.date.today().replace(year=dt.date.today().year - 7, day=1),
    ))
print(service.url)
"""


@pytest.fixture(scope="module")
def shared_demo(live_site: DemoSite) -> str:
    """The sessions listing's path, with a group price and a second family in place."""
    result = subprocess.run(
        [str(PYTHON), "manage.py", "shell", "--no-imports", "-c", _SHARED_DEMO],
        cwd=ROOT,
        env={
            **live_site.env,
            "LISTING_TITLE": SESSIONS_LISTING,
            "GROUP_PRICE": GROUP_PRICE,
            "GROUP_SIZE": str(GROUP_SIZE),
            "SECOND_FAMILY": SECOND_FAMILY,
            "SECOND_FAMILY_NAME": SECOND_FAMILY_NAME,
            "SECOND_CHILD": SECOND_CHILD,
            "DEMO_PASSWORD": DEMO_PASSWORD,
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def sign_in_here(page: Page, email: str) -> None:
    """Signed out, a family page sends to sign in, then straight back."""
    expect(page).to_have_url(re.compile(r"/account/login/\?next="))
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()


def pay_share(page: Page, check_page: Callable[[Page], None]) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Pay by card")
    expect(page.locator("main")).to_contain_text("You are paying your share of a shared booking")
    expect(page.get_by_role("button", name="Pay later instead")).to_have_count(0)
    expect(page.get_by_label("Card number")).to_be_visible()  # the local Stripe.js's field
    check_page(page)
    page.get_by_label("Card number").fill("4242424242424242")
    page.get_by_label("Expiry month, 2 digits").fill("12")
    page.get_by_label("Expiry year, 2 digits").fill("34")
    page.get_by_label("Security code").fill("123")
    page.get_by_label("Postcode").fill("NB1 1AA")
    page.get_by_role("button", name=f"Pay {SHARE}").click()


def share_a_session(
    organiser: Page,
    joiner: Page,
    listing: str,
    *,
    check_page: Callable[[Page], None],
    last_session: bool,
) -> None:
    # The demo family starts from the listing.
    organiser.goto(listing)
    check_page(organiser)
    organiser.get_by_role("link", name="Share the cost with other families").click()
    sign_in_here(organiser, FAMILY)
    expect(organiser.get_by_role("heading", level=1)).to_have_text(
        "Which session do you want to share?"
    )
    check_page(organiser)
    organiser.get_by_role("button", name="Continue").click()
    expect(organiser.locator(".govuk-error-summary")).to_contain_text("Select a session")
    check_page(organiser)
    sessions = organiser.locator("input[name=session]")
    (sessions.last if last_session else sessions.first).check()
    organiser.get_by_role("button", name="Continue").click()

    expect(organiser.get_by_role("heading", level=1)).to_have_text(
        "Share the cost with other families"
    )
    check_page(organiser)
    organiser.get_by_label(CHILD_WITH_PROFILE, exact=True).check()
    organiser.get_by_label("How many children are in the group, with yours?").fill("2")
    # Agreed amounts that do not add up: the error summary, with what was typed kept.
    organiser.get_by_label("Split it as we have agreed").check()
    organiser.get_by_label("Your share").fill("5")
    organiser.get_by_label("Share 2").fill("5")
    organiser.get_by_label("No, I will pay another way").check()  # the child has a budget
    organiser.get_by_label("Pay now by card").check()
    organiser.get_by_role("button", name="Start the shared booking").click()
    expect(organiser.locator(".govuk-error-summary")).to_contain_text(
        "They must add up to the group price, £20"
    )
    expect(organiser).to_have_title(re.compile(r"^Error: "))
    expect(organiser.get_by_label("Share 2")).to_have_value("5")
    check_page(organiser)
    organiser.get_by_label("Split it equally").check()
    organiser.get_by_role("button", name="Start the shared booking").click()

    expect(organiser.get_by_role("heading", level=1)).to_contain_text("Shared booking SH-")
    expect(organiser.locator("main")).to_contain_text("Waiting for everyone to pay")
    expect(organiser.locator("main")).to_contain_text("0 of 2 shares paid")
    link = organiser.locator("#invite-link").inner_text().strip()
    assert re.fullmatch(r"http://[^/]+/book/together/join/[A-Za-z0-9_-]+/", link), link
    group_page = organiser.url
    check_page(organiser)
    organiser.get_by_role("button", name=re.compile("^Pay your share")).click()
    pay_share(organiser, check_page)
    expect(organiser.get_by_role("heading", level=1)).to_have_text(
        "You have paid your share", timeout=15000
    )
    check_page(organiser)

    # The second family opens the link, signs in and joins with its own child.
    joiner.goto(link)
    sign_in_here(joiner, SECOND_FAMILY)
    expect(joiner.get_by_role("heading", level=1)).to_have_text(
        "Share the cost of Saturday sensory play"
    )
    expect(joiner.locator("main")).to_contain_text("Sam has booked a session")
    expect(joiner.locator("main")).to_contain_text(SHARE)
    expect(joiner.locator("main")).not_to_contain_text(CHILD_WITH_PROFILE)
    check_page(joiner)
    joiner.get_by_label(SECOND_CHILD, exact=True).check()
    joiner.get_by_label("No, I will pay another way").check()  # Tobi has a budget too
    joiner.get_by_label("Pay now by card").check()
    joiner.get_by_role("button", name="Join and pay your share").click()
    pay_share(joiner, check_page)
    expect(joiner.locator(".govuk-panel__title")).to_have_text("Booking confirmed", timeout=15000)
    check_page(joiner)

    # Both families see the group confirmed; each sees the other by first name only.
    organiser.goto(group_page)
    expect(organiser.locator("main")).to_contain_text("Confirmed")
    expect(organiser.locator("main")).to_contain_text(SECOND_FAMILY_NAME)
    expect(organiser.locator("main")).not_to_contain_text(SECOND_CHILD)
    check_page(organiser)


def test_two_families_share_a_booking(
    browser: Browser, base_url: str, shared_demo: str, check_axe: Callable[..., None]
) -> None:
    violations: list[str] = []
    contexts = [watch_csp(browser.new_context(base_url=base_url), violations) for _ in range(2)]
    try:
        share_a_session(
            *(c.new_page() for c in contexts), shared_demo, check_page=check_axe, last_session=True
        )
    finally:
        for context in contexts:
            context.close()
    assert not violations, "content security policy violations:\n" + "\n".join(violations)


def test_two_families_share_a_booking_at_320_px(
    browser: Browser,
    base_url: str,
    shared_demo: str,
    check_axe: Callable[..., None],
    check_reflow: Callable[..., None],
) -> None:
    def check(page: Page) -> None:
        check_reflow(page)
        check_axe(page)

    violations: list[str] = []
    contexts = [
        watch_csp(browser.new_context(base_url=base_url, viewport=NARROW_VIEWPORT), violations)
        for _ in range(2)
    ]
    try:
        share_a_session(
            *(c.new_page() for c in contexts), shared_demo, check_page=check, last_session=False
        )
    finally:
        for context in contexts:
            context.close()
    assert not violations, "content security policy violations:\n" + "\n".join(violations)
