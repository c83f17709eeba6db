"""The results of a costing in words, for the results page: each service's working as
rows of a table, the verdict on its price, and break-even in a sentence.

The words carry every meaning; the colour of a verdict's tag is only an extra.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from pricing.costing.arithmetic import CostingResult, PoolResult, ServiceResult
from pricing.costing.enums import Driver, PriceVerdict, UnitsMethod
from pricing.costing.models import CostedService, PriceProposal
from pricing.templatetags.costing_tags import a_unit, figure, money
from providers.moderation.enums import PENDING_STATUSES

# The verdict tag's look (GOV.UK's green, yellow and red with text that keeps its contrast).
VERDICT_STYLES = {
    PriceVerdict.GREEN: "background:#00703c;color:#fff",
    PriceVerdict.AMBER: "background:#ffdd00;color:#0b0c0c",
    PriceVerdict.RED: "background:#d4351c;color:#fff",
}


@dataclass(frozen=True)
class Row:
    """One line of a service's working: what it is, and its figure."""

    label: str
    value: str
    strong: bool = False
    what_if: bool = False


@dataclass(frozen=True)
class ServicePresented:
    service: CostedService
    result: ServiceResult
    rows: list[Row]
    verdict: PriceVerdict | None
    verdict_words: str
    verdict_style: str
    break_even_words: str
    can_use_as_price: bool
    why_not_price: str
    proposal: PriceProposal | None = None
    proposal_words: str = ""


def _driver_words(driver: Driver, value: Decimal, total: Decimal, unit_label: str) -> str:
    if driver == Driver.DIRECT_SPENDING:
        return f"{money(value)} of {money(total)} direct spending"
    units = {
        Driver.HEADCOUNT: "staff",
        Driver.STAFF_TIME: "hours of staff time",
        Driver.FLOOR_AREA: "square metres",
        Driver.UNITS: "planned units",
    }[driver]
    return f"{figure(value)} of {figure(total)} {units}"


def short_name(driver: Driver) -> str:
    """'headcount', 'staff time', 'floor area': the driver's name without its unit."""
    return driver.label.split(" (")[0].lower()


def units_words(result: ServiceResult, unit_label: str) -> str:
    """'300 places (40 sessions × 10 places × 75% expected occupancy)'."""
    planned = f"{figure(result.planned_units)} {plural(unit_label, result.planned_units)}"
    if result.units_method == UnitsMethod.HOURS:
        return (
            f"{planned} ({figure(result.capacity)} staff hours × "
            f"{figure(result.occupancy_percent)}% chargeable)"
        )
    return (
        f"{planned} ({figure(result.capacity)} places a year × "
        f"{figure(result.occupancy_percent)}% expected occupancy)"
    )


def plural(unit_label: str, count: Decimal | int) -> str:
    if Decimal(count) == 1 or unit_label.endswith("s"):
        return unit_label
    return f"{unit_label}s"


def verdict_words(result: ServiceResult) -> str:
    price, per = result.current_price, a_unit(result.unit_label)
    if price is None:
        return "There is no current price to compare with the cost."
    if result.unit_cost is None:
        return f"The price is {money(price)} {per}. {result.unit_cost_reason}"
    full = f"the full cost of {money(result.unit_cost)} {per}"
    if result.verdict == PriceVerdict.GREEN:
        return f"{money(price)} {per} covers {full}."
    direct = f"the direct cost of {money(result.direct_unit_cost)} {per}"
    if result.verdict == PriceVerdict.AMBER:
        return (
            f"{money(price)} {per} is below {full}: it covers {direct} but not the "
            "service's share of overheads."
        )
    return f"{money(price)} {per} is below {full}, and does not cover even {direct}."


def break_even_words(result: ServiceResult) -> str:
    if result.break_even_units is None:
        return result.break_even_reason or ""
    unit = plural(result.unit_label, result.break_even_units)
    words = f"{figure(result.break_even_units)} {unit} a year"
    if result.break_even_occupancy is None:
        return f"{words}. {result.break_even_reason}"
    share = f"{figure(result.break_even_occupancy)}% of the {figure(result.capacity)} available"
    if not result.break_even_within_capacity:
        return f"{words}: {share}, so at this price it cannot cover its full cost."
    return f"{words}: {share}."


