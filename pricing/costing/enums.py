"""Full cost recovery as data: a costing's states, kinds of direct cost, overhead pools,
the drivers that share a pool among services, how units are planned, and price verdicts."""

from __future__ import annotations

from django.db import models


class CostingStatus(models.TextChoices):
    """A costing is edited as a draft; once saved it never changes, so a price that was
    worked out from it can always show the figures it came from."""

    DRAFT = "draft", "Draft"
    FINAL = "final", "Saved version"


COSTING_TRANSITIONS: dict[str, frozenset[str]] = {
    CostingStatus.DRAFT: frozenset({CostingStatus.FINAL}),
    CostingStatus.FINAL: frozenset(),
}


class DirectCostKind(models.TextChoices):
    STAFF_PAY = "staff_pay", "Staff pay"
    EMPLOYER_NI = "employer_ni", "Employer's National Insurance"
    PENSION = "pension", "Employer's pension contributions"
    MATERIALS = "materials", "Materials and equipment"
    TRAVEL = "travel", "Travel"
    VENUE = "venue", "Venue hire"
    VOLUNTEER_EXPENSES = "volunteer_expenses", "Volunteers' expenses"
    OTHER = "other", "Other direct costs"


class OverheadPool(models.TextChoices):
    PREMISES = "premises", "Premises and office"
    CENTRAL = "central", "Central functions"
    GOVERNANCE = "governance", "Governance and strategic development"
    FUNDRAISING = "fundraising", "Fundraising"


class Driver(models.TextChoices):
    """What a pool is shared by. The last two are worked out from the costing itself."""

    HEADCOUNT = "headcount", "Headcount (staff working on the service)"
    STAFF_TIME = "staff_time", "Staff time (hours a year)"
    FLOOR_AREA = "floor_area", "Floor area (square metres)"
    DIRECT_SPENDING = "direct_spending", "Direct spending"
    UNITS = "units", "Planned units"


# Drivers a provider types per service; the others are computed.
TYPED_DRIVERS: frozenset[str] = frozenset({Driver.HEADCOUNT, Driver.STAFF_TIME, Driver.FLOOR_AREA})

DEFAULT_DRIVERS: dict[str, str] = {
    OverheadPool.PREMISES: Driver.FLOOR_AREA,
    OverheadPool.CENTRAL: Driver.STAFF_TIME,
    OverheadPool.GOVERNANCE: Driver.DIRECT_SPENDING,
    OverheadPool.FUNDRAISING: Driver.DIRECT_SPENDING,
}


class UnitsMethod(models.TextChoices):
    SESSIONS = "sessions", "Sessions × places × expected occupancy"
    HOURS = "hours", "Chargeable hours from staff time"


class PriceVerdict(models.TextChoices):
    """How a price compares with the cost of one unit (shown in words; colour is extra)."""

    GREEN = "covers", "Covers its full cost"
    AMBER = "covers_direct", "Covers its direct cost but not its share of overheads"
    RED = "below_direct", "Does not cover even its direct cost"
