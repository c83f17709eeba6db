"""Quarterly returns: made with one click, declared and sent by the family, queried or
accepted by the officer, answered by the family (the reminders are in
`return_reminders`).

Every action locks the budget first, then the return: ledger writes take the budget's
lock too, so the figures a return is made or sent with cannot change under it, and two
clicks at once are handled one after the other. The moves are RETURN_TRANSITIONS; a sent
return is never made again, so the figures the officer accepts are the ones declared.
Each move of a sent return has its PDF printed in the background (`return_pdfs`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from localoffer.core.mail import send_email, site_url
from localoffer.core.transitions import check_transition, lock
from pricing.budgets.enums import RETURN_TRANSITIONS, ReturnStatus
from pricing.budgets.models import (
    LedgerEntry,
    PersonalBudget,
    QuarterlyReturn,
    ReturnLine,
    ReturnQuery,
)
from pricing.budgets.return_figures import (
    Quarter,
    find_quarter,
    has_direct_payment,
    long_date,
    money_words,
    quarter_entries,
    work_out,
)
from pricing.budgets.services.common import BudgetError, audit, lock_budget
from pricing.budgets.tasks import enqueue_return_pdf

R = ReturnStatus
MAX_TEXT = 2000
SENT_MESSAGE = (
    "This return has been sent to the council, so it cannot be changed. "
    "If something in it is wrong, tell your officer."
)
CHANGED_MESSAGE = (
    "Something in this quarter has changed since the return was made. "
    "Make it again, check the new figures, then send it."
)
DECLARE_MESSAGE = "Tick the box to declare that the information is true and complete"


def quarter_words(ret: QuarterlyReturn) -> str:
    return f"{long_date(ret.starts_on)} to {long_date(ret.ends_on)}"


def family_email(budget: PersonalBudget) -> str:
    return budget.child.family.email if budget.child is not None else ""


def family_link(ret: QuarterlyReturn) -> str:
    return site_url() + reverse("budget_returns:detail", args=[ret.budget.reference, ret.pk])


def _officer_link(ret: QuarterlyReturn) -> str:
    return site_url() + reverse("budget_return_admin:detail", args=[ret.pk])


def _check_family(budget: PersonalBudget, by: Any) -> None:
    if budget.child is None or budget.child.family_id != getattr(by, "pk", None):
        raise BudgetError("Only the family can do this with its return.")


def _check_officer(budget: PersonalBudget, by: Any) -> None:
    if not (getattr(by, "is_superuser", False) or budget.officer_id == getattr(by, "pk", None)):
        raise BudgetError("Only the budget's officer can do this with its return.")


def _locked(ret: QuarterlyReturn) -> tuple[PersonalBudget, QuarterlyReturn]:
    budget = lock_budget(ret.budget_id)
    locked = lock(ret)
    locked.budget = budget
    return budget, locked


def _data(ret: QuarterlyReturn, **more: Any) -> dict[str, Any]:
    return {"return": ret.pk, "quarter": f"{ret.starts_on} to {ret.ends_on}", **more}


def make_draft(budget: PersonalBudget, quarter: Quarter, *, by: Any) -> QuarterlyReturn:
    """Make the quarter's return, or make a draft again (the caller holds the lock)."""
    ret = (
        QuarterlyReturn.objects.select_for_update()
        .filter(budget=budget, starts_on=quarter.starts_on)
        .first()
    )
    if ret is not None and ret.status != R.DRAFT:
        raise BudgetError(SENT_MESSAGE)
    worked = work_out(budget, quarter.starts_on, quarter.ends_on)
    if ret is None:
        ret = QuarterlyReturn.objects.create(
            budget=budget,
            starts_on=quarter.starts_on,
            ends_on=quarter.ends_on,
            made_at=timezone.now(),
            **worked.fields(),
        )
    else:
        for name, value in worked.fields().items():
            setattr(ret, name, value)
        ret.made_at = timezone.now()
        ret.save(update_fields=[*worked.fields(), "made_at"])
    audit(budget, "return_made", by=by, data=_data(ret))
    return ret


@transaction.atomic
def make_return(
    *, budget: PersonalBudget, starts_on: dt.date, by: Any, today: dt.date | None = None
) -> QuarterlyReturn:
    """Make (or make again, while it is a draft) the return of the quarter from
    `starts_on`, once that quarter has ended."""
    budget = lock_budget(budget)
    _check_family(budget, by)
    today = today or timezone.localdate()
    if not has_direct_payment(budget):
        raise BudgetError("This budget has no direct payment, so it has no quarterly returns.")
    quarter = find_quarter(budget, starts_on)
    if quarter is None:
        raise BudgetError("Choose a quarter of the budget's period.")
    if not quarter.has_ended(today):
        raise BudgetError(
            f"You can make this return once the quarter ends on {long_date(quarter.ends_on)}."
        )
    return make_draft(budget, quarter, by=by)


