"""The sums of full cost recovery, checked to the penny against the worked example."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from pricing.costing.arithmetic import PoolInput, ServiceInput, share_out, work_out
from pricing.costing.enums import DirectCostKind as K
from pricing.costing.enums import Driver, OverheadPool, PriceVerdict, UnitsMethod

D = Decimal

SWIM = ServiceInput(
    key="swim",
    name="Swim Club",
    unit_label="place",
    direct={
        K.STAFF_PAY: D("8320.00"),
        K.EMPLOYER_NI: D("191.00"),
        K.PENSION: D("249.60"),
        K.VENUE: D("3200.00"),
        K.MATERIALS: D("406.40"),
    },
    units_method=UnitsMethod.SESSIONS,
    sessions=D("40"),
    places=D("10"),
    occupancy_percent=D("75"),
    headcount=D("2"),
    staff_time=D("520"),
    current_price=D("45.00"),
)
RESPITE = ServiceInput(
    key="respite",
    name="Respite sitting",
    unit_label="hour",
    direct={
        K.STAFF_PAY: D("46200.00"),
        K.EMPLOYER_NI: D("3903.00"),
        K.PENSION: D("1386.00"),
        K.TRAVEL: D("3244.00"),
        K.VOLUNTEER_EXPENSES: D("900.00"),
    },
    units_method=UnitsMethod.HOURS,
    staff_hours=D("3725"),
    chargeable_percent=D("80"),
    headcount=D("5"),
    staff_time=D("3725"),
    current_price=D("25.00"),
)
POOLS = [
    PoolInput(OverheadPool.PREMISES, D("6000.00"), Driver.HEADCOUNT),
    PoolInput(OverheadPool.CENTRAL, D("7000.00"), Driver.STAFF_TIME),
    PoolInput(OverheadPool.GOVERNANCE, D("2500.00"), Driver.DIRECT_SPENDING),
    PoolInput(OverheadPool.FUNDRAISING, D("1500.00"), Driver.DIRECT_SPENDING),
]


def shares_of(service):
    return {s.pool: s.share for s in service.shares}


def test_the_worked_example_to_the_penny():
    result = work_out([SWIM, RESPITE], POOLS)
    swim, respite = result.service("swim"), result.service("respite")

    assert swim.direct_cost == D("12367.00")
    assert respite.direct_cost == D("55633.00")
    assert shares_of(swim) == {
        OverheadPool.PREMISES: D("1714.29"),
        OverheadPool.CENTRAL: D("857.48"),
        OverheadPool.GOVERNANCE: D("454.67"),
        OverheadPool.FUNDRAISING: D("272.80"),
    }
    assert shares_of(respite) == {
        OverheadPool.PREMISES: D("4285.71"),
        OverheadPool.CENTRAL: D("6142.52"),
        OverheadPool.GOVERNANCE: D("2045.33"),
        OverheadPool.FUNDRAISING: D("1227.20"),
    }
    assert swim.planned_units == D("300")
    assert swim.capacity == D("400")
    assert respite.planned_units == D("2980")
    assert respite.capacity == D("3725")
    assert swim.overheads == D("3299.24")
    assert swim.full_cost == D("15666.24")
    assert swim.overhead_rate == D("26.68")
    assert respite.full_cost == D("69333.76")
    assert respite.overhead_rate == D("24.63")
    assert swim.unit_cost == D("52.22")
    assert respite.unit_cost == D("23.27")
    assert swim.price_needed == D("52.22")
    assert swim.direct_unit_cost == D("41.22")
    assert respite.direct_unit_cost == D("18.67")


def test_the_worked_example_reconciles():
    result = work_out([SWIM, RESPITE], POOLS)
    assert result.total_direct == D("68000.00")
    assert result.total_overheads == D("17000.00")
    assert result.whole_budget == D("85000.00")
    assert result.services_total == D("85000.00")
    assert result.adds_up
    assert result.problems == []
    assert [(p.pool, p.amount, p.shared, p.adds_up) for p in result.pools] == [
        (OverheadPool.PREMISES, D("6000.00"), D("6000.00"), True),
        (OverheadPool.CENTRAL, D("7000.00"), D("7000.00"), True),
        (OverheadPool.GOVERNANCE, D("2500.00"), D("2500.00"), True),
        (OverheadPool.FUNDRAISING, D("1500.00"), D("1500.00"), True),
    ]
    # The driver used and its value are kept beside each share, to show the working.
    premises = result.service("swim").shares[0]
    assert (premises.driver, premises.driver_value) == (Driver.HEADCOUNT, D("2"))
    assert result.pools[0].driver_total == D("7")


def test_break_even_at_the_current_price():
    result = work_out([SWIM, RESPITE], POOLS)
    swim, respite = result.service("swim"), result.service("respite")
    # £15,666.24 / £45 = 348.14 places: 349 of 400 places, 87.25% full.
    assert swim.break_even_units == 349
    assert swim.break_even_occupancy == D("87.25")
    assert swim.break_even_within_capacity
    # £69,333.76 / £25 = 2,773.35 hours: 2,774 of 3,725 staff hours.
    assert respite.break_even_units == 2774
    assert respite.break_even_occupancy == D("74.47")


def test_verdicts_in_three_bands():
    def verdict(price):
        return work_out([SWIM, RESPITE], POOLS, prices={"swim": D(price)}).service("swim").verdict

    assert verdict("52.22") == PriceVerdict.GREEN
    assert verdict("60.00") == PriceVerdict.GREEN
    assert verdict("52.21") == PriceVerdict.AMBER
    assert verdict("41.22") == PriceVerdict.AMBER
    assert verdict("41.21") == PriceVerdict.RED
    assert verdict("6.50") == PriceVerdict.RED
    assert PriceVerdict.RED.label == "Does not cover even its direct cost"


def test_no_price_means_no_verdict_and_no_break_even():
    result = work_out([replace(SWIM, current_price=None), RESPITE], POOLS)
    swim = result.service("swim")
    assert swim.verdict is None
    assert swim.break_even_units is None
    assert swim.break_even_reason == "There is no current price to work from."
    assert swim.unit_cost == D("52.22")


def test_a_price_of_zero_has_no_break_even():
    swim = work_out([SWIM, RESPITE], POOLS, prices={"swim": D("0")}).service("swim")
    assert swim.break_even_units is None
    assert "no number of units covers the cost" in swim.break_even_reason
    assert swim.verdict == PriceVerdict.RED


def test_what_if_occupancy_changes_units_and_unit_cost():
    result = work_out([SWIM, RESPITE], POOLS, occupancy={"swim": D("50")})
    swim = result.service("swim")
    assert result.what_if
    assert swim.occupancy_percent == D("50")
    assert swim.planned_units == D("200")
    # The shares do not depend on units here, so the full cost stays the same.
    assert swim.full_cost == D("15666.24")
    assert swim.unit_cost == D("78.33")
    # For hours, occupancy is the chargeable share of staff hours.
    respite = work_out([SWIM, RESPITE], POOLS, occupancy={"respite": D("100")}).service("respite")
    assert respite.planned_units == D("3725")
    assert respite.unit_cost == D("18.61")


def test_what_if_price_changes_the_verdict_and_break_even():
    swim = work_out([SWIM, RESPITE], POOLS, prices={"swim": D("60.00")}).service("swim")
    assert swim.current_price == D("60.00")
    assert swim.verdict == PriceVerdict.GREEN
    assert swim.break_even_units == 262  # 15,666.24 / 60 = 261.10
    assert swim.break_even_occupancy == D("65.50")


def test_what_if_driver_shares_a_pool_differently():
    result = work_out([SWIM, RESPITE], POOLS, drivers={OverheadPool.PREMISES: Driver.STAFF_TIME})
    swim, respite = result.service("swim"), result.service("respite")
    # 6,000 × 520 / 4,245 = 734.98; the remainder goes to respite sitting.
    assert shares_of(swim)[OverheadPool.PREMISES] == D("734.98")
    assert shares_of(respite)[OverheadPool.PREMISES] == D("5265.02")
    assert result.pools[0].driver == Driver.STAFF_TIME
    assert result.services_total == D("85000.00")
    # Nothing typed is changed: the same inputs without overrides give the typed results.
    assert shares_of(work_out([SWIM, RESPITE], POOLS).service("swim"))[OverheadPool.PREMISES] == D(
        "1714.29"
    )


def test_units_driver_shares_by_planned_units():
    pools = [PoolInput(OverheadPool.CENTRAL, D("1000.00"), Driver.UNITS)]
    result = work_out([SWIM, RESPITE], pools)
    # 300 places and 2,980 hours: 1,000 × 300 / 3,280 = 91.46.
    assert shares_of(result.service("swim"))[OverheadPool.CENTRAL] == D("91.46")
    assert shares_of(result.service("respite"))[OverheadPool.CENTRAL] == D("908.54")


def test_a_pool_whose_driver_values_are_all_zero_is_reported_not_divided():
    pools = [*POOLS[:3], PoolInput(OverheadPool.FUNDRAISING, D("1500.00"), Driver.FLOOR_AREA)]
    result = work_out([SWIM, RESPITE], pools)
    fundraising = result.pools[3]
    assert fundraising.shared == D("0.00")
    assert not fundraising.adds_up
    assert "Fundraising cannot be shared out" in fundraising.problem
    assert [p.pool for p in result.problems] == [OverheadPool.FUNDRAISING]
    assert result.services_total == D("83500.00")
    assert not result.adds_up


def test_an_empty_pool_with_no_driver_values_is_no_problem():
    pools = [*POOLS, PoolInput(OverheadPool.FUNDRAISING, D("0"), Driver.FLOOR_AREA)]
    result = work_out([SWIM, RESPITE], pools[:3] + pools[4:])
    assert result.problems == []


def test_zero_planned_units_gives_no_unit_cost_with_a_reason():
    empty = replace(SWIM, occupancy_percent=D("0"))
    result = work_out([empty, RESPITE], POOLS)
    swim = result.service("swim")
    assert swim.planned_units == 0
    assert swim.unit_cost is None
    assert swim.verdict is None
    assert swim.unit_cost_reason == "No units are planned, so there is no cost per unit."
    # The price still shows how many places would have to be sold.
    assert swim.break_even_units == 349
    assert [p.message for p in result.problems] == ["Swim Club has no planned units."]


def test_no_services_is_a_problem_and_no_division():
    result = work_out([], POOLS)
    assert result.services == []
    assert [p.message for p in result.problems] == [
        "Add at least one service to work out its costs."
    ]


def test_shares_add_up_exactly_by_largest_remainder():
    assert share_out(D("100.00"), [D(1), D(1), D(1)]) == [D("33.34"), D("33.33"), D("33.33")]
    assert share_out(D("0.02"), [D(1), D(1), D(1)]) == [D("0.01"), D("0.01"), D("0.00")]
    assert share_out(D("10.00"), [D(2), D(1)]) == [D("6.67"), D("3.33")]
    parts = share_out(D("7000.00"), [D("520"), D("3725"), D("0.5")])
    assert sum(parts) == D("7000.00")
    with pytest.raises(ValueError):
        share_out(D("1.00"), [D(0), D(0)])
