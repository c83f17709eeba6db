"""Finding links and buttons as a person reads them (visually hidden words included)."""

from __future__ import annotations

from tests.html import text_of


def link(page, starts: str):
    """The first link whose words begin with `starts`, or None."""
    return next((a for a in page.find_all("a") if text_of(a).startswith(starts)), None)


def button(page, text: str):
    return next((b for b in page.find_all("button") if text_of(b) == text), None)
