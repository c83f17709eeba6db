"""The query parameters of our OpenAPI description of the Open Referral UK API (openapi.py).

Each says what this server does with it, and its schema gives the limits the API checks
(search.api.params), so that generated requests (tests/search/test_oruk_schemathesis.py)
try values either side of them.
"""

from __future__ import annotations

from search.api import minimal
from search.api.params import MAX_AGE_YEARS, MAX_PAGE, MAX_SEARCH_LENGTH, TIME_RE
from search.api.selectors import MAX_KEYWORD_MATCHES
from search.backends.base import MAX_PER_PAGE

TIME_PATTERN = TIME_RE.pattern

SERVICE_FILTERS = [
    "search",
    "page",
    "per_page",
    "taxonomy_term_id",
    "taxonomy_id",
    "organization_id",
    "minimum_age",
    "maximum_age",
    "day",
    "start_time",
    "end_time",
    "modified_after",
    "full",
]


def query_parameters() -> dict:
    """The query parameters, by name (components/parameters of the description)."""

    def query(name: str, description: str, schema: dict) -> dict:
        return {
            "name": name,
            "in": "query",
            "required": False,
            "description": description,
            "schema": schema,
        }

    return {
        "search": query(
            "search",
            "Keywords, matched as on the directory's search page: English stemming, SEND "
            "synonyms (ASD finds autism) and small typos.",
            {"type": "string", "maxLength": MAX_SEARCH_LENGTH},
        ),
        "page": query(
            "page",
            "Page number, from 1. A page past the last is an empty page.",
            {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
        ),
        "per_page": query(
            "per_page",
            "Number of results in a page.",
            {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": 20},
        ),
        "taxonomy_term_id": query(
            "taxonomy_term_id",
            "Services filed under this taxonomy term. A top-level category includes its "
            "sub-categories.",
            {"type": "string", "format": "uuid"},
        ),
        "taxonomy_id": query(
            "taxonomy_id",
            "Services with any term of this taxonomy.",
            {"type": "string", "format": "uuid"},
        ),
        "organization_id": query(
            "organization_id",
            "Services of this organization.",
            {"type": "string", "format": "uuid"},
        ),
        "minimum_age": query(
            "minimum_age",
            "In whole years. With maximum_age, services whose age range overlaps "
            "[minimum_age, maximum_age] (a maximum of N years includes a child until their "
            "next birthday).",
            {"type": "integer", "minimum": 0, "maximum": MAX_AGE_YEARS},
        ),
        "maximum_age": query(
            "maximum_age",
            "In whole years; see minimum_age.",
            {"type": "integer", "minimum": 0, "maximum": MAX_AGE_YEARS},
        ),
        "day": query(
            "day",
            "Services with a session on this day: MO, TU, WE, TH, FR, SA or SU (or the "
            "day's English name). A one-off session counts on its date's weekday.",
            {"type": "string", "enum": ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]},
        ),
        "start_time": query(
            "start_time",
            "Services with a session starting at or after this time (HH:MM, UK local "
            "time). Combined with day and end_time, one session must meet all three.",
            {"type": "string", "pattern": TIME_PATTERN},
        ),
        "end_time": query(
            "end_time",
            "Services with a session ending at or before this time (HH:MM, UK local time).",
            {"type": "string", "pattern": TIME_PATTERN},
        ),
        "modified_after": query(
            "modified_after",
            "Services published on or after this ISO 8601 date or date-time (UK local "
            "time when no offset is given).",
            {"type": "string", "format": "date-time"},
        ),
        "full": query(
            "full",
            "true: each item is fully nested (schedules, locations, costs, contacts, "
            "languages, attributes), as the item endpoints return.",
            {"type": "boolean", "default": False},
        ),
        "postcode": query(
            "postcode",
            "A full postcode or a postcode district (NB1 4AA or NB1): results are ordered "
            "nearest first. A location is placed by its own coordinates, else its "
            "postcode's.",
            {"type": "string"},
        ),
        "proximity": query(
            "proximity",
            "With postcode: only locations within this many metres of the postcode's centroid.",
            {"type": "number", "minimum": 0, "exclusiveMinimum": True},
        ),
        "minimal": query(
            "minimal",
            "true: a plain array of every matching service's id and modified_date (its "
            "last_modified), in one call without pages, as the profile describes; page and "
            f"per_page are ignored. With search, at most the best {MAX_KEYWORD_MATCHES:,} "
            f"matches. Refused (400) with full, and when more than {minimal.limit():,} "
            "services match: narrow it with modified_after.",
            {"type": "boolean", "default": False},
        ),
        "full_service": query(
            "full_service",
            "true: each organization in full, with its published services fully nested. "
            "Otherwise a list holds the one-to-one fields only, and one organization nests "
            "its services with their one-to-one fields.",
            {"type": "boolean", "default": False},
        ),
        "format": query(
            "format",
            "json (the default): one page. ndjson: every matching item, one JSON object a "
            "line (application/x-ndjson), streamed without pages; page and per_page are "
            "ignored and X-Total-Count says how many.",
            {"type": "string", "enum": ["json", "ndjson"], "default": "json"},
        ),
    }
