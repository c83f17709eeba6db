"""The sums of full cost recovery, as pure functions over plain data (no database).

Each service's full cost is its direct cost plus a share of every overhead pool; a pool is
shared in proportion to each service's value of the pool's driver (headcount, staff time,
floor area, direct spending or planned units). Shares are rounded to the penny by the
largest-remainder method, so a pool's shares always add up to the pool exactly and the
services' full costs add up to the whole budget: a provider can check the working by hand.

What-ifs are keyword overrides (occupancy, price, driver) of `work_out`: nothing is saved.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from localoffer.core.money import round_money
from pricing.costing.enums import Driver, OverheadPool, PriceVerdict, UnitsMethod

ZERO = Decimal("0.00")
HUNDRED = Decimal(100)
PERCENT_PLACES = Decimal("0.01")
# A kind of direct cost (a `DirectCostKind` value).
DirectKind = str


@dataclass(frozen=True)
class ServiceInput:
    """One service as typed: its direct costs by kind, how its units are planned, its
    driver values and the price charged now."""

    key: object
    name: str
    unit_label: str
    direct: Mapping[str, Decimal]
    units_method: str
    sessions: Decimal | None = None
    places: Decimal | None = None
    occupancy_percent: Decimal | None = None
    staff_hours: Decimal | None = None
    chargeable_percent: Decimal | None = None
    headcount: Decimal = ZERO
    staff_time: Decimal = ZERO
    floor_area: Decimal = ZERO
    current_price: Decimal | None = None


@dataclass(frozen=True)
class PoolInput:
    pool: str
    amount: Decimal
    driver: str


@dataclass(frozen=True)
class PoolShare:
    """One service's share of one pool, and the driver value it was worked out from."""

    pool: OverheadPool
    driver: Driver
    driver_value: Decimal
    share: Decimal


@dataclass(frozen=True)
class Problem:
    """Something that stops the costing being worked out in full, in plain words."""

    message: str
    pool: OverheadPool | None = None
    service_key: object = None


@dataclass(frozen=True)
class ServiceResult:
    key: object
    name: str
    unit_label: str
    units_method: UnitsMethod
    direct: dict[DirectKind, Decimal]
    direct_cost: Decimal
    capacity: Decimal
    occupancy_percent: Decimal
    planned_units: Decimal
    shares: list[PoolShare]
    overheads: Decimal
    full_cost: Decimal
    overhead_rate: Decimal | None  # overheads as a percentage of direct cost
    unit_cost: Decimal | None
    direct_unit_cost: Decimal | None
    unit_cost_reason: str | None
    current_price: Decimal | None
    verdict: PriceVerdict | None
    break_even_units: int | None
    break_even_occupancy: Decimal | None
    break_even_reason: str | None

    @property
    def price_needed(self) -> Decimal | None:
        """The price that recovers the full cost at the expected occupancy."""
        return self.unit_cost

    @property
    def break_even_within_capacity(self) -> bool:
        return self.break_even_units is not None and Decimal(self.break_even_units) <= self.capacity


@dataclass(frozen=True)
class PoolResult:
    """A pool's reconciliation: its amount, what was shared out, and whether they agree."""

    pool: OverheadPool
    driver: Driver
    amount: Decimal
    driver_total: Decimal
    shared: Decimal
    problem: str | None = None

    @property
    def adds_up(self) -> bool:
        return self.shared == self.amount


@dataclass(frozen=True)
class CostingResult:
    services: list[ServiceResult]
    pools: list[PoolResult]
    problems: list[Problem] = field(default_factory=list)
    what_if: bool = False

    @property
    def total_direct(self) -> Decimal:
        return sum((s.direct_cost for s in self.services), ZERO)

    @property
    def total_overheads(self) -> Decimal:
        return sum((p.amount for p in self.pools), ZERO)

    @property
    def whole_budget(self) -> Decimal:
        return self.total_direct + self.total_overheads

    @property
    def services_total(self) -> Decimal:
        return sum((s.full_cost for s in self.services), ZERO)

    @property
    def adds_up(self) -> bool:
        return self.services_total == self.whole_budget and all(p.adds_up for p in self.pools)

    def service(self, key: object) -> ServiceResult:
        return next(s for s in self.services if s.key == key)


