"""Recovery from what was really sold: the year so far of each costed service, against
its plan and its full cost, as pure functions over plain data (no database).

The database gives the counts and sums (`pricing.costing.recovery_selectors`); this module
does every division, so the working can be checked by hand and tested with exact figures.

The rules, in the words the recovery page uses:

- **The year so far** runs from the first day of the costing's financial year to `today`
  (both counted). The elapsed share is days elapsed / days in the year.
- **Costs are spread evenly over the year**: actual spending is not recorded here, so the
  cost so far is the full cost × the elapsed share, and the plan to date is the planned
  units × the elapsed share.
- **Units booked** are the places of confirmed bookings on sessions held so far (a
  cancelled session holds none), and the units of appointments so far of confirmed hours
  bookings (and the attended appointments of an hours booking cancelled part-way, which
  were delivered). A booking cancelled before its date gave its place back, so it is not
  booked; what it kept of its price still counts as income.
- **Units delivered** are those recorded as attended, the same rule as
  `pricing.bookings.selectors.delivered_units`. "Did not attend" and "cancelled late" are
  not delivered: the place was kept and staffed, so their cost is in the cost so far, and
  what was charged for them (a session booking is invoiced when confirmed and a missed
  session is not credited) is in the income. They are shown beside the delivered units,
  and so are units whose attendance is not recorded yet.
- **Income** is net of VAT: the listing's invoices issued in the year so far, less its
  credit notes issued in the year so far. Recovery compares it with the cost, which has
  no VAT in it.
- **Paid** is the money received by `today` against those invoices, less what was credited
  on them (so a refund is not counted as kept), net of VAT in the proportion of the
  listing's invoices (for a provider not registered for VAT, net and gross are the same).
- **Actual unit cost so far** = cost so far / units delivered; **recovery** = income / cost
  so far; **subsidy still needed** = cost so far − income, never below zero (more income
  than cost is a surplus); **projected year-end recovery at the current rate** =
  (income / elapsed share) / full cost.
- **Occupancy** of a session is places taken / its places; the average is all places
  taken / all places offered on the sessions so far.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from localoffer.core.money import round_money
from pricing.costing.arithmetic import percent

ZERO = Decimal("0.00")
UNIT_PLACES = Decimal("0.01")

# What the page says about a service's recovery so far (words, never colour alone).
RECOVERS = "Recovering its full cost so far"
PART = "Recovering part of its cost so far"
NO_INCOME = "No income yet this year"
NOT_LINKED = "Not linked to a listing, so there are no bookings to read"
NO_COST = "No full cost has been worked out for it"
NOT_STARTED = "The year has not started yet"
NOTHING_TO_RECOVER = "No cost so far to recover"


@dataclass(frozen=True)
class YearToDate:
    """The part of a financial year that has gone by on `today` (both ends counted)."""

    starts_on: dt.date
    ends_on: dt.date
    today: dt.date

    @property
    def days_in_year(self) -> int:
        return (self.ends_on - self.starts_on).days + 1

    @property
    def last_day(self) -> dt.date:
        """The last day counted: `today`, or the year's last day once it is over."""
        return min(self.today, self.ends_on)

    @property
    def days_elapsed(self) -> int:
        if self.today < self.starts_on:
            return 0
        return (self.last_day - self.starts_on).days + 1

    @property
    def elapsed_percent(self) -> Decimal:
        return percent(Decimal(self.days_elapsed), Decimal(self.days_in_year))

    @property
    def is_over(self) -> bool:
        return self.today >= self.ends_on

    def spread(self, amount: Decimal) -> Decimal:
        """The part of a year's amount that falls in the days elapsed, to the penny."""
        return round_money(amount * self.days_elapsed / self.days_in_year)

    def spread_units(self, units: Decimal) -> Decimal:
        share = units * self.days_elapsed / self.days_in_year
        return share.quantize(UNIT_PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ServicePlan:
    """A costed service as its costing planned it."""

    key: object
    name: str
    unit_label: str
    full_cost: Decimal | None  # None when the costing could not work it out
    planned_units: Decimal | None
    listing_id: int | None = None
    listing_title: str = ""


@dataclass(frozen=True)
class SessionTaken:
    """One session held so far: its places and the places of its confirmed bookings."""

    session_id: int
    starts_at: dt.datetime
    capacity: int
    taken: int

    @property
    def occupancy(self) -> Decimal:
        return percent(Decimal(self.taken), Decimal(self.capacity))


@dataclass(frozen=True)
class Actuals:
    """What the bookings, attendance and invoices of one listing say about the year so far.

    Money is in pounds as the database summed it; `paid_kept` is gross (with VAT).
    """

    booked: int = 0
    attended: int = 0
    did_not_attend: int = 0
    cancelled_late: int = 0
    invoiced_net: Decimal = ZERO
    invoiced_gross: Decimal = ZERO
    credited_net: Decimal = ZERO
    credited_gross: Decimal = ZERO
    paid_kept: Decimal = ZERO
    sessions: Sequence[SessionTaken] = ()

    @property
    def not_recorded(self) -> int:
        return max(self.booked - self.attended - self.did_not_attend - self.cancelled_late, 0)


@dataclass(frozen=True)
class ServiceRecovery:
    plan: ServicePlan
    actuals: Actuals
    linked: bool
    planned_to_date: Decimal | None
    booked_against_plan: Decimal | None  # percent
    delivered_against_plan: Decimal | None  # percent
    occupancy: Decimal | None  # percent, all sessions so far
    cost_so_far: Decimal | None
    income: Decimal
    paid: Decimal
    actual_unit_cost: Decimal | None
    unit_cost_reason: str | None
    recovery: Decimal | None  # percent
    subsidy: Decimal | None
    surplus: Decimal | None
    projected_income: Decimal | None
    projected_recovery: Decimal | None  # percent
    status: str

    @property
    def unit_cost_change(self) -> Decimal | None:
        """Actual unit cost so far less the planned unit cost (positive: dearer)."""
        planned = self.planned_unit_cost
        if planned is None or self.actual_unit_cost is None:
            return None
        return self.actual_unit_cost - planned

    @property
    def planned_unit_cost(self) -> Decimal | None:
        full, units = self.plan.full_cost, self.plan.planned_units
        if full is None or not units:
            return None
        return round_money(full / units)


@dataclass(frozen=True)
class RecoveryReport:
    year: YearToDate
    services: list[ServiceRecovery]
    cost_so_far: Decimal
    income: Decimal
    paid: Decimal
    recovery: Decimal | None
    subsidy: Decimal
    surplus: Decimal
    full_cost: Decimal
    projected_recovery: Decimal | None
    counted: int  # services in the totals
    problems: list[str] = field(default_factory=list)


def _net_paid(actuals: Actuals) -> Decimal:
    """Money kept, net of VAT in the proportion of the listing's invoices."""
    gross = actuals.invoiced_gross - actuals.credited_gross
    net = actuals.invoiced_net - actuals.credited_net
    if actuals.paid_kept <= 0 or gross <= 0 or gross == net:
        return round_money(actuals.paid_kept)
    return round_money(actuals.paid_kept * net / gross)


def _against(units: int, planned: Decimal | None) -> Decimal | None:
    """Units as a percentage of the plan to date (none when nothing was planned yet)."""
    return percent(Decimal(units), planned) if planned else None


def _status(
    recovery: Decimal | None, income: Decimal, linked: bool, has_cost: bool, started: bool
) -> str:
    if not has_cost:
        return NO_COST
    if not linked:
        return NOT_LINKED
    if not started:
        return NOT_STARTED
    if recovery is None:
        return NOTHING_TO_RECOVER
    if income <= 0:
        return NO_INCOME
    return RECOVERS if recovery >= 100 else PART


def service_recovery(plan: ServicePlan, actuals: Actuals, year: YearToDate) -> ServiceRecovery:
    """Every figure of one service's year so far (see the module's rules)."""
    linked = plan.listing_id is not None
    income = round_money(actuals.invoiced_net - actuals.credited_net)
    planned_to_date = (
        year.spread_units(plan.planned_units) if plan.planned_units is not None else None
    )
    cost_so_far = year.spread(plan.full_cost) if plan.full_cost is not None else None

    unit_cost, reason = None, None
    if cost_so_far is None:
        reason = "There is no full cost to divide."
    elif actuals.attended > 0:
        unit_cost = round_money(cost_so_far / actuals.attended)
    elif actuals.not_recorded > 0:
        reason = "No units are recorded as delivered: record attendance to see this."
    else:
        reason = "No units delivered yet."

    recovery = subsidy = surplus = projected_income = projected = None
    if cost_so_far is not None and cost_so_far > 0:
        recovery = percent(income, cost_so_far)
        subsidy = max(cost_so_far - income, ZERO)
        surplus = max(income - cost_so_far, ZERO)
    if year.days_elapsed > 0:
        projected_income = round_money(income * year.days_in_year / year.days_elapsed)
        if plan.full_cost:
            projected = percent(income * year.days_in_year / year.days_elapsed, plan.full_cost)

    sessions = actuals.sessions
    capacity = sum(s.capacity for s in sessions)
    return ServiceRecovery(
        plan=plan,
        actuals=actuals,
        linked=linked,
        planned_to_date=planned_to_date,
        booked_against_plan=_against(actuals.booked, planned_to_date),
        delivered_against_plan=_against(actuals.attended, planned_to_date),
        occupancy=(
            percent(Decimal(sum(s.taken for s in sessions)), Decimal(capacity))
            if capacity
            else None
        ),
        cost_so_far=cost_so_far,
        income=income,
        paid=_net_paid(actuals),
        actual_unit_cost=unit_cost,
        unit_cost_reason=reason,
        recovery=recovery,
        subsidy=subsidy,
        surplus=surplus,
        projected_income=projected_income,
        projected_recovery=projected,
        status=_status(recovery, income, linked, plan.full_cost is not None, year.days_elapsed > 0),
    )


def recovery_report(
    plans: Iterable[ServicePlan],
    actuals: dict[int, Actuals],
    year: YearToDate,
    *,
    problems: Sequence[str] = (),
) -> RecoveryReport:
    """Each service's recovery and the totals of the services linked to a listing.

    `actuals` is keyed by listing id; a service with no listing has none, and two services
    priced from the same listing would each count all of it, so that is reported.
    """
    plans = list(plans)
    notes = list(problems)
    listings = [p.listing_id for p in plans if p.listing_id is not None]
    if len(listings) != len(set(listings)):
        notes.append(
            "Two services are linked to the same listing, so its bookings and income "
            "are counted for each of them."
        )
    services = [service_recovery(p, actuals.get(p.listing_id or 0, Actuals()), year) for p in plans]
    # The totals are of the services whose income can be read and whose full cost is
    # known: a service with no listing would count as nothing but subsidy.
    counted = [s for s in services if s.linked and s.plan.full_cost is not None]
    cost = sum((s.cost_so_far or ZERO for s in counted), ZERO)
    full = sum((s.plan.full_cost or ZERO for s in counted), ZERO)
    income = sum((s.income for s in counted), ZERO)
    projected = None
    if year.days_elapsed > 0 and full > 0:
        projected = percent(income * year.days_in_year / year.days_elapsed, full)
    return RecoveryReport(
        year=year,
        services=services,
        cost_so_far=cost,
        income=income,
        paid=sum((s.paid for s in counted), ZERO),
        recovery=percent(income, cost) if cost > 0 else None,
        subsidy=max(cost - income, ZERO),
        surplus=max(income - cost, ZERO),
        full_cost=full,
        projected_recovery=projected,
        counted=len(counted),
        problems=notes,
    )
