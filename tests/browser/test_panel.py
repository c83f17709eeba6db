"""The resource panel decides a case, in Chromium on the demo site, with axe (WCAG 2.2 AA)
at desktop width and at 320 px (WCAG 1.4.10 Reflow).

The demo (localoffer/demo/assessments.py) has Maya's assessment waiting for the panel,
and seats: Priya (panel@) decides each stream up to £10,000 (health up to £5,000), Alex
(admin@, a site administrator) each up to £50,000. The panel member:

1. opens the Resource panel and the waiting case;
2. reads the working and the costed provision (and again at 320 px);
3. tries an education amount above their delegated limit: refused, with an error that
   names the limit and keeps what was typed;
4. decides the other streams, one with a reason as it differs from the indicative amount;

then the administrator, whose limit is higher, decides education, and the case is decided,
with its letter. The figures page ("Learning from decisions") passes axe too.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.browser.accounts import sign_in
from tests.browser.conftest import NARROW_VIEWPORT
from tests.browser.settle import settled
from tests.browser.test_budget_officer import check_admin_reflow

pytestmark = pytest.mark.browser

PANEL = "panel@northbridge.example"
ADMIN = "admin@northbridge.example"
WAITING = "/admin/panel/"
FIGURES = "/admin/panel/figures/"
ABOVE_LIMIT = "12500"  # above Priya's £10,000 for education, within Alex's £50,000


def stream(page: Page, label: str) -> Locator:
    """One stream's part of the case: its section, named by its heading."""
    return page.get_by_role("region", name=label, exact=True)


def agree(
    section: Locator, *, amount: str | None = None, held_as: str = "", reason: str = ""
) -> None:
    """Fill in one stream's decision (the indicative amount when `amount` is None)."""
    if amount is not None:
        section.get_by_label("Amount agreed for a year (£)").fill(amount)
    if held_as:
        section.get_by_role("group", name="How the money will be held").get_by_label(
            held_as
        ).check()
    if reason:
        section.get_by_label("Reason").fill(reason)
    section.get_by_role("button", name=re.compile(r"^Agree the ")).click()


def indicative_of(section: Locator) -> str:
    """The indicative amount the form starts with, as typed there ("2500.00")."""
    return section.get_by_label("Amount agreed for a year (£)").input_value()


