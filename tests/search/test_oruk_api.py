"""The Open Referral UK 3.0 API at /api/oruk/ (search/api/).

A small directory of real published Wagtail pages (and a draft, an unpublished and a
private listing that must never appear) is indexed through the configured search
backend, then read through the API as a consumer would. Responses are validated against
the ORUK 3.0 JSON schemas in ../shared/data/oruk/schema/ (those tests alone are skipped
when the folder is absent).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from providers.enums import CostUnit, OrganisationType, ScheduleKind, SchedulePeriod, Weekday
from providers.models import (
    CostOption,
    ServiceContact,
    ServiceLocation,
    ServicePage,
    ServiceSchedule,
)
from search.api.ids import NAMESPACE
from search.backends import get_backend
from search.models import Postcode
from tests.factories import (
    AccessibilityFeatureFactory,
    CategoryFactory,
    NeedFactory,
    OrganisationPageFactory,
    OutcomeFactory,
    ServicePageFactory,
)

pytestmark = pytest.mark.django_db

API = "/api/oruk"
# ../shared beside the checkout; ORUK_SCHEMA_DIR names another place (a second checkout).
SCHEMA_DIR = Path(
    os.environ.get("ORUK_SCHEMA_DIR")
    or Path(settings.BASE_DIR).parent / "shared" / "data" / "oruk" / "schema"
)
SCHEMA_BASE = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema"
needs_schemas = pytest.mark.skipif(
    not SCHEMA_DIR.is_dir(),
    reason=f"The ORUK 3.0 JSON schemas are not at {SCHEMA_DIR} (../shared/data/oruk/schema)",
)
ENVELOPE_KEYS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}
MILES_PER_DEGREE_LATITUDE = 69.05
ORIGIN = (52.60, -1.45)


def north(miles: float) -> tuple[float, float]:
    return (ORIGIN[0] + miles / MILES_PER_DEGREE_LATITUDE, ORIGIN[1])


def uuid_for(label: str, pk: int) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{label}:{pk}"))


# --- fixtures -----------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _no_rate_limit_by_default(settings):
    """A limit no test reaches unless it sets its own (the root conftest empties the cache,
    where the limit counts, around every test)."""
    settings.ORUK_RATE_LIMIT = 100_000


@pytest.fixture
def api() -> Client:
    return Client()


def get_json(client: Client, path: str, status: int = 200, **extra) -> dict:
    response = client.get(f"{API}{path}", **extra)
    assert response.status_code == status, (path, response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def add_service(organisation, *, title: str, live: bool = True, **fields) -> ServicePage:
    return ServicePageFactory(
        parent=organisation, title=title, cost_options=[], draft=not live, **fields
    )


class Directory:
    def __init__(self, **items):
        self.__dict__.update(items)


@pytest.fixture
def directory(organisation_index, organisation):
    """Three published services (one with no location), a draft, an unpublished and a
    private listing, across two organisations, with postcodes in the gazetteer."""
    therapy_org = OrganisationPageFactory(
        parent=organisation_index,
        title="Riverside Speech Therapy",
        organisation_type=OrganisationType.COMPANY,
        charity_number="",
        company_number="01234567",
        website="https://riverside.example.org",
    )
    leisure = CategoryFactory(name="Leisure activities", slug="oruk-leisure")
    sport = CategoryFactory(name="Sport", slug="oruk-sport", parent=leisure)
    therapies = CategoryFactory(
        name="Therapies", slug="oruk-therapies", description="Help from therapists."
    )
    autism = NeedFactory(name="Autism", slug="oruk-autism")
    slcn = NeedFactory(name="Speech and language", slug="oruk-slcn")
    communicating = OutcomeFactory(name="Communicating with others", slug="oruk-communicating")
    step_free = AccessibilityFeatureFactory(name="Step-free access", slug="oruk-step-free")

    sensory = add_service(
        organisation,
        title="Saturday sensory club",
        summary="Sensory play for autistic children on Saturday mornings.",
        categories=[sport],
        needs=[autism],
        min_age_months=8 * 12,
        max_age_months=16 * 12,
        languages="Polish, British Sign Language",
        last_reviewed=dt.date(2025, 1, 10),
        eligibility="For children who live in Northbridge.",
    )
    CostOption.objects.create(
        service=sensory, amount=Decimal("24.50"), unit=CostUnit.HOUR, direct_payment_eligible=True
    )
    CostOption.objects.create(service=sensory, is_free=True, label="Taster session")
    centre = ServiceLocation.objects.create(
        service=sensory,
        name="Northbridge Community Centre",
        address_line_1="1 High Street",
        town="Northbridge",
        postcode="NB1 4AA",
        latitude=north(0.5)[0],
        longitude=north(0.5)[1],
        accessibility_notes="Lift to every floor.",
    )
    centre.accessibility.set([step_free])
    centre.save()  # a parental many-to-many is written when its owner is saved
    ServiceSchedule.objects.create(
        service=sensory,
        kind=ScheduleKind.WEEKLY,
        weekday=Weekday.SATURDAY,
        start_time=dt.time(10, 0),
        end_time=dt.time(12, 0),
        period=SchedulePeriod.ALL_YEAR,
    )
    ServiceContact.objects.create(
        service=sensory,
        name="Sam Patel",
        role="Club leader",
        phone="01632 960 123",
        email="sam@example.org",
    )

    speech = add_service(
        therapy_org,
        title="Speech and language drop-in",
        summary="Advice on talking and listening for under fives.",
        categories=[therapies],
        needs=[slcn],
        outcomes=[communicating],
        min_age_months=0,
        max_age_months=5 * 12,
        referral_required=True,
    )
    CostOption.objects.create(service=speech, is_free=True)
    clinic = ServiceLocation.objects.create(
        service=speech,
        name="Riverside Clinic",
        address_line_1="4 Mill Lane",
        postcode="NB3 2BB",
        latitude=north(3)[0],
        longitude=north(3)[1],
    )
    # No pin and a hidden address: placed by its postcode district, shown as the district.
    home_visits = ServiceLocation.objects.create(
        service=speech,
        name="Family home visits",
        address_line_1="12 Secret Road",
        postcode="NB7 2XY",
        hide_exact_address=True,
    )
    ServiceSchedule.objects.create(
        service=speech,
        kind=ScheduleKind.WEEKLY,
        weekday=Weekday.TUESDAY,
        start_time=dt.time(16, 0),
        end_time=dt.time(17, 30),
        period=SchedulePeriod.TERM_TIME,
    )
    ServiceSchedule.objects.create(
        service=speech,
        kind=ScheduleKind.ONE_OFF,
        date=dt.date(2025, 7, 26),  # a Saturday
        start_time=dt.time(13, 0),
        end_time=dt.time(15, 0),
        period=SchedulePeriod.HOLIDAYS,
    )

    youth = add_service(
        organisation,
        title="Friday youth club",
        summary="Games and friendship for teenagers.",
        categories=[leisure],
        min_age_months=11 * 12,
        max_age_months=19 * 12,
        delivered_online=True,
    )
    CostOption.objects.create(service=youth, amount=Decimal("3"), unit=CostUnit.SESSION)
    ServiceSchedule.objects.create(
        service=youth,
        kind=ScheduleKind.WEEKLY,
        weekday=Weekday.FRIDAY,
        start_time=dt.time(18, 0),
        end_time=dt.time(21, 0),
    )

    # Listings that must never appear, each matching the searches the tests make.
    hidden_pages = {}
    for name, title in (
        ("draft", "Secret draft sensory club"),
        ("unpublished", "Closed sensory club"),
        ("private", "Private sensory club"),
    ):
        page = add_service(
            organisation,
            title=title,
            live=name != "draft",
            summary="Sensory play for autistic children.",
            categories=[sport],
            needs=[autism],
        )
        ServiceLocation.objects.create(
            service=page,
            name=f"{title} venue",
            postcode="NB1 4AA",
            latitude=ORIGIN[0],
            longitude=ORIGIN[1],
        )
        ServiceSchedule.objects.create(
            service=page,
            kind=ScheduleKind.WEEKLY,
            weekday=Weekday.SATURDAY,
            start_time=dt.time(10, 0),
            end_time=dt.time(12, 0),
        )
        hidden_pages[name] = page
    hidden_pages["unpublished"].unpublish()
    PageViewRestriction.objects.create(
        page=hidden_pages["private"],
        restriction_type=PageViewRestriction.PASSWORD,
        password="letmein",
    )

    # Known publication times for modified_after.
    for page, when in (
        (sensory, dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)),
        (speech, dt.datetime(2025, 6, 1, 9, 0, tzinfo=dt.UTC)),
        (youth, dt.datetime(2025, 9, 1, 9, 0, tzinfo=dt.UTC)),
    ):
        ServicePage.objects.filter(pk=page.pk).update(last_published_at=when)

    Postcode.objects.bulk_create(
        [
            Postcode(postcode="NB1", is_district=True, latitude=ORIGIN[0], longitude=ORIGIN[1]),
            Postcode(postcode="NB1 4AA", latitude=ORIGIN[0], longitude=ORIGIN[1]),
            Postcode(postcode="NB7", is_district=True, latitude=north(8)[0], longitude=north(8)[1]),
        ]
    )
    every_page = [sensory, speech, youth, *hidden_pages.values()]
    get_backend().index_services([page.pk for page in every_page])
    for page in every_page:
        page.refresh_from_db()
    return Directory(
        sensory=sensory,
        speech=speech,
        youth=youth,
        hidden=hidden_pages,
        organisation=organisation,
        therapy_org=therapy_org,
        leisure=leisure,
        sport=sport,
        therapies=therapies,
        autism=autism,
        slcn=slcn,
        communicating=communicating,
        step_free=step_free,
        centre=centre,
        clinic=clinic,
        home_visits=home_visits,
    )


def names(page: dict) -> list[str]:
    return [item["name"] for item in page["contents"]]


def location_names(page: dict) -> list[str]:
    return [item["location"]["name"] for item in page["contents"]]


PUBLISHED = ["Friday youth club", "Saturday sensory club", "Speech and language drop-in"]


# --- schema validation --------------------------------------------------------------------


@functools.cache
def _registry():
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    resources = []
    for path in sorted([*SCHEMA_DIR.glob("*.json"), *SCHEMA_DIR.glob("compiled/*.json")]):
        if path.name == "openapi.json":
            continue
        uri = f"{SCHEMA_BASE}/{path.relative_to(SCHEMA_DIR).as_posix()}"
        contents = json.loads(path.read_text())
        resources.append((uri, Resource.from_contents(contents, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


def assert_valid(instance: dict, schema_name: str) -> None:
    """Validate against an ORUK schema file (its $refs resolved among the local files)."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(
        {"$ref": f"{SCHEMA_BASE}/{schema_name}"},
        registry=_registry(),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    errors = sorted(validator.iter_errors(instance), key=lambda error: list(error.absolute_path))
    assert not errors, "\n".join(
        f"{schema_name} {list(error.absolute_path)}: {error.message}" for error in errors[:10]
    )


