"""The provision map in Chromium on the demo site, with axe (WCAG 2.2 AA) at desktop
width and at 320 px (WCAG 1.4.10 Reflow), and without JavaScript.

The public page "What support costs" (/what-support-costs/): a family reads the prices,
filters them without JavaScript (a GET form), and follows a type's link to the directory's
services. The council view (/admin/provision-map/): a member of council staff who is not a
site administrator (the finance officer) reads the same figures, filters them, and sees
the CSV link keep the filters.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser.accounts import sign_in
from tests.browser.settle import settled
from tests.browser.test_budget_officer import check_admin_reflow

pytestmark = pytest.mark.browser

PUBLIC = "/what-support-costs/"
COUNCIL = "/admin/provision-map/"
STAFF = "finance@northbridge.example"
# In the demo: two physiotherapy services price a session, both take direct payments.
THERAPY = "Physiotherapy, per session"
TABLE = "Prices for one unit of support"


def query_of(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_a_family_reads_filters_and_follows_the_provision_map(
    page: Page,
    narrow_page: Page,
    no_js_page: Page,
    check_axe: Callable[..., None],
    check_reflow: Callable[..., None],
) -> None:
    page.goto(PUBLIC)
    expect(page.get_by_role("heading", level=1)).to_have_text("What support costs")
    table = page.get_by_role("table", name=TABLE)
    therapy = table.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=re.compile("^" + re.escape(THERAPY)))
    )
    expect(therapy).to_contain_text(re.compile(r"£[\d.,]+ to £[\d.,]+, median £[\d.,]+"))
    expect(therapy).to_contain_text("take direct payments")
    # The council's standard cost stands in where no provider publishes a price.
    expect(table).to_contain_text(re.compile(r"Council standard cost: £\d+"))
    check_axe(page)

    # 320 px: the table itself fits; nothing scrolls sideways, not even inside a box.
    narrow_page.goto(PUBLIC)
    expect(narrow_page.get_by_role("table", name=TABLE)).to_be_visible()
    check_reflow(narrow_page)
    assert (
        narrow_page.evaluate(
            "() => document.querySelector('main table').getBoundingClientRect().right"
        )
        <= 320
    )
    check_axe(narrow_page)

    # Without JavaScript: the filters are a GET form.
    no_js_page.goto(PUBLIC)
    no_js_page.get_by_label("Type of support").select_option(label="Health and therapy")
    no_js_page.get_by_role("button", name="Show prices").click()
    assert query_of(no_js_page)["group"] == ["health-and-therapy"]
    table = no_js_page.get_by_role("table", name=TABLE)
    expect(table).to_contain_text(THERAPY)
    expect(table).not_to_contain_text("Tutoring")
    expect(no_js_page.get_by_text(re.compile(r"^\d+ types? of support match"))).to_be_visible()
    expect(no_js_page.get_by_label("Type of support")).to_have_value("health-and-therapy")

    no_js_page.get_by_label("Only support you can pay for with a direct payment").check()
    no_js_page.get_by_role("button", name="Show prices").click()
    assert query_of(no_js_page)["direct_payment"] == ["1"]
    expect(
        no_js_page.get_by_label("Only support you can pay for with a direct payment")
    ).to_be_checked()
    rows = no_js_page.get_by_role("table", name=TABLE).locator("tbody tr")
    expect(rows.first).to_be_visible()
    expect(rows.filter(has_text="none takes direct payments")).to_have_count(0)
    filtered_url = no_js_page.url

    # The type's link finds its services in the directory, with the same filter.
    no_js_page.get_by_role("link", name=f"Find services for {THERAPY}").click()
    assert urlsplit(no_js_page.url).path == "/services/"
    assert query_of(no_js_page) == {"category": ["physiotherapy"], "direct_payment": ["1"]}
    expect(no_js_page.get_by_role("heading", level=1)).to_have_text("Find services")
    expect(
        no_js_page.get_by_role("heading", name=re.compile(r"^[1-9]\d* services? found"))
    ).to_be_visible()
    # axe runs only where JavaScript does: the filtered page with it, at 320 px.
    narrow_page.goto(filtered_url)
    check_reflow(narrow_page)
    check_axe(narrow_page)

    no_js_page.goto(filtered_url)
    no_js_page.get_by_role("link", name="Clear filters").first.click()
    assert urlsplit(no_js_page.url).query == ""
    expect(no_js_page.get_by_role("table", name=TABLE)).to_contain_text("Tutoring")


def test_council_staff_read_and_filter_the_provision_map(
    page: Page, narrow_page: Page, check_axe: Callable[..., None]
) -> None:
    check_axe = settled(check_axe)
    sign_in(page, STAFF, next_path=COUNCIL)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Provision map")
    table = page.get_by_role("table", name=re.compile(r"^Provision map: \d+ types"))
    expect(table).to_contain_text("Physiotherapy")
    expect(page.get_by_role("link", name="What support costs")).to_have_attribute("href", PUBLIC)
    check_axe(page)

    page.get_by_label("Type of provision contains").fill("therapy")
    page.get_by_role("button", name="Filter").click()
    assert query_of(page)["q"] == ["therapy"]
    table = page.get_by_role("table", name=re.compile(r"^Provision map: \d+ types?"))
    expect(table).to_contain_text("Physiotherapy")
    expect(table).not_to_contain_text("Tutoring")
    csv = page.get_by_role("link", name="Download CSV")
    assert "q=therapy" in (csv.get_attribute("href") or "")
    response = page.request.get(csv.get_attribute("href") or "")
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "Physiotherapy" in response.text() and "Tutoring" not in response.text()
    check_axe(page)

    sign_in(narrow_page, STAFF, next_path=COUNCIL)
    expect(narrow_page.get_by_role("heading", level=1)).to_contain_text("Provision map")
    check_admin_reflow(narrow_page)
    check_axe(narrow_page)
