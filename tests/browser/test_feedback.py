"""The feedback form at the bottom of every page, with and without JavaScript.

Councils must publish comments about their Local Offer (SEND Regulations 2014, reg. 56),
so the form must work for everyone: the GOV.UK error summary when something is missing,
what was typed kept after an error, and a plain POST that needs no JavaScript.
"""

import re
import time
import uuid
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

# The form drops, silently, anything sent sooner than this after it was rendered
# (FEEDBACK_MIN_SECONDS, default 3): a person needs longer to read and write. The drop
# comes before validation, so every test waits this long before sending, as a person would.
SPAM_TIMER_SECONDS = 3
TOO_LONG = 2001  # the comment limit is 2,000 characters


def open_form(page: Page, path: str) -> tuple[Locator, float]:
    """Open a page and return its feedback form and when it was rendered."""
    response = page.goto(path)
    assert response is not None and response.ok
    rendered_at = time.monotonic()
    form = page.locator("#feedback form")
    expect(form).to_be_visible()
    return form, rendered_at


def send(form: Locator, rendered_at: float) -> None:
    """Press Send once the spam timer has run out (the server counts whole seconds)."""
    remaining = SPAM_TIMER_SECONDS + 0.2 - (time.monotonic() - rendered_at)
    if remaining > 0:
        time.sleep(remaining)
    form.get_by_role("button", name="Send feedback").click()


def unique_comment(words: str) -> str:
    return f"{words} (browser test {uuid.uuid4().hex[:8]})"


def error_summary(page: Page) -> Locator:
    return page.locator(".govuk-error-summary")


class TestWithJavaScript:
    def test_an_empty_comment_shows_the_error_summary(
        self, page: Page, check_axe: Callable[[Page], None]
    ) -> None:
        form, rendered_at = open_form(page, "/")
        send(form, rendered_at)

        summary = error_summary(page)
        expect(summary).to_be_visible()
        expect(summary).to_contain_text("There is a problem")
        # GOV.UK Frontend moves focus to the summary so screen readers announce it.
        expect(summary).to_be_focused()
        expect(page).to_have_title(re.compile(r"^Error: "))
        link = summary.get_by_role("link", name="Enter your comment")
        expect(link).to_have_attribute("href", "#feedback-comment")
        expect(page.locator("#feedback-comment-error")).to_contain_text("Enter your comment")

        link.click()
        expect(page.locator("#feedback-comment")).to_be_focused()
        check_axe(page)

    def test_a_comment_is_sent_and_thanked_for(
        self, page: Page, demo_pages, stored_feedback: Callable[[str], str]
    ) -> None:
        comment = unique_comment("The direct payments page answered all my questions.")
        form, rendered_at = open_form(page, demo_pages.information.path)
        form.get_by_label("Your comment", exact=True).fill(comment)
        send(form, rendered_at)

        panel = page.locator(".govuk-panel--confirmation")
        expect(panel).to_be_visible()
        expect(panel.get_by_role("heading", level=1)).to_have_text("Thank you for your feedback")
        back = page.get_by_role("link", name="Go back to the page you were on")
        expect(back).to_have_attribute("href", demo_pages.information.path)
        # Stored for staff, with the section it was about and the page it came from.
        assert stored_feedback(comment) == f"personal-budgets {demo_pages.information.path}"

    def test_an_error_keeps_what_was_typed(self, page: Page) -> None:
        form, rendered_at = open_form(page, "/services/")
        form.get_by_label("What is your comment about?").select_option("travel")
        typed = "x" * TOO_LONG
        form.get_by_label("Your comment", exact=True).fill(typed)
        send(form, rendered_at)

        expect(error_summary(page)).to_contain_text("2,000 characters or fewer")
        expect(page.get_by_label("Your comment", exact=True)).to_have_value(typed)
        expect(page.get_by_label("What is your comment about?")).to_have_value("travel")


class TestWithoutJavaScript:
    def test_an_empty_comment_shows_the_error_summary(self, no_js_page: Page) -> None:
        form, rendered_at = open_form(no_js_page, "/")
        send(form, rendered_at)

        summary = error_summary(no_js_page)
        expect(summary).to_be_visible()
        link = summary.get_by_role("link", name="Enter your comment")
        expect(link).to_have_attribute("href", "#feedback-comment")
        link.click()
        expect(no_js_page).to_have_url(re.compile(r"#feedback-comment$"))
        expect(no_js_page.locator("#feedback-comment")).to_be_in_viewport()

    def test_a_comment_is_sent_and_thanked_for(
        self, no_js_page: Page, stored_feedback: Callable[[str], str]
    ) -> None:
        comment = unique_comment("Please list more holiday clubs for teenagers.")
        form, rendered_at = open_form(no_js_page, "/services/")
        form.get_by_label("Your comment", exact=True).fill(comment)
        send(form, rendered_at)

        expect(no_js_page.locator(".govuk-panel--confirmation")).to_contain_text(
            "Thank you for your feedback"
        )
        assert stored_feedback(comment) == "directory /services/"

    def test_an_error_keeps_what_was_typed(self, no_js_page: Page) -> None:
        form, rendered_at = open_form(no_js_page, "/")
        typed = "y" * TOO_LONG
        form.get_by_label("Your comment", exact=True).fill(typed)
        send(form, rendered_at)

        expect(error_summary(no_js_page)).to_be_visible()
        expect(no_js_page.get_by_label("Your comment", exact=True)).to_have_value(typed)
