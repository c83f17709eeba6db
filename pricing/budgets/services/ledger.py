"""Writing the ledger: spending a family records, receipts, and staff corrections.

Every function locks the budget, checks the rules, writes entries and an audit record in
one transaction. Nothing is ever edited: a mistake is reversed by a new entry.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from pricing.budgets.enums import ClawbackStatus, EntryKind, HeldAs, ReturnStatus, Stream
from pricing.budgets.models import (
    Clawback,
    FundingLine,
    LedgerEntry,
    PayeeException,
    PersonalBudget,
    QuarterlyReturn,
    Receipt,
    SchoolConsent,
    SetAside,
    SpendingCategory,
)
from pricing.budgets.receipts import check_receipt
from pricing.budgets.services.common import (
    BudgetError,
    audit,
    check_amount,
    check_in_period,
    lock_budget,
    outcome,
    post,
)

CLOSED_RETURNS = (ReturnStatus.SUBMITTED, ReturnStatus.QUERIED, ReturnStatus.ACCEPTED)


def line_for(budget: PersonalBudget, *, held_as: str, stream: str = "") -> FundingLine:
    """The current version's funding line that pays: the outcome's own stream where it is
    held this way, otherwise the largest line held this way."""
    lines = budget.current_version.lines.filter(held_as=held_as)
    chosen = lines.filter(stream=stream).first() if stream else None
    chosen = chosen or lines.order_by("-amount", "stream").first()
    if chosen is None:
        held = HeldAs(held_as).label.split(" (")[0].lower()
        raise BudgetError(f"This budget has no {held} part", field="outcome")
    return chosen


def check_category(category: SpendingCategory | None, budget: PersonalBudget) -> None:
    if category is None:
        return
    if category.council_id != budget.council_id:
        raise BudgetError("Choose what the spending was for", field="category")
    if category.excluded:
        reason = category.exclusion_reason or "the council's rules do not allow it"
        raise BudgetError(
            f"A personal budget cannot pay for this ({category.name}): {reason}",
            field="category",
        )


def check_quarter_open(budget: PersonalBudget, day: dt.date) -> None:
    """Spending dated in a quarter whose return has been sent would change what the
    family declared: it is refused, and the family asks the officer instead."""
    if QuarterlyReturn.objects.filter(
        budget=budget, status__in=CLOSED_RETURNS, starts_on__lte=day, ends_on__gte=day
    ).exists():
        raise BudgetError(
            "You have sent the return for the quarter with this date. "
            "Ask your officer to add it, or use a later date",
            field="occurred_on",
        )


def _attach(entry: LedgerEntry, upload: UploadedFile, by: Any) -> Receipt:
    content_type = check_receipt(upload)
    return Receipt.objects.create(
        entry=entry,
        file=upload,
        content_type=content_type,
        size=upload.size or 0,
        original_name=(upload.name or "")[:200],
        uploaded_by=by,
    )


@transaction.atomic
def record_spending(
    *,
    budget: PersonalBudget,
    by: Any,
    occurred_on: dt.date,
    payee: str,
    description: str,
    amount: Decimal,
    outcome_key: str,
    category: SpendingCategory | None = None,
    in_school: bool = False,
    school_consent: SchoolConsent | None = None,
    family_member: bool = False,
    payee_exception: PayeeException | None = None,
    receipt: UploadedFile | None = None,
    today: dt.date | None = None,
) -> LedgerEntry:
    """Spending from the direct payment that the family paid outside the site.

    The rules: an agreed outcome; not something a budget cannot buy; provision in a
    school or college only with the head teacher's consent recorded; a family member
    living with the child only with an exception recorded by staff.
    """
    budget = lock_budget(budget)
    check_amount(amount)
    today = today or timezone.localdate()
    if occurred_on > today:
        raise BudgetError("Enter a date that is today or in the past", field="occurred_on")
    check_in_period(budget, occurred_on)
    check_quarter_open(budget, occurred_on)
    if not payee.strip():
        raise BudgetError("Enter who you paid", field="payee")
    if not description.strip():
        raise BudgetError("Enter what the money was for", field="description")
    agreed = outcome(budget, outcome_key)
    check_category(category, budget)
    if in_school and (school_consent is None or school_consent.budget_id != budget.pk):
        raise BudgetError(
            "Support in a school or college needs the head teacher's or principal's "
            "consent. Ask your officer to record it first",
            field="in_school",
        )
    if family_member and (payee_exception is None or payee_exception.budget_id != budget.pk):
        raise BudgetError(
            "A budget cannot pay a family member who lives with the child unless the "
            "council has agreed an exception. Ask your officer",
            field="family_member",
        )
    line = line_for(budget, held_as=HeldAs.DIRECT_PAYMENT, stream=agreed.stream)
    entry = post(
        budget,
        kind=EntryKind.SPENDING,
        amount=amount,
        occurred_on=occurred_on,
        recorded_by=by,
        stream=line.stream,
        held_as=HeldAs.DIRECT_PAYMENT,
        outcome_key=agreed.key,
        category=category,
        payee=payee.strip(),
        description=description.strip(),
        in_school=in_school,
        school_consent=school_consent if in_school else None,
        payee_exception=payee_exception if family_member else None,
    )
    if receipt is not None:
        _attach(entry, receipt, by)
    audit(budget, "spending_recorded", by=by, data={"entry": entry.pk, "amount": str(amount)})
    return entry


@transaction.atomic
def add_receipt(*, entry: LedgerEntry, upload: UploadedFile, by: Any) -> Receipt:
    budget = lock_budget(entry.budget_id)
    if entry.kind != EntryKind.SPENDING:
        raise BudgetError("Receipts are for spending", field="receipt")
    receipt = _attach(entry, upload, by)
    audit(budget, "receipt_added", by=by, data={"entry": entry.pk})
    return receipt


@transaction.atomic
def reverse_entry(*, entry: LedgerEntry, reason: str, by: Any) -> LedgerEntry:
    """Cancel an entry made by mistake with an entry of the opposite amount, dated today."""
    budget = lock_budget(entry.budget_id)
    if not reason.strip():
        raise BudgetError("Say why the entry is being reversed", field="reason")
    if entry.reverses_id is not None:
        raise BudgetError("A reversal cannot itself be reversed: record a new entry")
    if LedgerEntry.objects.filter(reverses=entry).exists():
        raise BudgetError("This entry has already been reversed")
    if entry.booking_id is not None:
        raise BudgetError("Entries for bookings follow the booking: cancel or refund it instead")
    reversal = post(
        budget,
        kind=entry.kind,
        amount=-entry.amount,
        occurred_on=timezone.localdate(),
        recorded_by=by,
        stream=entry.stream,
        held_as=entry.held_as,
        outcome_key=entry.outcome_key,
        category=entry.category,
        payee=entry.payee,
        description=f"Reverses: {entry.description or entry.get_kind_display()}"[:500],
        reason=reason.strip(),
        reverses=entry,
        clawback_id=entry.clawback_id,
    )
    if entry.clawback_id is not None:
        # Money recovered by mistake is owed again: the clawback counts the reversal (and
        # if no payments are left to take it from, the daily job asks for it instead).
        Clawback.objects.filter(
            pk=entry.clawback_id, status__in=[ClawbackStatus.RECOVERED, ClawbackStatus.MOVED]
        ).update(status=ClawbackStatus.OUTSTANDING)
    audit(budget, "entry_reversed", by=by, data={"entry": entry.pk, "reason": reason})
    return reversal


@transaction.atomic
def adjust(
    *,
    budget: PersonalBudget,
    amount: Decimal,
    stream: str,
    held_as: str,
    reason: str,
    by: Any,
    occurred_on: dt.date | None = None,
) -> LedgerEntry:
    """A staff adjustment up or down (a one-off top-up, a correction), with its reason."""
    budget = lock_budget(budget)
    check_amount(abs(amount) if isinstance(amount, Decimal) else amount)
    if stream not in Stream.values:
        raise BudgetError("Choose the funding stream to adjust", field="stream")
    if held_as not in HeldAs.values:
        raise BudgetError("Choose which part of the budget to adjust", field="held_as")
    if not reason.strip():
        raise BudgetError("Say why the budget is being adjusted", field="reason")
    day = occurred_on or timezone.localdate()
    check_in_period(budget, day)
    entry = post(
        budget,
        kind=EntryKind.ADJUSTMENT,
        amount=amount,
        occurred_on=day,
        recorded_by=by,
        stream=stream,
        held_as=held_as,
        reason=reason.strip(),
        description="Adjustment by the council",
    )
    audit(budget, "adjusted", by=by, data={"amount": str(amount), "reason": reason})
    return entry


@transaction.atomic
def set_aside(
    *, budget: PersonalBudget, purpose: str, amount: Decimal, until: dt.date | None, by: Any
) -> SetAside:
    """Put money aside ("bank" it) for something later, such as a short break."""
    budget = lock_budget(budget)
    check_amount(amount)
    if not purpose.strip():
        raise BudgetError("Enter what the money is for", field="purpose")
    created = SetAside.objects.create(
        budget=budget, purpose=purpose.strip(), amount=amount, until=until
    )
    audit(budget, "set_aside", by=by, data={"amount": str(amount), "purpose": purpose})
    return created


@transaction.atomic
def release_set_aside(*, item: SetAside, by: Any) -> None:
    budget = lock_budget(item.budget_id)
    SetAside.objects.filter(pk=item.pk, released_at__isnull=True).update(released_at=timezone.now())
    audit(budget, "set_aside_released", by=by, data={"purpose": item.purpose})
