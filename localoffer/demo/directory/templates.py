"""What demo services say about themselves, per category, in plain English.

Each sub-category of providers/taxonomy_defaults.py has a file of service templates in
`data/service_templates/<sub-category>.yaml`. A template gives the words (title, summary,
what happens, what a child gains), realistic ages, prices in pounds as families in England
pay them, when it usually runs and who it suits. Pydantic checks every entry when the demo
loads. The generators pick from these with a seeded random.Random, so every demo and
benchmark build is the same.
"""

from decimal import Decimal
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator

from localoffer.demo.directory.organisations import (
    DATA_DIR,
    SUB_CATEGORIES,
    DirectoryDataError,
    validate_entries,
)
from providers.enums import CostUnit
from providers.taxonomy_defaults import CATEGORIES, NEEDS, OUTCOMES

TEMPLATES_DIR = DATA_DIR / "service_templates"
_NEEDS = frozenset(slug for slug, _name, _description in NEEDS)
_OUTCOMES = frozenset(slug for slug, _name, _description in OUTCOMES)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Price(_Strict):
    """A price range for one cost option; the generator picks a value inside it."""

    label: str
    # Kept as written ("7.50"): the generator turns them into Decimal pence-exact amounts.
    low: str
    high: str
    unit: CostUnit

    @field_validator("low", "high")
    @classmethod
    def _amount(cls, value: str) -> str:
        Decimal(value)  # raises on anything that is not a number
        return value


class ServiceTemplate(_Strict):
    title: str
    summary: str
    what_happens: str
    gains: tuple[str, ...]
    # Age ranges in whole years (youngest, oldest); one is chosen.
    ages: tuple[tuple[int, int], ...]
    # Cost options the service may offer; the generator uses one to three of them.
    prices: tuple[Price, ...] = ()
    # How likely the service is free (statutory and most advice services always are).
    free_chance: float = 0.25
    # A key of SCHEDULE_PATTERNS in localoffer/demo/directory/listings.py.
    schedule: str = "weekly_daytime"
    needs: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    delivery: Literal["in_person", "home", "online", "in_person_online", "home_in_person"] = (
        "in_person"
    )
    referral_required: bool = False
    ehc_plan_required: bool = False
    extra_categories: tuple[str, ...] = ()

    @field_validator("needs", "outcomes", "extra_categories")
    @classmethod
    def _known_slugs(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        known = {"needs": _NEEDS, "outcomes": _OUTCOMES}.get(info.field_name or "", SUB_CATEGORIES)
        if unknown := [slug for slug in value if slug not in known]:
            raise ValueError(f"unknown slugs {unknown}")
        return value


def _load() -> dict[str, list[ServiceTemplate]]:
    """Templates per sub-category, in the taxonomy's order (the generators' seeded picks
    walk this order, so it must not depend on the file system)."""
    if stray := {path.stem for path in TEMPLATES_DIR.glob("*.yaml")} - SUB_CATEGORIES:
        raise DirectoryDataError(f"{TEMPLATES_DIR}: files not named after a sub-category {stray}")
    templates = {}
    for _parent, _name, children in CATEGORIES:
        for slug, _child_name in children:
            path = TEMPLATES_DIR / f"{slug}.yaml"
            if path.exists():
                entries = yaml.safe_load(path.read_text("utf-8"))
                templates[slug] = validate_entries(ServiceTemplate, entries, path)
    return templates


TEMPLATES: dict[str, list[ServiceTemplate]] = _load()

# Every template names its own sub-category; these are the top-level parents' slugs.
TOP_LEVEL_OF: dict[str, str] = {
    child_slug: parent_slug
    for parent_slug, _name, children in CATEGORIES
    for child_slug, _child_name in children
}
