"""The recovery page and its CSV in the provider workspace: the same figures in both, which
costing they are measured against, a fixed number of queries, and who may open them."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pricing.costing.services import finalise_costing, start_costing
from pricing.costing.worked_example import build_worked_example
from providers.organisations.access import grant_organisation_access
from tests.factories import OrganisationPageFactory, UserFactory
from tests.pricing.costing.recovery_scenario import TODAY, YEAR_STARTS, build, more_bookings

pytestmark = pytest.mark.django_db
NOON = timezone.make_aware(dt.datetime.combine(TODAY, dt.time(12)))


@pytest.fixture
def scenario(organisation, service, provider):
    return build(organisation, service, provider)


@pytest.fixture
def measured(organisation, provider, scenario):
    return build_worked_example(
        organisation=organisation,
        by=provider,
        year_starts_on=YEAR_STARTS,
        swim_listing=scenario.sessions_listing,
        respite_listing=scenario.hours_listing,
        finalise=True,
    )


def page_url(costing) -> str:
    return reverse("costing_recovery:page", args=[costing.pk])


def csv_url(costing) -> str:
    return reverse("costing_recovery:csv", args=[costing.pk])


def get(client, url):
    with time_machine.travel(NOON, tick=False):
        return client.get(url)


def test_the_page_shows_each_services_figures_and_says_what_they_rest_on(
    client, provider, measured
):
    client.force_login(provider)
    response = get(client, page_url(measured))
    assert response.status_code == 200
    page = response.content.decode()
    assert "1 April 2025 to 12 June 2025" in page and "73 of the year" in page
    assert "Version 1 of the 2025 to 2026 costing" in page
    assert "Costs are taken as spread evenly over the year" in page
    for words in ("£3,133.25", "£626.65", "7.66%", "£2,893.25", "44.44%", "£13,866.75"):
        assert words in page, words
    assert "Recovering part of its cost so far" in page  # words, not colour alone
    assert page.count('role="img"') == 3  # recovery, units, and Swim Club's sessions
    assert csv_url(measured) in page


def test_the_csv_holds_the_same_figures_as_the_page(client, provider, measured):
    client.force_login(provider)
    response = get(client, csv_url(measured))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    header = next(row for row in rows if row and row[0] == "Service")
    swim = dict(zip(header, next(r for r in rows if r and r[0] == "Swim Club"), strict=True))
    assert swim["Cost so far"] == "3133.25"
    assert swim["Units booked"] == "8" and swim["Units delivered (attended)"] == "5"
    assert swim["Actual unit cost so far"] == "626.65"
    assert swim["Income invoiced, net of VAT"] == "240.00"
    assert swim["Paid, net of VAT"] == "98.00"
    assert swim["Recovery so far"] == "7.66"
    assert swim["Subsidy still needed"] == "2893.25" and swim["Surplus"] == "0.00"
    assert swim["Projected year-end recovery at the current rate"] == "7.66"
    assert swim["Average occupancy of sessions"] == "44.44"
    totals = dict(zip(header, rows[-1], strict=True))
    assert (totals["Cost so far"], totals["Income invoiced, net of VAT"]) == ("17000.00", "336.00")
    page = get(client, page_url(measured)).content.decode()
    assert "£17,000" in page and "£336" in page and "1.98%" in page


def test_a_draft_is_measured_while_no_version_is_saved(client, organisation, provider, scenario):
    draft = build_worked_example(
        organisation=organisation,
        by=provider,
        year_starts_on=YEAR_STARTS,
        swim_listing=scenario.sessions_listing,
    )
    client.force_login(provider)
    page = get(client, page_url(draft)).content.decode()
    assert "The draft of the 2025 to 2026 costing" in page
    assert "Not linked to a listing" in page  # respite sitting is not linked here


def test_a_saved_version_is_measured_as_it_is_and_names_a_newer_one(
    client, organisation, provider, measured
):
    draft = start_costing(organisation=organisation, year_starts_on=YEAR_STARTS, by=provider)
    client.force_login(provider)
    page = get(client, page_url(draft)).content.decode()
    assert "You opened the draft, version 2" in page and "Version 1 of the" in page
    second = finalise_costing(costing=draft, by=provider)
    page = get(client, page_url(measured)).content.decode()
    assert "Version 1 of the 2025 to 2026 costing" in page
    assert "Version 2 was saved after this one" in page and page_url(second) in page


def test_the_page_makes_as_many_queries_with_more_bookings(
    client, provider, measured, scenario, django_assert_max_num_queries
):
    client.force_login(provider)
    get(client, page_url(measured))  # warm: the session, the site and the menu
    with CaptureQueriesContext(connection) as first:
        get(client, page_url(measured))
    more_bookings(scenario, provider)
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = get(client, page_url(measured))
    assert "£384" in response.content.decode()  # £240 and six more places at £24


def test_another_organisations_member_finds_nothing(client, organisation, measured):
    other = OrganisationPageFactory(
        parent=organisation.get_parent(), title="Riverside Autism Support", verified=True
    )
    stranger = UserFactory(email="admin@riverside.example.org")
    grant_organisation_access(organisation=other, user=stranger, admin=True)
    client.force_login(stranger)
    for url in (page_url(measured), csv_url(measured)):
        assert get(client, url).status_code == 404


@pytest.mark.parametrize("role", ["anonymous", "family", "content_editor"])
def test_people_in_no_team_are_refused(client_for, users_by_role, measured, role):
    client = client_for(None if role == "anonymous" else role)
    for url in (page_url(measured), csv_url(measured)):
        response = get(client, url)
        assert response.status_code in (302, 403), (role, url)
        if response.status_code == 302:
            assert not response["Location"].startswith(url)
