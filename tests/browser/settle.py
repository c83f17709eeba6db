"""Waiting for Wagtail's messages to finish fading in before axe measures a page.

    from tests.browser.settle import settled
    check_axe = settled(check_axe)

Wagtail fades its messages in about 100 ms after a page loads; axe would measure the
colour contrast of the half-faded text. The wait ignores Wagtail's "ping" animations: the
"What's new" badge pulses a box shadow five times over 25 seconds, which changes no
text's colour, and waiting for it cost every admin page checked 25 seconds.
"""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page

_ANIMATIONS_ENDED = """() => document.getAnimations().every(
    a => a.playState !== "running" || (a.animationName || "").startsWith("ping-"))"""


def settle(page: Page) -> None:
    """Wait until the page's animations (Wagtail's ping aside) have ended."""
    page.wait_for_timeout(150)  # the message starts fading in 100 ms after load
    page.wait_for_function(_ANIMATIONS_ENDED)


def settled(check: Callable[[Page], None]) -> Callable[[Page], None]:
    """`check` (axe, usually), run once the page has settled."""

    def run(page: Page) -> None:
        settle(page)
        check(page)

    return run
