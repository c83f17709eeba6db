"""Setting up a budget, its versions and schedule, and inviting the family to see it
(through the invitations shared with the third party, `services.invitations`)."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils.text import slugify

from localoffer.core.money import PENNY, format_pounds
from pricing.budgets.categories import ensure_spending_categories
from pricing.budgets.enums import HeldAs, InvitationRole, ScheduleStatus, Stream
from pricing.budgets.models import (
    BudgetInvitation,
    BudgetOutcome,
    BudgetVersion,
    FundingLine,
    PersonalBudget,
    ScheduledPayment,
)
from pricing.budgets.schedule import payment_dates, schedule
from pricing.budgets.services.clawbacks import move_uncovered
from pricing.budgets.services.common import BudgetError, audit, check_amount, lock_budget
from pricing.budgets.services.invitations import (
    checked_email,
    mark_accepted,
    open_invitation,
    send_invitation,
    take_invitation,
)
from pricing.families.models import YOUNG_PERSON_MAX_AGE, Child, age_on

REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
# A budget is agreed for a year at a time; a longer period is almost surely a typing slip.
# Two years to the day: 1 April 2026 may end on 31 March 2028 at the latest.
LONGEST_PERIOD = relativedelta(years=2)
LONGEST_PAYMENT_WEEKS = 13  # a quarter; the funding line's check constraint agrees


@dataclass(frozen=True)
class OutcomeInput:
    description: str
    area: Any  # providers.Outcome
    stream: str = ""
    key: str = ""  # kept from the previous version, so spending keeps counting towards it


@dataclass(frozen=True)
class LineInput:
    stream: str
    held_as: str
    amount: Decimal
    every_weeks: int = 4


def _new_reference() -> str:
    for _ in range(10):
        reference = "PB-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
        if not PersonalBudget.objects.filter(reference=reference).exists():
            return reference
    raise RuntimeError("Could not find a free budget reference")


def _check_version(
    starts_on: dt.date,
    ends_on: dt.date,
    outcomes: Sequence[OutcomeInput],
    lines: Sequence[LineInput],
) -> None:
    if ends_on <= starts_on:
        raise BudgetError("The period must end after it starts", field="ends_on")
    if ends_on >= starts_on + LONGEST_PERIOD:
        raise BudgetError("A budget's period can be at most two years", field="ends_on")
    if not outcomes:
        raise BudgetError("Add at least one outcome agreed in the plan", field="outcomes")
    if any(not item.description.strip() for item in outcomes):
        raise BudgetError("Enter what the child wants to achieve", field="outcomes")
    if not lines:
        raise BudgetError("Add the money from at least one funding stream", field="lines")
    streams = [line.stream for line in lines]
    if len(set(streams)) != len(streams):
        raise BudgetError("Each funding stream can be added once", field="lines")
    for line in lines:
        # What the database would refuse anyway, refused first with a message.
        if line.stream not in Stream.values or line.held_as not in HeldAs.values:
            raise BudgetError("Choose a funding stream and how it is held", field="lines")
        if not 1 <= line.every_weeks <= LONGEST_PAYMENT_WEEKS:
            raise BudgetError(
                f"Choose payments every 1 to {LONGEST_PAYMENT_WEEKS} weeks", field="lines"
            )
        check_amount(line.amount, field="lines")
        count = len(payment_dates(starts_on, ends_on, line.every_weeks))
        if line.amount < PENNY * count:
            raise BudgetError(
                f"Enter at least {format_pounds(PENNY * count)}: "
                f"a penny for each of the {count} payments",
                field="lines",
            )


def _write_version(
    budget: PersonalBudget,
    *,
    number: int,
    starts_on: dt.date,
    ends_on: dt.date,
    outcomes: Sequence[OutcomeInput],
    lines: Sequence[LineInput],
    reason: str,
    by: Any,
) -> BudgetVersion:
    version = BudgetVersion.objects.create(
        budget=budget,
        number=number,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason,
        created_by=by,
    )
    used: set[str] = set()
    for index, item in enumerate(outcomes, start=1):
        key = item.key or slugify(item.description)[:50] or f"outcome-{index}"
        while key in used:
            key = f"{key[:50]}-{index}"
        used.add(key)
        BudgetOutcome.objects.create(
            version=version,
            key=key,
            description=item.description,
            area=item.area,
            stream=item.stream,
        )
    for given in lines:
        line = FundingLine.objects.create(
            version=version,
            stream=given.stream,
            held_as=given.held_as,
            amount=given.amount,
            payment_every_weeks=given.every_weeks,
        )
        ScheduledPayment.objects.bulk_create(
            ScheduledPayment(budget=budget, line=line, due_on=day, amount=amount)
            for day, amount in schedule(given.amount, starts_on, ends_on, given.every_weeks)
        )
    return version


@transaction.atomic
def set_up_budget(
    *,
    council: Any,
    officer: Any,
    child_name: str,
    child_date_of_birth: dt.date,
    starts_on: dt.date,
    ends_on: dt.date,
    outcomes: Sequence[OutcomeInput],
    lines: Sequence[LineInput],
    by: Any,
    approval_limit: Decimal = Decimal("0.00"),
    third_party_name: str = "",
) -> PersonalBudget:
    """A new budget with its first version and payment schedule, in the officer's caseload."""
    if not child_name.strip():
        raise BudgetError("Enter the child or young person's name", field="child_name")
    _check_version(starts_on, ends_on, outcomes, lines)
    if approval_limit != 0:  # none: every booking from a managed pot waits for the officer
        check_amount(approval_limit, field="approval_limit")
    if any(line.held_as == HeldAs.THIRD_PARTY for line in lines) and not third_party_name:
        raise BudgetError("Name the third party that holds the money", field="third_party_name")
    if age_on(child_date_of_birth, starts_on) > YOUNG_PERSON_MAX_AGE:
        raise BudgetError(
            "A personal budget is for a child or young person aged up to 25",
            field="child_date_of_birth",
        )
    ensure_spending_categories(council)
    budget = PersonalBudget.objects.create(
        council=council,
        reference=_new_reference(),
        child_name=child_name.strip(),
        child_date_of_birth=child_date_of_birth,
        officer=officer,
        approval_limit=approval_limit,
        third_party_name=third_party_name,
        created_by=by,
    )
    _write_version(
        budget,
        number=1,
        starts_on=starts_on,
        ends_on=ends_on,
        outcomes=outcomes,
        lines=lines,
        reason="Budget set up",
        by=by,
    )
    audit(budget, "set_up", by=by, data={"starts_on": str(starts_on), "ends_on": str(ends_on)})
    return budget


