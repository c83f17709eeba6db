"""An HTTP node that sends plain JSON media types instead of the versioned ones.

The Elasticsearch 9 client asks for `application/vnd.elasticsearch+json;
compatible-with=9` on every request (and `...+x-ndjson` for bulk bodies), so that a
newer server answers in the 9.x format. Elasticsearch itself accepts both forms, but
servers that speak the same REST API without Elasticsearch's versioning (OpenSearch and
the in-memory OpenSearch-compatible server the test suite runs) answer 406 to the
versioned ones. The client rewrites the headers after every hook a caller can reach, so
the only place left to undo it is the transport node that writes the request.

Chosen by `ELASTICSEARCH_COMPAT_HEADERS = False` (docs/search-elasticsearch.md).
"""

from __future__ import annotations

import re
from typing import Any

from elastic_transport import HttpHeaders, Urllib3HttpNode

_VERSIONED = re.compile(r"application/vnd\.elasticsearch\+([\w.-]+)(\s*;\s*compatible-with=\d+)?")

MEDIA_TYPE_HEADERS = ("accept", "content-type")


def plain_media_type(value: str) -> str:
    """`application/vnd.elasticsearch+json; compatible-with=9` -> `application/json`."""
    return _VERSIONED.sub(r"application/\g<1>", value)


def plain_headers(headers: HttpHeaders | None) -> HttpHeaders | None:
    """A copy of the request headers with the media types made plain (others untouched)."""
    if headers is None:
        return None
    plain = HttpHeaders()
    for name, value in headers.items():
        plain[name] = plain_media_type(value) if name.lower() in MEDIA_TYPE_HEADERS else value
    return plain


class PlainJsonNode(Urllib3HttpNode):
    """The client's default urllib3 node, sending `application/json` and
    `application/x-ndjson` rather than Elasticsearch's versioned media types."""

    def perform_request(  # type: ignore[override]
        self, method: str, target: str, body: bytes | None = None, headers: Any = None, **kwargs
    ) -> Any:
        return super().perform_request(method, target, body, plain_headers(headers), **kwargs)
