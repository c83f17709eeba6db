"""Quarterly return reminders, sent by the daily job (`manage.py budgets_daily`).

A family is reminded once when a quarter has ended and its return is not sent ("due"),
and once more 28 days after the quarter's end if it still is not ("overdue"). The
stamps on the return (`reminded_at`, `overdue_reminded_at`) make each reminder go once
however often the job runs; a return the family has not made yet is made as a draft
first, so the reminder knows what in it needs attention.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from localoffer.core.mail import send_email
from pricing.budgets.enums import HeldAs, ReturnStatus
from pricing.budgets.models import PersonalBudget, QuarterlyReturn
from pricing.budgets.return_figures import RETURN_DUE_DAYS, long_date, quarters_of
from pricing.budgets.services.common import lock_budget
from pricing.budgets.services.returns import family_email, family_link, make_draft, quarter_words

R = ReturnStatus


@dataclass
class Reminded:
    due: int = 0
    overdue: int = 0

    def __iadd__(self, other: Reminded) -> Reminded:
        self.due += other.due
        self.overdue += other.overdue
        return self


def budgets_to_remind() -> list[int]:
    """Budgets with a direct payment and a family to remind."""
    return list(
        PersonalBudget.objects.filter(
            versions__lines__held_as=HeldAs.DIRECT_PAYMENT, child__isnull=False
        )
        .distinct()
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def send_return_reminders(
    today: dt.date | None = None, *, progress: Callable[[int, int], None] | None = None
) -> Reminded:
    """Remind each family once when a quarter's return is due, and once when it is
    overdue; how many reminders were sent now."""
    today = today or timezone.localdate()
    ids = budgets_to_remind()
    sent = Reminded()
    for done, pk in enumerate(ids, start=1):
        sent += remind_budget(pk, today)
        if progress is not None:
            progress(done, len(ids))
    return sent


@transaction.atomic
def remind_budget(budget_id: int, today: dt.date) -> Reminded:
    """One budget's reminders, each quarter's at most once of each kind (the stamps on its
    return, made as a draft here if the family has not made it, so its flags are known).

    A family behind on several quarters gets one email listing them, not one each; an
    overdue reminder stands for the "due" one that was never sent too."""
    budget = lock_budget(budget_id)
    existing = {
        ret.starts_on: ret
        for ret in QuarterlyReturn.objects.select_for_update().filter(budget=budget)
    }
    due: list[QuarterlyReturn] = []
    overdue: list[QuarterlyReturn] = []
    for quarter in quarters_of(budget):
        if not quarter.has_ended(today):
            break
        ret = existing.get(quarter.starts_on)
        if ret is not None and ret.status != R.DRAFT:
            continue
        late = quarter.is_overdue(today)
        if late and (ret is None or ret.overdue_reminded_at is None):
            overdue.append(ret or make_draft(budget, quarter, by=None))
        elif not late and (ret is None or ret.reminded_at is None):
            due.append(ret or make_draft(budget, quarter, by=None))
    now = timezone.now()
    for rets, kind in ((due, "due"), (overdue, "overdue")):
        if not rets:
            continue
        send_email(
            to=[family_email(budget)],
            template=f"budgets/email/return_{kind}",
            context={
                "budget": budget,
                "returns": [
                    {
                        "ret": ret,
                        "quarter": quarter_words(ret),
                        "due_by": long_date(ret.ends_on + dt.timedelta(days=RETURN_DUE_DAYS)),
                        "link": family_link(ret),
                    }
                    for ret in rets
                ],
            },
        )
        for ret in rets:
            ret.reminded_at = ret.reminded_at or now
            if kind == "overdue":
                ret.overdue_reminded_at = now
            ret.save(update_fields=["reminded_at", "overdue_reminded_at"])
    return Reminded(due=len(due), overdue=len(overdue))
