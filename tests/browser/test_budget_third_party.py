"""The third party's pages in Chromium on the demo site, with axe (WCAG 2.2 AA) at desktop
width and at 320 px (WCAG 1.4.10 Reflow), and without JavaScript.

The demo's third party (thirdparty@northbridge.example, Northbridge Independent Living
Trust) holds Tobi's social care money and has a Saturday booking waiting for its
decision. A second budget it is invited to hold is set up in the site's own process (as
the officer would, with the services); the third party:

1. opens the emailed link, signs in and accepts with one button;
2. reads the budgets it holds money for, and one budget's part (and again at 320 px);
3. tries to refuse Tobi's waiting booking without a reason (the error summary names the
   problem and links to the box), then approves it without JavaScript;
4. downloads the invoice made out to it.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from bench.demo_site import PYTHON, ROOT, DemoSite
from tests.browser.accounts import sign_in
from tests.browser.test_provider_journey import emails_to, link_in

pytestmark = pytest.mark.browser

THIRD_PARTY = "thirdparty@northbridge.example"

# Run in the demo site's own process: a second budget for Tobi, part of it held by the
# trust, which the officer invites. Prints the budget's reference.
_INVITE = """
import datetime as dt
from decimal import Decimal
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Site
from pricing.budgets.services import (
    LineInput, OutcomeInput, invite_third_party, record_payments_due, set_up_budget,
)
from pricing.families.models import Child
from providers.models import Outcome

User = get_user_model()
officer = User.objects.get(email="finance@northbridge.example")
ruth = User.objects.get(email="family2@northbridge.example")
child = Child.objects.filter(family=ruth).order_by("pk").first()
starts = timezone.localdate() - dt.timedelta(days=60)
budget = set_up_budget(
    council=Site.objects.get(is_default_site=True),
    officer=officer,
    child_name=child.first_name,
    child_date_of_birth=child.date_of_birth,
    starts_on=starts,
    ends_on=starts + dt.timedelta(days=364),
    outcomes=[
        OutcomeInput(
            description="Try new activities at weekends",
            area=Outcome.objects.get(slug="friends-relationships-community"),
            key="weekends",
        )
    ],
    lines=[LineInput(stream="health", held_as="third_party", amount=Decimal("1040.00"))],
    by=officer,
    third_party_name="Northbridge Independent Living Trust",
)
budget.child = child
budget.save(update_fields=["child"])
invite_third_party(
    budget=budget, name=budget.third_party_name, email="thirdparty@northbridge.example",
    by=officer,
)
record_payments_due(timezone.localdate())
print(budget.reference)
"""


def invite(live_site: DemoSite) -> tuple[str, str]:
    before = len(emails_to(live_site.email_dir, THIRD_PARTY))
    result = subprocess.run(
        [str(PYTHON), "manage.py", "shell", "--no-imports", "-c", _INVITE],
        cwd=ROOT,
        env=live_site.env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    reference = result.stdout.split()[-1]
    invitations = emails_to(live_site.email_dir, THIRD_PARTY)[before:]
    assert invitations, "the officer's invitation was not emailed"
    return reference, link_in(invitations[-1], "/account/third-party/invitation/")


def test_a_third_party_accepts_reads_its_part_and_decides(
    page: Page,
    narrow_page: Page,
    no_js_page: Page,
    live_site: DemoSite,
    check_axe: Callable[..., None],
    check_reflow: Callable[..., None],
) -> None:
    reference, invitation_path = invite(live_site)

    # 1. The invitation: sign in first, then one button.
    sign_in(page, THIRD_PARTY, next_path=invitation_path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Hold part of Tobi's personal budget")
    check_axe(page)
    page.get_by_role("button", name="Accept").click()
    expect(page).to_have_url(re.compile(re.escape(f"/account/third-party/{reference}/") + "$"))
    expect(page.get_by_text("You can now decide on bookings paid from the part")).to_be_visible()
    check_axe(page)

    # 2. The budgets it holds money for: the demo's, with a booking waiting, and the new one.
    page.goto("/account/third-party/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Budgets you hold money for")
    rows = page.get_by_role("row").filter(has_text="Northbridge Borough Council")
    expect(rows).to_have_count(2)
    waiting = rows.filter(has_text="1 booking")
    expect(waiting).to_have_count(1)
    check_axe(page)
    sign_in(narrow_page, THIRD_PARTY, next_path="/account/third-party/")
    check_reflow(narrow_page)
    check_axe(narrow_page)

    waiting.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tobi's personal budget")
    expect(page.get_by_role("term").filter(has_text="Available")).to_be_visible()
    check_axe(page)
    narrow_page.goto(page.url)
    check_reflow(narrow_page)
    check_axe(narrow_page)
    detail_url = page.url

    # 3. Refusing needs a reason: the summary says so and leads to the box.
    page.get_by_role("link", name=re.compile("^Approve or refuse booking")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Approve or refuse a booking")
    check_axe(page)
    decide_url = page.url
    page.get_by_label("No, refuse it: the booking is cancelled").check()
    page.get_by_role("button", name="Save the decision").click()
    summary = page.locator(".govuk-error-summary")
    link = summary.get_by_role("link", name="Give a reason: the family will read it")
    expect(link).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Error: Approve or refuse a booking"))
    check_axe(page)
    link.click()
    expect(page.get_by_label("Reason")).to_be_focused()
    narrow_page.goto(decide_url)
    check_reflow(narrow_page)

    # Without JavaScript the decision is the same plain POST.
    sign_in(no_js_page, THIRD_PARTY, next_path=decide_url.removeprefix(live_site.base_url))
    no_js_page.get_by_label("Yes, approve it").check()
    no_js_page.get_by_label("Reason").fill("Agreed with Tobi's mum at our review")
    no_js_page.get_by_role("button", name="Save the decision").click()
    expect(no_js_page.get_by_text(re.compile(r"approved\. The family is told\."))).to_be_visible()

    # 4. The invoices made out to it download as PDFs.
    page.goto(detail_url)
    expect(page.get_by_text("No booking is waiting for your decision.")).to_be_visible()
    download = page.get_by_role("link", name=re.compile(r"^Download invoice")).first
    href = download.get_attribute("href")
    assert href is not None
    response = page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    check_axe(page)