def remake_return(
    *, ret: QuarterlyReturn, by: Any, today: dt.date | None = None
) -> QuarterlyReturn:
    """The draft's figures and flags as the ledger is now (the page's "Make it again")."""
    return make_return(budget=ret.budget, starts_on=ret.starts_on, by=by, today=today)


def _write_lines(ret: QuarterlyReturn) -> None:
    """List the quarter's entries on the return as it is sent (entries never change, so
    the link is a faithful copy)."""
    wanted = set(
        quarter_entries(ret.budget, ret.starts_on, ret.ends_on).values_list("pk", flat=True)
    )
    listed = set(ret.lines.values_list("entry_id", flat=True))
    ReturnLine.objects.filter(ret=ret, entry_id__in=listed - wanted).delete()
    ReturnLine.objects.bulk_create(
        ReturnLine(ret=ret, entry_id=pk) for pk in sorted(wanted - listed)
    )


def _send(ret: QuarterlyReturn, *, by: Any, strict: bool) -> QuarterlyReturn:
    """Send the return with its figures made one final time. `strict` (a first sending)
    refuses when the money changed since the family last saw the figures; sending again
    after questions takes the ledger as it is, which only the council can have changed
    (the family's own spending in a sent quarter is refused)."""
    worked = work_out(ret.budget, ret.starts_on, ret.ends_on)
    if strict and not worked.same_money_as(ret):
        raise BudgetError(CHANGED_MESSAGE)
    changes = {**worked.fields(), "status": R.SUBMITTED, "declared_by": by}
    changes["submitted_at"] = timezone.now()
    for name, value in changes.items():
        setattr(ret, name, value)
    ret.save(update_fields=list(changes))
    _write_lines(ret)
    return ret


@transaction.atomic
def submit_return(
    *, ret: QuarterlyReturn, by: Any, declared: bool, seen_made_at: dt.datetime | None = None
) -> QuarterlyReturn:
    """The family declares the return true and complete and sends it to the officer.

    `seen_made_at` is when the return the family read was made: if it was made again
    since (in another tab), they are asked to check it again before declaring it."""
    budget, ret = _locked(ret)
    _check_family(budget, by)
    # Only a draft is sent this way: a queried one goes back with its answers.
    if ret.status != R.DRAFT:
        raise BudgetError(SENT_MESSAGE)
    check_transition(ret, table=RETURN_TRANSITIONS, to=R.SUBMITTED, error=BudgetError)
    if not declared:
        raise BudgetError(DECLARE_MESSAGE, field="declaration")
    if seen_made_at is not None and seen_made_at != ret.made_at:
        raise BudgetError(CHANGED_MESSAGE)
    ret = _send(ret, by=by, strict=True)
    audit(budget, "return_submitted", by=by, data=_data(ret))
    enqueue_return_pdf(ret)
    send_email(
        to=[budget.officer.email],
        template="budgets/email/return_submitted",
        context={
            "ret": ret,
            "budget": budget,
            "quarter": quarter_words(ret),
            "figures": money_words(ret),
            "link": _officer_link(ret),
        },
    )
    return ret


@transaction.atomic
def query_return(
    *, ret: QuarterlyReturn, by: Any, question: str, entry: LedgerEntry | None = None
) -> ReturnQuery:
    """The officer asks about a line of a sent return, or the whole return.

    A return already waiting for answers can be asked more: the family answers every
    question at once."""
    budget, ret = _locked(ret)
    _check_officer(budget, by)
    if ret.status != R.QUERIED:
        check_transition(
            ret,
            table=RETURN_TRANSITIONS,
            to=R.QUERIED,
            error=BudgetError,
            message=f"This return is {ret.get_status_display().lower()}, so it cannot be queried.",
        )
    question = question.strip()
    if not question:
        raise BudgetError("Enter your question for the family", field="question")
    if len(question) > MAX_TEXT:
        raise BudgetError(f"Your question must be {MAX_TEXT} characters or fewer", field="question")
    if entry is not None and not ReturnLine.objects.filter(ret=ret, entry=entry).exists():
        raise BudgetError("Choose a line of this return", field="entry")
    query = ReturnQuery.objects.create(ret=ret, entry=entry, question=question, asked_by=by)
    if ret.status != R.QUERIED:
        ret.status = R.QUERIED
        ret.save(update_fields=["status"])
    audit(budget, "return_queried", by=by, data=_data(ret, entry=entry.pk if entry else None))
    enqueue_return_pdf(ret)
    send_email(
        to=[family_email(budget)],
        template="budgets/email/return_queried",
        context={
            "ret": ret,
            "budget": budget,
            "quarter": quarter_words(ret),
            "query": query,
            "entry": entry,
            "link": family_link(ret),
        },
    )
    return query


