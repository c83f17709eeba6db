"""The client option that sends plain JSON media types (ELASTICSEARCH_COMPAT_HEADERS)."""

from __future__ import annotations

import pytest
from elastic_transport import HttpHeaders, Urllib3HttpNode

from search.backends.elasticsearch import ElasticsearchBackend
from search.backends.elasticsearch.backend import flag
from search.backends.elasticsearch.transport import (
    PlainJsonNode,
    plain_headers,
    plain_media_type,
)
from tests.search.conftest import ElasticsearchServer, elasticsearch_leg_missing


@pytest.mark.parametrize(
    ("versioned", "plain"),
    [
        ("application/vnd.elasticsearch+json; compatible-with=9", "application/json"),
        ("application/vnd.elasticsearch+json;compatible-with=8", "application/json"),
        ("application/vnd.elasticsearch+x-ndjson; compatible-with=9", "application/x-ndjson"),
        ("application/json", "application/json"),
        ("text/plain", "text/plain"),
    ],
)
def test_versioned_media_types_become_plain(versioned, plain):
    assert plain_media_type(versioned) == plain


def test_only_the_media_type_headers_change():
    headers = HttpHeaders(
        {
            "Accept": "application/vnd.elasticsearch+json; compatible-with=9",
            "Content-Type": "application/vnd.elasticsearch+x-ndjson; compatible-with=9",
            "Authorization": "ApiKey application/vnd.elasticsearch+json",
        }
    )

    plain = plain_headers(headers)

    assert plain is not None
    assert dict(plain.items()) == {
        "Accept": "application/json",
        "Content-Type": "application/x-ndjson",
        "Authorization": "ApiKey application/vnd.elasticsearch+json",
    }
    assert headers["Accept"].startswith("application/vnd.elasticsearch")  # a copy
    assert plain_headers(None) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [(True, True), (False, False), ("false", False), ("0", False), ("no", False), ("1", True)],
)
def test_the_setting_reads_as_a_flag(value, expected):
    assert flag(value) is expected


@pytest.mark.parametrize(
    ("compat", "node_class"), [(True, Urllib3HttpNode), (False, PlainJsonNode)]
)
def test_the_setting_chooses_the_node(settings, compat, node_class):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_COMPAT_HEADERS = compat

    nodes = ElasticsearchBackend().client.transport.node_pool.all()

    assert [type(node) for node in nodes] == [node_class]


def test_compat_headers_are_on_by_default(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    if hasattr(settings, "ELASTICSEARCH_COMPAT_HEADERS"):
        del settings.ELASTICSEARCH_COMPAT_HEADERS

    assert ElasticsearchBackend().compat_headers is True


@pytest.fixture
def osmem(request) -> ElasticsearchServer:
    if reason := elasticsearch_leg_missing():
        pytest.skip(reason)
    server: ElasticsearchServer = request.getfixturevalue("elasticsearch_server")
    if not server.is_osmem:
        pytest.skip("ELASTICSEARCH_URL names a real Elasticsearch, which takes both forms")
    return server


def test_an_opensearch_compatible_server_needs_plain_json(settings, osmem):
    from elasticsearch import ApiError

    settings.ELASTICSEARCH_URL = osmem.url
    settings.ELASTICSEARCH_COMPAT_HEADERS = True
    body = {"mappings": {"dynamic": "strict"}}
    with pytest.raises(ApiError) as refused:
        ElasticsearchBackend().client.indices.create(index="plain-json-check", body=body)
    assert refused.value.meta.status == 406

    settings.ELASTICSEARCH_COMPAT_HEADERS = False
    client = ElasticsearchBackend().client
    client.indices.create(index="plain-json-check", body=body)
    try:
        assert client.indices.exists(index="plain-json-check")
    finally:
        client.indices.delete(index="plain-json-check")
