"""A new provider's whole journey, and the moderator's, in Chromium against the demo site.

The in-process version of this journey is tests/journeys/test_provider_journeys.py; here a
person does it in a real browser, with axe (WCAG 2.2 AA) on every page the provider, the
moderator and then a family see on the way:

1. Sam signs up, follows the link in the confirmation email and signs in.
2. Sam registers Bright Sparks Play Group (without JavaScript: the form must not need it).
3. Sam writes a listing in the workspace (Wagtail's editor) and submits it for review in
   the demo's open review round.
4. The demo moderator (two-factor code and all) verifies the organisation, opens the
   queue and the review screen, and asks for a change.
5. Sam reads the comment on the dashboard, edits the listing and submits it again.
6. The moderator approves it; a family finds it in the directory search and opens it.

The provider's dashboard and the moderator's queue and review screens are checked at
320 px too (WCAG 1.4.10 Reflow), on our own content: Wagtail's header, which scrolls in
its own box, is Wagtail's.

Emails are read from the files the demo site writes them to (DemoSite.email_dir), as the
person would read their inbox.
"""

from __future__ import annotations

import datetime as dt
import email
import re
from collections.abc import Callable
from email import policy
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from bench.demo_site import DemoSite
from tests.browser.accounts import sign_in
from tests.browser.conftest import NARROW_VIEWPORT
from tests.browser.settle import settle

pytestmark = pytest.mark.browser

PROVIDER = "sam@brightsparks.example.org"
PASSWORD = "a long journey password 7"
ORGANISATION = "Bright Sparks Play Group"
LISTING = "Saturday sensory play mornings"
MODERATOR = "moderator@northbridge.example"
COMMENT = "Please give the ages of the children in the summary."
WIDE_VIEWPORT = {"width": 1280, "height": 900}

# The filebased email backend writes each message followed by a line of 79 dashes.
_SEPARATOR = b"\n" + b"-" * 79 + b"\n"


def emails_to(folder: Path, address: str) -> list[EmailMessage]:
    """Every email the site has sent to `address`, oldest first."""
    found = []
    for path in sorted(folder.iterdir()):
        for raw in path.read_bytes().split(_SEPARATOR):
            if raw.strip():
                message = email.message_from_bytes(raw.lstrip(), policy=policy.default)
                if message["To"] == address:
                    found.append(message)
    return found


def link_in(message: EmailMessage, path_prefix: str) -> str:
    """The path of the link in an email that starts with `path_prefix`.

    The site writes absolute links from its configured address, not the test server's.
    """
    body = message.get_content()
    match = re.search(rf"https?://[^/\s]+({re.escape(path_prefix)}\S*)", body)
    assert match, f"no link to {path_prefix} in:\n{body}"
    return match.group(1)


def path_of(page: Page) -> str:
    return urlsplit(page.url).path


def type_rich_text(page: Page, label: str, field: str, text: str) -> None:
    """Type into a Draftail editor as a person does: click in it, then type.

    Draftail copies what was typed into the form's hidden input a moment later; the form
    is only sent once that has happened.
    """
    editor = page.get_by_role("textbox", name=re.compile(f"^{re.escape(label)}"))
    editor.click()
    page.keyboard.type(text)
    expect(page.locator(f"#id_{field}")).to_have_value(re.compile(re.escape(text)))


def submit_for_review(page: Page) -> None:
    """The editor's "Submit for review" action, in the menu beside "Save draft"."""
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_url(re.compile(r"/admin/moderation/submit/\d+/$"))


# Anything in our content area that reaches past the right edge, unless it is inside a
# box that scrolls sideways on its own and that box fits (a wide table, say). Wagtail's
# admin clips its main area (overflow-x: hidden), so the document never scrolls sideways:
# what does not fit is simply cut off, which is what this finds.
_CUT_OFF = """([selector, width]) => {
  const areas = Array.from(document.querySelectorAll(selector));
  if (!areas.length) return [`nothing matches ${selector}`];
  const scrolls = el => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
  const problems = [];
  for (const area of areas) {
    for (const el of area.querySelectorAll("*")) {
      const box = el.getBoundingClientRect();
      if (!box.width || (box.right <= width + 0.5 && box.left >= -0.5)) continue;
      let scroller = el.parentElement;
      while (scroller && scroller !== area.parentElement && !scrolls(scroller)) {
        scroller = scroller.parentElement;
      }
      if (scroller && scroller !== area.parentElement
          && scroller.getBoundingClientRect().right <= width + 0.5) continue;
      problems.push(el.outerHTML.slice(0, 160)
        + ` (from ${Math.round(box.left)}px to ${Math.round(box.right)}px)`);
    }
  }
  return problems.slice(0, 5);
}"""


