"""The costing pages in the workspace: forms that keep what was typed, results in words,
what-ifs that save nothing, saving a version and "Use this as my price"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from wagtail.admin.menu import admin_menu
from wagtail.models import ModelLogEntry

from pricing.costing.enums import CostingStatus, Driver, OverheadPool
from pricing.costing.models import CostedService, Costing, CostLine, PoolDriver, PriceProposal
from pricing.costing.services import finalise_costing

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def client(provider) -> Client:
    client = Client()
    client.force_login(provider)
    return client


def url(name: str, *args) -> str:
    return reverse(f"provider_costing:{name}", args=args)


def page(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_the_menu_goes_straight_to_the_only_organisation(client, organisation):
    response = client.get(url("index"))
    assert response.status_code == 302 and response.url == url("list", organisation.pk)


def test_the_costing_menu_item_is_for_people_in_a_team(provider, users_by_role):
    def names(user) -> list[str]:
        request = RequestFactory().get("/admin/")
        request.user = user
        return [item.name for item in admin_menu.menu_items_for_request(request)]

    assert "costing" in names(provider)
    assert "costing" not in names(users_by_role["moderator"])


def test_the_list_shows_costings_by_year_and_version(client, costing, organisation, provider):
    finalise_costing(costing=costing, by=provider)
    html = page(client.get(url("list", organisation.pk)))
    assert "2026 to 2027" in html
    assert "Version 1" in html and "Saved on" in html
    assert "Start a new draft from version 1" in html
    assert "Start a costing" in html


def test_starting_a_costing_with_a_wrong_date_keeps_what_was_typed(client, organisation):
    response = client.post(
        url("list", organisation.pk), {"day": "31", "month": "2", "year": "2027"}
    )
    html = page(response)
    assert "There is a problem" in html and "Enter a real date" in html
    assert 'value="31"' in html and 'value="2027"' in html
    assert not Costing.objects.exists()


def test_starting_a_costing_opens_its_page(client, organisation):
    response = client.post(url("list", organisation.pk), {"day": "1", "month": "4", "year": "2027"})
    costing = Costing.objects.get()
    assert response.status_code == 302 and response.url == url("costing", costing.pk)
    assert costing.year_starts_on == dt.date(2027, 4, 1)
    again = page(
        client.post(url("list", organisation.pk), {"day": "1", "month": "4", "year": "2027"})
    )
    assert "already a draft for 2027 to 2028" in again


def test_a_new_draft_from_a_saved_version(client, costing, provider):
    finalise_costing(costing=costing, by=provider)
    response = client.post(url("new_draft", costing.pk))
    draft = Costing.objects.get(status=CostingStatus.DRAFT)
    assert response.url == url("costing", draft.pk)
    assert (draft.version, draft.based_on) == (2, costing)


def test_the_costing_page_shows_services_lines_and_overheads(client, costing, swim):
    html = page(client.get(url("costing", costing.pk)))
    assert "Swim Club" in html and "Respite sitting" in html
    assert "Pool hire" in html and "£3,200.00" in html
    assert "Direct costs of Swim Club" in html and "£12,367.00" in html
    assert "Premises and office" in html and "Office rent and rates" in html
    assert "£85,000.00" in html
    assert 'name="premises" value="headcount"' in html  # the driver chosen, as a radio


def test_adding_a_service_with_errors_keeps_what_was_typed(client, costing):
    data = {"name": "Art club", "unit_label": "place", "units_method": "sessions", "places": "8"}
    html = page(client.post(url("service_add", costing.pk), data))
    assert "There is a problem" in html
    assert "Enter the number of sessions a year" in html
    assert "Enter the expected occupancy" in html
    assert 'value="Art club"' in html and 'value="8"' in html
    assert not CostedService.objects.filter(name="Art club").exists()


def test_a_service_name_taken_is_refused_beside_the_name(client, costing):
    data = {
        "name": "swim club",
        "unit_label": "place",
        "units_method": "sessions",
        "sessions": "10",
        "places": "8",
        "occupancy_percent": "50",
    }
    html = page(client.post(url("service_add", costing.pk), data))
    assert "already has a service with that name" in html
    assert 'href="#id_name"' in html


def test_adding_and_changing_a_service(client, costing, service):
    data = {
        "name": "Art club",
        "listing": service.pk,
        "unit_label": "place",
        "units_method": "sessions",
        "sessions": "30",
        "places": "8",
        "occupancy_percent": "80",
        "headcount": "1",
    }
    response = client.post(url("service_add", costing.pk), data)
    added = CostedService.objects.get(name="Art club")
    assert response.url == url("costing", costing.pk) + f"#service-{added.pk}"
    assert added.listing_id == service.pk and added.current_price == D("24.00")
    form = page(client.get(url("service_edit", costing.pk, added.pk)))
    assert 'value="Art club"' in form
    client.post(url("service_edit", costing.pk, added.pk), {**data, "places": "10"})
    assert CostedService.objects.get(pk=added.pk).places == D("10.00")


def test_a_cost_line_with_errors_keeps_what_was_typed(client, costing, swim):
    data = {"service": swim.pk, "kind": "travel", "description": "Minibus", "amount": "lots"}
    html = page(client.post(url("line_add", costing.pk) + f"?service={swim.pk}", data))
    assert "Enter the amount for the year as a number" in html
    assert 'value="Minibus"' in html and 'value="lots"' in html
    assert not CostLine.objects.filter(description="Minibus").exists()


def test_adding_changing_and_removing_lines(client, costing, swim):
    client.post(
        url("line_add", costing.pk) + f"?service={swim.pk}",
        {"service": swim.pk, "kind": "travel", "description": "Minibus", "amount": "120.50"},
    )
    line = CostLine.objects.get(description="Minibus")
    assert (line.service, line.amount) == (swim, D("120.50"))
    client.post(url("line_add", costing.pk), {"pool": "central", "amount": "99"})
    assert CostLine.objects.get(pool="central", amount=D("99")).description == "Central functions"
    client.post(
        url("line_edit", costing.pk, line.pk),
        {"kind": "travel", "description": "Bus", "amount": "10"},
    )
    assert CostLine.objects.get(pk=line.pk).description == "Bus"
    assert "Remove Bus (£10.00)?" in page(client.get(url("line_remove", costing.pk, line.pk)))
    client.post(url("line_remove", costing.pk, line.pk))
    assert not CostLine.objects.filter(pk=line.pk).exists()


def test_removing_a_service(client, costing, swim):
    assert "Remove Swim Club and its direct costs?" in page(
        client.get(url("service_remove", costing.pk, swim.pk))
    )
    client.post(url("service_remove", costing.pk, swim.pk))
    assert not CostedService.objects.filter(pk=swim.pk).exists()


def test_choosing_drivers(client, costing):
    data = {pool.value: Driver.DIRECT_SPENDING for pool in OverheadPool}
    client.post(url("drivers", costing.pk), data)
    assert set(PoolDriver.objects.filter(costing=costing).values_list("driver", flat=True)) == {
        Driver.DIRECT_SPENDING
    }
    html = page(client.post(url("drivers", costing.pk), {**data, "premises": "luck"}))
    assert "There is a problem" in html


def test_the_results_in_words(client, costing, swim):
    html = page(client.get(url("results", costing.pk)))
    assert "£52.22 a place" in html and "£23.27 an hour" in html
    assert "£15,666.24" in html and "26.68%" in html
    assert "Premises and office, shared by headcount: 2 of 7 staff" in html
    assert "£1,714.29" in html
    assert "300 places (400 places a year × 75% expected occupancy)" in html
    assert html.count("£85,000.00") >= 2
    assert "Save this version" in html
    # Unlinked services cannot send a price.
    assert "Link this service to one of your listings" in html


def test_a_price_below_the_direct_cost_is_said_in_words(client, costing, swim, provider):
    CostedService.objects.filter(pk=swim.pk).update(current_price=D("6.50"))
    html = page(client.get(url("results", costing.pk)))
    assert "Does not cover even its direct cost" in html
    assert "£6.50 a place is below the full cost of £52.22 a place" in html
    assert "2,411 places a year: 602.75% of the 400 available, so at this price it cannot" in html


def test_a_what_if_shows_results_and_saves_nothing(client, costing, swim):
    logs = ModelLogEntry.objects.count()
    before = list(CostedService.objects.filter(costing=costing).values())
    query = {
        "what_if": "1",
        f"occupancy_{swim.pk}": "50",
        f"price_{swim.pk}": "80",
        "driver_premises": "staff_time",
    }
    html = page(client.get(url("results", costing.pk), query))
    assert "What-if: nothing has been saved" in html
    assert "(what-if)" in html
    assert "200 places (400 places a year × 50% expected occupancy)" in html
    assert "Premises and office, shared by staff time" in html
    assert "Covers its full cost" in html
    assert "Save this version" not in html and "Use this as my price" not in html
    assert list(CostedService.objects.filter(costing=costing).values()) == before
    assert PoolDriver.objects.get(costing=costing, pool="premises").driver == Driver.HEADCOUNT
    assert ModelLogEntry.objects.count() == logs
    assert Costing.objects.get(pk=costing.pk).status == CostingStatus.DRAFT


def test_a_what_if_with_errors_keeps_what_was_typed(client, costing, swim):
    query = {"what_if": "1", f"occupancy_{swim.pk}": "150"}
    html = page(client.get(url("results", costing.pk), query))
    assert "There is a problem" in html and "of 100 or less" in html
    assert 'value="150"' in html
    assert "What-if: nothing has been saved" not in html


def test_saving_a_version(client, costing):
    response = client.post(url("finalise", costing.pk))
    assert response.url == url("results", costing.pk)
    assert Costing.objects.get(pk=costing.pk).status == CostingStatus.FINAL
    html = page(client.get(url("results", costing.pk)))
    assert "Version 1, saved on" in html and "Save this version" not in html
    # A saved version's forms send people back to its page.
    response = client.get(url("service_add", costing.pk))
    assert response.url == url("costing", costing.pk)
    response = client.post(url("line_add", costing.pk), {"pool": "central", "amount": "5"})
    assert response.url == url("costing", costing.pk)
    assert not CostLine.objects.filter(costing=costing, amount=D("5")).exists()


def test_saving_refused_says_what_to_put_right(client, costing, swim):
    CostedService.objects.filter(pk=swim.pk).update(occupancy_percent=D("0"))
    client.post(url("finalise", costing.pk))
    assert Costing.objects.get(pk=costing.pk).status == CostingStatus.DRAFT
    html = page(client.get(url("results", costing.pk)))
    assert "Swim Club has no planned units." in html


def test_use_as_price_from_the_results_page(client, costing, swim, service):
    CostedService.objects.filter(pk=swim.pk).update(listing=service, current_price=D("24.00"))
    html = page(client.get(url("results", costing.pk)))
    assert "Use this as my price" in html
    response = client.post(url("use_as_price", costing.pk, swim.pk))
    assert response.url == url("results", costing.pk)
    proposal = PriceProposal.objects.get()
    assert proposal.new_price == D("52.22")
    html = page(client.get(response.url))
    assert "has gone to the council to check" in html
    assert "Families keep paying £24.00 until a moderator approves it" in html
    # The price sent is shown, and is not sent twice while the council has not decided.
    assert "You sent £52.22 a place to the council on" in html
    assert "This price is with the council" in html
    assert "Use this as my price" not in html
