"""The directory search page and the shortlist in Chromium: with filters, with nothing
found, on a 320 px phone, without JavaScript, and printed. axe finds no WCAG 2.2 AA
violation on any of them.

The demo site (tests/browser/conftest.py) is searched through whatever backend it runs;
`load_demo` puts the demo's own postcodes in its gazetteer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def results_total(page: Page) -> int:
    heading = " ".join(page.locator("#results-heading").inner_text().split())
    if heading.startswith("No services"):
        return 0
    match = re.match(r"(\d+) services? found", heading)
    assert match, heading
    return int(match.group(1))


def query_of(page: Page) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(page.url).query, keep_blank_values=True)


def first_option_with_results(page: Page, name: str) -> tuple[str, int]:
    """The id and count of the first unticked filter option of `name` that has results."""
    boxes = page.locator(f'input[type="checkbox"][name="{name}"]:not(:checked)')
    for index in range(boxes.count()):
        box = boxes.nth(index)
        box_id = box.get_attribute("id")
        count = int(page.locator(f'label[for="{box_id}"] .app-count').get_attribute("data-count"))
        if count:
            return box_id, count
    pytest.fail(f"no {name} option has results")


def test_a_search_with_filters(page: Page, check_axe: Callable[[Page], None]) -> None:
    page.goto("/services/")
    page.get_by_label("What are you looking for?").fill("therapy")
    page.get_by_label("Postcode (optional)").fill("NB1 1AA")
    page.get_by_label("How far").select_option("10")
    page.locator("#search-form").get_by_role("button", name="Search").click()

    expect(page.locator("h1")).to_have_text("Find services")
    assert ("q", "therapy") in query_of(page) and ("postcode", "NB1 1AA") in query_of(page)
    before = results_total(page)
    assert before > 0
    expect(page.locator(".app-result").first).to_contain_text(re.compile(r"miles? away"))
    check_axe(page)

    # Tick a need: the page then shows exactly as many results as the option said.
    need_id, count = first_option_with_results(page, "need")
    page.locator(f'label[for="{need_id}"]').click()
    page.locator("#filters").get_by_role("button", name="Apply filters").last.click()
    assert results_total(page) == count
    need = page.locator(f"#{need_id}")
    expect(need).to_be_checked()
    assert ("need", need.get_attribute("value")) in query_of(page)

    # And an age, sorted by distance: the choices are listed with a way to remove each.
    page.locator("#age").fill("7")
    page.locator("#sort").select_option("distance")
    page.get_by_role("button", name="Sort").click()
    assert ("age", "7") in query_of(page) and ("sort", "distance") in query_of(page)
    choices = page.locator(".app-active-filters")
    expect(choices).to_contain_text("Age: 7 years old")
    expect(choices).to_contain_text("Within 10 miles of NB1 1AA")
    distances = [
        float(re.search(r"([\d.]+) miles? away", text).group(1))
        for text in page.locator(".app-result").all_inner_texts()
    ]
    assert distances == sorted(distances)
    # With JavaScript, empty fields are left out of the address.
    assert ("max_price", "") not in query_of(page)
    check_axe(page)


def test_mistakes_in_the_search_are_errors_on_their_fields(
    page: Page, check_axe: Callable[[Page], None]
) -> None:
    page.goto("/services/?q=club&age=-3&postcode=ZZ99+9ZZ&category=nonsense")

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter an age from 0 to 25 years")
    expect(summary).to_contain_text("We could not find ZZ99 9ZZ")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "We could not use the filter ‘nonsense’"
    )
    assert results_total(page) > 0  # the search still ran, without those filters
    summary.get_by_role("link", name="Enter an age from 0 to 25 years").click()
    expect(page.locator("#age")).to_be_focused()
    check_axe(page)


def test_nothing_found_says_what_to_try(page: Page, check_axe: Callable[[Page], None]) -> None:
    page.goto("/services/?q=therapy&free=1&age=25&time=weekends&direct_payment=1")

    assert results_total(page) == 0
    results = page.locator("#results")
    expect(results).to_contain_text("check the spelling")
    removals = page.locator(".app-relaxations li")
    assert removals.count() == 5
    check_axe(page)

    # Each "remove this filter" says how many results it would give, and gives them.
    item = removals.filter(has_text="Words").first
    count = int(item.locator(".app-relaxation-count").get_attribute("data-count"))
    item.get_by_role("link").click()
    assert results_total(page) == count
    assert "q" not in dict(query_of(page))


def test_shortlist_add_view_and_print(page: Page, check_axe: Callable[[Page], None]) -> None:
    page.goto("/services/?q=club")
    first = page.locator(".app-result").first
    title = first.locator("h3").inner_text().strip()
    first.get_by_role("button", name=re.compile("^Add to shortlist")).click()

    # Back on the same search, at the same result.
    assert ("q", "club") in query_of(page)
    assert "#shortlist-" in page.url
    expect(page.locator(".app-result").first).to_contain_text("On your shortlist")
    page.get_by_role("link", name=re.compile(r"^Your shortlist \(1")).click()

    expect(page.locator("h1")).to_have_text("Your shortlist")
    expect(page.locator(".app-shortlist-item h2")).to_have_text([title])
    check_axe(page)

    page.get_by_role("link", name="Print your shortlist").click()
    expect(page.locator("h1")).to_have_text("Services on your shortlist")
    expect(page.get_by_role("button", name="Print this page")).to_be_visible()
    expect(page.locator(".app-shortlist-item")).to_contain_text(
        re.compile(r"http://\S+/providers/")
    )
    check_axe(page)
    page.emulate_media(media="print")
    for selector in ("header.govuk-template__header", "footer.govuk-footer", ".govuk-back-link"):
        expect(page.locator(selector)).to_be_hidden()
    expect(page.get_by_role("button", name="Print this page")).to_be_hidden()
    expect(page.locator(".app-shortlist-item h2")).to_have_text([title])
    page.emulate_media(media="screen")

    page.goto("/services/shortlist/email/")
    expect(page.locator("h1")).to_have_text("Email your shortlist")
    page.get_by_role("button", name="Send email").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter an email address")
    check_axe(page)


@pytest.mark.parametrize(
    "path",
    [
        "/services/",
        "/services/?q=speech+therapy&postcode=NB1&radius=5&age=7&direct_payment=1",
        "/services/?q=therapy&age=-1&postcode=nonsense&category=xyz",
        "/services/?q=qqqxxxzzz&free=1",
        "/services/shortlist/",
        "/services/shortlist/print/",
    ],
)
def test_usable_at_320_px(narrow_page: Page, check_reflow: Callable[[Page], None], path) -> None:
    narrow_page.goto(path)
    check_reflow(narrow_page)
    # The search box and its button stay side by side and usable.
    if narrow_page.locator("#q").count():
        box = narrow_page.locator("#q").bounding_box()
        assert box is not None and box["width"] >= 120


def test_the_filters_follow_the_results_on_a_phone(narrow_page: Page) -> None:
    narrow_page.goto("/services/?q=club")

    results = narrow_page.locator(".app-result").first.bounding_box()
    filters = narrow_page.locator("#filters").bounding_box()
    assert results["y"] < filters["y"]
    narrow_page.get_by_role("link", name="Filter results").click()
    assert narrow_page.url.endswith("#filters")
    expect(narrow_page.locator("#filters-heading")).to_be_in_viewport()


def test_search_filters_and_shortlist_without_javascript(no_js_page: Page) -> None:
    page = no_js_page
    page.goto("/services/")
    page.locator("#q").fill("club")
    page.locator("#search-form").get_by_role("button", name="Search").click()
    assert ("q", "club") in query_of(page)

    box_id, count = first_option_with_results(page, "time")
    page.locator(f'label[for="{box_id}"]').click()
    page.locator("#filters").get_by_role("button", name="Apply filters").last.click()
    assert results_total(page) == count

    page.locator(".app-result").first.get_by_role(
        "button", name=re.compile("^Add to shortlist")
    ).click()
    expect(page.locator(".app-result").first).to_contain_text("On your shortlist")
    page.goto("/services/shortlist/")
    expect(page.locator(".app-shortlist-item")).to_have_count(1)
