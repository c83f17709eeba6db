"""The fictional organisations of the Northbridge demo, and names for generated ones.

The words live in `data/organisations.yaml`; this module checks them with pydantic, so a
typo (an unknown organisation type or category slug, a misspelt field) fails when the demo
loads, naming the file and the entry. Every name is invented. Registered numbers are
generated in the right shape by the listing generator, so none is copied from a register.
"""

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from providers.enums import OrganisationType
from providers.taxonomy_defaults import CATEGORIES

DATA_DIR = Path(__file__).resolve().parent / "data"
SUB_CATEGORIES = frozenset(child for _slug, _name, children in CATEGORIES for child, _ in children)


class DirectoryDataError(ValueError):
    """A demo directory file has an entry its model rejects; says which file and entry."""


class DemoOrganisation(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    organisation_type: OrganisationType
    # Sub-category slugs the organisation's services come from, most important first.
    focus: tuple[str, ...]
    about: str
    verified: bool = True
    # How many services it lists (its first services use `focus` in order).
    services: int = 3

    @field_validator("focus")
    @classmethod
    def _known_categories(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if unknown := [slug for slug in value if slug not in SUB_CATEGORIES]:
            raise ValueError(f"unknown sub-category slugs {unknown}")
        return value


class _GeneratedNames(BaseModel):
    model_config = ConfigDict(extra="forbid")

    places: list[str]
    themes: list[str]
    suffixes: dict[OrganisationType, list[str]]


class _OrganisationsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    provider_admin_organisation: str
    partner_organisation: str
    organisations: list[dict[str, Any]]
    generated_names: _GeneratedNames


def validate_entries(model: type[BaseModel], entries: list[Any], path: Path) -> list[Any]:
    """Each entry as `model`; the first bad one fails with the file, its number and name."""
    checked = []
    for number, entry in enumerate(entries, start=1):
        try:
            checked.append(model.model_validate(entry))
        except ValidationError as error:
            title = entry.get("name") or entry.get("title") if isinstance(entry, dict) else None
            raise DirectoryDataError(f"{path}: entry {number} ({title}): {error}") from error
    return checked


def _load(path: Path = DATA_DIR / "organisations.yaml") -> tuple[list[DemoOrganisation], Any]:
    try:
        data = _OrganisationsFile.model_validate(yaml.safe_load(path.read_text("utf-8")))
    except ValidationError as error:
        raise DirectoryDataError(f"{path}: {error}") from error
    organisations = validate_entries(DemoOrganisation, data.organisations, path)
    names = {organisation.name for organisation in organisations}
    if data.provider_admin_organisation not in names:
        raise DirectoryDataError(f"{path}: provider_admin_organisation is not an organisation")
    if data.partner_organisation not in names - {data.provider_admin_organisation}:
        raise DirectoryDataError(f"{path}: partner_organisation is not another organisation")
    return organisations, data


DEMO_ORGANISATIONS, _data = _load()
# The demo's provider admin runs this organisation (localoffer/demo/users.py).
PROVIDER_ADMIN_ORGANISATION: str = _data.provider_admin_organisation
# The demo's second provider account runs this one (referrals go between the two).
PARTNER_ORGANISATION: str = _data.partner_organisation
# Words for generated organisation names (benchmarks): "Oakfield Play Trust".
NAME_PLACES: list[str] = _data.generated_names.places
NAME_THEMES: list[str] = _data.generated_names.themes
NAME_SUFFIXES: dict[str, list[str]] = {
    str(kind): words for kind, words in _data.generated_names.suffixes.items()
}
