"""A family's personal budget in Chromium on the demo site, with axe (WCAG 2.2 AA) at
desktop width and at 320 px (WCAG 1.4.10 Reflow), and without JavaScript.

The officer's side is not part of this test: a direct-payment budget for the demo
family's first child (Maya) is set up in the site's own database through `manage.py
shell`, the way the officer's pages would (the service functions themselves), paid in to
date, with one spending line; the officer's invitation is emailed to the family. The
family then does the rest in the browser:

1. opens the invitation link, signs in and links the budget to Maya;
2. reads "Your budget" (and again at 320 px);
3. records spending with a PDF receipt, after a first try with mistakes;
4. finds it in the ledger with its receipt, and downloads the receipt;
5. records spending once more without JavaScript.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from bench.demo_site import PYTHON, ROOT, DemoSite
from tests.browser.accounts import sign_in
from tests.browser.test_provider_journey import emails_to, link_in

pytestmark = pytest.mark.browser

FAMILY = "family@northbridge.example"
SITE_TIME_ZONE = ZoneInfo("Europe/London")
# The smallest PDF a reader opens: a catalogue, no pages needed for the type check.
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

# Run in the demo site's own process (its settings, its database): prints the budget's
# reference. The period started 100 days ago, so some payments are in already.
_SET_UP_BUDGET = """
import datetime as dt
from decimal import Decimal
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Site
from pricing.budgets.services import (
    LineInput, OutcomeInput, invite, record_payments_due, record_spending, set_up_budget,
)
from pricing.families.models import Child
from providers.models import Outcome

User = get_user_model()
family = User.objects.get(email="family@northbridge.example")
officer = User.objects.get(email="finance@northbridge.example")
child = Child.objects.filter(family=family).order_by("pk").first()
today = timezone.localdate()
starts = today - dt.timedelta(days=100)
budget = set_up_budget(
    council=Site.objects.get(is_default_site=True),
    officer=officer,
    child_name=child.first_name,
    child_date_of_birth=child.date_of_birth,
    starts_on=starts,
    ends_on=starts + dt.timedelta(days=364),
    outcomes=[
        OutcomeInput(
            description="Make friends outside school",
            area=Outcome.objects.get(slug="friends-relationships-community"),
            key="make-friends",
        )
    ],
    lines=[LineInput(stream="social_care", held_as="direct_payment", amount=Decimal("1300.00"))],
    by=officer,
)
invite(budget=budget, email=family.email, by=officer)
record_payments_due(today)
print(budget.reference, child.first_name)
"""


@dataclass(frozen=True)
class DemoBudget:
    reference: str
    child: str
    invitation_path: str


def set_up_budget(live_site: DemoSite) -> DemoBudget:
    before = len(emails_to(live_site.email_dir, FAMILY))
    result = subprocess.run(
        [str(PYTHON), "manage.py", "shell", "--no-imports", "-c", _SET_UP_BUDGET],
        cwd=ROOT,
        env=live_site.env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    reference, child = result.stdout.split()[-2:]
    invitations = emails_to(live_site.email_dir, FAMILY)[before:]
    assert invitations, "the officer's invitation was not emailed"
    path = link_in(invitations[-1], "/account/budgets/invitation/")
    return DemoBudget(reference=reference, child=child, invitation_path=path)


def record_spending(page: Page, *, payee: str, amount: str, receipt: Path | None) -> None:
    """Fill in "Record spending" for today, for the budget's only outcome."""
    today = dt.datetime.now(SITE_TIME_ZONE).date()  # the site's today, not the machine's
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_label("Who did you pay?").fill(payee)
    page.get_by_label("What was it for?").fill("Climbing session")
    page.get_by_label("How much did you pay?").fill(amount)
    page.get_by_label("Make friends outside school").check()
    page.get_by_label("What kind of spending was it?").select_option(
        label="Short breaks and activities"
    )
    page.get_by_role("group", name="Was this provided in a school or college?").get_by_label(
        "No"
    ).check()
    page.get_by_role("group", name=re.compile("family member who lives with")).get_by_label(
        "No"
    ).check()
    if receipt is not None:
        page.get_by_label("Receipt (optional)").set_input_files(receipt)
    page.get_by_role("button", name="Record spending").click()


