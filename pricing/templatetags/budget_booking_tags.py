"""A booking paid from a child's personal budget, on the family's own booking pages:
{% load budget_booking_tags %} then {% booking_budget booking %} (a summary-list row) or
{% proposal_budget booking %} (whether the budget covers the other times offered).

The family's bookings pages belong to the bookings layer, which sits below budgets and
must not import them; their templates ask through these tags instead, as listings ask
for their "Book a place" link. Only the family's pages use them: the provider is told
that a booking is paid from a personal budget and nothing else.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.text import capfirst

from localoffer.core.money import format_pounds
from pricing.budgets.enums import ApprovalStatus, HeldAs
from pricing.budgets.models import BookingFunding, BudgetOutcome
from pricing.budgets.services.approvals import payer_name
from pricing.budgets.services.proposals import room_for

register = template.Library()


def _funding(booking: Any) -> BookingFunding | None:
    return (
        BookingFunding.objects.select_related(
            "budget", "booking__child", "booking__offer__organisation"
        )
        .filter(booking_id=booking.pk)
        .first()
    )


def _how(funding: BookingFunding) -> str:
    child = funding.booking.child.first_name
    organisation = funding.booking.offer.organisation.title
    if funding.held_as == HeldAs.DIRECT_PAYMENT:
        return f"From your direct payment, for {child}"
    payer = payer_name(funding)
    part = "council-managed budget" if funding.held_as == HeldAs.COUNCIL_MANAGED else "budget"
    return f"{capfirst(payer)} pays {organisation}'s invoice from {child}'s {part}"


def _decision(funding: BookingFunding) -> str:
    payer = payer_name(funding)
    if funding.approval == ApprovalStatus.PENDING:
        return f"Waiting for {payer} to approve paying for it. The money is set aside meanwhile"
    if funding.approval == ApprovalStatus.REFUSED:
        reason = f": {funding.decision_reason}" if funding.decision_reason else ""
        return f"{capfirst(payer)} refused to pay for it{reason}"
    return ""


@register.inclusion_tag("pricing/budgets/family/_booking_budget.html")
def booking_budget(booking: Any) -> dict[str, Any]:
    """The "Personal budget" row of the family's booking page (nothing if not paid from one)."""
    funding = _funding(booking)
    if funding is None:
        return {"funding": None}
    outcome = (
        BudgetOutcome.objects.filter(version__budget_id=funding.budget_id, key=funding.outcome_key)
        .order_by("-version__number")
        .first()
    )
    return {
        "funding": funding,
        "how": _how(funding),
        "outcome": outcome.description if outcome else "",
        "decision": _decision(funding),
    }


@register.inclusion_tag("pricing/budgets/family/_proposal_budget.html")
def proposal_budget(booking: Any) -> dict[str, Any]:
    """Whether the child's budget covers the other times a provider offered."""
    funding = _funding(booking)
    if funding is None:
        return {"funding": None}
    room = room_for(funding)
    return {
        "funding": funding,
        "covers": booking.total <= room,
        "total": format_pounds(booking.total),
        "room": format_pounds(max(room, Decimal("0.00"))),
        "child": funding.booking.child.first_name,
    }
