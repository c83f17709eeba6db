"""What every budget write shares: its error, its audit actions, locking, posting entries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from wagtail.log_actions import log

from localoffer.core.money import format_pounds, round_money
from localoffer.core.transitions import DomainError
from pricing.budgets.models import BudgetOutcome, BudgetVersion, LedgerEntry, PersonalBudget

ACTION = "pricing.budget_"  # + "set_up", "spending_recorded", ...
# Nobody's budget is this large: an amount above it is a typing mistake, refused.
MAX_AMOUNT = Decimal("250000.00")
# Receipts are kept for anything over £5 (the council's direct payment rules).
RECEIPT_OVER = Decimal("5.00")


class BudgetError(DomainError):
    """A budget step the rules refuse; the message is for the person who tried it."""


def lock_budget(budget: PersonalBudget | int) -> PersonalBudget:
    """The budget's row, locked until the transaction ends.

    Every write that changes what is available (spending, commitments, payments in,
    clawbacks) takes this lock first, so two bookings racing for the last pounds are
    checked one after the other, each seeing the other's commitment.
    """
    pk = budget.pk if isinstance(budget, PersonalBudget) else budget
    return PersonalBudget.objects.select_for_update().get(pk=pk)


def audit(budget: PersonalBudget, event: str, *, by: Any, data: dict[str, Any]) -> None:
    user = by if getattr(by, "is_authenticated", False) else None
    log(
        instance=budget, action=ACTION + event, user=user, data={**data, "budget": budget.reference}
    )


def check_amount(amount: Decimal, *, field: str = "amount") -> Decimal:
    """A sum of money someone typed: positive, whole pence, not absurd."""
    if not isinstance(amount, Decimal) or not amount.is_finite():
        raise BudgetError("Enter an amount of money, like 12.50", field=field)
    if amount <= 0:
        raise BudgetError("Enter an amount greater than £0", field=field)
    # Before rounding: rounding 1E+30 to pence is past Decimal's precision and raises.
    if amount > MAX_AMOUNT:
        raise BudgetError(f"Enter an amount of {format_pounds(MAX_AMOUNT)} or less", field=field)
    if amount != round_money(amount):
        raise BudgetError("Enter an amount in pounds and pence, like 12.50", field=field)
    return amount


def version_on(budget: PersonalBudget, day: dt.date) -> BudgetVersion | None:
    """The version whose period covers `day` (the newest, where a review overlapped)."""
    return budget.versions.filter(starts_on__lte=day, ends_on__gte=day).order_by("-number").first()


def check_in_period(budget: PersonalBudget, day: dt.date, *, field: str = "occurred_on") -> None:
    if version_on(budget, day) is None:
        first = budget.versions.order_by("starts_on").first()
        last = budget.versions.order_by("-ends_on").first()
        assert first is not None and last is not None
        raise BudgetError(
            f"Enter a date within the budget's period, {first.starts_on:%-d %B %Y} "
            f"to {last.ends_on:%-d %B %Y}",
            field=field,
        )


def outcome(budget: PersonalBudget, key: str, *, field: str = "outcome") -> BudgetOutcome:
    """An outcome agreed in the budget's current version: spending must serve one."""
    found = budget.current_version.outcomes.filter(key=key).first()
    if found is None:
        raise BudgetError("Choose which agreed outcome this was for", field=field)
    return found


def post(budget: PersonalBudget, *, kind: str, amount: Decimal, **fields: Any) -> LedgerEntry:
    """Write one ledger entry (the caller holds the budget's lock). With a `key`, a second
    post of the same thing finds the first entry instead of adding another."""
    key = fields.get("key")
    if key:
        found = LedgerEntry.objects.filter(budget=budget, key=key).first()
        if found is not None:
            return found
    return LedgerEntry.objects.create(budget=budget, kind=kind, amount=amount, **fields)
