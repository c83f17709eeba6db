"""Costed provision: for each outcome agreed with the family, the provision that would meet
it, priced from the provision map, and the total moved up or down with reasons.

Each line's price is copied when it is written, with where it came from (the council's
standard unit cost, else the market median of published listings), so a later change in
the market does not silently change a plan. Costed provision can change while the
assessment is in progress or completed; once it is with the panel it is what the panel
decides on, so it is fixed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max, Sum

from localoffer.core.money import round_money
from pricing.allocation.enums import TIMES_A_YEAR, AssessmentStatus, Frequency
from pricing.allocation.models import (
    Assessment,
    CostedAdjustment,
    PlannedOutcome,
    ProvisionLine,
)
from pricing.allocation.services.common import AllocationError, audit
from pricing.budgets.enums import Stream
from pricing.provision.selectors import price_for

ZERO = Decimal("0.00")
CHANGEABLE = {AssessmentStatus.IN_PROGRESS, AssessmentStatus.COMPLETED}


@dataclass(frozen=True)
class CostedTotal:
    """One stream's costed provision: the lines' annual cost, the adjustments, the sum."""

    lines: Decimal
    adjustments: Decimal

    @property
    def total(self) -> Decimal:
        return self.lines + self.adjustments


def _lock(assessment: Assessment) -> Assessment:
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.status not in CHANGEABLE:
        raise AllocationError(
            f"This assessment is {locked.get_status_display().lower()}, so its costed "
            "provision can no longer be changed."
        )
    return locked


def annual_cost(quantity: Decimal, frequency: str, unit_price: Decimal) -> Decimal:
    return round_money(quantity * TIMES_A_YEAR[frequency] * unit_price)


@transaction.atomic
def add_outcome(assessment: Assessment, *, description: str, area: Any, by: Any) -> PlannedOutcome:
    locked = _lock(assessment)
    description = description.strip()
    if not description:
        raise AllocationError("Say what the child wants to achieve.", field="description")
    last = locked.outcomes.aggregate(last=Max("position"))["last"]
    outcome = PlannedOutcome.objects.create(
        assessment=locked,
        description=description,
        area=area,
        position=0 if last is None else last + 1,
    )
    audit(locked, "outcome_added", by=by, data={"outcome": outcome.pk, "description": description})
    return outcome


@transaction.atomic
def remove_outcome(outcome: PlannedOutcome, *, by: Any) -> None:
    """Remove an outcome with its provision lines."""
    locked = _lock(outcome.assessment)
    lines = outcome.lines.count()
    description = outcome.description
    pk = outcome.pk
    outcome.delete()
    audit(
        locked,
        "outcome_removed",
        by=by,
        data={"outcome": pk, "description": description, "lines": lines},
    )


@transaction.atomic
def add_line(
    outcome: PlannedOutcome,
    *,
    category: Any,
    unit: str,
    description: str,
    quantity: Decimal,
    frequency: str,
    stream: str,
    by: Any,
) -> ProvisionLine:
    """A piece of provision for `outcome`, priced now from the provision map."""
    locked = _lock(outcome.assessment)
    if quantity <= 0:
        raise AllocationError("Enter a quantity greater than 0.", field="quantity")
    if frequency not in Frequency.values:
        raise AllocationError("Choose how often.", field="frequency")
    if stream not in Stream.values:
        raise AllocationError("Choose which funding stream pays for it.", field="stream")
    price = price_for(locked.council, category, unit)
    if price is None:
        raise AllocationError(
            f"No published price or council standard cost for {category} per {unit}; "
            "ask for a standard unit cost to be added.",
            field="category",
        )
    line = ProvisionLine.objects.create(
        outcome=outcome,
        category=category,
        unit=unit,
        description=description.strip() or f"{category} per {unit}",
        quantity=quantity,
        frequency=frequency,
        unit_price=price.amount,
        price_source=price.source[:200],
        stream=stream,
        annual_cost=annual_cost(quantity, frequency, price.amount),
    )
    audit(
        locked,
        "provision_line_added",
        by=by,
        data={
            "line": line.pk,
            "outcome": outcome.pk,
            "category": category.pk,
            "unit": unit,
            "quantity": str(quantity),
            "frequency": frequency,
            "unit_price": str(line.unit_price),
            "price_source": line.price_source,
            "annual_cost": str(line.annual_cost),
            "stream": stream,
        },
    )
    return line


@transaction.atomic
def remove_line(line: ProvisionLine, *, by: Any) -> None:
    locked = _lock(line.outcome.assessment)
    data = {"line": line.pk, "description": line.description, "annual_cost": str(line.annual_cost)}
    line.delete()
    audit(locked, "provision_line_removed", by=by, data=data)


@transaction.atomic
def adjust(
    assessment: Assessment, *, stream: str, amount: Decimal, reason: str, by: Any
) -> CostedAdjustment:
    """Move one stream's costed total up (positive) or down (negative), with the reason."""
    locked = _lock(assessment)
    if stream not in Stream.values:
        raise AllocationError("Choose which funding stream to change.", field="stream")
    amount = round_money(amount)
    if amount == 0:
        raise AllocationError("Enter an amount other than £0.", field="amount")
    reason = reason.strip()
    if not reason:
        raise AllocationError("Say why the costed total changes.", field="reason")
    adjustment = CostedAdjustment.objects.create(
        assessment=locked, stream=stream, amount=amount, reason=reason, made_by=by
    )
    audit(
        locked,
        "costed_adjusted",
        by=by,
        data={"stream": stream, "amount": str(amount), "reason": reason},
    )
    return adjustment


def costed_totals(assessment: Assessment) -> dict[str, CostedTotal]:
    """Per stream (those with a line or an adjustment), in two grouped queries."""
    lines = dict(
        ProvisionLine.objects.filter(outcome__assessment=assessment)
        .order_by()
        .values("stream")
        .annotate(total=Sum("annual_cost"))
        .values_list("stream", "total")
    )
    adjustments = dict(
        CostedAdjustment.objects.filter(assessment=assessment)
        .order_by()
        .values("stream")
        .annotate(total=Sum("amount"))
        .values_list("stream", "total")
    )
    return {
        stream: CostedTotal(lines.get(stream) or ZERO, adjustments.get(stream) or ZERO)
        for stream in Stream.values
        if stream in lines or stream in adjustments
    }