def assert_valid_page(page: dict, item_schema: str) -> None:
    from jsonschema import Draft202012Validator

    openapi = json.loads((SCHEMA_DIR / "openapi.json").read_text())
    Draft202012Validator(openapi["components"]["schemas"]["Page"]).validate(page)
    assert page["contents"], "validate a page that has items"
    for item in page["contents"]:
        assert_valid(item, item_schema)


@needs_schemas
def test_services_validate_against_the_oruk_schemas(api, directory):
    assert_valid_page(get_json(api, "/services"), "compiled/service_list.json")
    full = get_json(api, "/services?full=true")
    assert_valid_page(full, "compiled/service.json")
    for item in full["contents"]:
        assert_valid(item, "service.json")  # the uncompiled schema, through its $refs
        assert_valid(get_json(api, f"/services/{item['id']}"), "compiled/service.json")


@needs_schemas
def test_service_at_locations_validate_against_the_oruk_schemas(api, directory):
    page = get_json(api, "/service_at_locations")
    assert_valid_page(page, "compiled/service_at_location_list.json")
    assert_valid_page(
        get_json(api, "/service_at_locations?postcode=NB1"),
        "compiled/service_at_location_list.json",
    )
    for item in page["contents"]:
        detail = get_json(api, f"/service_at_locations/{item['id']}")
        assert_valid(detail, "compiled/service_at_location.json")
        assert_valid(detail, "service_at_location.json")