def test_a_family_reads_its_budget_and_records_spending_with_a_receipt(
    page: Page,
    narrow_page: Page,
    no_js_page: Page,
    live_site: DemoSite,
    tmp_path: Path,
    check_axe: Callable[..., None],
    check_reflow: Callable[..., None],
) -> None:
    budget = set_up_budget(live_site)
    detail_path = f"/account/budgets/{budget.reference}/"

    # 1. The invitation: sign in first, then say which child it is for.
    sign_in(page, FAMILY, next_path=budget.invitation_path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Which child is this budget for?")
    check_axe(page)
    page.get_by_label(budget.child, exact=True).check()
    page.get_by_role("button", name="Link the budget").click()

    # 2. Your budget, in plain English.
    expect(page).to_have_url(re.compile(re.escape(detail_path) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{budget.child}'s personal budget")
    expect(page.get_by_text(f"You can now see {budget.child}'s personal budget")).to_be_visible()
    expect(page.get_by_role("term").filter(has_text="Free to spend now")).to_be_visible()
    expect(page.get_by_role("heading", name="Next payment")).to_be_visible()
    expect(page.get_by_role("table", name="What each outcome has had")).to_contain_text(
        "Make friends outside school"
    )
    check_axe(page)

    sign_in(narrow_page, FAMILY, next_path=detail_path)
    expect(narrow_page.get_by_role("heading", level=1)).to_have_text(
        f"{budget.child}'s personal budget"
    )
    check_reflow(narrow_page)
    check_axe(narrow_page)

    # 3. Record spending: first with mistakes (the summary says what to fix, what was
    # typed stays, the receipt must be chosen again), then properly.
    receipt = tmp_path / "climbing-receipt.pdf"
    receipt.write_bytes(TINY_PDF)
    page.get_by_role("button", name="Record spending").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record spending")
    check_axe(page)
    record_spending(page, payee="Northbridge Climbing Wall", amount="-12.50", receipt=receipt)
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("link", name="Enter an amount greater than £0")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Error: Record spending"))
    expect(page.get_by_label("Who did you pay?")).to_have_value("Northbridge Climbing Wall")
    expect(page.get_by_text("Select the receipt again")).to_be_visible()
    check_axe(page)
    summary.get_by_role("link", name="Enter an amount greater than £0").click()
    expect(page.get_by_label("How much did you pay?")).to_be_focused()

    record_spending(page, payee="Northbridge Climbing Wall", amount="£12.50", receipt=receipt)
    expect(page).to_have_url(re.compile(re.escape(detail_path) + "$"))
    expect(
        page.get_by_text("Spending of £12.50 paid to Northbridge Climbing Wall has been recorded")
    ).to_be_visible()
    check_axe(page)

    # 4. The ledger lists it with its receipt, which downloads as the PDF sent.
    page.get_by_role("link", name="See every payment and spending").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Payments and spending")
    row = page.get_by_role("row").filter(has_text="Northbridge Climbing Wall")
    expect(row).to_contain_text("£12.50")
    receipt_link = row.get_by_role("link", name=re.compile("^Receipt"))
    expect(receipt_link).to_be_visible()
    check_axe(page)
    href = receipt_link.get_attribute("href")
    assert href is not None
    response = page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["cache-control"] == "private, no-store"
    assert response.body() == TINY_PDF

    narrow_page.goto(f"/account/budgets/{budget.reference}/ledger/")
    check_reflow(narrow_page)

    # 5. Without JavaScript the form is the same plain POST.
    sign_in(no_js_page, FAMILY, next_path=f"/account/budgets/{budget.reference}/spending/new/")
    expect(no_js_page.get_by_role("heading", level=1)).to_have_text("Record spending")
    record_spending(no_js_page, payee="Northbridge Swimming Pool", amount="4", receipt=None)
    expect(
        no_js_page.get_by_text("Spending of £4 paid to Northbridge Swimming Pool has been recorded")
    ).to_be_visible()
