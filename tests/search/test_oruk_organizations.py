"""The Open Referral UK `/organizations` endpoints (search/api/organizations.py).

Only live, public organisations the council has verified appear, each with its
published services nested. Responses are validated against the ORUK 3.0 JSON schemas in
../shared/data/oruk/schema/ (those tests alone are skipped when the folder is absent).
"""

from __future__ import annotations

import json
import uuid

import pytest
from django.core.cache import cache
from django.test import Client
from wagtail.models import PageViewRestriction

from providers.enums import OrganisationType, VerificationStatus
from providers.models import OrganisationPage, ServicePage, ServiceSchedule
from tests.factories import OrganisationPageFactory
from tests.search.test_oruk_api import (
    API,
    ENVELOPE_KEYS,
    add_service,
    assert_valid,
    assert_valid_page,
    get_json,
    needs_schemas,
    uuid_for,
)

pytestmark = pytest.mark.django_db

ORG_LABEL = "providers.organisationpage"


@pytest.fixture(autouse=True)
def _no_rate_limit_by_default(settings):
    cache.clear()
    settings.ORUK_RATE_LIMIT = 100_000
    yield
    cache.clear()


@pytest.fixture
def api() -> Client:
    return Client()


class Orgs:
    def __init__(self, **items):
        self.__dict__.update(items)