@needs_schemas
def test_taxonomies_validate_against_the_oruk_schemas(api, directory):
    taxonomies = get_json(api, "/taxonomies")
    assert_valid_page(taxonomies, "taxonomy.json")
    for item in taxonomies["contents"]:
        assert_valid(get_json(api, f"/taxonomies/{item['id']}"), "taxonomy.json")
    terms = get_json(api, "/taxonomy_terms?per_page=100")
    assert_valid_page(terms, "taxonomy_term.json")
    assert_valid(
        get_json(api, f"/taxonomy_terms/{terms['contents'][0]['id']}"), "taxonomy_term.json"
    )


# --- every endpoint -----------------------------------------------------------------------


def test_about_says_version_and_where_the_openapi_description_is(api):
    about = get_json(api, "/")
    assert about["version"] == "3.0"
    assert about["profile"].startswith("https://")
    assert about["openapi_url"] == "http://testserver/api/oruk/openapi.json"

    document = get_json(api, "/openapi.json")
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {
        "/",
        "/services",
        "/services/{id}",
        "/service_at_locations",
        "/service_at_locations/{id}",
        "/taxonomies",
        "/taxonomies/{id}",
        "/taxonomy_terms",
        "/taxonomy_terms/{id}",
        "/organizations",
        "/organizations/{id}",
    }
    listed = {
        p["$ref"].rsplit("/", 1)[1]
        for p in document["paths"]["/service_at_locations"]["get"]["parameters"]
    }
    assert {
        "search",
        "page",
        "per_page",
        "taxonomy_id",
        "taxonomy_term_id",
        "minimum_age",
        "maximum_age",
        "day",
        "start_time",
        "end_time",
        "modified_after",
        "postcode",
        "proximity",
    } <= listed
    assert listed <= set(document["components"]["parameters"])


def test_every_list_endpoint_answers_the_standard_page_and_its_items_their_own(api, directory):
    for path in ("/services", "/service_at_locations", "/taxonomies", "/taxonomy_terms"):
        page = get_json(api, path)
        assert set(page) == ENVELOPE_KEYS, path
        assert page["page_number"] == 1 and page["first_page"] is True, path
        assert page["size"] == len(page["contents"]) > 0, path
        assert page["empty"] is False, path
        first = page["contents"][0]
        assert get_json(api, f"{path}/{first['id']}")["id"] == first["id"], path
        # The standard's paths have no trailing slash; one is accepted too.
        assert get_json(api, f"{path}/")["contents"] == page["contents"], path


def test_services_lists_only_published_listings_with_their_organisation(api, directory):
    page = get_json(api, "/services")
    assert names(page) == PUBLISHED
    assert page["total_items"] == 3 and page["total_pages"] == 1 and page["last_page"] is True
    sensory = page["contents"][1]
    assert sensory["id"] == uuid_for("providers.servicepage", directory.sensory.pk)
    assert sensory["status"] == "active"
    assert sensory["minimum_age"] == 8 and sensory["maximum_age"] == 16
    assert sensory["url"] == directory.sensory.full_url  # the site's canonical address
    assert sensory["email"] == "sam@example.org"  # the first contact's
    assert sensory["assured_date"] == "2025-01-10"
    assert sensory["last_modified"] == "2025-03-01T09:00:00.000Z"
    organisation = sensory["organization"]
    assert organisation["id"] == uuid_for("providers.organisationpage", directory.organisation.pk)
    assert organisation["name"] == "Northbridge Play Club"
    assert (
        organisation["description"] == "We run activities for disabled children and their families."
    )
    assert sensory["organization_id"] == organisation["id"]
    therapy = page["contents"][2]["organization"]
    assert therapy["organization_identifiers"] == [
        {
            "id": therapy["organization_identifiers"][0]["id"],
            "organization_id": therapy["id"],
            "identifier_scheme": "GB-COH",
            "identifier_type": "Company number",
            "identifier": "01234567",
        }
    ]
    assert therapy["website"] == "https://riverside.example.org"
    # Ids are uuid5 of the model and key: the same in every answer and every export.
    again = get_json(api, "/services")["contents"]
    assert [item["id"] for item in again] == [item["id"] for item in page["contents"]]
    assert {uuid.UUID(item["id"]).version for item in again} == {5}


