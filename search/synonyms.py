"""SEND synonyms: the words families, schools and the NHS use for the same thing.

A family types "ASD", a provider wrote "autism"; a school report says "SALT", a listing says
"speech and language therapy". Each group below is a set of equivalent terms: searching for
any one of them finds services that use any other. Staff edit the groups in the admin
(Snippets → Synonyms); these are the defaults a new install starts with (installed by
migration search/0002_default_synonyms and by `install_default_synonyms()`).

Backends read the groups through `synonym_groups()`, which caches them (the table is read
on every search, and changes a few times a year); saving or deleting a `Synonym` clears
the cache (search/signal_handlers.py). The cache is Django's cache, so with a shared cache
(Redis, Memcached) every web process sees an edit at once; with the default local-memory
cache other processes see it within `CACHE_SECONDS`.
"""

from __future__ import annotations

from django.core.cache import cache

from search.models import Synonym

CACHE_KEY = "search:synonym-groups:v1"
CACHE_SECONDS = 300

# Terms are matched without regard to case, as whole words or whole phrases.
DEFAULT_SYNONYMS: tuple[str, ...] = (
    "autism, autistic, ASD, ASC, autistic spectrum disorder, autistic spectrum condition, "
    "autism spectrum disorder, autism spectrum condition",
    "speech and language therapy, speech and language therapist, speech therapy, SALT, SLT",
    "speech language and communication needs, SLCN",
    "social emotional and mental health, SEMH",
    "personal assistant, PA",
    "occupational therapy, occupational therapist, OT",
    "physiotherapy, physiotherapist, physio",
    "respite, short breaks, short break",
    "ADHD, ADD, attention deficit, attention deficit hyperactivity disorder",
    "hearing impairment, hearing impaired, deaf, HI",
    "visual impairment, visually impaired, blind, VI",
    "learning disability, learning disabilities, PMLD, SLD, MLD",
    "EHCP, EHC plan, education health and care plan",
    "SENCO, SENCo, special educational needs coordinator",
    "CAMHS, child and adolescent mental health services, mental health",
    "direct payment, direct payments, DP",
    "SEND, special educational needs and disabilities, special educational needs",
    "SEN support, special educational needs support",
    "SENDIASS, SEND information advice and support service, IASS",
    "DCD, dyspraxia, developmental coordination disorder",
    "DLD, developmental language disorder",
    "SpLD, specific learning difficulty, specific learning difficulties",
    "MSI, multi-sensory impairment, multisensory impairment, deafblind",
    "PD, physical disability, physical disabilities",
    "BSL, British Sign Language, sign language",
    "wheelchair, wheelchair user, wheelchair accessible",
    "after school club, after-school club, after school clubs",
    "holiday club, holiday scheme, holiday playscheme, playscheme",
)


def install_default_synonyms(model=None) -> int:
    """Add any default group that is not there yet; returns how many were added.

    `model` lets the data migration pass its historical model. A group staff have edited
    (so its text differs) is left alone: this only ever adds.
    """
    if model is None:
        from search.models import Synonym as model  # noqa: N813 - same name as the argument
    existing = set(model.objects.values_list("terms", flat=True))
    new = [model(terms=terms) for terms in DEFAULT_SYNONYMS if terms not in existing]
    model.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def split_terms(terms: str) -> list[str]:
    """'autism, ASD ,, ASC' → ['autism', 'asd', 'asc'] (lower case, no blanks, no repeats)."""
    seen: list[str] = []
    for term in terms.split(","):
        cleaned = " ".join(term.lower().split())
        if cleaned and cleaned not in seen:
            seen.append(cleaned)
    return seen


def synonym_groups() -> list[tuple[str, ...]]:
    """Every group of equivalent terms (lower case), from the cache or the Synonym table."""
    groups = cache.get(CACHE_KEY)
    if groups is None:
        groups = [
            tuple(terms)
            for terms in (
                split_terms(row) for row in Synonym.objects.values_list("terms", flat=True)
            )
            if len(terms) >= 2
        ]
        cache.set(CACHE_KEY, groups, CACHE_SECONDS)
    return groups


def clear_synonym_cache() -> None:
    cache.delete(CACHE_KEY)