@pytest.fixture
def orgs(organisation_index, organisation):
    """Two verified organisations with services, and four that must never appear."""
    OrganisationPage.objects.filter(pk=organisation.pk).update(
        description="<p>Clubs and play for disabled children.</p>",
        email="hello@playclub.example.org",
        phone="01632 960 001",
        website="https://playclub.example.org",
    )
    organisation.refresh_from_db()
    sensory = add_service(organisation, title="Saturday sensory club", summary="Sensory play.")
    ServiceSchedule.objects.create(service=sensory, weekday=0, start_time="16:00", end_time="17:00")
    youth = add_service(organisation, title="Friday youth club", summary="Games.")
    draft = add_service(organisation, title="Secret draft club", live=False)
    therapy = OrganisationPageFactory(
        parent=organisation_index,
        title="Riverside Speech Therapy",
        organisation_type=OrganisationType.COMPANY,
        company_number="01234567",
        charity_number="",
        verified=True,
    )
    speech = add_service(therapy, title="Speech and language drop-in", summary="Advice.")
    hidden = {
        "pending": OrganisationPageFactory(parent=organisation_index, title="Pending play club"),
        "refused": OrganisationPageFactory(
            parent=organisation_index,
            title="Refused play club",
            verification_status=VerificationStatus.REFUSED,
        ),
        "unpublished": OrganisationPageFactory(
            parent=organisation_index, title="Closed play club", verified=True
        ),
        "private": OrganisationPageFactory(
            parent=organisation_index, title="Private play club", verified=True
        ),
    }
    add_service(hidden["pending"], title="Pending club session")
    hidden["unpublished"].unpublish()
    PageViewRestriction.objects.create(
        page=hidden["private"], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    return Orgs(
        play=organisation,
        therapy=therapy,
        sensory=sensory,
        youth=youth,
        draft=draft,
        speech=speech,
        hidden=hidden,
    )


def names(page: dict) -> list[str]:
    return [item["name"] for item in page["contents"]]


def org_id(page: OrganisationPage) -> str:
    return uuid_for(ORG_LABEL, page.pk)


# --- the standard's schemas ---------------------------------------------------------------


@needs_schemas
def test_organizations_validate_against_the_oruk_schemas(api, orgs):
    assert_valid_page(get_json(api, "/organizations"), "compiled/organization_list.json")
    full = get_json(api, "/organizations?full_service=true")
    assert_valid_page(full, "compiled/organization.json")
    for item in full["contents"]:
        assert_valid(item, "organization.json")  # the uncompiled schema, through its $refs
        for nested in (False, True):
            detail = get_json(api, f"/organizations/{item['id']}?full_service={nested}")
            assert_valid(detail, "compiled/organization.json")
            for service in detail["services"]:
                assert_valid(service, "compiled/service.json")


# --- what is listed -----------------------------------------------------------------------


def test_only_verified_published_public_organisations_are_listed_by_name(api, orgs):
    page = get_json(api, "/organizations")
    assert set(page) == ENVELOPE_KEYS
    assert names(page) == ["Northbridge Play Club", "Riverside Speech Therapy"]
    assert page["total_items"] == 2 and page["last_page"] is True
    first = page["contents"][0]
    assert first == {
        "id": org_id(orgs.play),
        "name": "Northbridge Play Club",
        "description": "Clubs and play for disabled children.",
        "email": "hello@playclub.example.org",
        "website": "https://playclub.example.org",
        "uri": "http://localhost/providers/northbridge-play-club/",
    } | {key: first[key] for key in first if key == "logo"}
    for hidden in orgs.hidden.values():
        get_json(api, f"/organizations/{org_id(hidden)}", status=404)


def test_one_organisation_nests_its_published_services(api, orgs):
    detail = get_json(api, f"/organizations/{org_id(orgs.play)}")
    assert detail["id"] == org_id(orgs.play)
    assert detail["phones"][0]["number"] == "01632 960 001"
    assert [service["name"] for service in detail["services"]] == [
        "Friday youth club",
        "Saturday sensory club",
    ]
    sensory = detail["services"][1]
    assert sensory["id"] == uuid_for("providers.servicepage", orgs.sensory.pk)
    assert sensory["organization_id"] == detail["id"]
    assert "organization" not in sensory  # not repeated inside its own organisation
    assert "schedules" not in sensory  # one-to-one fields unless full_service

    full = get_json(api, f"/organizations/{org_id(orgs.play)}?full_service=true")
    sensory = full["services"][1]
    assert [row["byday"] for row in sensory["schedules"]] == ["MO"]
    assert sensory["cost_options"] == [] and sensory["languages"]
    assert "organization" not in sensory


def test_a_list_nests_full_services_only_with_full_service(api, orgs):
    plain = get_json(api, "/organizations")
    assert all("services" not in item for item in plain["contents"])
    full = get_json(api, "/organizations?full_service=true")
    nested = {item["name"]: [s["name"] for s in item["services"]] for item in full["contents"]}
    assert nested == {
        "Northbridge Play Club": ["Friday youth club", "Saturday sensory club"],
        "Riverside Speech Therapy": ["Speech and language drop-in"],
    }
    assert all("schedules" in s for item in full["contents"] for s in item["services"])


def test_an_organisation_without_published_services_has_an_empty_list(api, orgs):
    for service in (orgs.speech,):
        ServicePage.objects.get(pk=service.pk).unpublish()
    detail = get_json(api, f"/organizations/{org_id(orgs.therapy)}")
    assert detail["services"] == []


def test_search_needs_every_word_in_the_name_or_description(api, orgs):
    assert names(get_json(api, "/organizations?search=speech")) == ["Riverside Speech Therapy"]
    assert names(get_json(api, "/organizations?search=DISABLED+club")) == ["Northbridge Play Club"]
    assert names(get_json(api, "/organizations?search=speech+club")) == []
    # Hidden organisations match the words too, and still never appear.
    assert names(get_json(api, "/organizations?search=play")) == ["Northbridge Play Club"]


def test_pages(api, orgs):
    first = get_json(api, "/organizations?per_page=1")
    second = get_json(api, "/organizations?per_page=1&page=2")
    assert names(first) + names(second) == ["Northbridge Play Club", "Riverside Speech Therapy"]
    assert first["total_pages"] == 2 and first["last_page"] is False
    assert second["last_page"] is True
    beyond = get_json(api, "/organizations?page=9")
    assert beyond["contents"] == [] and beyond["empty"] is True and beyond["total_items"] == 2
    assert (
        get_json(api, "/organizations/")["contents"] == get_json(api, "/organizations")["contents"]
    )


# --- ndjson -------------------------------------------------------------------------------


@pytest.mark.parametrize("full_service", [False, True])
def test_ndjson_streams_every_organisation_a_line(api, orgs, full_service):
    response = api.get(f"{API}/organizations?format=ndjson&per_page=1&full_service={full_service}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-ndjson"
    assert response["X-Total-Count"] == "2"
    assert response["Access-Control-Allow-Origin"] == "*"
    body = b"".join(response.streaming_content).decode()
    items = [json.loads(line) for line in body.splitlines()]
    assert [item["name"] for item in items] == ["Northbridge Play Club", "Riverside Speech Therapy"]
    assert all(("services" in item) is full_service for item in items)


# --- errors, methods, CORS and the rate limit ---------------------------------------------


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/organizations?page=0", "page must be between"),
        ("/organizations?per_page=many", "per_page must be a whole number"),
        ("/organizations?full_service=perhaps", "full_service must be true or false"),
        ("/organizations?format=xml", "format must be json or ndjson"),
    ],
)
def test_bad_parameters_answer_400_naming_them(api, path, message):
    assert message in get_json(api, path, status=400)["detail"]


def test_unknown_ids_answer_404_in_json(api, orgs):
    for pk in ("not-a-uuid", str(uuid.uuid4()), uuid_for("providers.servicepage", orgs.sensory.pk)):
        assert "no published organization" in get_json(api, f"/organizations/{pk}", 404)["detail"]
    detail = get_json(api, f"/organizations/{org_id(orgs.play)}?full_service=x", status=400)
    assert "full_service" in detail["detail"]