def test_a_full_service_has_costs_schedules_locations_contacts_languages_and_terms(api, directory):
    service_id = uuid_for("providers.servicepage", directory.sensory.pk)
    service = get_json(api, f"/services/{service_id}")
    assert service["name"] == "Saturday sensory club"
    assert service["eligibility_description"] == "For children who live in Northbridge."

    paid, free = service["cost_options"]
    assert paid["amount"] == 24.5 and isinstance(paid["amount"], float)
    assert paid["currency"] == "GBP"
    assert paid["option"] == "Per hour"
    assert paid["amount_description"] == "£24.50 per hour; can be paid for with a direct payment"
    assert free["amount"] == 0 and free["option"] == "Taster session"

    (schedule,) = service["schedules"]
    assert schedule["freq"] == "WEEKLY" and schedule["interval"] == 1 and schedule["byday"] == "SA"
    assert (schedule["opens_at"], schedule["closes_at"]) == ("10:00", "12:00")
    assert schedule["description"] == "Saturdays, 10am to midday"

    (link,) = service["service_at_locations"]
    assert link["id"] == uuid_for("providers.servicelocation", directory.centre.pk)
    assert link["service_id"] == service_id
    location = link["location"]
    assert location["id"] == link["location_id"]
    assert location["latitude"] == pytest.approx(north(0.5)[0])
    (address,) = location["addresses"]
    assert (address["address_1"], address["city"], address["postal_code"], address["country"]) == (
        "1 High Street",
        "Northbridge",
        "NB1 4AA",
        "GB",
    )
    (feature,) = location["accessibility"]
    assert feature["description"] == "Step-free access"
    assert feature["details"] == "Lift to every floor."

    (contact,) = service["contacts"]
    assert (contact["name"], contact["title"], contact["email"]) == (
        "Sam Patel",
        "Club leader",
        "sam@example.org",
    )
    assert contact["phones"][0]["number"] == "01632 960 123"
    assert service["phones"] == contact["phones"]

    assert [(lang["name"], lang.get("code")) for lang in service["languages"]] == [
        ("English", "en"),
        ("Polish", "pl"),
        ("British Sign Language", "bfi"),
    ]
    assert service["service_areas"][0]["name"] == "Northbridge residents only"

    by_type = {attribute["link_type"]: attribute for attribute in service["attributes"]}
    assert set(by_type) == {"category", "need"}
    category = by_type["category"]["taxonomy_term"]
    assert category["name"] == "Sport"
    assert category["parent_id"] == uuid_for("providers.category", directory.leisure.pk)
    assert category["taxonomy"] == "Northbridge service categories"
    assert by_type["category"]["taxonomy_term_id"] == category["id"]
    assert by_type["category"]["link_id"] == service_id


def test_one_off_sessions_hidden_addresses_and_referrals(api, directory):
    service = get_json(api, f"/services/{uuid_for('providers.servicepage', directory.speech.pk)}")
    weekly, one_off = service["schedules"]
    assert (
        weekly["byday"] == "TU"
        and weekly["description"] == "Tuesdays, 4pm to 5:30pm, term time only"
    )
    assert "freq" not in one_off
    assert one_off["valid_from"] == one_off["valid_to"] == one_off["dtstart"] == "2025-07-26"
    assert service["minimum_age"] == 0 and service["maximum_age"] == 5
    assert service["eligibility_description"] == "A referral is needed."
    hidden = service["service_at_locations"][1]["location"]
    assert hidden["name"] == "Family home visits"
    assert "latitude" not in hidden and "longitude" not in hidden
    (address,) = hidden["addresses"]
    assert address["postal_code"] == "NB7" and address["address_1"] == ""
    assert "Secret Road" not in json.dumps(service)


def test_service_at_locations_lists_each_place_of_each_published_service(api, directory):
    page = get_json(api, "/service_at_locations")
    # Ordered by service name; the youth club has no location, so no service_at_location.
    assert location_names(page) == [
        "Northbridge Community Centre",
        "Riverside Clinic",
        "Family home visits",
    ]
    first = page["contents"][0]
    assert first["service"]["name"] == "Saturday sensory club"
    assert first["service"]["organization"]["name"] == "Northbridge Play Club"
    assert first["service_id"] == first["service"]["id"]
    assert "addresses" not in first["location"]  # the list has one-to-one fields only

    detail = get_json(api, f"/service_at_locations/{first['id']}")
    assert detail["location"]["addresses"][0]["postal_code"] == "NB1 4AA"
    assert detail["service"]["cost_options"][0]["amount"] == 24.5


