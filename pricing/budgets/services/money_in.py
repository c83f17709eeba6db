"""Money in and money back: scheduled payments recorded on their dates, and clawbacks.

`record_payments_due` is the daily job. Each scheduled payment is recorded in its own
transaction under its budget's lock, keyed by the scheduled payment, so a job run twice
(or two at once) records each payment once. Money the council is recovering "from the
next payments" is taken from each payment as it is recorded, until it is all back; what
the payments left cannot cover becomes a repayment request (`services.clawbacks`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from localoffer.core.mail import send_email, site_url
from localoffer.core.money import format_pounds
from localoffer.core.transitions import lock
from pricing.budgets.enums import (
    ClawbackMethod,
    ClawbackStatus,
    EntryKind,
    HeldAs,
    ScheduleStatus,
)
from pricing.budgets.models import Clawback, LedgerEntry, PersonalBudget, ScheduledPayment
from pricing.budgets.services.clawbacks import (
    ZERO,
    check_cover,
    close_if_done,
    outstanding,
    recovered,
)
from pricing.budgets.services.common import BudgetError, audit, check_amount, lock_budget, post
from pricing.budgets.services.ledger import line_for

__all__ = [
    "ZERO",
    "outstanding",
    "record_clawback",
    "record_payments_due",
    "record_repayment",
    "recovered",
]


def payments_due(today: dt.date) -> list[int]:
    return list(
        ScheduledPayment.objects.filter(status=ScheduleStatus.DUE, due_on__lte=today)
        .order_by("due_on", "pk")
        .values_list("pk", flat=True)
    )


def record_payments_due(
    today: dt.date | None = None, *, progress: Callable[[int, int], None] | None = None
) -> int:
    """Record every scheduled payment due by `today`; how many were recorded now."""
    today = today or timezone.localdate()
    due = payments_due(today)
    recorded = 0
    for done, pk in enumerate(due, start=1):
        recorded += record_scheduled_payment(pk)
        if progress is not None:
            progress(done, len(due))
    return recorded


@transaction.atomic
def record_scheduled_payment(pk: int) -> int:
    """1 if the payment was recorded now, 0 if it already was (or was replaced)."""
    budget_id = ScheduledPayment.objects.values_list("budget_id", flat=True).get(pk=pk)
    budget = lock_budget(budget_id)
    payment = ScheduledPayment.objects.select_related("line").get(pk=pk)
    if payment.status != ScheduleStatus.DUE:
        return 0
    line = payment.line
    post(
        budget,
        kind=EntryKind.PAYMENT_IN,
        amount=payment.amount,
        occurred_on=payment.due_on,
        stream=line.stream,
        held_as=line.held_as,
        scheduled_payment=payment,
        description=f"Payment from the council ({line.get_stream_display()})",
        key=f"scheduled-{payment.pk}",
    )
    payment.status = ScheduleStatus.PAID
    payment.save(update_fields=["status"])
    if line.held_as == HeldAs.DIRECT_PAYMENT:
        _recover_from(budget, payment)
    return 1


def _recover_from(budget: PersonalBudget, payment: ScheduledPayment) -> None:
    """Take outstanding clawbacks (oldest first) from a payment just recorded."""
    left = payment.amount
    for clawback in Clawback.objects.filter(
        budget=budget, method=ClawbackMethod.NEXT_PAYMENTS, status=ClawbackStatus.OUTSTANDING
    ).order_by("recorded_at", "pk"):
        take = min(outstanding(clawback), left)
        if take <= 0:
            break
        post(
            budget,
            kind=EntryKind.CLAWBACK,
            amount=take,
            occurred_on=payment.due_on,
            stream=payment.line.stream,
            held_as=HeldAs.DIRECT_PAYMENT,
            clawback=clawback,
            reason=clawback.reason,
            description="Recovered from this payment",
            key=f"clawback-{clawback.pk}-from-{payment.pk}",
        )
        left -= take
        close_if_done(clawback)


@transaction.atomic
def record_clawback(
    *, budget: PersonalBudget, amount: Decimal, reason: str, method: str, by: Any
) -> Clawback:
    """The council will recover `amount`: from the next payments, or by asking for it.

    From the next payments only as far as the direct payments left can cover it, with
    what is already being recovered from them: otherwise it would stay open for ever."""
    budget = lock_budget(budget)
    check_amount(amount)
    if not reason.strip():
        raise BudgetError("Say why the money is being recovered", field="reason")
    if method not in ClawbackMethod.values:
        raise BudgetError("Choose how the money will be recovered", field="method")
    line_for(budget, held_as=HeldAs.DIRECT_PAYMENT)  # only a direct payment is recovered
    if method == ClawbackMethod.NEXT_PAYMENTS:
        check_cover(budget, amount)
    clawback = Clawback.objects.create(
        budget=budget, amount=amount, reason=reason.strip(), method=method, recorded_by=by
    )
    family = budget.child.family if budget.child is not None else None
    if family is not None and family.email:
        send_email(
            to=[family.email],
            template="budgets/email/clawback",
            context={
                "budget": budget,
                "clawback": clawback,
                "link": site_url() + reverse("budgets:detail", args=[budget.reference]),
            },
        )
    audit(
        budget,
        "clawback_recorded",
        by=by,
        data={"amount": str(amount), "method": method, "reason": reason},
    )
    return clawback


@transaction.atomic
def record_repayment(
    *, clawback: Clawback, amount: Decimal, received_on: dt.date, by: Any
) -> LedgerEntry:
    """The family paid back (part of) a clawback the council asked for."""
    budget = lock_budget(clawback.budget_id)
    clawback = lock(clawback)
    check_amount(amount)
    if received_on > timezone.localdate():
        # The ledger records money that has arrived: a date to come is a typing mistake.
        raise BudgetError(
            "The date the money was received must be today or in the past", field="received_on"
        )
    owed = outstanding(clawback)
    if owed == 0:
        raise BudgetError("Nothing is left to recover on this clawback")
    if amount > owed:
        raise BudgetError(
            f"Enter no more than the {format_pounds(owed)} still owed", field="amount"
        )
    line = line_for(budget, held_as=HeldAs.DIRECT_PAYMENT)
    entry = post(
        budget,
        kind=EntryKind.CLAWBACK,
        amount=amount,
        occurred_on=received_on,
        recorded_by=by,
        stream=line.stream,
        held_as=HeldAs.DIRECT_PAYMENT,
        clawback=clawback,
        reason=clawback.reason,
        description="Repaid by the family",
    )
    close_if_done(clawback)
    audit(budget, "clawback_repaid", by=by, data={"clawback": clawback.pk, "amount": str(amount)})
    return entry