@transaction.atomic
def new_version(
    *,
    budget: PersonalBudget,
    starts_on: dt.date,
    ends_on: dt.date,
    outcomes: Sequence[OutcomeInput],
    lines: Sequence[LineInput],
    reason: str,
    by: Any,
) -> BudgetVersion:
    """What a review agreed, from `starts_on`: the payments of earlier versions still due
    from that day are replaced by the new schedule; everything before is kept as it was."""
    budget = lock_budget(budget)
    _check_version(starts_on, ends_on, outcomes, lines)
    if not reason.strip():
        raise BudgetError("Say why the budget changed", field="reason")
    current = budget.current_version
    if starts_on < current.starts_on:
        raise BudgetError("A new version cannot start before the current one", field="starts_on")
    # A payment already made on or after the new start paid for weeks the new schedule
    # pays for again: the new version starts after it.
    last_paid = (
        ScheduledPayment.objects.filter(
            budget=budget, status=ScheduleStatus.PAID, due_on__gte=starts_on
        )
        .order_by("-due_on")
        .values_list("due_on", flat=True)
        .first()
    )
    if last_paid is not None:
        raise BudgetError(
            f"A payment was already made on {last_paid:%-d %B %Y}: start the new version after it",
            field="starts_on",
        )
    ScheduledPayment.objects.filter(
        budget=budget, status=ScheduleStatus.DUE, due_on__gte=starts_on
    ).update(status=ScheduleStatus.SUPERSEDED)
    version = _write_version(
        budget,
        number=current.number + 1,
        starts_on=starts_on,
        ends_on=ends_on,
        outcomes=outcomes,
        lines=lines,
        reason=reason,
        by=by,
    )
    audit(budget, "new_version", by=by, data={"version": version.number, "reason": reason})
    # Fewer (or no) payments may no longer cover money being recovered from them: the
    # rest is asked for as a repayment now, not left open.
    move_uncovered(budget, by=by)
    return version


@transaction.atomic
def invite(*, budget: PersonalBudget, email: str, by: Any) -> BudgetInvitation:
    """Email the parent (or the young person) a link to see the budget.

    Any earlier invitation to the family not yet accepted is withdrawn, so only the
    newest link works (`pricing.budgets.services.invitations`).
    """
    address = checked_email(email)
    budget = lock_budget(budget)
    return send_invitation(
        budget=budget,
        email=address,
        role=InvitationRole.FAMILY,
        template="budgets/email/invitation",
        accept_url_name="budgets:accept",
        event="invited",
        by=by,
    )


def invitation_for(token: str) -> BudgetInvitation | None:
    """The family's invitation a link is for, if it can still be accepted."""
    return open_invitation(token, InvitationRole.FAMILY)


@transaction.atomic
def accept_invitation(*, token: str, user: Any, child: Child) -> PersonalBudget:
    """Link the budget to one of the signed-in family's children.

    Any signed-in account may accept: the link was emailed to the person the officer
    chose, and the token is long and used once. The child must be the family's own.
    """
    invitation, budget = take_invitation(token, InvitationRole.FAMILY)
    if child.family_id != user.pk:
        raise BudgetError("Choose one of your own children", field="child")
    if budget.child_id is not None and budget.child_id != child.pk:
        raise BudgetError("This budget is already linked to another child. Ask your officer.")
    if budget.third_party_id == user.pk:
        # The third party decides on the family's bookings: it cannot be the family too.
        raise BudgetError("This account holds the budget's money for the family. Ask your officer.")
    budget.child = child
    budget.save(update_fields=["child"])
    mark_accepted(invitation, user)
    audit(budget, "invitation_accepted", by=user, data={"child": child.pk})
    return budget
