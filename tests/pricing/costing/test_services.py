"""Writes of costings: versions, saved versions that never change, and refusals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from localoffer.core.immutable import ChangeRefused
from pricing.costing.enums import CostingStatus, DirectCostKind, Driver, OverheadPool, UnitsMethod
from pricing.costing.models import CostedService, Costing, CostLine, PoolDriver
from pricing.costing.selectors import work_out_costing
from pricing.costing.services import (
    CostingError,
    finalise_costing,
    remove_line,
    remove_service,
    save_line,
    save_service,
    set_driver,
    start_costing,
)
from tests.factories import OrganisationPageFactory, ServicePageFactory, UserFactory
from tests.pricing.costing.factories import YEAR, worked_example_costing
from tests.pricing.factories import BookableOfferFactory

pytestmark = pytest.mark.django_db
D = Decimal


def test_the_first_costing_of_a_year_is_version_1_with_the_usual_drivers(organisation, provider):
    costing = start_costing(organisation=organisation, year_starts_on=YEAR, by=provider)
    assert (costing.version, costing.status, costing.based_on) == (1, CostingStatus.DRAFT, None)
    assert costing.year_ends_on == dt.date(2027, 3, 31)
    assert dict(PoolDriver.objects.filter(costing=costing).values_list("pool", "driver")) == {
        OverheadPool.PREMISES: Driver.FLOOR_AREA,
        OverheadPool.CENTRAL: Driver.STAFF_TIME,
        OverheadPool.GOVERNANCE: Driver.DIRECT_SPENDING,
        OverheadPool.FUNDRAISING: Driver.DIRECT_SPENDING,
    }


def test_one_draft_a_year(costing, organisation, provider):
    with pytest.raises(CostingError, match="already a draft for 2026 to 2027"):
        start_costing(organisation=organisation, year_starts_on=YEAR, by=provider)
    # Another year is another costing.
    other = start_costing(
        organisation=organisation, year_starts_on=dt.date(2027, 4, 1), by=provider
    )
    assert other.version == 1


def test_a_new_draft_copies_the_saved_version_whole(costing, organisation, provider, swim):
    finalise_costing(costing=costing, by=provider)
    draft = start_costing(organisation=organisation, year_starts_on=YEAR, by=provider)
    assert (draft.version, draft.based_on, draft.status) == (2, costing, CostingStatus.DRAFT)
    copied = CostedService.objects.get(costing=draft, name="Swim Club")
    assert copied.pk != swim.pk
    assert (copied.sessions, copied.places, copied.occupancy_percent) == (
        D("40.00"),
        D("10.00"),
        D("75.00"),
    )
    assert CostLine.objects.filter(costing=draft).count() == 16
    assert CostLine.objects.filter(costing=draft, service=copied).count() == 5
    assert (
        PoolDriver.objects.get(costing=draft, pool=OverheadPool.PREMISES).driver == Driver.HEADCOUNT
    )
    before, after = work_out_costing(costing), work_out_costing(draft)
    assert [s.unit_cost for s in after.services] == [s.unit_cost for s in before.services]
    # Changing the draft leaves the saved version as it was.
    save_line(costing=draft, by=provider, pool=OverheadPool.PREMISES, amount=D("1000.00"))
    assert work_out_costing(costing).total_overheads == D("17000.00")
    assert work_out_costing(draft).total_overheads == D("18000.00")


def test_a_draft_can_start_from_an_older_saved_version(costing, organisation, provider):
    finalise_costing(costing=costing, by=provider)
    second = start_costing(organisation=organisation, year_starts_on=YEAR, by=provider)
    save_line(costing=second, by=provider, pool=OverheadPool.CENTRAL, amount=D("500.00"))
    finalise_costing(costing=second, by=provider)
    third = start_costing(
        organisation=organisation, year_starts_on=YEAR, by=provider, based_on=costing
    )
    assert (third.version, third.based_on) == (3, costing)
    assert work_out_costing(third).total_overheads == D("17000.00")


def test_a_saved_version_and_its_rows_refuse_every_change(costing, provider, swim):
    finalise_costing(costing=costing, by=provider)
    costing.refresh_from_db()
    assert costing.status == CostingStatus.FINAL
    assert costing.finalised_by == provider and costing.finalised_at is not None
    line = CostLine.objects.filter(costing=costing).first()
    with pytest.raises(CostingError, match="cannot be changed"):
        save_service(
            costing=costing,
            by=provider,
            service=swim,
            name="Swim",
            unit_label="place",
            units_method=UnitsMethod.SESSIONS,
            sessions=1,
            places=1,
            occupancy_percent=1,
        )
    with pytest.raises(CostingError, match="cannot be changed"):
        save_line(costing=costing, by=provider, pool=OverheadPool.CENTRAL, amount=D("1"))
    with pytest.raises(CostingError):
        remove_line(line=line, by=provider)
    with pytest.raises(CostingError):
        remove_service(service=swim, by=provider)
    with pytest.raises(CostingError):
        set_driver(costing=costing, pool=OverheadPool.CENTRAL, driver=Driver.UNITS, by=provider)
    with pytest.raises(CostingError, match="already saved"):
        finalise_costing(costing=costing, by=provider)
    # And the models refuse whatever code tries.
    swim.refresh_from_db()
    swim.name = "Changed"
    with pytest.raises(ChangeRefused):
        swim.save()
    with pytest.raises(ChangeRefused):
        line.delete()
    with pytest.raises(ChangeRefused):
        costing.save()
    with pytest.raises(ChangeRefused):
        costing.delete()
    fresh = Costing.objects.get(pk=costing.pk)
    with pytest.raises(ChangeRefused):
        fresh.save()
    assert CostedService.objects.get(pk=swim.pk).name == "Swim Club"


def test_a_costing_with_no_services_cannot_be_saved(organisation, provider):
    costing = start_costing(organisation=organisation, year_starts_on=YEAR, by=provider)
    with pytest.raises(CostingError) as refused:
        finalise_costing(costing=costing, by=provider)
    assert refused.value.problems == ["Add at least one service to work out its costs."]
    assert Costing.objects.get(pk=costing.pk).status == CostingStatus.DRAFT


def test_a_pool_that_cannot_be_shared_and_a_service_with_no_units_stop_saving(
    costing, provider, swim
):
    set_driver(costing=costing, pool=OverheadPool.PREMISES, driver=Driver.FLOOR_AREA, by=provider)
    save_service(
        costing=costing,
        by=provider,
        service=swim,
        name="Swim Club",
        unit_label="place",
        units_method=UnitsMethod.SESSIONS,
        sessions=D("40"),
        places=D("10"),
        occupancy_percent=D("0"),
        headcount=D("2"),
        staff_time=D("520"),
    )
    with pytest.raises(CostingError) as refused:
        finalise_costing(costing=costing, by=provider)
    assert refused.value.problems == [
        "Premises and office cannot be shared out: every service's floor area (square "
        "metres) is zero. Enter the values or choose another driver.",
        "Swim Club has no planned units.",
    ]
    assert "cannot be saved yet" in refused.value.message


def test_removing_a_service_removes_its_lines(costing, provider, swim):
    remove_service(service=swim, by=provider)
    assert not CostedService.objects.filter(pk=swim.pk).exists()
    assert CostLine.objects.filter(costing=costing).count() == 11
    assert work_out_costing(costing).whole_budget == D("72633.00")


def test_a_line_is_changed_and_removed(costing, provider, swim):
    line = CostLine.objects.get(costing=costing, service=swim, kind=DirectCostKind.VENUE)
    save_line(
        costing=costing,
        by=provider,
        line=line,
        service=swim,
        kind=DirectCostKind.VENUE,
        description="Pool hire, new rate",
        amount=D("3600.00"),
    )
    assert work_out_costing(costing).service(swim.pk).direct_cost == D("12767.00")
    remove_line(line=line, by=provider)
    assert work_out_costing(costing).service(swim.pk).direct_cost == D("9167.00")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": " "}, "name", "Enter the name of the service."),
        ({"unit_label": ""}, "unit_label", "Enter what one unit is"),
        ({"units_method": "days"}, "units_method", "Choose how the units are planned."),
        ({"sessions": None}, "sessions", "Enter the number of sessions a year."),
        ({"occupancy_percent": D("101")}, "occupancy_percent", "of 100 or less"),
        ({"places": D("-1")}, "places", "of 0 or more"),
        ({"places": "ten"}, "places", "as a number"),
        ({"places": D("1.234")}, "places", "no more than 2 decimal places"),
        ({"name": "Respite sitting"}, "name", "already has a service with that name"),
    ],
)
def test_a_service_is_checked(costing, provider, swim, changes, field, message):
    values = {
        "name": "Swim Club",
        "unit_label": "place",
        "units_method": UnitsMethod.SESSIONS,
        "sessions": D("40"),
        "places": D("10"),
        "occupancy_percent": D("75"),
    }
    with pytest.raises(CostingError, match=message) as refused:
        save_service(costing=costing, by=provider, service=swim, **{**values, **changes})
    assert refused.value.field == field


def test_a_line_is_checked(costing, provider, swim):
    with pytest.raises(CostingError, match="Choose what kind of cost") as refused:
        save_line(costing=costing, by=provider, service=swim, kind="", amount=D("1"))
    assert refused.value.field == "kind"
    with pytest.raises(CostingError, match="of 0 or more") as refused:
        save_line(costing=costing, by=provider, pool=OverheadPool.CENTRAL, amount=D("-5"))
    assert refused.value.field == "amount"
    with pytest.raises(CostingError, match="Choose which overhead"):
        save_line(costing=costing, by=provider, pool="rent", amount=D("5"))


def test_an_empty_description_takes_the_kind_name(costing, provider, swim):
    line = save_line(
        costing=costing, by=provider, service=swim, kind=DirectCostKind.TRAVEL, amount=D("10")
    )
    assert line.description == "Travel"


def test_a_linked_service_takes_its_listing_price(costing, provider, service, swim):
    BookableOfferFactory(service=service)
    saved = save_service(
        costing=costing,
        by=provider,
        service=swim,
        name="Swim Club",
        unit_label="place",
        listing=service,
        current_price=D("99.00"),
        units_method=UnitsMethod.SESSIONS,
        sessions=D("40"),
        places=D("10"),
        occupancy_percent=D("75"),
    )
    assert saved.current_price == D("24.00")


def test_only_the_organisation_s_own_listings_can_be_linked(
    costing, provider, organisation_index, swim
):
    elsewhere = ServicePageFactory(parent=OrganisationPageFactory(parent=organisation_index))
    with pytest.raises(CostingError, match="your organisation's listings") as refused:
        save_service(
            costing=costing,
            by=provider,
            service=swim,
            name="Swim Club",
            unit_label="place",
            listing=elsewhere,
            units_method=UnitsMethod.SESSIONS,
            sessions=D("40"),
            places=D("10"),
            occupancy_percent=D("75"),
        )
    assert refused.value.field == "listing"


def test_someone_outside_the_team_is_refused(costing, organisation):
    stranger = UserFactory()
    with pytest.raises(CostingError, match="own team"):
        start_costing(organisation=organisation, year_starts_on=dt.date(2030, 4, 1), by=stranger)
    with pytest.raises(CostingError, match="own team"):
        save_line(costing=costing, by=stranger, pool=OverheadPool.CENTRAL, amount=D("1"))
    with pytest.raises(CostingError, match="own team"):
        finalise_costing(costing=costing, by=stranger)


def test_worked_example_builder_can_save_the_version(organisation, provider):
    saved = worked_example_costing(
        organisation, provider, year_starts_on=dt.date(2025, 4, 1), finalise=True
    )
    assert saved.status == CostingStatus.FINAL
    assert saved.label == "2025 to 2026, version 1"
