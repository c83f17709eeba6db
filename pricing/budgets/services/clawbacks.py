"""How much of a clawback is still owed, what the direct payments still to come can cover,
and the repayment request made for what they cannot.

Money recovered "from the next payments" is taken from each direct payment as the daily
job records it (`money_in`), oldest clawback first. If the payments left in the budget's
period could not cover it, it would stay open for ever: so recording one that they cannot
cover is refused (the officer asks for a repayment, or recovers less from payments), and
when the payments left stop covering what is still owed (a new version lowers or ends
them, a recovery was reversed, the period ran out) the part they cannot cover is moved
to a repayment request of its own, audited, and the family is emailed how much and why.

Moving writes no ledger entry (no money moved): the first clawback keeps its amount and
records what was `moved`; the request's `rest_of` points back to it. Each budget is
settled under its row lock, and what is uncovered is worked out from the rows as they
are, so the job run twice (or twice at once) moves nothing more.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Sum
from django.urls import reverse

from localoffer.core.mail import send_email, site_url
from localoffer.core.money import format_pounds, round_money
from pricing.budgets.enums import ClawbackMethod, ClawbackStatus, HeldAs, ScheduleStatus
from pricing.budgets.models import Clawback, LedgerEntry, PersonalBudget, ScheduledPayment
from pricing.budgets.services.common import BudgetError, audit, lock_budget

ZERO = Decimal("0.00")
NEXT = ClawbackMethod.NEXT_PAYMENTS


def recovered(clawback: Clawback) -> Decimal:
    # Sums come back from SQLite without their places: "100", not "100.00".
    total = LedgerEntry.objects.filter(clawback=clawback).aggregate(s=Sum("amount"))["s"]
    return round_money(total or ZERO)


def outstanding(clawback: Clawback) -> Decimal:
    """Still to recover this way: its amount less what was moved and what came back."""
    if clawback.status != ClawbackStatus.OUTSTANDING:
        return ZERO
    return clawback.amount - clawback.moved - recovered(clawback)


def close_if_done(clawback: Clawback) -> None:
    """An outstanding clawback with nothing left to recover is recovered, or, if part of
    it was moved to a repayment request, closed as moved."""
    if clawback.status == ClawbackStatus.OUTSTANDING and outstanding(clawback) <= 0:
        clawback.status = ClawbackStatus.MOVED if clawback.moved else ClawbackStatus.RECOVERED
        clawback.save(update_fields=["status"])


@dataclass(frozen=True)
class PaymentsToCome:
    """The direct payments of the budget not yet recorded (a payment due today counts:
    the daily job records it and takes from it)."""

    total: Decimal
    count: int
    last_on: dt.date | None


def payments_to_come(budget: PersonalBudget) -> PaymentsToCome:
    found = ScheduledPayment.objects.filter(
        budget=budget, status=ScheduleStatus.DUE, line__held_as=HeldAs.DIRECT_PAYMENT
    ).aggregate(total=Sum("amount"), count=Count("pk"), last=Max("due_on"))
    return PaymentsToCome(round_money(found["total"] or ZERO), found["count"], found["last"])


def _from_payments(budget: PersonalBudget) -> list[Clawback]:
    # No row locks of their own: every write to a clawback takes the budget's lock first.
    return list(
        Clawback.objects.filter(
            budget=budget, method=NEXT, status=ClawbackStatus.OUTSTANDING
        ).order_by("recorded_at", "pk")
    )


def cover_left(budget: PersonalBudget) -> Decimal:
    """What the payments to come can still take, once the clawbacks already being
    recovered from them are counted (never below £0)."""
    claimed = sum((outstanding(item) for item in _from_payments(budget)), ZERO)
    return max(payments_to_come(budget).total - claimed, ZERO)


def check_cover(budget: PersonalBudget, amount: Decimal) -> None:
    """Refuse a clawback from the next payments that the payments left cannot cover: the
    officer chooses a repayment request, or recovers less from payments (the caller holds
    the budget's lock)."""
    cover = cover_left(budget)
    if amount <= cover:
        return
    if payments_to_come(budget).count == 0:
        raise BudgetError(
            "No direct payments are left in this budget's period to take the money from. "
            "Choose a repayment request from the family instead",
            field="method",
        )
    if cover == 0:
        raise BudgetError(
            "The direct payments left are already taking back other money. "
            "Choose a repayment request from the family instead",
            field="method",
        )
    raise BudgetError(
        f"The direct payments left can cover only {format_pounds(cover)}. Choose a repayment "
        f"request from the family, or recover {format_pounds(cover)} or less from the next "
        "payments",
        field="method",
    )


@dataclass(frozen=True)
class Uncovered:
    clawback: Clawback
    owed: Decimal  # still owed before the move
    moved: Decimal  # what the payments left cannot cover


def uncovered(budget: PersonalBudget) -> list[Uncovered]:
    """Each clawback from payments whose rest the payments to come cannot cover, oldest
    first, since the oldest is taken from the payments first."""
    cover = payments_to_come(budget).total
    found = []
    for clawback in _from_payments(budget):
        owed = outstanding(clawback)
        taken = min(owed, cover)
        cover -= taken
        if owed > taken:
            found.append(Uncovered(clawback=clawback, owed=owed, moved=owed - taken))
    return found


def move_uncovered(budget: PersonalBudget, *, by: Any = None) -> list[Clawback]:
    """Ask the family to repay what the payments left cannot cover (the caller holds the
    budget's lock); the repayment requests made."""
    left = payments_to_come(budget)
    made = []
    for item in uncovered(budget):
        original = item.clawback
        request = Clawback.objects.create(
            budget=budget,
            amount=item.moved,
            reason=original.reason,
            method=ClawbackMethod.REPAYMENT,
            rest_of=original,
            recorded_by=by if getattr(by, "is_authenticated", False) else None,
        )
        original.moved += item.moved
        original.save(update_fields=["moved"])
        taken_so_far = recovered(original)
        close_if_done(original)
        audit(
            budget,
            "clawback_moved",
            by=by,
            data={
                "clawback": original.pk,
                "repayment": request.pk,
                "amount": str(item.moved),
                "still_from_payments": str(item.owed - item.moved),
                "payments_to_come": str(left.total),
            },
        )
        _tell_family(budget, original, request, item, left=left, taken=taken_so_far)
        made.append(request)
    return made


def _tell_family(
    budget: PersonalBudget,
    original: Clawback,
    request: Clawback,
    item: Uncovered,
    *,
    left: PaymentsToCome,
    taken: Decimal,
) -> None:
    family = budget.child.family if budget.child is not None else None
    if family is None or not family.email:
        return
    send_email(
        to=[family.email],
        template="budgets/email/clawback_moved",
        context={
            "budget": budget,
            "original": original,
            "request": request,
            "taken": taken,
            "still_from_payments": item.owed - item.moved,
            "payments_left": left.total,
            "link": site_url() + reverse("budgets:detail", args=[budget.reference]),
        },
    )


@transaction.atomic
def _settle(budget_id: int) -> int:
    return len(move_uncovered(lock_budget(budget_id)))


def move_uncovered_clawbacks(*, progress: Callable[[int, int], None] | None = None) -> int:
    """The daily job's step after recording the payments due: every budget's clawbacks
    from payments that the payments left cannot cover become repayment requests for the
    rest (each budget in its own transaction). How many requests were made now."""
    budget_ids = list(
        Clawback.objects.filter(method=NEXT, status=ClawbackStatus.OUTSTANDING)
        .values_list("budget_id", flat=True)
        .distinct()
        .order_by("budget_id")
    )
    made = 0
    for done, pk in enumerate(budget_ids, start=1):
        made += _settle(pk)
        if progress is not None:
            progress(done, len(budget_ids))
    return made
