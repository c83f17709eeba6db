"""Our three taxonomies as the standard sees them: categories, needs and outcomes.

Categories are a two-level tree (a sub-category's `parent_id` is its parent's term id);
needs and outcomes are flat lists. Staff edit all three; the ids of terms are derived
from their primary keys (search.api.ids), so renaming a term keeps its id.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from providers.models import Category, Need, Outcome
from search.api.ids import TAXONOMY, canonical, id_map, oruk_id

CATEGORIES = "categories"
NEEDS = "needs"
OUTCOMES = "outcomes"


@dataclass(frozen=True)
class Taxonomy:
    key: str
    name: str
    description: str
    model: type[models.Model]
    link_type: str  # the attribute link_type of services filed under its terms

    @property
    def id(self) -> str:
        return oruk_id(TAXONOMY, self.key)

    def terms(self) -> models.QuerySet:
        return self.model._default_manager.all()


TAXONOMIES: tuple[Taxonomy, ...] = (
    Taxonomy(
        key=CATEGORIES,
        name="Northbridge service categories",
        description=(
            "The kinds of service in the Northbridge SEND Local Offer directory, in two "
            "levels: a top-level category and its sub-categories."
        ),
        model=Category,
        link_type="category",
    ),
    Taxonomy(
        key=NEEDS,
        name="Northbridge SEND needs",
        description=(
            "The special educational needs and disabilities a service has the skills and "
            "experience to support."
        ),
        model=Need,
        link_type="need",
    ),
    Taxonomy(
        key=OUTCOMES,
        name="Northbridge outcomes",
        description=(
            "The outcomes a service helps with: the Preparing for Adulthood outcomes and "
            "the broad areas of need an education, health and care plan is organised by."
        ),
        model=Outcome,
        link_type="outcome",
    ),
)
BY_KEY = {taxonomy.key: taxonomy for taxonomy in TAXONOMIES}
BY_ID = {taxonomy.id: taxonomy for taxonomy in TAXONOMIES}
BY_MODEL = {taxonomy.model: taxonomy for taxonomy in TAXONOMIES}


def taxonomy_for_id(value: str | None) -> Taxonomy | None:
    return BY_ID.get(canonical(value or "") or "")


def term_for_id(value: str | None) -> tuple[Taxonomy, models.Model] | None:
    """The taxonomy and term behind a taxonomy_term id, or None if there is none."""
    if not value:
        return None
    for taxonomy in TAXONOMIES:
        pk = id_map(taxonomy.model._meta.label_lower).resolve(value, taxonomy.terms())
        if pk is not None:
            term = taxonomy.terms().filter(pk=pk).first()
            if term is not None:
                return taxonomy, term
    return None