def test_taxonomies_and_their_terms(api, directory):
    taxonomies = get_json(api, "/taxonomies")
    assert names(taxonomies) == [
        "Northbridge service categories",
        "Northbridge SEND needs",
        "Northbridge outcomes",
    ]
    categories = get_json(api, f"/taxonomies/{taxonomies['contents'][0]['id']}")
    terms = {term["name"]: term for term in categories["taxonomy_terms"]}
    assert terms["Sport"]["parent_id"] == terms["Leisure activities"]["id"]
    assert terms["Therapies"]["description"] == "Help from therapists."
    assert terms["Sport"]["term_uri"] == "http://testserver/services/category/oruk-sport/"

    children = get_json(api, f"/taxonomy_terms?parent_id={terms['Leisure activities']['id']}")
    assert names(children) == ["Sport"]
    top = get_json(
        api, f"/taxonomy_terms?top_only=true&taxonomy_id={categories['id']}&per_page=100"
    )
    assert "Sport" not in names(top) and "Leisure activities" in names(top)
    outcomes_id = taxonomies["contents"][2]["id"]
    outcome_terms = get_json(api, f"/taxonomy_terms?taxonomy_id={outcomes_id}&per_page=100")
    assert "Communicating with others" in names(outcome_terms)
    assert {term["taxonomy_id"] for term in outcome_terms["contents"]} == {outcomes_id}
    term = terms["Sport"]
    assert get_json(api, f"/taxonomy_terms/{term['id']}") == term


# --- never unpublished --------------------------------------------------------------------


def test_drafts_unpublished_and_private_listings_never_appear(api, directory):
    for path in (
        "/services",
        "/services?search=sensory",
        "/services?full=true",
        "/service_at_locations",
        "/service_at_locations?search=sensory&postcode=NB1",
        "/services?day=SA",
    ):
        body = json.dumps(get_json(api, path))
        assert (
            "Secret draft" not in body
            and "Closed sensory" not in body
            and "Private sensory" not in body
        ), path
    for page in directory.hidden.values():
        error = get_json(api, f"/services/{uuid_for('providers.servicepage', page.pk)}", status=404)
        assert error["detail"].startswith("There is no published service")
        location = ServiceLocation.objects.get(service=page)
        get_json(
            api,
            f"/service_at_locations/{uuid_for('providers.servicelocation', location.pk)}",
            status=404,
        )


def test_a_listing_unpublished_after_indexing_still_never_appears(api, directory):
    """Even when the search index lags behind (the task has not run), the API reads
    every row back through the published pages."""
    ServicePage.objects.filter(pk=directory.youth.pk).update(live=False)
    assert names(get_json(api, "/services")) == [
        "Saturday sensory club",
        "Speech and language drop-in",
    ]
    assert "Friday youth club" not in names(get_json(api, "/services?search=youth"))


# --- filters ------------------------------------------------------------------------------


def test_search_matches_keywords_through_the_search_backend(api, directory):
    assert names(get_json(api, "/services?search=sensory")) == ["Saturday sensory club"]
    assert names(get_json(api, "/services?search=speech")) == ["Speech and language drop-in"]
    assert names(get_json(api, "/services?search=teenagers")) == ["Friday youth club"]
    assert get_json(api, "/services?search=trampolining")["total_items"] == 0
    # Script in the query is just words that match nothing.
    assert get_json(api, "/services?search=<script>alert(1)</script>")["empty"] is True
    assert location_names(get_json(api, "/service_at_locations?search=speech")) == [
        "Riverside Clinic",
        "Family home visits",
    ]


def term_id(label: str, term) -> str:
    return uuid_for(label, term.pk)


def test_taxonomy_term_filters_categories_needs_and_outcomes(api, directory):
    leisure = term_id("providers.category", directory.leisure)
    sport = term_id("providers.category", directory.sport)
    # A top-level category includes its sub-categories.
    assert names(get_json(api, f"/services?taxonomy_term_id={leisure}")) == [
        "Friday youth club",
        "Saturday sensory club",
    ]
    assert names(get_json(api, f"/services?taxonomy_term_id={sport}")) == ["Saturday sensory club"]
    autism = term_id("providers.need", directory.autism)
    assert names(get_json(api, f"/services?taxonomy_term_id={autism}")) == ["Saturday sensory club"]
    outcome = term_id("providers.outcome", directory.communicating)
    assert names(get_json(api, f"/services?taxonomy_term_id={outcome}")) == [
        "Speech and language drop-in"
    ]
    assert location_names(get_json(api, f"/service_at_locations?taxonomy_term_id={sport}")) == [
        "Northbridge Community Centre"
    ]
    # With keywords too: both must hold.
    assert names(get_json(api, f"/services?taxonomy_term_id={leisure}&search=sensory")) == [
        "Saturday sensory club"
    ]
    assert get_json(api, f"/services?taxonomy_term_id={outcome}&search=sensory")["total_items"] == 0


def test_taxonomy_id_filters_services_with_any_term_of_it(api, directory):
    taxonomies = {item["name"]: item["id"] for item in get_json(api, "/taxonomies")["contents"]}
    outcomes = taxonomies["Northbridge outcomes"]
    needs = taxonomies["Northbridge SEND needs"]
    assert names(get_json(api, f"/services?taxonomy_id={outcomes}")) == [
        "Speech and language drop-in"
    ]
    assert names(get_json(api, f"/services?taxonomy_id={needs}")) == [
        "Saturday sensory club",
        "Speech and language drop-in",
    ]