def test_the_panel_decides_a_case_within_delegated_limits(
    page: Page,
    narrow_page: Page,
    new_context: Callable[..., BrowserContext],
    check_axe: Callable[..., None],
) -> None:
    check_axe = settled(check_axe)  # after Wagtail's message has faded in

    # 1. The cases waiting for the panel, and the member's seats.
    sign_in(page, PANEL, next_path=WAITING)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Resource panel")
    expect(page.get_by_text(re.compile(r"You decide: .*up to £10,000"))).to_be_visible()
    cases = page.get_by_role("table", name="Assessments waiting for the panel")
    row = cases.get_by_role("row").filter(has_text="Maya")
    expect(row).to_be_visible()
    check_axe(page)
    row.get_by_role("link", name="Maya").click()

    # 2. The working and the costed provision.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Assessment")
    case_path = "/" + page.url.split("://", 1)[1].split("/", 1)[1]
    assert re.fullmatch(r"/admin/panel/[A-Z]{2}-\w+/", case_path), case_path
    expect(page.get_by_role("table", name="Raw score of each area")).to_be_visible()
    expect(page.get_by_role("table", name="Indicative budget per stream")).to_contain_text(
        "Education"
    )
    expect(page.get_by_role("heading", name="Costed provision", exact=True)).to_be_visible()
    expect(
        page.get_by_role("heading", name="Go to a youth club with friends after school")
    ).to_be_visible()
    expect(page.get_by_text("A support worker for the after-school club")).to_be_visible()
    check_axe(page)

    sign_in(narrow_page, PANEL, next_path=WAITING)
    expect(narrow_page.get_by_role("heading", level=1)).to_contain_text("Resource panel")
    check_admin_reflow(narrow_page)
    check_axe(narrow_page)
    narrow_page.goto(case_path)
    expect(narrow_page.get_by_role("heading", name="Decisions")).to_be_visible()
    check_admin_reflow(narrow_page)
    check_axe(narrow_page)

    # 3. Above the member's delegated limit: refused, the amount and reason kept.
    education = stream(page, "Education (high needs)")
    expect(education.get_by_text("Your delegated limit for this stream: £10,000")).to_be_visible()
    reason = "The club needs a second support worker for Maya on trips."
    agree(education, amount=ABOVE_LIMIT, held_as="Direct payment", reason=reason)
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    error = re.compile(r"^£12,500 is above your delegated limit of £10,000")
    expect(summary.get_by_role("link", name=error)).to_be_visible()
    education = stream(page, "Education (high needs)")
    amount = education.get_by_label("Amount agreed for a year (£)")
    expect(amount).to_have_value(ABOVE_LIMIT)
    expect(education.get_by_label("Reason")).to_have_value(reason)
    link = summary.get_by_role("link", name=error)
    assert link.get_attribute("href") == "#" + (amount.get_attribute("id") or "")
    check_axe(page)

    # 4. The streams within the member's limits: each at its indicative amount, but the
    # first other stream for £100 more, with the reason the family will read.
    others = [
        label
        for label in ("Social care", "Health (personal health budget)")
        if stream(page, label).get_by_role("button").count()
    ]
    assert others, "the demo case has no stream besides education for the member to decide"
    for position, label in enumerate(others):
        section = stream(page, label)
        if position == 0:
            changed = f"{float(indicative_of(section)) + 100:.2f}"
            agree(
                section,
                amount=changed,
                held_as="Direct payment",
                reason="An extra session in the holidays, agreed with the family.",
            )
        else:
            agree(section, held_as="Council-managed")
        expect(
            page.get_by_text(re.compile(re.escape(label) + r": £[\d,.]+ agreed"))
        ).to_be_visible()
        expect(
            stream(page, label).get_by_text(re.compile(r"£[\d,.]+ agreed")).first
        ).to_be_visible()
    expect(stream(page, others[0])).to_contain_text(
        "Reason: An extra session in the holidays, agreed with the family."
    )
    # Education still waits: nobody else's decisions finished the case.
    expect(education.get_by_label("Amount agreed for a year (£)")).to_be_visible()
    check_axe(page)

    # 5. The administrator, whose delegated limit is higher, decides education (at 320 px).
    narrow_page = new_context(viewport=NARROW_VIEWPORT).new_page()
    sign_in(narrow_page, ADMIN, next_path=case_path)
    education = stream(narrow_page, "Education (high needs)")
    expect(education.get_by_text("Your delegated limit for this stream: £50,000")).to_be_visible()
    agree(education, amount=ABOVE_LIMIT)  # no reason: refused
    expect(
        narrow_page.get_by_role("alert").get_by_role(
            "link", name=re.compile("^Say why the amount differs from the indicative")
        )
    ).to_be_visible()
    check_axe(narrow_page)
    agree(stream(narrow_page, "Education (high needs)"), held_as="Direct payment", reason=reason)
    expect(narrow_page.get_by_text("Education (high needs): £12,500 agreed.")).to_be_visible()
    expect(narrow_page.get_by_role("link", name="Decision letter for Maya (PDF)")).to_be_visible()
    check_admin_reflow(narrow_page)
    check_axe(narrow_page)

    # The case is decided, and the panel member sees it so, with the letter.
    page.goto("/admin/panel/decided/")
    decided = page.get_by_role("table", name="Assessments decided").get_by_role("row")
    expect(decided.filter(has_text="Maya")).to_contain_text("Letter for Maya (PDF)")
    check_axe(page)
    page.goto(case_path)
    expect(page.get_by_text(re.compile(r"Coordinator: .+\. Decided\.$"))).to_be_visible()
    letter = page.get_by_role("link", name="Decision letter for Maya (PDF)")
    href = letter.get_attribute("href")
    assert href is not None
    response = page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")


def test_the_figures_page_passes_axe(
    page: Page, narrow_page: Page, check_axe: Callable[..., None]
) -> None:
    check_axe = settled(check_axe)
    sign_in(page, PANEL, next_path=FIGURES)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Learning from decisions")
    expect(
        page.get_by_role("table", name=re.compile("^Indicative against final amounts by")).first
    ).to_be_visible()
    check_axe(page)
    sign_in(narrow_page, PANEL, next_path=FIGURES)
    check_admin_reflow(narrow_page)
    check_axe(narrow_page)
