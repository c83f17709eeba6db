"""`/services?minimal=true`: every matching service's `id` and `modified_date`, in one call.

The standard's `minimal` parameter says: "Return array of just service 'id' and
'modified_date'. When using this parameter aim to return all services within one call."
So the answer is a plain JSON array of `{"id": ..., "modified_date": ...}`, not the page
envelope, and `page` and `per_page` are ignored. A consumer keeping a copy of the
directory calls it to learn which services are new, changed (compare the dates) or gone
(missing ids), then fetches only those from /services/{id}.

Bounded whatever the directory: the rows are read first in one query of two columns (a
failure is then an error answer, never a cut-off array; the query count does not grow
with the services) and the JSON is streamed in batches, so the server never holds the
whole text (about 90 bytes a service: 4.6 MB and 2.5 s at 50,000, bench/README.md). With
`search` the matches are the best `MAX_KEYWORD_MATCHES` in relevance order, read from
the search backend 100 at a time, as whenever keywords meet the API's other filters.
Beyond `ORUK_MINIMAL_LIMIT` services (default 100,000, far past any council's directory)
the request is refused with a 400 asking for a narrower one (`modified_after`), rather
than answering a list cut short without saying so.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence

from django.conf import settings
from django.db.models.functions import Coalesce, Lower
from django.http import StreamingHttpResponse

from search.api.params import ApiError
from search.api.selectors import (
    ServiceFilters,
    filter_services,
    published_services,
    ranked_service_ids,
)
from search.api.serializers import minimal_service

DEFAULT_MINIMAL_LIMIT = 100_000
STREAM_BATCH = 1000


def limit() -> int:
    return int(getattr(settings, "ORUK_MINIMAL_LIMIT", DEFAULT_MINIMAL_LIMIT))


def modified_rows(filters: ServiceFilters) -> list[tuple[int, dt.datetime | None]]:
    """(primary key, when it last changed) of every published service matching the
    filters, in the order of /services: relevance with keywords, else by name."""
    services = published_services().annotate(
        # The `last_modified` of a service (search.api.serializers.service).
        changed=Coalesce("last_published_at", "latest_revision_created_at", "first_published_at")
    )
    if filters.text:
        ranked = ranked_service_ids(filters)
        changed = dict(services.filter(pk__in=ranked).values_list("pk", "changed"))
        return [(pk, changed[pk]) for pk in ranked if pk in changed]
    ordered = filter_services(services, filters).order_by(Lower("title"), "pk")
    most = limit()
    rows = list(ordered.values_list("pk", "changed")[: most + 1])
    if len(rows) > most:
        raise ApiError(
            f"minimal answers at most {most} services in one call and more match: "
            "narrow the request, for example with modified_after"
        )
    return rows


def minimal_response(filters: ServiceFilters) -> StreamingHttpResponse:
    rows = modified_rows(filters)
    response = StreamingHttpResponse(_array(rows), content_type="application/json")
    response["X-Total-Count"] = str(len(rows))
    return response


def _array(rows: Sequence[tuple[int, dt.datetime | None]]) -> Iterator[str]:
    """The rows as one JSON array, a batch of items at a time."""
    yield "["
    for start in range(0, len(rows), STREAM_BATCH):
        items = (minimal_service(pk, changed) for pk, changed in rows[start : start + STREAM_BATCH])
        yield ("," if start else "") + ",".join(json.dumps(item) for item in items)
    yield "]"
