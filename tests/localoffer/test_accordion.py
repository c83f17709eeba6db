"""The accordion's section buttons say their visible label in their accessible name.

GOV.UK Frontend's script turns each section header into a button: it moves the heading's
and summary's child nodes into it, adds a "Show" label, and names it with `aria-label`
"heading , summary , Show this section". axe's label-content-name-mismatch rule (WCAG 2.5.3
Label in Name) reads the visible label by joining the button's text nodes with nothing
between them, so the header markup must carry the whitespace GOV.UK's own template has.
This runs the same construction on the rendered HTML, without a browser.
"""

import re
import unicodedata

from bs4 import BeautifulSoup, NavigableString, Tag

from localoffer.blocks import AccordionBlock

ITEMS = [
    {"heading": "Portage", "summary": "Home visits (under 3s)", "content": "<p>Play.</p>"},
    {"heading": "Area SENCOs", "summary": "", "content": "<p>Advice.</p>"},
]


def render(heading: str = "Extra help") -> BeautifulSoup:
    block = AccordionBlock()
    value = block.to_python({"heading": heading, "items": ITEMS})
    return BeautifulSoup(block.render(value, context={"block_id": "abc"}), "html.parser")


def _text_nodes(element: Tag) -> str:
    """A node's text as axe's visibleVirtual reads it: text nodes joined with nothing."""
    return "".join(str(node) for node in element.descendants if isinstance(node, NavigableString))


def button_as_built(section: Tag) -> tuple[str, str]:
    """(visible label, accessible name) of the button GOV.UK Frontend's script builds.

    accordion.mjs constructHeaderMarkup: heading nodes, a visually hidden ", ", the summary
    nodes, another hidden ", ", then the "Show" toggle; setExpanded names it with the
    trimmed heading and summary texts and "Show this section", joined by " , ".
    """
    heading = section.select_one(".govuk-accordion__section-button")
    summary = section.select_one(".govuk-accordion__section-summary")
    visible = _text_nodes(heading) + (_text_nodes(summary) if summary else "") + "Show"
    parts = [heading.get_text().strip()]
    if summary:
        parts.append(summary.get_text().strip())
    return visible, " , ".join([*parts, "Show this section"])


def _words(text: str) -> list[str]:
    # axe's curateTokens: NFKD, no parentheticals, letters and numbers only, lower case.
    text = unicodedata.normalize("NFKD", text).lower()
    text = re.sub(r"\([^()]*\)", " ", text)
    return re.sub(r"[^\w]+|_", " ", text).split()


def label_in_name(visible: str, name: str) -> bool:
    label, named = _words(visible), _words(name)
    return any(named[i : i + len(label)] == label for i in range(len(named) - len(label) + 1))


def test_every_section_button_says_its_heading_and_summary_in_its_name():
    sections = render().select(".govuk-accordion__section")
    assert len(sections) == 2

    for section, item in zip(sections, ITEMS, strict=True):
        visible, name = button_as_built(section)
        assert label_in_name(visible, name), (visible, name)
        assert item["heading"] in name
        if item["summary"]:
            assert item["summary"] in name
            assert _words(item["summary"])[0] in _words(visible)


def test_joined_text_without_whitespace_would_not_be_in_the_name():
    # What the rule caught: "Portage" + "Show" read as one word.
    assert not label_in_name("PortageShow", "Portage , Show this section")
    assert label_in_name(" Portage  Home visits Show", "Portage , Home visits , Show this section")


def test_gov_uk_frontend_markup_with_the_summary_in_the_header():
    page = render()
    first = page.select_one(".govuk-accordion__section")
    header = first.select_one(".govuk-accordion__section-header")
    assert header.select_one("h3.govuk-accordion__section-heading")
    button = header.select_one("span.govuk-accordion__section-button")
    assert button["id"] == "accordion-abc-heading-1"
    summary = header.select_one("div.govuk-accordion__section-summary.govuk-body")
    assert summary["id"] == "accordion-abc-summary-1"
    content = first.select_one(".govuk-accordion__section-content")
    assert content["id"] == "accordion-abc-content-1"
    # A section without a summary line has no empty summary element.
    second = page.select(".govuk-accordion__section")[1]
    assert not second.select(".govuk-accordion__section-summary")
    # Without its own heading the accordion's sections are h2s.
    assert render(heading="").select("h2.govuk-accordion__section-heading")
