"""The demo Local Offer covers what the law requires a Local Offer to publish, correctly formed."""

import json

from localoffer.demo_content.check import Checker
from localoffer.demo_content.pages import FOOTER_PAGES, SECTIONS

# Schedule 2 of the SEND Regulations 2014 and chapter 4 of the SEND Code of Practice.
REQUIRED_SECTIONS = {
    "education",
    "ehc-needs-assessments-and-plans",
    "health",
    "social-care",
    "preparing-for-adulthood",
    "travel",
    "childcare",
    "leisure-and-short-breaks",
    "information-advice-and-support",
    "personal-budgets",
    "complaints-mediation-and-tribunal",
}


def page_text(page: dict) -> str:
    return json.dumps(page["body"]).lower().replace("-", " ")


def test_content_is_well_formed_with_valid_blocks_links_and_fictional_contacts():
    checker = Checker()
    checker.run()
    assert checker.errors == []


def test_every_statutory_topic_has_a_section_with_pages():
    sections = {section["slug"]: section for section in SECTIONS}
    assert set(sections) >= REQUIRED_SECTIONS
    for slug in REQUIRED_SECTIONS:
        assert sections[slug]["pages"], f"{slug} has no pages"


def test_statutory_timescales_are_published():
    ehc = next(s for s in SECTIONS if s["slug"] == "ehc-needs-assessments-and-plans")
    text = " ".join(page_text(page) for page in ehc["pages"])
    for phrase in ("6 weeks", "16 weeks", "20 weeks", "15 days", "annual review"):
        assert phrase in text, phrase


def test_personal_budgets_explain_the_four_ways_and_what_they_cannot_buy():
    budgets = next(s for s in SECTIONS if s["slug"] == "personal-budgets")
    text = " ".join(page_text(page) for page in budgets["pages"])
    for phrase in ("direct payment", "notional", "third party", "combination"):
        assert phrase in text, phrase
    for excluded in ("prescriptions", "vaccinations", "dental", "gp"):
        assert excluded in text, excluded


def test_preparing_for_adulthood_covers_the_four_outcomes():
    adulthood = next(s for s in SECTIONS if s["slug"] == "preparing-for-adulthood")
    text = " ".join(page_text(page) for page in adulthood["pages"]) + " ".join(
        page["title"].lower() for page in adulthood["pages"]
    )
    for outcome in ("employment", "independent living", "friends", "good health"):
        assert outcome in text, outcome


def test_footer_pages_include_accessibility_privacy_contact_and_cookies():
    assert {page["slug"] for page in FOOTER_PAGES} >= {
        "accessibility-statement",
        "privacy",
        "contact",
        "cookies",
    }


def test_local_offer_in_other_formats_is_explained():
    advice = next(s for s in SECTIONS if s["slug"] == "information-advice-and-support")
    text = " ".join(page_text(page) for page in advice["pages"])
    for phrase in ("large print", "easy read", "phone"):
        assert phrase in text, phrase
