"""The public page, the council's view and CSV, standard costs and who may do what."""

from __future__ import annotations

from decimal import Decimal

import pytest
from wagtail.models import Site

from pricing.provision.models import StandardUnitCost
from pricing.provision.selectors import price_for
from providers.enums import CostUnit
from providers.models import Category

pytestmark = pytest.mark.django_db


@pytest.fixture
def priced(organisation, therapy, clubs, make_listing):
    make_listing(organisation, [therapy], [(Decimal("40"), CostUnit.HOUR, True)])
    make_listing(organisation, [therapy], [(Decimal("60"), CostUnit.HOUR, False)])
    make_listing(organisation, [clubs], [(Decimal("12"), CostUnit.PLACE, False)])


@pytest.fixture
def council(home):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def assistant(council, users_by_role):
    return StandardUnitCost.objects.create(
        council=council,
        category=Category.objects.get(slug="personal-assistants"),
        unit=CostUnit.HOUR,
        description="An hour of a personal assistant",
        amount=Decimal("16.00"),
    )


def test_price_for_takes_the_standard_cost_over_the_market(council, therapy, priced):
    assert price_for(council, therapy, "hour").amount == Decimal("50.00")
    assert price_for(council, therapy, "hour").source == "Median of 2 published prices"
    StandardUnitCost.objects.create(
        council=council,
        category=therapy,
        unit="hour",
        description="An hour of SLT",
        amount=Decimal("55.00"),
    )
    price = price_for(council, therapy, "hour")
    assert (price.amount, price.source) == (
        Decimal("55.00"),
        "Council standard cost: An hour of SLT",
    )
    assert price_for(council, therapy, "day") is None


def test_public_page_shows_the_figures_filters_and_links(client, priced, assistant):
    page = client.get("/what-support-costs/").content.decode()
    assert "What support costs" in page
    assert "Speech and language therapy, per hour" in page
    assert "£40" in page and "£50" in page and "£60" in page
    assert "/services/?category=speech-and-language-therapy" in page
    assert "Council standard cost: £16" in page  # the market has no price for it
    assert "<script" not in page.split("<form", 1)[1].split("</form>", 1)[0]

    filtered = client.get("/what-support-costs/?group=short-breaks-and-leisure").content.decode()
    assert "After-school clubs, per place" in filtered
    assert "Speech and language therapy" not in filtered.split("<table", 1)[1]

    direct = client.get("/what-support-costs/?direct_payment=1").content.decode()
    assert "Speech and language therapy, per hour" in direct
    assert "After-school clubs, per place" not in direct
    assert "direct_payment=1" in direct

    ignored = client.get("/what-support-costs/?unit=fortnight&group=nonsense")
    assert ignored.status_code == 200


def test_council_view_and_csv(client_for, priced, assistant):
    officer = client_for("finance_officer")
    page = officer.get("/admin/provision-map/").content.decode()
    assert "Speech and language therapy" in page and "An hour of a personal assistant" in page
    assert "Add a standard unit cost" not in page  # administrators only
    csv = b"".join(
        officer.get("/admin/provision-map/provision-map.csv?unit=hour").streaming_content
    )
    lines = csv.decode().splitlines()
    assert lines[0].startswith("Group,Type of provision,Unit,Providers")
    assert any(
        line.startswith(
            "Health and therapy,Speech and language therapy,hour,1,2,2,0,40.00,50.00,60.00,1"
        )
        for line in lines
    )
    assert not any("After-school" in line for line in lines)


@pytest.mark.parametrize("role", [None, "family", "provider"])
def test_only_council_staff_reach_the_council_view(client_for, role, priced):
    response = client_for(role).get("/admin/provision-map/")
    assert response.status_code in (302, 403)


@pytest.mark.parametrize("role", ["finance_officer", "content_editor", "coordinator"])
def test_only_administrators_change_standard_costs(client_for, role, assistant):
    client = client_for(role)
    # Wagtail answers a refusal in its admin with a redirect to the dashboard.
    assert client.get("/admin/provision-map/").status_code == 200
    assert client.get("/admin/provision-map/standard-costs/add/").status_code in (302, 403)
    client.post(
        "/admin/provision-map/standard-costs/add/",
        {"category": assistant.category_id, "unit": "day", "description": "x", "amount": "9"},
    )
    client.post(f"/admin/provision-map/standard-costs/{assistant.pk}/delete/")
    assert list(StandardUnitCost.objects.values_list("pk", flat=True)) == [assistant.pk]


def test_an_administrator_adds_changes_and_deletes_a_standard_cost(client_for, therapy, council):
    admin = client_for("superuser")
    response = admin.post(
        "/admin/provision-map/standard-costs/add/",
        {"category": therapy.pk, "unit": "hour", "description": "An hour of SLT", "amount": "55"},
    )
    assert response.status_code == 302
    cost = StandardUnitCost.objects.get()
    assert (cost.amount, cost.council) == (Decimal("55.00"), council)
    again = admin.post(
        "/admin/provision-map/standard-costs/add/",
        {"category": therapy.pk, "unit": "hour", "description": "Twice", "amount": "50"},
    )
    assert again.status_code == 200 and "already a standard cost" in again.content.decode()
    admin.post(f"/admin/provision-map/standard-costs/{cost.pk}/delete/")
    assert not StandardUnitCost.objects.exists()