AGE_CASES = [
    ("minimum_age=6", ["Friday youth club", "Saturday sensory club"]),
    ("minimum_age=5", PUBLISHED),  # a service for 0 to 5 takes a child until they are 6
    ("maximum_age=7", ["Speech and language drop-in"]),
    ("maximum_age=8", ["Saturday sensory club", "Speech and language drop-in"]),
    ("minimum_age=17&maximum_age=30", ["Friday youth club"]),
    ("minimum_age=16&maximum_age=16", ["Friday youth club", "Saturday sensory club"]),
    ("minimum_age=20", []),
    ("minimum_age=6&search=club", ["Friday youth club", "Saturday sensory club"]),
]
TIME_CASES = [
    ("day=SA", ["Saturday sensory club", "Speech and language drop-in"]),  # a one-off Saturday
    ("day=saturday", ["Saturday sensory club", "Speech and language drop-in"]),
    ("day=TU", ["Speech and language drop-in"]),
    ("day=MO", []),
    ("start_time=16:00", ["Friday youth club", "Speech and language drop-in"]),
    ("end_time=12:00", ["Saturday sensory club"]),
    ("day=SA&start_time=12:00", ["Speech and language drop-in"]),
    ("day=TU&end_time=17:00", []),  # the Tuesday session ends at 17:30
    ("start_time=09:30&end_time=15:00", ["Saturday sensory club", "Speech and language drop-in"]),
    ("day=FR&search=games", ["Friday youth club"]),
    ("day=TU&search=sensory", []),
]
MODIFIED_CASES = [
    ("modified_after=2025-01-01", PUBLISHED),
    ("modified_after=2025-06-01T09:00:00Z", ["Friday youth club", "Speech and language drop-in"]),
    (
        "modified_after=2025-06-01T10:00:00%2B01:00",
        ["Friday youth club", "Speech and language drop-in"],
    ),
    ("modified_after=2025-06-01T09:00:01Z", ["Friday youth club"]),
    ("modified_after=2026-01-01", []),
    ("modified_after=2025-05-01&search=speech", ["Speech and language drop-in"]),
    # Found by generated requests on PostgreSQL, which stores offsets up to 15:59 only: the
    # instant is what counts, whatever offset it is written in.
    (
        "modified_after=2025-06-01T05:45:00-03:15",
        ["Friday youth club", "Speech and language drop-in"],
    ),
    (
        "modified_after=2025-06-02T05:45:00%2B20:45",
        ["Friday youth club", "Speech and language drop-in"],
    ),
    ("modified_after=0233-01-05T19:52:37%2B20:45", PUBLISHED),
]


def assert_cases(api: Client, cases: list[tuple[str, list[str]]]) -> None:
    wrong = {}
    for query, expected in cases:
        found = names(get_json(api, f"/services?{query}"))
        if found != expected:
            wrong[query] = {"expected": expected, "found": found}
    assert not wrong, wrong


def test_age_filters_keep_services_whose_range_overlaps(api, directory):
    assert_cases(api, AGE_CASES)


def test_day_and_time_filters_need_one_session_meeting_them_all(api, directory):
    assert_cases(api, TIME_CASES)


def test_modified_after_is_on_or_after(api, directory):
    assert_cases(api, MODIFIED_CASES)


def test_organization_id_filters_its_services(api, directory):
    org = uuid_for("providers.organisationpage", directory.therapy_org.pk)
    assert names(get_json(api, f"/services?organization_id={org}")) == [
        "Speech and language drop-in"
    ]


def test_postcode_orders_nearest_first_and_proximity_keeps_those_within(api, directory):
    # From NB1 4AA: the centre 0.5 miles, the clinic 3 miles, the home visits placed at
    # their district NB7's centroid 8 miles away.
    everything = get_json(api, "/service_at_locations?postcode=nb1 4aa")
    assert location_names(everything) == [
        "Northbridge Community Centre",
        "Riverside Clinic",
        "Family home visits",
    ]
    within_5km = get_json(api, "/service_at_locations?postcode=NB14AA&proximity=5000")
    assert location_names(within_5km) == ["Northbridge Community Centre", "Riverside Clinic"]
    assert within_5km["total_items"] == 2
    within_1km = get_json(api, "/service_at_locations?postcode=NB1&proximity=1000")
    assert location_names(within_1km) == ["Northbridge Community Centre"]
    far = get_json(api, "/service_at_locations?postcode=NB1&proximity=20000&search=speech")
    assert location_names(far) == ["Riverside Clinic", "Family home visits"]
    # A full postcode not in the gazetteer falls back to its district.
    assert location_names(
        get_json(api, "/service_at_locations?postcode=NB1 9ZZ&proximity=1000")
    ) == ["Northbridge Community Centre"]
    # A huge radius is fine: everything placed is within it.
    assert (
        get_json(api, "/service_at_locations?postcode=NB1&proximity=99999999")["total_items"] == 3
    )


