"""Schemathesis against the Open Referral UK API's own OpenAPI description.

Requests are generated from the description the app serves (valid ones, and invalid ones
that must be refused with a 4xx) and sent to the WSGI app in-process, against a test
database holding a few published services. Every answer must match the description:
status codes declared, JSON bodies matching their schemas, no server errors, malformed
parameters refused, well-formed ones accepted.

Offline: the response schemas the description refers to by their published ORUK URLs are
replaced by "any JSON object" here, so nothing is fetched; the page envelope and the error
body, which are the description's own, are still checked. The ORUK schemas themselves are
checked against the answers by tests/search/test_oruk_api.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from localoffer.wsgi import application
from search.api.openapi import SCHEMAS, openapi_document
from tests.factories import ServicePageFactory

# Enough for every parameter to be tried valid and invalid, yet well under a minute.
MAX_EXAMPLES = 10
_cases_run = {"count": 0}


def offline(node: Any) -> Any:
    """The description with every published ORUK schema reference made "any object"."""
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str) and node["$ref"].startswith(SCHEMAS):
            return {"type": "object"}
        return {key: offline(value) for key, value in node.items()}
    if isinstance(node, list):
        return [offline(item) for item in node]
    return node


@pytest.fixture
def directory(organisation, service):
    """A few published services under one verified organisation."""
    ServicePageFactory(parent=organisation, title="Holiday swimming club")
    ServicePageFactory(parent=organisation, title="Speech and language drop-in")
    return organisation


@pytest.fixture
def no_rate_limit(settings) -> None:
    settings.ORUK_RATE_LIMIT = 0


@pytest.fixture
def connection_kept_open() -> Iterator[None]:
    """The app is called as a WSGI server calls it, and Django closes the database
    connection when each request ends (`close_old_connections`): on PostgreSQL that ends
    the test's transaction. Django's test client takes the same handlers off."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(scope="module", autouse=True)
def _report_cases(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and _cases_run["count"]:
        reporter.write_line(f"schemathesis: {_cases_run['count']} cases against the ORUK API")


# Loading needs no database: the description is built from code, not from the rows.
schema = schemathesis.openapi.from_dict(offline(openapi_document("http://localhost/api/oruk")))
schema.app = application


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_api_does_what_its_description_says(
    case, directory, no_rate_limit, connection_kept_open
) -> None:
    _cases_run["count"] += 1
    # A well-formed id that names no record is a 400 by design (and declared so), which
    # the positive-data check, sending random UUIDs, would count against the API.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