def percent(part: Decimal, whole: Decimal) -> Decimal:
    """`part` as a percentage of `whole`, to two places, halves rounded up."""
    return (part * HUNDRED / whole).quantize(PERCENT_PLACES, rounding=ROUND_HALF_UP)


def share_out(amount: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """`amount` shared in proportion to `weights`, to the penny, adding up to it exactly.

    The largest-remainder method: every part is first rounded down to the penny, then the
    pennies left over go one each to the parts that lost most by rounding down (the first
    of equals first). Exact fractions, so no binary or decimal precision is lost.
    """
    total = sum((Fraction(w) for w in weights), Fraction(0))
    if total <= 0:
        raise ValueError("Weights must add up to more than zero")
    pence = Fraction(round_money(amount)) * 100
    exact = [pence * Fraction(w) / total for w in weights]
    floors = [math.floor(e) for e in exact]
    left = int(pence) - sum(floors)
    by_remainder = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    for index in by_remainder[:left]:
        floors[index] += 1
    return [Decimal(p) / 100 for p in floors]


def _units(service: ServiceInput, occupancy: Decimal | None) -> tuple[Decimal, Decimal, Decimal]:
    """Capacity, occupancy (%) and planned units of a service.

    For hours, the chargeable share of staff hours plays the part of occupancy.
    """
    if service.units_method == UnitsMethod.HOURS:
        capacity = service.staff_hours or ZERO
        occupied = occupancy if occupancy is not None else (service.chargeable_percent or ZERO)
    else:
        capacity = (service.sessions or ZERO) * (service.places or ZERO)
        occupied = occupancy if occupancy is not None else (service.occupancy_percent or ZERO)
    return capacity, occupied, capacity * occupied / HUNDRED


def _driver_value(
    driver: Driver, service: ServiceInput, direct: Decimal, units: Decimal
) -> Decimal:
    return {
        Driver.HEADCOUNT: service.headcount,
        Driver.STAFF_TIME: service.staff_time,
        Driver.FLOOR_AREA: service.floor_area,
        Driver.DIRECT_SPENDING: direct,
        Driver.UNITS: units,
    }[driver]


def _verdict(price: Decimal, unit_cost: Decimal, direct_unit_cost: Decimal) -> PriceVerdict:
    if price >= unit_cost:
        return PriceVerdict.GREEN
    if price >= direct_unit_cost:
        return PriceVerdict.AMBER
    return PriceVerdict.RED


def _break_even(
    full_cost: Decimal, price: Decimal | None, capacity: Decimal
) -> tuple[int | None, Decimal | None, str | None]:
    """Units to sell at `price` to cover the full cost, and that as a share of capacity."""
    if price is None:
        return None, None, "There is no current price to work from."
    if price <= 0:
        return None, None, "At a price of £0.00 no number of units covers the cost."
    units = math.ceil(full_cost / price)
    if capacity <= 0:
        return units, None, "There is no capacity to compare it with."
    return units, percent(Decimal(units), capacity), None


def _pool_problem(pool: PoolInput, total: Decimal, services: int) -> str | None:
    if services == 0 or pool.amount == 0 or total > 0:
        return None
    driver = Driver(pool.driver).label.lower()
    return (
        f"{OverheadPool(pool.pool).label} cannot be shared out: every service's "
        f"{driver} is zero. Enter the values or choose another driver."
    )


def work_out(
    services: Iterable[ServiceInput],
    pools: Iterable[PoolInput],
    *,
    occupancy: Mapping[object, Decimal] | None = None,
    prices: Mapping[object, Decimal] | None = None,
    drivers: Mapping[str, str] | None = None,
) -> CostingResult:
    """Every service's full cost, unit cost and price verdict, and the reconciliation.

    `occupancy` (per service key, a percentage), `prices` (per key) and `drivers` (per
    pool) replace what was typed, to try a what-if.
    """
    occupancy, prices, drivers = occupancy or {}, prices or {}, drivers or {}
    services = list(services)
    pools = [
        PoolInput(pool=p.pool, amount=round_money(p.amount), driver=drivers.get(p.pool, p.driver))
        for p in pools
    ]
    problems: list[Problem] = []
    if not services:
        problems.append(Problem("Add at least one service to work out its costs."))

    directs = [sum((round_money(a) for a in s.direct.values()), ZERO) for s in services]
    units = [_units(s, occupancy.get(s.key)) for s in services]

    shares: list[list[PoolShare]] = [[] for _ in services]
    pool_results: list[PoolResult] = []
    for pool in pools:
        driver = Driver(pool.driver)
        values = [_driver_value(driver, s, directs[i], units[i][2]) for i, s in enumerate(services)]
        total = sum(values, ZERO)
        problem = _pool_problem(pool, total, len(services))
        if problem:
            problems.append(Problem(problem, pool=OverheadPool(pool.pool)))
        amounts = share_out(pool.amount, values) if total > 0 else [ZERO] * len(services)
        for i, value in enumerate(values):
            shares[i].append(PoolShare(OverheadPool(pool.pool), driver, value, amounts[i]))
        pool_results.append(
            PoolResult(
                pool=OverheadPool(pool.pool),
                driver=driver,
                amount=pool.amount,
                driver_total=total,
                shared=sum(amounts, ZERO),
                problem=problem,
            )
        )

    results = []
    for i, service in enumerate(services):
        results.append(
            _service_result(service, directs[i], units[i], shares[i], prices.get(service.key))
        )
        if results[-1].planned_units <= 0:
            problems.append(
                Problem(f"{service.name} has no planned units.", service_key=service.key)
            )
    return CostingResult(
        services=results,
        pools=pool_results,
        problems=problems,
        what_if=bool(occupancy or prices or drivers),
    )


def _service_result(
    service: ServiceInput,
    direct_cost: Decimal,
    units: tuple[Decimal, Decimal, Decimal],
    shares: list[PoolShare],
    price_override: Decimal | None,
) -> ServiceResult:
    capacity, occupied, planned = units
    overheads = sum((s.share for s in shares), ZERO)
    full_cost = direct_cost + overheads
    price = price_override if price_override is not None else service.current_price
    unit_cost: Decimal | None
    direct_unit_cost: Decimal | None
    if planned > 0:
        unit_cost = round_money(full_cost / planned)
        direct_unit_cost = round_money(direct_cost / planned)
        reason = None
    else:
        unit_cost = direct_unit_cost = None
        reason = "No units are planned, so there is no cost per unit."
    verdict = (
        _verdict(price, unit_cost, direct_unit_cost)
        if price is not None and unit_cost is not None and direct_unit_cost is not None
        else None
    )
    be_units, be_occupancy, be_reason = _break_even(full_cost, price, capacity)
    return ServiceResult(
        key=service.key,
        name=service.name,
        unit_label=service.unit_label,
        units_method=UnitsMethod(service.units_method),
        direct={kind: round_money(a) for kind, a in service.direct.items()},
        direct_cost=direct_cost,
        capacity=capacity,
        occupancy_percent=occupied,
        planned_units=planned,
        shares=shares,
        overheads=overheads,
        full_cost=full_cost,
        overhead_rate=percent(overheads, direct_cost) if direct_cost > 0 else None,
        unit_cost=unit_cost,
        direct_unit_cost=direct_unit_cost,
        unit_cost_reason=reason,
        current_price=price,
        verdict=verdict,
        break_even_units=be_units,
        break_even_occupancy=be_occupancy,
        break_even_reason=be_reason,
    )