def narrow_copy(page: Page, new_context: Callable[..., BrowserContext]) -> Page:
    """The same page, as the same person, opened on a 320 px wide screen."""
    narrow = new_context(
        viewport=NARROW_VIEWPORT, storage_state=page.context.storage_state()
    ).new_page()
    response = narrow.goto(page.url)
    assert response is not None and response.ok, f"{page.url}: {response}"
    return narrow


def check_admin_reflow(narrow: Page, content: str) -> None:
    """At 320 px wide, nothing in `content` (our part of an admin page) is cut off."""
    try:
        width = NARROW_VIEWPORT["width"]
        assert narrow.viewport_size == NARROW_VIEWPORT
        narrow.locator(content).first.wait_for()
        assert narrow.evaluate("document.documentElement.scrollWidth") <= width
        cut_off = narrow.evaluate(_CUT_OFF, [content, width])
        assert not cut_off, f"{narrow.url} at {width}px: cut off: {cut_off}"
    finally:
        narrow.context.close()


DASHBOARD_PANELS = "#your-organisations-section, #moderation-provider-listings-section"
ADMIN_CONTENT = "main .nice-padding"  # where wagtailadmin/generic/base.html puts our content


def test_a_provider_lists_a_service_and_a_moderator_publishes_it(
    live_site: DemoSite,
    new_context: Callable[..., BrowserContext],
    check_axe: Callable[[Page], None],
    check_reflow: Callable[[Page], None],
) -> None:
    def axe(page: Page) -> None:
        # With the whole page in the window: axe counts a button that Wagtail's sticky
        # header or action bar half covers at the current scroll position as too small,
        # and what they cover depends on where typing left the editor scrolled and on the
        # editor's height as it loads. Scrolling moves the bars off any button, so in a
        # window as tall as the page (and scrolled to the top) nothing is under them. The
        # header moves when the page scrolls, so the wait for animations comes after.
        size = page.viewport_size
        assert size is not None
        height = page.evaluate("document.documentElement.scrollHeight")
        page.set_viewport_size({"width": size["width"], "height": max(height, size["height"])})
        page.evaluate("window.scrollTo({top: 0, behavior: 'instant'})")
        # Nothing focused: the rich text editor's floating controls show only with focus.
        page.evaluate("document.activeElement && document.activeElement.blur()")
        try:
            settle(page)
            check_axe(page)
        finally:
            page.set_viewport_size(size)

    provider = new_context(viewport=WIDE_VIEWPORT).new_page()

    # 1. Sign up, confirm the address from the email, sign in.
    provider.goto("/account/signup/")
    axe(provider)
    provider.get_by_label("Email address").fill(PROVIDER)
    provider.get_by_label("Create a password").fill(PASSWORD)
    provider.get_by_label("Type the password again").fill(PASSWORD)
    provider.get_by_role("button", name="Create account").click()
    expect(provider.get_by_role("heading", level=1)).to_have_text("Check your email")
    axe(provider)

    (confirmation,) = emails_to(live_site.email_dir, PROVIDER)
    provider.goto(link_in(confirmation, "/account/confirm-email/"))
    expect(provider.get_by_role("heading", level=1)).to_have_text("Confirm your email address")
    axe(provider)
    provider.get_by_role("button", name="Confirm email address").click()
    expect(provider.get_by_text(f"You have confirmed {PROVIDER}")).to_be_visible()
    axe(provider)  # the sign-in page, with the message
    sign_in(provider, PROVIDER, PASSWORD)
    expect(provider.get_by_role("heading", level=1)).to_have_text("Your account")
    axe(provider)

    # 2. Register the organisation. Sending the form empty shows what is missing.
    provider.goto("/for-providers/register/")
    expect(provider.get_by_role("heading", level=1)).to_have_text("Register your organisation")
    axe(provider)
    check_reflow(narrow_copy(provider, new_context))
    provider.get_by_role("button", name="Send registration").click()
    summary = provider.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Enter your organisation's name")).to_be_visible()
    axe(provider)

    # The registration is sent from a browser with JavaScript off, signed in as Sam.
    no_js = new_context(
        java_script_enabled=False, storage_state=provider.context.storage_state()
    ).new_page()
    no_js.goto("/for-providers/register/")
    form = no_js.locator("#registration-form")
    form.get_by_label("Organisation name").fill(ORGANISATION)
    form.get_by_label("Registered charity").check()
    form.get_by_label("Charity number").fill("1234567")
    form.get_by_label("What does your organisation do?").fill(
        "Saturday play sessions for autistic children. Parents are welcome to stay."
    )
    form.get_by_label("Address line 1").fill("4 Mill Lane")
    form.get_by_label("Town or city").fill("Northbridge")
    form.get_by_label("Postcode").fill("NB1 4AA")
    contact = form.get_by_role("group", name="How families can contact you")
    contact.get_by_label("Email address for families").fill("hello@brightsparks.example.org")
    contact.get_by_label("Phone number for families").fill("01632 960 555")
    lead = form.get_by_role("group", name="Your safeguarding lead")
    lead.get_by_label("Full name").fill("Priya Shah")
    lead.get_by_label("Role in your organisation").fill("Designated Safeguarding Lead")
    lead.get_by_label("Email address").fill("priya@brightsparks.example.org")
    lead.get_by_label("Phone number").fill("07700 900 123")
    form.get_by_label("Our organisation has public liability insurance").check()
    insurance = form.get_by_role("group", name="When does your insurance end?")
    insurance.get_by_label("Day").fill("31")
    insurance.get_by_label("Month").fill("3")
    insurance.get_by_label("Year").fill(str(dt.date.today().year + 1))
    form.get_by_label("Everyone who works or volunteers with children").check()
    form.get_by_label("Our organisation has a written safeguarding policy").check()
    form.get_by_label("I accept the listing terms").check()
    form.get_by_role("button", name="Send registration").click()
    no_js.wait_for_url(re.compile(r"/for-providers/register/\d+/done/$"))
    expect(no_js.get_by_role("heading", level=1)).to_have_text("Registration sent")
    organisation_id = int(path_of(no_js).split("/")[-3])
    no_js.context.close()

    provider.goto(f"/for-providers/register/{organisation_id}/done/")
    expect(provider.locator("main")).to_contain_text("What happens next")
    axe(provider)
    provider.get_by_role("link", name="Go to your provider workspace").click()
    provider.wait_for_url(re.compile(r"/admin/$"))
    expect(provider.locator("#your-organisations-section")).to_contain_text("Waiting to be checked")
    axe(provider)

    # 3. Write the listing in the workspace and submit it; the demo's review round is open.
    provider.goto(f"/admin/pages/{organisation_id}/")
    expect(provider.locator("h1").first).to_contain_text(ORGANISATION)
    axe(provider)
    provider.goto(f"/admin/pages/add/providers/servicepage/{organisation_id}/")
    provider.get_by_role("textbox", name="Title*").fill(LISTING)
    provider.get_by_role("textbox", name="Summary*").fill(
        "Sensory play on Saturday mornings for autistic children."
    )
    type_rich_text(
        provider, "Description", "description", "A calm, small group with trained play workers."
    )
    type_rich_text(
        provider, "How to use the service", "how_to_access", "Phone us to book a first visit."
    )
    provider.get_by_role("checkbox", name="Short breaks and leisure: Play and youth groups").check()
    provider.get_by_role("textbox", name="Label", exact=True).fill("A session")
    provider.get_by_role("spinbutton", name="Price in pounds").fill("6.50")
    provider.get_by_role("combobox", name="Unit*").select_option(label="session")
    axe(provider)
    submit_for_review(provider)
    expect(provider.locator("main")).to_contain_text("is open. Changes submitted by")
    axe(provider)
    check_admin_reflow(narrow_copy(provider, new_context), ADMIN_CONTENT)
    provider.get_by_label("What have you changed?").fill("Our first listing.")
    provider.get_by_role("button", name="Submit for review").click()
    provider.wait_for_url(re.compile(r"/admin/$"))
    listings = provider.locator("#moderation-provider-listings-section")
    row = listings.locator("tr", has=provider.get_by_role("link", name=LISTING, exact=True))
    expect(row).to_contain_text("Submitted for review", ignore_case=True)
    axe(provider)

    # 4. The moderator verifies the organisation, then asks for a change to the listing.
    moderator = new_context(viewport=WIDE_VIEWPORT).new_page()
    sign_in(moderator, MODERATOR, next_path="/admin/")
    expect(moderator).to_have_url(re.compile(r"/admin/$"))
    axe(moderator)
    moderator.goto("/admin/organisations/verify/")
    axe(moderator)
    check_admin_reflow(narrow_copy(moderator, new_context), ADMIN_CONTENT)
    moderator.locator("main").get_by_role("link", name=ORGANISATION).click()
    moderator.wait_for_url(re.compile(rf"/admin/organisations/verify/{organisation_id}/$"))
    expect(moderator.locator("main")).to_contain_text("Priya Shah")
    axe(moderator)
    check_admin_reflow(narrow_copy(moderator, new_context), ADMIN_CONTENT)
    moderator.get_by_role("button", name=f"Verify {ORGANISATION}").click()
    moderator.wait_for_url(re.compile(r"/admin/organisations/verify/$"))
    expect(moderator.locator(".messages")).to_contain_text(f"{ORGANISATION} is verified")
    axe(moderator)
    assert any(
        "verified" in message["Subject"].lower()
        for message in emails_to(live_site.email_dir, PROVIDER)
    ), "the provider was not told the organisation is verified"

    moderator.goto("/admin/moderation/")
    queue_link = moderator.locator("main table").get_by_role("link", name=LISTING)
    expect(queue_link).to_be_visible()
    axe(moderator)
    check_admin_reflow(narrow_copy(moderator, new_context), ADMIN_CONTENT)
    queue_link.click()
    moderator.wait_for_url(re.compile(r"/admin/moderation/review/\d+/$"))
    review_url = path_of(moderator)
    expect(moderator.locator("main")).to_contain_text("Our first listing.")
    expect(moderator.locator("table.moderation-comparison")).to_contain_text(
        "A calm, small group with trained play workers."
    )
    axe(moderator)
    check_admin_reflow(narrow_copy(moderator, new_context), ADMIN_CONTENT)
    moderator.get_by_label("Comments for the provider").fill(COMMENT)
    moderator.get_by_role("button", name="Request changes").click()
    moderator.wait_for_url(re.compile(r"/admin/moderation/\?cycle=\d+$"))
    expect(moderator.locator(".messages")).to_contain_text("Asked for changes")
    axe(moderator)

    # 5. Sam reads the comment on the dashboard (and in an email), edits and resubmits.
    assert any(
        COMMENT in message.get_content() for message in emails_to(live_site.email_dir, PROVIDER)
    ), "the provider was not emailed the moderator's comment"
    provider.goto("/admin/")
    expect(row).to_contain_text("Changes requested", ignore_case=True)
    expect(row).to_contain_text(COMMENT)
    expect(provider.locator("#your-organisations-section")).not_to_contain_text(
        "Waiting to be checked"
    )
    axe(provider)
    check_admin_reflow(narrow_copy(provider, new_context), DASHBOARD_PANELS)
    row.get_by_role("link", name=re.compile(r"^Edit")).click()
    provider.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    summary_field = provider.get_by_role("textbox", name="Summary*")
    summary_field.fill("Sensory play on Saturday mornings for autistic children aged 2 to 8.")
    expect(provider.get_by_role("textbox", name=re.compile("^Description"))).to_be_visible()
    axe(provider)
    submit_for_review(provider)
    expect(provider.locator("main")).to_contain_text(COMMENT)
    axe(provider)
    provider.get_by_role("button", name="Submit for review").click()
    provider.wait_for_url(re.compile(r"/admin/$"))
    expect(row).to_contain_text("Submitted for review", ignore_case=True)

    # 6. The moderator approves; families find the listing and open it.
    moderator.goto("/admin/moderation/")
    moderator.locator("main table").get_by_role("link", name=LISTING).click()
    moderator.wait_for_url(re.compile(r"/admin/moderation/review/\d+/$"))
    assert path_of(moderator) != review_url, "the resubmission is a new submission"
    expect(moderator.locator("table.moderation-comparison")).to_contain_text("aged 2 to 8.")
    expect(moderator.locator("main")).to_contain_text(COMMENT)  # the earlier decision
    axe(moderator)
    moderator.get_by_role("button", name="Approve and publish").click()
    moderator.wait_for_url(re.compile(r"/admin/moderation/\?cycle=\d+$"))
    expect(moderator.locator(".messages")).to_contain_text(f"Approved and published “{LISTING}”")
    axe(moderator)

    family = new_context(viewport=WIDE_VIEWPORT).new_page()
    family.goto("/services/?q=Saturday+sensory+play")
    result = family.locator("main").get_by_role("link", name=LISTING, exact=True)
    expect(result).to_be_visible()
    axe(family)
    result.click()
    expect(family.get_by_role("heading", level=1)).to_have_text(LISTING)
    expect(family.locator("main")).to_contain_text("aged 2 to 8.")
    expect(family.locator("main")).to_contain_text(f"Run by {ORGANISATION}")
    axe(family)
    check_reflow(narrow_copy(family, new_context))

    # Without JavaScript the search and the listing work the same.
    plain = new_context(java_script_enabled=False).new_page()
    plain.goto("/services/")
    plain.locator("#search-form").get_by_label("What are you looking for?").fill(LISTING)
    plain.locator("#search-form").get_by_role("button", name="Search").click()
    plain.locator("main").get_by_role("link", name=LISTING, exact=True).click()
    expect(plain.get_by_role("heading", level=1)).to_have_text(LISTING)
    expect(plain.locator("main")).to_contain_text("Phone us to book a first visit.")
