"""`/api/oruk/services?minimal=true` (search/api/minimal.py): every matching published
service's `id` and `modified_date` in one plain JSON array, as the ORUK profile's
`minimal` parameter describes, with every filter of /services honoured.

The directories are tests/search/test_oruk_api.py's fixtures, used by name.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from providers.enums import Weekday
from providers.models import Category, OrganisationPage, ServicePage, ServiceSchedule
from search.backends import get_backend
from tests.factories import CategoryFactory
from tests.search.test_oruk_api import (
    AGE_CASES,
    API,
    MODIFIED_CASES,
    PUBLISHED,
    TIME_CASES,
    directory,  # noqa: F401 - a fixture, used by name
    get_json,
    many_services,  # noqa: F401 - a fixture, used by name
    uuid_for,
)

pytestmark = pytest.mark.django_db

SERVICE_LABEL = "providers.servicepage"


@pytest.fixture(autouse=True)
def _no_rate_limit_by_default(settings):
    settings.ORUK_RATE_LIMIT = 100_000


@pytest.fixture
def api() -> Client:
    return Client()


def get_minimal(client: Client, query: str = "", status: int = 200):
    separator = "&" if query else ""
    response = client.get(f"{API}/services?minimal=true{separator}{query}")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == status, (query, response.status_code, body[:500])
    assert response["Content-Type"].startswith("application/json")
    return response, json.loads(body)


def minimal_ids(client: Client, query: str = "") -> list[str]:
    return [item["id"] for item in get_minimal(client, query)[1]]


def paged_ids(client: Client, query: str) -> list[str]:
    separator = "&" if query else ""
    page = get_json(client, f"/services?per_page=100{separator}{query}")
    return [item["id"] for item in page["contents"]]


def service_id(title: str) -> str:
    return uuid_for(SERVICE_LABEL, ServicePage.objects.get(title=title).pk)


@pytest.mark.usefixtures("directory")
def test_an_array_of_every_published_service_id_and_modified_date(api):
    response, items = get_minimal(api)
    assert items == [
        {"id": service_id(name), "modified_date": modified}
        for name, modified in zip(
            PUBLISHED,  # by name, as /services lists them
            ["2025-09-01T09:00:00.000Z", "2025-03-01T09:00:00.000Z", "2025-06-01T09:00:00.000Z"],
            strict=True,
        )
    ]
    assert response["X-Total-Count"] == "3"
    # The date is the service's last_modified, and drafts, unpublished and private
    # listings never appear.
    page = get_json(api, "/services")["contents"]
    assert [(item["id"], item["last_modified"]) for item in page] == [
        (item["id"], item["modified_date"]) for item in items
    ]
    # One call answers everything: page and per_page do not cut it.
    assert minimal_ids(api, "per_page=1&page=2") == [item["id"] for item in items]


@pytest.mark.usefixtures("directory")
def test_every_filter_of_services_is_honoured(api):
    leisure = uuid_for("providers.category", Category.objects.get(slug="oruk-leisure").pk)
    therapy_org = uuid_for(
        "providers.organisationpage",
        OrganisationPage.objects.get(title="Riverside Speech Therapy").pk,
    )
    queries = [query for query, _ in [*AGE_CASES, *TIME_CASES, *MODIFIED_CASES]] + [
        "search=sensory",
        "search=club",
        "search=nothing+like+this",
        f"taxonomy_term_id={leisure}",
        f"taxonomy_term_id={leisure}&search=sensory",
        f"organization_id={therapy_org}",
    ]
    wrong = {
        query: {"paged": paged_ids(api, query), "minimal": minimal_ids(api, query)}
        for query in queries
        if paged_ids(api, query) != minimal_ids(api, query)
    }
    assert not wrong, wrong
    assert minimal_ids(api, "search=sensory") == [service_id("Saturday sensory club")]
    assert minimal_ids(api, "minimum_age=20") == []


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("minimal=maybe", "minimal must be true or false"),
        ("minimal=", "minimal is empty: give a value or leave the parameter out"),
        ("minimal=true&full=true", "minimal and full cannot be used together: choose one"),
        ("minimal=true&per_page=500", "per_page must be between 1 and 100"),
        (
            "minimal=true&day=someday",
            "day must be one of MO, TU, WE, TH, FR, SA, SU (or the day's name)",
        ),
    ],
)
@pytest.mark.usefixtures("directory")
def test_a_bad_value_is_refused_with_400_naming_it(api, query, message):
    assert get_json(api, f"/services?{query}", status=400) == {"detail": message}


@pytest.mark.usefixtures("directory")
def test_false_answers_the_usual_page(api):
    assert get_json(api, "/services?minimal=false")["total_items"] == 3


@pytest.mark.usefixtures("directory")
def test_more_services_than_one_call_answers_is_refused_not_cut_short(api, settings):
    settings.ORUK_MINIMAL_LIMIT = 2
    assert get_json(api, "/services?minimal=true", status=400) == {
        "detail": "minimal answers at most 2 services in one call and more match: "
        "narrow the request, for example with modified_after"
    }
    assert len(minimal_ids(api, "modified_after=2025-06-01")) == 2


def add_services(organisation, category, count: int, start: int) -> None:
    """Live, indexed services on Mondays in `category` (as tests/search/test_oruk_api.py's
    many_services makes them: straight into the tree, no revision)."""
    pages = []
    for number in range(start, start + count):
        page = ServicePage(
            title=f"Extra club {number:02d}",
            slug=f"extra-club-{number:02d}",
            summary="A club for children.",
            description="<p>Games and crafts.</p>",
            how_to_access="<p>Just turn up.</p>",
            categories=[category],
        )
        organisation.add_child(instance=page)
        ServiceSchedule.objects.create(
            service=page, weekday=Weekday.MONDAY, start_time=dt.time(16), end_time=dt.time(17)
        )
        pages.append(page)
    get_backend().index_services([page.pk for page in pages])


@pytest.mark.usefixtures("many_services")
def test_the_query_count_does_not_grow_with_the_number_of_services(api, organisation):
    category = CategoryFactory(name="Extra clubs", slug="oruk-extra-clubs")
    term = uuid_for("providers.category", category.pk)
    queries = ["", "day=MO", "search=club", "search=club&day=MO", f"taxonomy_term_id={term}"]
    counts: dict[str, list[int]] = {query: [] for query in queries}
    sizes = []
    for count, start in ((2, 0), (30, 2)):
        add_services(organisation, category, count, start)
        for query in queries:
            minimal_ids(api, query)  # warm the caches a first request fills
            with CaptureQueriesContext(connection) as captured:
                ids = minimal_ids(api, query)
            counts[query].append(len(captured.captured_queries))
        sizes.append(len(ids))
    assert sizes == [2, 32]  # the last query's: services of the new category
    assert all(before == after for before, after in counts.values()), counts
    assert max(max(pair) for pair in counts.values()) <= 16, counts
