"""Signing in to the demo site in a browser test, the way a person does.

    from tests.browser.accounts import sign_in
    sign_in(page, "moderator@northbridge.example", next_path="/admin/")

Council staff then give the code from their authenticator app: the demo staff accounts
share the published demo secret (localoffer.demo.users.DEMO_TOTP_SECRET), so the code is
computed here. A code works only once, so each one used is remembered; the site accepts
the next 30 seconds' code too (MFA_TOTP_TOLERANCE = 1), so a second sign-in as the same
person within 30 seconds uses that, and a third waits for the next code.
"""

import time
from urllib.parse import urlencode, urlsplit

from playwright.sync_api import Page

from localoffer.demo.users import DEMO_PASSWORD, demo_totp_code

LOGIN = "/account/login/"
TWO_FACTOR = "/account/2fa/authenticate/"
PERIOD = 30

_used: set[tuple[str, int]] = set()


def fresh_demo_code(email: str) -> str:
    """A code for the demo secret that this test session has not used for `email`."""
    while True:
        now = int(time.time())
        for counter in (now // PERIOD, now // PERIOD + 1):
            if (email, counter) not in _used:
                _used.add((email, counter))
                return demo_totp_code(at=counter * PERIOD)[0]
        time.sleep(PERIOD - now % PERIOD + 0.5)


def enter_two_factor_code(page: Page, email: str) -> None:
    page.get_by_label("Code from your authenticator app").fill(fresh_demo_code(email))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(lambda url: urlsplit(url).path != TWO_FACTOR)


def sign_in(
    page: Page, email: str, password: str = DEMO_PASSWORD, *, next_path: str | None = None
) -> None:
    """Sign in through the site's sign-in page (and the two-factor page for staff)."""
    page.goto(LOGIN + (f"?{urlencode({'next': next_path})}" if next_path else ""))
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(lambda url: urlsplit(url).path != LOGIN)
    if urlsplit(page.url).path == TWO_FACTOR:
        enter_two_factor_code(page, email)