# --- bad requests -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/services?per_page=101", "per_page must be between 1 and 100"),
        ("/services?per_page=0", "per_page must be between 1 and 100"),
        ("/services?page=0", "page must be between 1 and 1000000"),
        ("/services?page=two", "page must be a whole number, not 'two'"),
        ("/taxonomies?per_page=500", "per_page must be between 1 and 100"),
        ("/services?minimum_age=-1", "minimum_age must be between 0 and 150"),
        ("/services?maximum_age=-3", "maximum_age must be between 0 and 150"),
        ("/services?minimum_age=7.5", "minimum_age must be a whole number, not '7.5'"),
        ("/services?minimum_age=10&maximum_age=5", "minimum_age must not be more than maximum_age"),
        (
            "/services?taxonomy_term_id=3f7b145d-84af-42d7-8fae-eaca714b02b2",
            "There is no taxonomy term with id '3f7b145d-84af-42d7-8fae-eaca714b02b2'",
        ),
        ("/services?taxonomy_term_id=sport", "taxonomy_term_id must be a UUID, not 'sport'"),
        (
            "/services?taxonomy_id=5c4d79d7-cc55-470e-9f1f-8cad074e4892",
            "There is no taxonomy with id '5c4d79d7-cc55-470e-9f1f-8cad074e4892'",
        ),
        ("/services?organization_id=nope", "organization_id must be a UUID, not 'nope'"),
        (
            "/services?start_time=25:00",
            "start_time must be a time as HH:MM or HH:MM:SS, like 15:30",
        ),
        ("/services?end_time=5pm", "end_time must be a time as HH:MM or HH:MM:SS, like 15:30"),
        (
            "/services?day=someday",
            "day must be one of MO, TU, WE, TH, FR, SA, SU (or the day's name)",
        ),
        (
            "/services?modified_after=yesterday",
            "modified_after must be an ISO 8601 date or date-time, like 2025-01-31T09:00:00Z",
        ),
        (
            "/services?modified_after=2025-02-30",
            "modified_after must be an ISO 8601 date or date-time, like 2025-01-31T09:00:00Z",
        ),
        ("/services?full=maybe", "full must be true or false"),
        # Found by generated requests: an empty filter used to answer every service, and
        # an over-long search was cut short instead of refused.
        (
            "/services?taxonomy_term_id=",
            "taxonomy_term_id is empty: give a value or leave the parameter out",
        ),
        ("/services?start_time=", "start_time is empty: give a value or leave the parameter out"),
        ("/services?modified_after=9999-12-31T23:00:00-05:00", "modified_after is out of range"),
        (
            "/services?modified_after=%20",
            "modified_after is empty: give a value or leave the parameter out",
        ),
        ("/services?page=1000001", "page must be between 1 and 1000000"),
        ("/services?search=" + "a" * 201, "search must be at most 200 characters"),
        ("/organizations?search=" + "a" * 201, "search must be at most 200 characters"),
        ("/taxonomy_terms?parent_id=12", "parent_id must be a UUID, not '12'"),
        (
            "/service_at_locations?postcode=NOT A POSTCODE",
            "postcode: Enter a real postcode, like NB1 4AA or NB1",
        ),
        (
            "/service_at_locations?postcode=ZZ9 9ZZ",
            "postcode: We could not find ZZ9 9ZZ. Check it, or try the first part only, like ZZ9",
        ),
        ("/service_at_locations?proximity=5000", "proximity needs a postcode to measure from"),
        (
            "/service_at_locations?postcode=NB1&proximity=-5",
            "proximity must be a distance in metres greater than 0, like 5000",
        ),
        (
            "/service_at_locations?postcode=NB1&proximity=far",
            "proximity must be a distance in metres greater than 0, like 5000",
        ),
    ],
)
def test_bad_parameters_answer_400_with_a_message(api, path, message):
    assert get_json(api, path, status=400) == {"detail": message}


def test_a_page_past_the_end_is_an_empty_page_not_an_error(api, directory):
    for path in (
        "/services",
        "/services?day=SA",
        "/services?search=club&day=SA",
        "/service_at_locations",
        "/service_at_locations?postcode=NB1",
        "/taxonomies",
        "/taxonomy_terms",
    ):
        separator = "&" if "?" in path else "?"
        page = get_json(api, f"{path}{separator}page=9999")
        assert page["contents"] == [] and page["empty"] is True and page["size"] == 0, path
        assert (
            page["page_number"] == 9999
            and page["last_page"] is True
            and page["first_page"] is False
        )
    assert get_json(api, "/services?page=9999")["total_items"] == 3


def test_pages_split_the_results(api, directory):
    first = get_json(api, "/services?per_page=2")
    second = get_json(api, "/services?per_page=2&page=2")
    assert names(first) + names(second) == PUBLISHED
    assert (first["total_pages"], first["first_page"], first["last_page"]) == (2, True, False)
    assert (second["size"], second["first_page"], second["last_page"]) == (1, False, True)


def test_unknown_ids_and_paths_answer_404_in_json(api, directory):
    random_id = "0b5b2a39-2c4a-4f3e-8c66-1f1f2e7d9a10"
    for path in (
        f"/services/{random_id}",
        "/services/12",
        f"/service_at_locations/{random_id}",
        f"/taxonomies/{random_id}",
        f"/taxonomy_terms/{random_id}",
        f"/organizations/{random_id}",
        "/no/such/thing",
    ):
        assert "detail" in get_json(api, path, status=404), path


# --- HTTP: methods, CORS, rate limit ------------------------------------------------------