def test_read_only_with_cors(api, orgs):
    response = api.post(f"{API}/organizations")
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD, OPTIONS"
    response = api.get(f"{API}/organizations", HTTP_ORIGIN="https://elsewhere.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = api.options(f"{API}/organizations/{org_id(orgs.play)}")
    assert preflight.status_code == 204


def test_the_rate_limit_counts_organization_requests(api, settings):
    settings.ORUK_RATE_LIMIT = 2
    assert api.get(f"{API}/organizations").status_code == 200
    assert api.get(f"{API}/organizations/{uuid.uuid4()}").status_code == 404
    limited = api.get(f"{API}/organizations")
    assert limited.status_code == 429 and int(limited["Retry-After"]) >= 1


def test_the_openapi_description_has_the_organization_endpoints(api):
    document = get_json(api, "/openapi.json")
    listing = document["paths"]["/organizations"]["get"]
    listed = {parameter["$ref"].rsplit("/", 1)[1] for parameter in listing["parameters"]}
    assert listed == {"search", "page", "per_page", "full_service", "format"}
    assert listed <= set(document["components"]["parameters"])
    detail = document["paths"]["/organizations/{id}"]["get"]
    assert set(detail["responses"]) == {"200", "400", "404", "429"}


# --- speed --------------------------------------------------------------------------------


def add_organisations(index, count: int, services_each: int) -> list[OrganisationPage]:
    """Verified live organisations, each with live services, added to the tree directly
    (no revisions: many times quicker than publishing, and the same live rows)."""
    made = []
    start = OrganisationPage.objects.count()
    for number in range(start, start + count):
        organisation = OrganisationPage(
            title=f"Organisation {number:03d}",
            slug=f"organisation-{number:03d}",
            organisation_type=OrganisationType.COMMUNITY_GROUP,
            description="<p>Activities.</p>",
            verification_status=VerificationStatus.VERIFIED,
            phone="01632 960 000",
        )
        index.add_child(instance=organisation)
        for service_number in range(services_each):
            organisation.add_child(
                instance=ServicePage(
                    title=f"Club {number:03d}-{service_number}",
                    slug=f"club-{number:03d}-{service_number}",
                    summary="A club.",
                    description="<p>Games.</p>",
                    how_to_access="<p>Just turn up.</p>",
                )
            )
        made.append(organisation)
    return made


ORG_PATHS = [
    "/organizations?",
    "/organizations?full_service=true&",
    "/organizations?search=organisation&",
]


def test_a_page_of_organisations_costs_the_same_queries_whatever_its_size(
    api, organisation_index, django_assert_max_num_queries
):
    add_organisations(organisation_index, 3, 1)
    limits: dict[str, int] = {}
    for path in ORG_PATHS:
        get_json(api, f"{path}per_page=1")  # warm the site's root paths
        with django_assert_max_num_queries(20) as small:
            assert get_json(api, f"{path}per_page=3")["size"] == 3
        limits[path] = len(small.captured_queries)
    add_organisations(organisation_index, 27, 4)
    for path, limit in limits.items():
        with django_assert_max_num_queries(limit):
            assert get_json(api, f"{path}per_page=30")["size"] == 30


def test_one_organisation_costs_the_same_queries_whatever_its_services(
    api, organisation_index, django_assert_max_num_queries
):
    few, many = add_organisations(organisation_index, 1, 1) + add_organisations(
        organisation_index, 1, 25
    )
    for query in ("", "?full_service=true"):
        # The first request for an unknown id maps ids to keys once per process (ids.py).
        for organisation in (few, many):
            get_json(api, f"/organizations/{org_id(organisation)}{query}")
        with django_assert_max_num_queries(25) as small:
            get_json(api, f"/organizations/{org_id(few)}{query}")
        with django_assert_max_num_queries(len(small.captured_queries)):
            assert len(get_json(api, f"/organizations/{org_id(many)}{query}")["services"]) == 25


def test_the_ndjson_stream_costs_queries_per_batch_not_per_organisation(
    api, organisation_index, django_assert_max_num_queries
):
    add_organisations(organisation_index, 3, 2)
    api.get(f"{API}/organizations?format=ndjson")
    with django_assert_max_num_queries(25) as small:
        response = api.get(f"{API}/organizations?format=ndjson&full_service=true")
        assert len(b"".join(response.streaming_content).splitlines()) == 3
    add_organisations(organisation_index, 40, 3)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = api.get(f"{API}/organizations?format=ndjson&full_service=true")
        assert len(b"".join(response.streaming_content).splitlines()) == 43
