"""The directory as families see it: listings, organisations and categories."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from providers.enums import SchedulePeriod, Weekday
from tests.factories import (
    AccessibilityFeatureFactory,
    CategoryFactory,
    CostOptionFactory,
    ServiceContactFactory,
    ServiceImageFactory,
    ServiceLocationFactory,
    ServicePageFactory,
    ServiceScheduleFactory,
)


def text_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


# --- a listing ----------------------------------------------------------------------------


def test_listing_shows_costs_ages_and_direct_payments(client, organisation):
    service = ServicePageFactory(
        parent=organisation,
        title="Saturday sensory club",
        cost_options__amount=Decimal("24"),
        cost_options__direct_payment=True,
    )
    CostOptionFactory(service=service, label="Siblings", amount=Decimal("12.50"), unit="session")
    html = text_of(client.get(service.url))
    assert "Saturday sensory club" in html
    assert "£24 per hour" in html
    assert "Siblings: £12.50 per session" in html
    assert "8 to 16 years" in html
    assert html.count("Can be paid for with a direct payment") == 1  # the siblings rate is not


def test_free_listing_says_free(client, organisation):
    service = ServicePageFactory(parent=organisation, cost_options__free=True)
    html = text_of(client.get(service.url))
    assert "Free" in html
    assert "£" not in html.split("<main", 1)[-1].split("</main>", 1)[0]


def test_ages_in_months_read_naturally(client, organisation):
    service = ServicePageFactory(parent=organisation, min_age_months=6, max_age_months=48)
    assert "6 months to 4 years" in text_of(client.get(service.url))


def test_a_hidden_address_shows_only_the_town_and_district(client, service):
    ServiceLocationFactory(
        service=service, name="Safe house", address_line_1="7 Secret Row", hidden=True
    )
    html = text_of(client.get(service.url))
    assert "Safe house" in html
    assert "7 Secret Row" not in html
    assert "NB2 3CD" not in html
    assert "NB2" in html
    assert "The full address is given when you book." in html


def test_a_public_address_is_shown_in_full(client, service):
    ServiceLocationFactory(service=service, name="Mill Lane Centre")
    html = text_of(client.get(service.url))
    assert "Mill Lane Centre" in html
    assert "12 Mill Lane" in html
    assert "NB2 3CD" in html
    assert "The full address is given when you book." not in html


def test_listing_shows_when_it_runs(client, service):
    ServiceScheduleFactory(service=service)
    ServiceScheduleFactory(
        service=service,
        weekday=Weekday.SATURDAY,
        start_time=dt.time(10),
        end_time=dt.time(12),
        period=SchedulePeriod.HOLIDAYS,
    )
    html = text_of(client.get(service.url))
    assert "Mondays, 4pm to 5:30pm, term time only" in html
    assert "Saturdays, 10am to midday, school holidays only" in html


def test_a_draft_listing_is_not_found(client, organisation):
    draft = ServicePageFactory(parent=organisation, title="Secret plans", draft=True)
    response = client.get(f"{organisation.url}{draft.slug}/")
    assert response.status_code == 404


def test_unpublished_changes_stay_private(client, service):
    service.summary = "A draft summary nobody should see yet."
    service.save_revision()
    html = text_of(client.get(service.url))
    assert "A draft summary nobody should see yet." not in html
    assert "Play and make friends on Saturday mornings." in html


def _add_rows(service, start: int, stop: int) -> None:
    feature = AccessibilityFeatureFactory()
    for index in range(start, stop):
        CostOptionFactory(service=service, label=f"Option {index}", direct_payment=True)
        ServiceLocationFactory(service=service, accessibility=[feature])
        ServiceScheduleFactory(service=service, weekday=index % 7)
        ServiceImageFactory(service=service, caption=f"Picture {index}")
        ServiceContactFactory(service=service, name=f"Contact {index}")


def _queries_to_render(client, url: str) -> int:
    client.get(url)  # the first view makes image renditions; count a steady-state view
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_listing_queries_do_not_grow_with_its_rows(client, organisation):
    service = ServicePageFactory(parent=organisation, cost_options=[])
    _add_rows(service, 0, 1)
    with_one = _queries_to_render(client, service.url)
    _add_rows(service, 1, 6)
    html = text_of(client.get(service.url))
    assert html.count("Can be paid for with a direct payment") == 6
    assert "Contact 5" in html
    with_six = _queries_to_render(client, service.url)
    assert with_six == with_one


# --- organisations ------------------------------------------------------------------------


def test_organisation_lists_its_published_services_only(client, organisation):
    ServicePageFactory(parent=organisation, title="Youth theatre")
    ServicePageFactory(parent=organisation, title="Parent workshops")
    ServicePageFactory(parent=organisation, title="Secret plans", draft=True)
    withdrawn = ServicePageFactory(parent=organisation, title="Old swimming club")
    withdrawn.unpublish()
    html = text_of(client.get(organisation.url))
    assert "Youth theatre" in html
    assert "Parent workshops" in html
    assert "Secret plans" not in html
    assert "Old swimming club" not in html
    assert html.index("Parent workshops") < html.index("Youth theatre")  # A to Z


def test_organisation_index_lists_organisations(client, organisation):
    html = text_of(client.get(organisation.get_parent().url))
    assert "Northbridge Play Club" in html


# --- categories ---------------------------------------------------------------------------


@pytest.fixture
def categories(db):
    top = CategoryFactory(name="Short breaks")
    return {
        "top": top,
        "child": CategoryFactory(name="Overnight stays", parent=top),
        "other": CategoryFactory(name="Speech and language"),
    }


def test_category_lists_its_services_and_its_sub_categories_services(
    client, organisation, categories
):
    ServicePageFactory(parent=organisation, title="Weekend breaks", categories=[categories["top"]])
    ServicePageFactory(
        parent=organisation, title="Overnight respite", categories=[categories["child"]]
    )
    ServicePageFactory(parent=organisation, title="Talking time", categories=[categories["other"]])
    ServicePageFactory(
        parent=organisation, title="Secret breaks", categories=[categories["top"]], draft=True
    )
    html = text_of(client.get(reverse("providers:category", args=[categories["top"].slug])))
    assert "Weekend breaks" in html
    assert "Overnight respite" in html
    assert "Talking time" not in html
    assert "Secret breaks" not in html

    child_html = text_of(client.get(reverse("providers:category", args=[categories["child"].slug])))
    assert "Overnight respite" in child_html
    assert "Weekend breaks" not in child_html


def test_a_service_in_two_sub_categories_is_listed_once(client, organisation, categories):
    second_child = CategoryFactory(name="Day trips", parent=categories["top"])
    ServicePageFactory(
        parent=organisation,
        title="Adventure breaks",
        categories=[categories["child"], second_child],
    )
    html = text_of(client.get(reverse("providers:category", args=[categories["top"].slug])))
    assert html.count(">Adventure breaks<") == 1


def test_category_pages_are_paginated(client, organisation, categories):
    from providers.views import PAGE_SIZE

    for index in range(PAGE_SIZE + 1):
        ServicePageFactory(
            parent=organisation, title=f"Club {index:02d}", categories=[categories["top"]]
        )
    url = reverse("providers:category", args=[categories["top"].slug])
    first = text_of(client.get(url))
    second = text_of(client.get(url, {"page": 2}))
    assert "Club 00" in first
    assert f"Club {PAGE_SIZE - 1:02d}" in first
    assert f"Club {PAGE_SIZE:02d}" not in first
    assert f"Club {PAGE_SIZE:02d}" in second
    assert "Club 00" not in second
    assert 'href="?page=2"' in first


def test_an_unknown_category_is_not_found(client, db):
    assert client.get(reverse("providers:category", args=["no-such-thing"])).status_code == 404
