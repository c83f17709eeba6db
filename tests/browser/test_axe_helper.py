"""The axe helper itself: it must fail on real violations, including Label in Name.

It rechecks axe's label-content-name-mismatch reports (see conftest.py); these tests make
sure that recheck only clears the GOV.UK accordion's false positive, not real mismatches.
"""

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

FRAME = """<!DOCTYPE html><html lang="en"><head><title>Axe helper</title></head>
<body><main><h1>Axe helper</h1>{}</main></body></html>"""

# GOV.UK Frontend 6's accordion button as its JavaScript writes it: no spaces between spans.
ACCORDION_BUTTON = (
    '<button type="button" aria-expanded="false" '
    'aria-label="1. Tell us you are interested , As early as you can , Show this section">'
    '<span style="display:block">1. Tell us you are interested</span>'
    '<span style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)">'
    ", </span>"
    '<span style="display:block">As early as you can</span>'
    '<span style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)">'
    ", </span><span>Show</span></button>"
)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A blank page: these tests need no server."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


def test_a_real_label_in_name_mismatch_fails(page: Page, check_axe: Callable[[Page], None]) -> None:
    page.set_content(FRAME.format('<button type="button" aria-label="Close">Open menu</button>'))
    with pytest.raises(AssertionError, match="label-content-name-mismatch"):
        check_axe(page)


def test_the_govuk_accordion_button_passes(page: Page, check_axe: Callable[[Page], None]) -> None:
    page.set_content(FRAME.format(ACCORDION_BUTTON))
    check_axe(page)


def test_other_violations_fail(page: Page, check_axe: Callable[[Page], None]) -> None:
    page.set_content(FRAME.format('<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'))
    with pytest.raises(AssertionError, match="image-alt"):
        check_axe(page)


def test_a_target_too_small_fails(page: Page, check_axe: Callable[[Page], None]) -> None:
    page.set_content(
        FRAME.format(
            '<button type="button" style="width:10px;height:10px;padding:0">a</button>'
            '<button type="button" style="width:10px;height:10px;padding:0">b</button>'
        )
    )
    with pytest.raises(AssertionError, match="target-size"):
        check_axe(page)
