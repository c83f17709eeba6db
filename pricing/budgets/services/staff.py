"""What council staff record about a budget besides money: the head teacher's consent,
an exception for paying a family member, a review held, and the approval limit.

Each locks the budget, checks what was typed, writes one row and an audit record in one
transaction, as every budget write does (`pricing.budgets.services.common`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from localoffer.core.money import format_pounds
from pricing.budgets.enums import ReviewKind
from pricing.budgets.models import PayeeException, PersonalBudget, Review, SchoolConsent
from pricing.budgets.services.common import MAX_AMOUNT, BudgetError, audit, lock_budget


def _not_in_future(day: dt.date, field: str, today: dt.date | None) -> None:
    if day > (today or timezone.localdate()):
        raise BudgetError("Enter a date that is today or in the past", field=field)


def _required(value: str, message: str, field: str) -> str:
    value = value.strip()
    if not value:
        raise BudgetError(message, field=field)
    return value


@transaction.atomic
def record_consent(
    *,
    budget: PersonalBudget,
    setting_name: str,
    given_by: str,
    given_on: dt.date,
    by: Any,
    today: dt.date | None = None,
) -> SchoolConsent:
    """The head teacher's (or principal's) consent to provision in their school or college:
    the family may then record spending on support delivered there."""
    budget = lock_budget(budget)
    setting = _required(setting_name, "Enter the name of the school or college", "setting_name")
    head = _required(given_by, "Enter who gave consent", "given_by")
    _not_in_future(given_on, "given_on", today)
    consent = SchoolConsent.objects.create(
        budget=budget, setting_name=setting, given_by=head, given_on=given_on, recorded_by=by
    )
    audit(budget, "consent_recorded", by=by, data={"setting": setting, "given_by": head})
    return consent


@transaction.atomic
def record_exception(
    *, budget: PersonalBudget, payee: str, relationship: str, reason: str, by: Any
) -> PayeeException:
    """Staff agree, with a reason, that the budget may pay a family member who lives with
    the child (as a rule it may not)."""
    budget = lock_budget(budget)
    name = _required(payee, "Enter who may be paid", "payee")
    relation = _required(relationship, "Enter how they are related to the child", "relationship")
    why = _required(reason, "Say why the exception is agreed", "reason")
    exception = PayeeException.objects.create(
        budget=budget, payee=name, relationship=relation, reason=why, recorded_by=by
    )
    audit(budget, "exception_recorded", by=by, data={"payee": name, "reason": why})
    return exception


@transaction.atomic
def record_review(
    *,
    budget: PersonalBudget,
    kind: str,
    held_on: dt.date,
    notes: str,
    by: Any,
    today: dt.date | None = None,
) -> Review:
    """A review of the arrangement that was held: the first (within 3 months of the first
    payment) or an annual one. A change it agrees is a new version, made separately."""
    budget = lock_budget(budget)
    if kind not in ReviewKind.values:
        raise BudgetError("Choose which review this was", field="kind")
    _not_in_future(held_on, "held_on", today)
    first = budget.versions.order_by("number").values_list("starts_on", flat=True).first()
    if first is not None and held_on < first:
        raise BudgetError(
            f"Enter a date on or after the budget started, {first:%-d %B %Y}", field="held_on"
        )
    review = Review.objects.create(
        budget=budget, kind=kind, held_on=held_on, notes=notes.strip(), recorded_by=by
    )
    audit(budget, "review_recorded", by=by, data={"kind": kind, "held_on": str(held_on)})
    return review


@transaction.atomic
def set_approval_limit(*, budget: PersonalBudget, limit: Decimal, by: Any) -> PersonalBudget:
    """Bookings from the council-managed or third-party pot up to `limit` are approved at
    once; above it they wait for the officer. £0 means every booking waits."""
    budget = lock_budget(budget)
    if not isinstance(limit, Decimal) or not limit.is_finite() or limit < 0:
        raise BudgetError("Enter an amount of £0 or more", field="approval_limit")
    if limit > MAX_AMOUNT:
        raise BudgetError(
            f"Enter an amount of {format_pounds(MAX_AMOUNT)} or less", field="approval_limit"
        )
    before = budget.approval_limit
    budget.approval_limit = limit
    budget.save(update_fields=["approval_limit"])
    audit(budget, "approval_limit_set", by=by, data={"from": str(before), "to": str(limit)})
    return budget
