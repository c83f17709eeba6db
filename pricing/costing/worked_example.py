"""The worked example of full cost recovery, written through the costing services.

A small charity with a £85,000 budget (direct costs £68,000, overheads £17,000) and two
services: a swim club priced per place and respite sitting priced per hour. Worked out,
a place costs £52.22 and an hour £23.27. The tests check the sums against it to the
penny, and the demo site shows it to providers, so both build it here, the one way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from pricing.costing.enums import DirectCostKind, Driver, OverheadPool, UnitsMethod
from pricing.costing.models import CostedService, Costing
from pricing.costing.services import (
    finalise_costing,
    save_line,
    save_service,
    set_driver,
    start_costing,
)
from providers.models import OrganisationPage, ServicePage

D = Decimal

SWIM_LINES = [
    (DirectCostKind.STAFF_PAY, "Swimming instructors", D("8320.00")),
    (DirectCostKind.EMPLOYER_NI, "", D("191.00")),
    (DirectCostKind.PENSION, "", D("249.60")),
    (DirectCostKind.VENUE, "Pool hire", D("3200.00")),
    (DirectCostKind.MATERIALS, "Floats and swim aids", D("406.40")),
]
RESPITE_LINES = [
    (DirectCostKind.STAFF_PAY, "Respite sitters", D("46200.00")),
    (DirectCostKind.EMPLOYER_NI, "", D("3903.00")),
    (DirectCostKind.PENSION, "", D("1386.00")),
    (DirectCostKind.TRAVEL, "Sitters' mileage", D("3244.00")),
    (DirectCostKind.VOLUNTEER_EXPENSES, "", D("900.00")),
]
OVERHEAD_LINES = [
    (OverheadPool.PREMISES, "Office rent and rates", D("4500.00")),
    (OverheadPool.PREMISES, "Utilities, insurance and cleaning", D("1500.00")),
    (OverheadPool.CENTRAL, "Finance and payroll", D("4000.00")),
    (OverheadPool.CENTRAL, "Management and HR", D("3000.00")),
    (OverheadPool.GOVERNANCE, "Trustee meetings, audit and planning", D("2500.00")),
    (OverheadPool.FUNDRAISING, "Fundraising", D("1500.00")),
]
DRIVERS = {
    OverheadPool.PREMISES: Driver.HEADCOUNT,
    OverheadPool.CENTRAL: Driver.STAFF_TIME,
    OverheadPool.GOVERNANCE: Driver.DIRECT_SPENDING,
    OverheadPool.FUNDRAISING: Driver.DIRECT_SPENDING,
}


def this_financial_year(today: dt.date) -> dt.date:
    """The 1 April on or before `today`: the start of most charities' financial year."""
    starts = dt.date(today.year, 4, 1)
    return starts if today >= starts else dt.date(today.year - 1, 4, 1)


def build_worked_example(
    *,
    organisation: OrganisationPage,
    by: Any,
    year_starts_on: dt.date,
    swim_name: str = "Swim Club",
    swim_listing: ServicePage | None = None,
    swim_price: Decimal | None = None,
    respite_name: str = "Respite sitting",
    respite_listing: ServicePage | None = None,
    respite_price: Decimal | None = None,
    finalise: bool = False,
) -> Costing:
    """A new costing of the worked example for `organisation`, saved as a version if
    `finalise`. A linked listing's price is used as the service's current price; the
    typed `*_price` only when the service is not linked or its listing has no price."""
    costing = start_costing(organisation=organisation, year_starts_on=year_starts_on, by=by)
    swim = save_service(
        costing=costing,
        by=by,
        name=swim_name,
        listing=swim_listing,
        unit_label="place",
        current_price=swim_price,
        units_method=UnitsMethod.SESSIONS,
        sessions=D("40"),
        places=D("10"),
        occupancy_percent=D("75"),
        headcount=D("2"),
        staff_time=D("520"),
    )
    respite = save_service(
        costing=costing,
        by=by,
        name=respite_name,
        listing=respite_listing,
        unit_label="hour",
        current_price=respite_price,
        units_method=UnitsMethod.HOURS,
        staff_hours=D("3725"),
        chargeable_percent=D("80"),
        headcount=D("5"),
        staff_time=D("3725"),
    )
    _direct_lines(costing, swim, SWIM_LINES, by)
    _direct_lines(costing, respite, RESPITE_LINES, by)
    for pool, description, amount in OVERHEAD_LINES:
        save_line(costing=costing, by=by, pool=pool, description=description, amount=amount)
    for pool, driver in DRIVERS.items():
        set_driver(costing=costing, pool=pool, driver=driver, by=by)
    if finalise:
        costing = finalise_costing(costing=costing, by=by)
    return costing


def _direct_lines(
    costing: Costing, service: CostedService, lines: Sequence[tuple[str, str, Decimal]], by: Any
) -> None:
    for kind, description, amount in lines:
        save_line(
            costing=costing,
            by=by,
            service=service,
            kind=kind,
            description=description,
            amount=amount,
        )
