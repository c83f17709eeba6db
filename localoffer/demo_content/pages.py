"""Demo content for the Northbridge SEND Local Offer.

A pure-data module: no Django or Wagtail imports. It exposes

- ``SECTIONS``: the eleven statutory Local Offer sections, each with its pages;
- ``HOME``: the home page title, intro and body;
- ``FOOTER_PAGES``: accessibility statement, privacy, contact and cookies pages;
- ``YOU_SAID_WE_DID``: anonymised example feedback with the council's responses.

Every page body is a list of ``{"type": ..., "value": ...}`` StreamField block dicts
(see ``blocks.py``). Northbridge Borough Council, its services, people, phone numbers
(Ofcom's 01632 960xxx drama range), email addresses and street addresses are fictional.
"""

from . import (
    pages_adulthood,
    pages_childcare,
    pages_complaints,
    pages_education,
    pages_ehc,
    pages_health,
    pages_information,
    pages_leisure,
    pages_personal_budgets,
    pages_social_care,
    pages_travel,
)
from .blocks import clean
from .pages_site import FOOTER_PAGES, HOME
from .you_said_we_did import YOU_SAID_WE_DID


def _section(module):
    section = dict(module.SECTION)
    section["intro"] = clean(section["intro"])
    return section


SECTIONS = [
    _section(pages_education),
    _section(pages_ehc),
    _section(pages_health),
    _section(pages_social_care),
    _section(pages_adulthood),
    _section(pages_travel),
    _section(pages_childcare),
    _section(pages_leisure),
    _section(pages_information),
    _section(pages_personal_budgets),
    _section(pages_complaints),
]

__all__ = ["FOOTER_PAGES", "HOME", "SECTIONS", "YOU_SAID_WE_DID"]
