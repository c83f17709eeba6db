"""A published service as an Elasticsearch document.

What a service means to search (after school, weekends, holidays, free, the lowest
price, category slugs with their parents, coordinates from the gazetteer...) is worked
out once, for every backend, by search/indexing.py from the live page and its rows: a
draft never reaches any index. This module only lays a `ServiceDocument` out as the JSON
the mapping in mapping.py expects, as a pure function.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from search.indexing import ServiceDocument, documents_for


def _money(value: Decimal | None) -> float | None:
    # Prices are two-decimal Decimals. A JSON number and the query bound parsed from the
    # same price are the same double, so "up to £12.50" compares exactly (mapping.py).
    return float(value) if value is not None else None


def es_document(document: ServiceDocument) -> dict[str, Any]:
    """The `_source` of one service in the index (its `_id` is the service id)."""
    return {
        "service_id": document.service_id,
        "title": document.title,
        "summary": document.summary,
        "body": document.body,
        "organisation_name": document.organisation_name,
        "organisation_id": document.organisation_id,
        "url_path": document.url_path,
        "categories": sorted(set(document.category_slugs)),
        "needs": sorted(set(document.need_slugs)),
        "accessibility": sorted(set(document.accessibility_slugs)),
        "delivery": document.delivery,
        "times": document.times,
        "min_age_months": document.min_age_months,
        "max_age_months": document.max_age_months,
        "locations": [
            {"lat": latitude, "lon": longitude} for latitude, longitude in document.locations
        ],
        "cost_options": [
            {
                "amount": None if is_free else _money(amount),
                "is_free": bool(is_free),
                "unit": unit,
                "direct_payment": bool(direct_payment),
            }
            for amount, is_free, unit, direct_payment in document.cost_options
        ],
        # 0 when an option is free, so sorting by price puts free services first.
        "min_price": _money(document.min_price),
        "last_reviewed": document.last_reviewed.isoformat() if document.last_reviewed else None,
        "modified": document.modified.isoformat(),
    }


def load_documents(service_ids: Iterable[int]) -> tuple[list[dict[str, Any]], set[int]]:
    """Index documents for the live, public services among these ids, and the ids of
    those that are not (to delete from the index)."""
    documents, gone = documents_for(service_ids)
    return [es_document(document) for document in documents], gone