def proposal_is_pending(proposal: PriceProposal) -> bool:
    submission = proposal.submission
    return submission is not None and submission.status in PENDING_STATUSES


def proposal_words(proposal: PriceProposal, unit_label: str) -> str:
    """'You sent £21.30 a session to the council on 3 December 2026: In review.'"""
    sent = timezone.localtime(proposal.created_at)
    where = (
        f": {proposal.submission.get_status_display().lower()}"
        if proposal.submission is not None
        else ""
    )
    return (
        f"You sent {money(proposal.new_price)} {a_unit(unit_label)} to the council on "
        f"{sent.day} {sent:%B %Y}{where}."
    )


def present(
    result: CostingResult,
    services: list[CostedService],
    *,
    occupancy: dict | None = None,
    prices: dict | None = None,
    drivers: dict | None = None,
    proposals: dict[int, PriceProposal] | None = None,
) -> list[ServicePresented]:
    """Each service's results in words. `proposals` are the latest price sent to the
    council from this costing, per service id."""
    occupancy, prices, drivers = occupancy or {}, prices or {}, drivers or {}
    proposals = proposals or {}
    pools: dict[str, PoolResult] = {p.pool.value: p for p in result.pools}
    by_key: dict[object, CostedService] = {s.pk: s for s in services}
    presented = []
    for item in result.services:
        service = by_key[item.key]
        unit = item.unit_label
        rows = [Row("Direct costs", money(item.direct_cost))]
        for share in item.shares:
            total = pools[share.pool.value].driver_total
            rows.append(
                Row(
                    f"{share.pool.label}, shared by {short_name(share.driver)}: "
                    f"{_driver_words(share.driver, share.driver_value, total, unit)}",
                    money(share.share),
                    what_if=share.pool.value in drivers,
                )
            )
        rows += [
            Row("Overheads", money(item.overheads)),
            Row("Full cost", money(item.full_cost), strong=True),
            Row(
                "Overhead rate on direct cost",
                f"{figure(item.overhead_rate)}%" if item.overhead_rate is not None else "None",
            ),
            Row("Planned units", units_words(item, unit), what_if=item.key in occupancy),
            Row(
                f"Unit cost: full cost of one {unit}",
                money(item.unit_cost)
                if item.unit_cost is not None
                else (item.unit_cost_reason or ""),
                strong=True,
                what_if=item.key in occupancy,
            ),
            Row(
                f"Direct cost of one {unit}",
                money(item.direct_unit_cost) if item.direct_unit_cost is not None else "None",
            ),
            Row(
                f"Price needed at {figure(item.occupancy_percent)}% "
                + (
                    "of hours chargeable" if item.units_method == UnitsMethod.HOURS else "occupancy"
                ),
                money(item.price_needed) if item.price_needed is not None else "None",
                what_if=item.key in occupancy,
            ),
        ]
        proposal = proposals.get(service.pk)
        pending = proposal is not None and proposal_is_pending(proposal)
        why_not = ""
        if pending and proposal is not None and proposal.new_price == item.unit_cost:
            why_not = "This price is with the council: a moderator has not decided yet."
        elif service.listing_id is None:
            why_not = "Link this service to one of your listings to use its unit cost as the price."
        elif item.unit_cost is None:
            why_not = "There is no unit cost to use as the price."
        elif item.current_price == item.unit_cost:
            why_not = "The listing's price is already the unit cost."
        presented.append(
            ServicePresented(
                service=service,
                result=item,
                rows=rows,
                verdict=item.verdict,
                verdict_words=verdict_words(item),
                verdict_style=VERDICT_STYLES.get(item.verdict, "") if item.verdict else "",
                break_even_words=break_even_words(item),
                can_use_as_price=not why_not,
                why_not_price=why_not,
                proposal=proposal,
                proposal_words=proposal_words(proposal, item.unit_label) if proposal else "",
            )
        )
    return presented