@transaction.atomic
def answer_query(*, query: ReturnQuery, by: Any, answer: str) -> ReturnQuery:
    """The family answers one question (the return stays with them until sent again)."""
    budget, ret = _locked(query.ret)
    _check_family(budget, by)
    query = lock(query)
    if ret.status != R.QUERIED:
        raise BudgetError(f"This return is {ret.get_status_display().lower()}: nothing to answer.")
    answer = answer.strip()
    field = f"answer_{query.pk}"
    if not answer:
        raise BudgetError("Answer every question before you send the return again", field=field)
    if len(answer) > MAX_TEXT:
        raise BudgetError(f"Your answer must be {MAX_TEXT} characters or fewer", field=field)
    query.answer, query.answered_by, query.answered_at = answer, by, timezone.now()
    query.save(update_fields=["answer", "answered_by", "answered_at"])
    audit(budget, "return_answered", by=by, data=_data(ret, query=query.pk))
    return query


@transaction.atomic
def resubmit_return(*, ret: QuarterlyReturn, by: Any, declared: bool) -> QuarterlyReturn:
    """Send the return again once every question is answered; the officer is told."""
    budget, ret = _locked(ret)
    _check_family(budget, by)
    if ret.status != R.QUERIED:
        raise BudgetError(f"This return is {ret.get_status_display().lower()}: nothing to answer.")
    check_transition(ret, table=RETURN_TRANSITIONS, to=R.SUBMITTED, error=BudgetError)
    if ret.queries.filter(answered_at__isnull=True).exists():
        raise BudgetError("Answer every question before you send the return again")
    if not declared:
        raise BudgetError(DECLARE_MESSAGE, field="declaration")
    ret = _send(ret, by=by, strict=False)
    audit(budget, "return_submitted", by=by, data=_data(ret, again=True))
    enqueue_return_pdf(ret)
    send_email(
        to=[budget.officer.email],
        template="budgets/email/return_answered",
        context={
            "ret": ret,
            "budget": budget,
            "quarter": quarter_words(ret),
            "queries": list(ret.queries.all()),
            "link": _officer_link(ret),
        },
    )
    return ret


@transaction.atomic
def answer_and_resubmit(
    *, ret: QuarterlyReturn, by: Any, answers: Mapping[int, str], declared: bool
) -> QuarterlyReturn:
    """The answers page: every open question answered and the return sent again, or
    nothing saved at all (one transaction), so a refusal keeps what was typed."""
    if not declared:
        raise BudgetError(DECLARE_MESSAGE, field="declaration")
    for query in ret.queries.filter(answered_at__isnull=True).order_by("asked_at", "pk"):
        answer_query(query=query, by=by, answer=answers.get(query.pk, ""))
    return resubmit_return(ret=ret, by=by, declared=declared)


@transaction.atomic
def accept_return(*, ret: QuarterlyReturn, by: Any) -> QuarterlyReturn:
    budget, ret = _locked(ret)
    _check_officer(budget, by)
    message = (
        "The family has not answered your questions yet: you can accept the return once "
        "they send it again."
        if ret.status == R.QUERIED
        else f"This return is {ret.get_status_display().lower()}, so it cannot be accepted."
    )
    check_transition(
        ret, table=RETURN_TRANSITIONS, to=R.ACCEPTED, error=BudgetError, message=message
    )
    ret.status, ret.decided_by, ret.accepted_at = R.ACCEPTED, by, timezone.now()
    ret.save(update_fields=["status", "decided_by", "accepted_at"])
    audit(budget, "return_accepted", by=by, data=_data(ret))
    enqueue_return_pdf(ret)
    send_email(
        to=[family_email(budget)],
        template="budgets/email/return_accepted",
        context={
            "ret": ret,
            "budget": budget,
            "quarter": quarter_words(ret),
            "link": family_link(ret),
        },
    )
    return ret