def test_only_get_is_allowed(api, directory):
    for method in ("post", "put", "patch", "delete"):
        response = getattr(api, method)(f"{API}/services")
        assert response.status_code == 405, method
        assert response["Allow"] == "GET, HEAD, OPTIONS"
        assert (
            response.json()["detail"] == f"{method.upper()} is not allowed: this API is read-only."
        )
    assert api.head(f"{API}/services").status_code == 200


def test_cors_lets_any_origin_read_and_answers_preflight(api, directory):
    response = api.get(f"{API}/services", HTTP_ORIGIN="https://another-council.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    error = api.get(f"{API}/services?page=0", HTTP_ORIGIN="https://another-council.example")
    assert error.status_code == 400 and error["Access-Control-Allow-Origin"] == "*"
    preflight = api.options(
        f"{API}/services",
        HTTP_ORIGIN="https://another-council.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="accept",
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert preflight["Access-Control-Allow-Headers"] == "accept"


def test_rate_limit_answers_429_with_retry_after_per_address(api, settings):
    settings.ORUK_RATE_LIMIT = 3
    settings.ORUK_RATE_LIMIT_WINDOW = 60
    for remaining in (2, 1, 0):
        response = api.get(f"{API}/")
        assert response.status_code == 200
        assert response["X-RateLimit-Remaining"] == str(remaining)
    limited = api.get(f"{API}/taxonomies")
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert (
        limited.json()["detail"] == "Too many requests: at most 3 every 60 seconds. Try again soon."
    )
    assert limited["Access-Control-Allow-Origin"] == "*"
    # Another address has its own allowance.
    assert api.get(f"{API}/", REMOTE_ADDR="192.0.2.7").status_code == 200
    settings.ORUK_RATE_LIMIT = 0  # off
    assert api.get(f"{API}/").status_code == 200


# --- speed --------------------------------------------------------------------------------


@pytest.fixture
def many_services(organisation):
    """55 live services, each with every relation a full service shows.

    Added to the tree directly (no revision), which is ten times quicker than publishing
    through the factory and makes the same live rows the API reads.
    """
    category = CategoryFactory(name="Clubs", slug="oruk-clubs")
    need = NeedFactory(name="Sensory processing", slug="oruk-sensory")
    outcome = OutcomeFactory(name="Friends and relationships", slug="oruk-friends")
    feature = AccessibilityFeatureFactory(name="Quiet room", slug="oruk-quiet-room")
    pages = []
    for number in range(55):
        page = ServicePage(
            title=f"Club number {number:02d}",
            slug=f"club-number-{number:02d}",
            summary="A club for children.",
            description="<p>Games and crafts.</p>",
            how_to_access="<p>Just turn up.</p>",
            categories=[category],
            needs=[need],
            outcomes=[outcome],
            languages="Urdu",
        )
        organisation.add_child(instance=page)
        CostOption.objects.create(service=page, amount=Decimal("5"), unit=CostUnit.SESSION)
        location = ServiceLocation.objects.create(
            service=page,
            name=f"Hall {number}",
            postcode="NB1 4AA",
            latitude=ORIGIN[0],
            longitude=ORIGIN[1],
        )
        location.accessibility.set([feature])
        location.save()
        ServiceSchedule.objects.create(
            service=page, weekday=Weekday.MONDAY, start_time=dt.time(16), end_time=dt.time(17)
        )
        ServiceContact.objects.create(
            service=page, name="Ali", phone="01632 960 000", email="a@example.org"
        )
        pages.append(page)
    Postcode.objects.create(
        postcode="NB1", is_district=True, latitude=ORIGIN[0], longitude=ORIGIN[1]
    )
    get_backend().index_services([page.pk for page in pages])
    return pages


PAGE_PATHS = [
    "/services?",
    "/services?full=true&",
    "/services?search=club&",
    "/services?day=MO&",
    "/services?search=club&day=MO&",
    "/service_at_locations?",
    "/service_at_locations?full=true&",
    "/service_at_locations?search=club&",
    "/service_at_locations?postcode=NB1&proximity=3000&",
]


def test_a_page_costs_the_same_queries_whatever_its_size(api, many_services):
    counts = {}
    for path in PAGE_PATHS:
        # Warm the caches a first request fills (the site's root paths, synonyms).
        get_json(api, f"{path}per_page=1")
        for size in (5, 50):
            with CaptureQueriesContext(connection) as queries:
                page = get_json(api, f"{path}per_page={size}")
            assert page["size"] == size, path
            counts[path, size] = len(queries.captured_queries)
        assert counts[path, 5] == counts[path, 50], (path, counts)
        assert counts[path, 50] <= 16, (
            path,
            [query["sql"][:150] for query in queries.captured_queries],
        )


def test_the_description_uses_openapi_3_0_syntax_and_declares_every_400(api):
    """OpenAPI 3.0 (JSON Schema draft 4 style): exclusiveMinimum is a flag beside minimum;
    every list endpoint, which reads query parameters, declares its 400."""
    document = get_json(api, "/openapi.json")
    assert document["openapi"].startswith("3.0.")
    proximity = document["components"]["parameters"]["proximity"]["schema"]
    assert proximity == {"type": "number", "minimum": 0, "exclusiveMinimum": True}
    assert document["components"]["parameters"]["page"]["schema"]["maximum"] == 1_000_000
    for path, item in document["paths"].items():
        if item["get"]["parameters"] and "{id}" not in path:
            assert "400" in item["get"]["responses"], path
        if "{id}" in path:
            assert "404" in item["get"]["responses"], path
