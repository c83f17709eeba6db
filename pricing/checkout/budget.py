"""Paying from a child's personal budget while booking: which parts of the budget may pay
for this booking, and how much each has available now. The session journey, asking for
hours of support and the shared booking pages all ask with these words.

A budget holds money up to three ways (`HeldAs`); each is its own pot. The family pays
from the direct payment itself (by card or on the provider's invoice, from the direct
payment account); the council, or the third party holding money, pays the provider's
invoice. So a council-managed or third-party pot can pay only a provider that sends
invoices: for any other it is shown, with the reason, but cannot be chosen.

The figures shown here only help the family choose: `fund_booking` checks again, under
the budget's lock, when the places are held.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from localoffer.core.money import format_pounds
from pricing.budgets.enums import BudgetStatus, HeldAs
from pricing.budgets.figures import figures
from pricing.budgets.models import BudgetOutcome, PersonalBudget
from pricing.families.models import Child
from pricing.offers.models import BookableOffer

NO_BUDGET = "none"  # the answer "No, I will pay another way"
NO_BUDGET_LABEL = "No, I will pay another way"
PAID_BY_OTHERS = frozenset({HeldAs.COUNCIL_MANAGED, HeldAs.THIRD_PARTY})


@dataclass(frozen=True)
class Pot:
    """One way of paying from the budget, as the family is offered it."""

    held_as: str
    label: str
    available: Decimal
    problem: str = ""  # why it cannot pay for this booking ("" when it can)

    @property
    def hint(self) -> str:
        return self.problem or f"{format_pounds(max(self.available, Decimal('0.00')))} available"


def budget_for(user: Any, child: Any) -> PersonalBudget | None:
    """The child's active budget that the family has linked, if any (the newest)."""
    if child is None:
        return None
    return (
        PersonalBudget.objects.for_family(user)
        .filter(child=child, status=BudgetStatus.ACTIVE)
        .order_by("-created_at", "-pk")
        .first()
    )


def pots(budget: PersonalBudget, offer: BookableOffer, child_name: str) -> list[Pot]:
    """The ways the budget holds money now, in a fixed order, each with what is available."""
    held = set(budget.current_version.lines.values_list("held_as", flat=True))
    found = []
    for held_as in (HeldAs.DIRECT_PAYMENT, HeldAs.COUNCIL_MANAGED, HeldAs.THIRD_PARTY):
        if held_as not in held:
            continue
        available = figures(budget, held_as=held_as).available
        problem = ""
        if held_as in PAID_BY_OTHERS and not offer.accepts_invoice:
            problem = (
                f"{offer.organisation.title} does not send invoices, so "
                f"{'the council' if held_as == HeldAs.COUNCIL_MANAGED else 'they'} "
                "cannot pay for this booking"
            )
        found.append(Pot(held_as, _label(held_as, budget, child_name), available, problem))
    return found


def _label(held_as: str, budget: PersonalBudget, child_name: str) -> str:
    if held_as == HeldAs.DIRECT_PAYMENT:
        return (
            "From your direct payment (you pay by card or invoice from your direct payment account)"
        )
    if held_as == HeldAs.COUNCIL_MANAGED:
        return f"Ask the council to pay from {child_name}'s council-managed budget"
    return f"Ask {budget.third_party_name or 'the third party'} to pay"


def choosable(found: list[Pot]) -> list[str]:
    return [pot.held_as for pot in found if not pot.problem]


def question(child_name: str) -> str:
    """The budget question, as every way of booking asks it."""
    return f"Do you want to pay from {child_name}'s personal budget?"


def options(found: list[Pot]) -> list[tuple[str, str, str]]:
    """The question's radios as (value, label, hint): the pots that can pay, then "No"."""
    return [(pot.held_as, pot.label, pot.hint) for pot in found if not pot.problem] + [
        (NO_BUDGET, NO_BUDGET_LABEL, "")
    ]


def unavailable(found: list[Pot]) -> list[Pot]:
    """The pots shown with the reason they cannot pay (below the question)."""
    return [pot for pot in found if pot.problem]


def outcome_hint(child_name: str) -> str:
    return (
        "A personal budget can only pay for support that helps with an outcome agreed in "
        f"{child_name}'s plan."
    )


def outcomes(budget: PersonalBudget) -> list[BudgetOutcome]:
    """The outcomes agreed in the budget's current version: spending must serve one."""
    return list(budget.current_version.outcomes.order_by("pk"))


def paid_by_others(pot: str | None) -> bool:
    return pot in PAID_BY_OTHERS


def payer(budget: PersonalBudget | None, pot: str | None) -> str:
    """Who pays the provider's invoice: "the council" or the third party's name."""
    if budget is not None and pot == HeldAs.THIRD_PARTY:
        return budget.third_party_name or "the third party"
    return "the council"


def needs_approval(budget: PersonalBudget | None, pot: str | None, total: Decimal) -> bool:
    """Above the budget's approval limit, the officer (or the third party) decides."""
    return budget is not None and paid_by_others(pot) and total > budget.approval_limit


@dataclass(frozen=True)
class ChildBudget:
    """One of the family's children with a budget: the pots that could pay, the outcomes."""

    child: Child
    budget: PersonalBudget
    pots: list[Pot]
    outcomes: list[BudgetOutcome]


def budgets_of_children(user: Any, children: Any, offer: BookableOffer) -> list[ChildBudget]:
    """The family's children that have an active budget it has linked, for a page that
    asks which child and how to pay at once (a shared booking's)."""
    found = []
    for child in children:
        budget = budget_for(user, child)
        if budget is not None:
            found.append(
                ChildBudget(child, budget, pots(budget, offer, child.first_name), outcomes(budget))
            )
    return found
