"""Reads of costings: the arithmetic's inputs from a costing, an organisation's costings,
and a listing's price now.

A costing is read in three queries whatever its size (its services, all its lines, its
drivers) and shared out in Python, so working it out again for a what-if costs the same
three queries for 2 services or 30 with 200 lines.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet

from localoffer.core.money import round_money
from pricing.costing.arithmetic import CostingResult, PoolInput, ServiceInput, work_out
from pricing.costing.enums import DEFAULT_DRIVERS, CostingStatus, OverheadPool
from pricing.costing.models import CostedService, Costing, CostLine, PoolDriver
from pricing.offers.models import BookableOffer
from providers.models import CostOption, OrganisationPage, ServicePage

ZERO = Decimal("0.00")


@dataclass
class CostingRows:
    """A costing's rows as the pages show them: services (with their listings), each
    service's direct lines, each pool's overhead lines and driver."""

    costing: Costing
    services: list[CostedService]
    direct_lines: dict[int, list[CostLine]] = field(default_factory=dict)
    overhead_lines: dict[str, list[CostLine]] = field(default_factory=dict)
    drivers: dict[str, str] = field(default_factory=dict)

    def lines_of(self, service: CostedService) -> list[CostLine]:
        return self.direct_lines.get(service.pk, [])

    def pool_amount(self, pool: str) -> Decimal:
        return sum((line.amount for line in self.overhead_lines.get(pool, [])), ZERO)

    def inputs(self) -> tuple[list[ServiceInput], list[PoolInput]]:
        """The arithmetic's inputs: one service input per service (keyed by its id) and
        one pool input for each of the four pools, empty pools included."""
        services = []
        for service in self.services:
            direct: dict[str, Decimal] = defaultdict(lambda: ZERO)
            for line in self.lines_of(service):
                direct[line.kind] += round_money(line.amount)
            services.append(
                ServiceInput(
                    key=service.pk,
                    name=service.name,
                    unit_label=service.unit_label,
                    direct=dict(direct),
                    units_method=service.units_method,
                    sessions=service.sessions,
                    places=service.places,
                    occupancy_percent=service.occupancy_percent,
                    staff_hours=service.staff_hours,
                    chargeable_percent=service.chargeable_percent,
                    headcount=service.headcount,
                    staff_time=service.staff_time,
                    floor_area=service.floor_area,
                    current_price=service.current_price,
                )
            )
        pools = [
            PoolInput(
                pool=pool,
                amount=self.pool_amount(pool),
                driver=self.drivers.get(pool, DEFAULT_DRIVERS[pool]),
            )
            for pool in OverheadPool.values
        ]
        return services, pools

    def work_out(
        self,
        *,
        occupancy: Mapping[object, Decimal] | None = None,
        prices: Mapping[object, Decimal] | None = None,
        drivers: Mapping[str, str] | None = None,
    ) -> CostingResult:
        services, pools = self.inputs()
        return work_out(services, pools, occupancy=occupancy, prices=prices, drivers=drivers)


def costing_rows(costing: Costing) -> CostingRows:
    """Every row of a costing, in three queries."""
    services = list(
        CostedService.objects.filter(costing=costing)
        .select_related("listing")
        .order_by("position", "pk")
    )
    rows = CostingRows(costing=costing, services=services)
    for service in services:
        service.costing = costing  # spare a query per service when one is saved or shown
    for line in CostLine.objects.filter(costing=costing).order_by("pk"):
        line.costing = costing
        if line.service_id is None:
            rows.overhead_lines.setdefault(line.pool, []).append(line)
        else:
            rows.direct_lines.setdefault(line.service_id, []).append(line)
    rows.drivers = dict(PoolDriver.objects.filter(costing=costing).values_list("pool", "driver"))
    return rows


def work_out_costing(costing: Costing, **what_ifs: Mapping) -> CostingResult:
    """The costing's results (with what-if overrides, if given), from three queries."""
    return costing_rows(costing).work_out(**what_ifs)


def costings_of(organisation: OrganisationPage) -> QuerySet[Costing]:
    """The organisation's costings, newest year first, newest version first."""
    return Costing.objects.filter(organisation=organisation).order_by("-year_starts_on", "-version")


def latest_final(organisation: OrganisationPage, year_starts_on) -> Costing | None:
    return (
        costings_of(organisation)
        .filter(year_starts_on=year_starts_on, status=CostingStatus.FINAL)
        .first()
    )


def listings_of(organisation: OrganisationPage) -> QuerySet[ServicePage]:
    """The organisation's listings a costed service may price (its child pages)."""
    return ServicePage.objects.child_of(organisation).order_by("title")


def belongs_to(listing: ServicePage, organisation: OrganisationPage) -> bool:
    """Whether the listing is one of the organisation's (its parent page), with no query."""
    return listing.depth == organisation.depth + 1 and listing.path.startswith(organisation.path)


@dataclass(frozen=True)
class ListingPrice:
    """The cost row of a listing that families pay, and its price now (None if free of
    a typed amount)."""

    cost_option_id: int
    amount: Decimal | None
    is_free: bool


def listing_price(listing: ServicePage) -> ListingPrice | None:
    """The listing's live price: the cost row its bookable offer charges, or else its
    first cost row. None when the listing has no cost row."""
    offer = BookableOffer.objects.filter(service=listing).select_related("cost_option").first()
    option: CostOption | None = offer.cost_option if offer is not None else None
    if option is None:
        option = CostOption.objects.filter(service=listing).order_by("sort_order", "pk").first()
    if option is None:
        return None
    return ListingPrice(cost_option_id=option.pk, amount=option.amount, is_free=option.is_free)


def price_now(listing: ServicePage) -> Decimal | None:
    """What a family pays for one unit of the listing now, if anything is typed."""
    found = listing_price(listing)
    if found is None:
        return None
    if found.is_free:
        return ZERO
    return round_money(found.amount) if found.amount is not None else None
