"""What a quarterly return says, worked out from the direct-payment ledger.

Reads only (the writes are `pricing.budgets.services.returns`): the budget's quarters and
where each one's return stands, a quarter's figures, its lines and what needs attention.
Only the direct-payment pot is in a return: it is the money the family holds and must
account for; money the council or a third party holds is accounted for by them.

    opening  = the direct payment's balance the day before the quarter starts
    paid in  = payments in + adjustments - money recovered, dated in the quarter
    spent    = spending - refunds credited back, dated in the quarter
    closing  = opening + paid in - spent
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Max, Min, QuerySet

from localoffer.core.money import format_pounds, round_money
from pricing.budgets.enums import EntryKind, HeldAs, ReturnStatus
from pricing.budgets.figures import figures, figures_of, without_receipt_over
from pricing.budgets.models import (
    BudgetOutcome,
    BudgetVersion,
    FundingLine,
    LedgerEntry,
    PersonalBudget,
    QuarterlyReturn,
    Receipt,
)
from pricing.budgets.schedule import RETURN_DUE_DAYS, WEEKS_HELD_LIMIT, quarters
from pricing.budgets.selectors import weekly_rate
from pricing.budgets.services.common import RECEIPT_OVER, version_on

DP = HeldAs.DIRECT_PAYMENT
# Commitments are bookings not yet paid: no money has moved, so they are not in a return.
LINE_KINDS = [kind for kind in EntryKind.values if kind != EntryKind.COMMITMENT]
MONEY_IN_KINDS = (EntryKind.PAYMENT_IN, EntryKind.ADJUSTMENT, EntryKind.CLAWBACK)
SENT = (ReturnStatus.SUBMITTED, ReturnStatus.QUERIED, ReturnStatus.ACCEPTED)


def long_date(day: dt.date) -> str:
    return f"{day:%-d %B %Y}"


@dataclass(frozen=True)
class Quarter:
    starts_on: dt.date
    ends_on: dt.date

    @property
    def due_by(self) -> dt.date:
        return self.ends_on + dt.timedelta(days=RETURN_DUE_DAYS)

    def has_ended(self, today: dt.date) -> bool:
        return today > self.ends_on

    def is_overdue(self, today: dt.date) -> bool:
        return today > self.due_by

    @property
    def words(self) -> str:
        return f"{long_date(self.starts_on)} to {long_date(self.ends_on)}"


def quarters_of(budget: PersonalBudget) -> list[Quarter]:
    """Three-month blocks over the whole budget, from its first version's first day to its
    last version's last day (a review's new version does not restart the quarters)."""
    span = BudgetVersion.objects.filter(budget=budget).aggregate(
        first=Min("starts_on"), last=Max("ends_on")
    )
    if span["first"] is None:
        return []
    return [Quarter(first, last) for first, last in quarters(span["first"], span["last"])]


def find_quarter(budget: PersonalBudget, starts_on: dt.date) -> Quarter | None:
    return next((q for q in quarters_of(budget) if q.starts_on == starts_on), None)


def has_direct_payment(budget: PersonalBudget) -> bool:
    return FundingLine.objects.filter(version__budget=budget, held_as=DP).exists()


def quarter_entries(budget: PersonalBudget, starts_on: dt.date, ends_on: dt.date) -> QuerySet:
    """The direct payment's money moves dated in the quarter, oldest first."""
    return LedgerEntry.objects.filter(
        budget=budget, held_as=DP, kind__in=LINE_KINDS, occurred_on__range=(starts_on, ends_on)
    ).order_by("occurred_on", "pk")


def weekly_amount(budget: PersonalBudget, day: dt.date) -> Decimal:
    """A week's worth of the direct payment under the version in force on `day` (the
    newest version if none is): its direct-payment lines over its period's weeks."""
    version = version_on(budget, day) or budget.current_version
    lines = list(version.lines.filter(held_as=DP).select_related("version"))
    return weekly_rate(lines) or Decimal("0.00")


@dataclass(frozen=True)
class ReturnFigures:
    opening_balance: Decimal
    paid_in: Decimal
    spent: Decimal
    closing_balance: Decimal
    flags: list[dict[str, Any]] = field(default_factory=list)

    def fields(self) -> dict[str, Any]:
        return {
            "opening_balance": self.opening_balance,
            "paid_in": self.paid_in,
            "spent": self.spent,
            "closing_balance": self.closing_balance,
            "flags": self.flags,
        }

    def same_money_as(self, ret: QuarterlyReturn) -> bool:
        return (
            self.opening_balance == ret.opening_balance
            and self.paid_in == ret.paid_in
            and self.spent == ret.spent
            and self.closing_balance == ret.closing_balance
        )


def _flag(kind: str, text: str, entry: int | None = None) -> dict[str, Any]:
    return {"kind": kind, "text": text, "entry": entry}


def _line_words(entry: LedgerEntry) -> str:
    who = entry.payee or entry.description or entry.get_kind_display()
    return f"{entry.occurred_on:%-d %B %Y}, {who}, {signed_pounds(entry.amount)}"


def flags_for(
    budget: PersonalBudget, starts_on: dt.date, ends_on: dt.date, closing: Decimal
) -> list[dict[str, Any]]:
    """What the officer will ask about: receipts missing, spending not tied to an agreed
    outcome, and money piling up beyond 8 weeks of payments. A reversed entry and its
    reversal cancel out, so neither is flagged."""
    spending = quarter_entries(budget, starts_on, ends_on).filter(
        kind=EntryKind.SPENDING, reverses__isnull=True, reversed_by__isnull=True
    )
    flags = [
        _flag(
            "no_receipt",
            f"{_line_words(entry)}: no receipt. Keep a receipt for anything over "
            f"{format_pounds(RECEIPT_OVER)}.",
            entry.pk,
        )
        for entry in spending.filter(without_receipt_over(RECEIPT_OVER))
    ]
    flags += [
        _flag("no_outcome", f"{_line_words(entry)}: not tied to an agreed outcome.", entry.pk)
        for entry in spending.filter(outcome_key="")
    ]
    weekly = weekly_amount(budget, ends_on)
    if weekly > 0 and closing > weekly * WEEKS_HELD_LIMIT:
        weeks = (closing / weekly).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        flags.append(
            _flag(
                "unspent",
                f"{format_pounds(closing)} was unspent at the end of the quarter: about "
                f"{weeks:f} weeks of payments. No more than {WEEKS_HELD_LIMIT} weeks of "
                "payments should be kept unspent unless the council has agreed it.",
            )
        )
    return flags


def work_out(budget: PersonalBudget, starts_on: dt.date, ends_on: dt.date) -> ReturnFigures:
    # Sums are rounded to pence: SQLite adds decimals as floats.
    opening = round_money(figures(budget, held_as=DP, before=starts_on).balance)
    moved = figures_of(
        LedgerEntry.objects.filter(
            budget=budget, held_as=DP, occurred_on__range=(starts_on, ends_on)
        )
    )
    paid_in, spent = round_money(moved.paid_in), round_money(moved.spent)
    closing = opening + paid_in - spent
    return ReturnFigures(
        opening_balance=opening,
        paid_in=paid_in,
        spent=spent,
        closing_balance=closing,
        flags=flags_for(budget, starts_on, ends_on, closing),
    )


def money_words(ret: QuarterlyReturn) -> dict[str, str]:
    """The return's stored figures as pages, documents and emails print them."""
    return {
        "opening": format_pounds(ret.opening_balance),
        "paid_in": format_pounds(ret.paid_in),
        "spent": format_pounds(ret.spent),
        "closing": format_pounds(ret.closing_balance),
    }


# --- the quarters list ----------------------------------------------------------------

# state -> (words, GOV.UK tag colour)
STATE_WORDS = {
    "not_due": ("Not due yet", "govuk-tag--grey"),
    "ready": ("Ready to make", "govuk-tag--blue"),
    "draft": ("Made, not sent", "govuk-tag--yellow"),
    "sent": ("Sent", "govuk-tag--turquoise"),
    "queried": ("Questions to answer", "govuk-tag--orange"),
    "accepted": ("Accepted", "govuk-tag--green"),
    "overdue": ("Overdue", "govuk-tag--red"),
}


@dataclass(frozen=True)
class QuarterRow:
    quarter: Quarter
    ret: QuarterlyReturn | None
    state: str

    @property
    def words(self) -> str:
        return STATE_WORDS[self.state][0]

    @property
    def colour(self) -> str:
        return STATE_WORDS[self.state][1]

    @property
    def link_words(self) -> str:
        if self.ret is None:
            return ""
        return {
            ReturnStatus.DRAFT: "Check and send",
            ReturnStatus.QUERIED: "Answer the questions",
        }.get(ReturnStatus(self.ret.status), "See the return")

    @property
    def can_make(self) -> bool:
        return self.ret is None and self.state in ("ready", "overdue")


def state_of(quarter: Quarter, ret: QuarterlyReturn | None, today: dt.date) -> str:
    if ret is not None and ret.status in SENT:
        return {
            ReturnStatus.SUBMITTED: "sent",
            ReturnStatus.QUERIED: "queried",
            ReturnStatus.ACCEPTED: "accepted",
        }[ReturnStatus(ret.status)]
    if not quarter.has_ended(today):
        return "not_due"
    if quarter.is_overdue(today):
        return "overdue"
    return "draft" if ret is not None else "ready"


def quarter_rows(budget: PersonalBudget, today: dt.date) -> list[QuarterRow]:
    made = {ret.starts_on: ret for ret in QuarterlyReturn.objects.filter(budget=budget)}
    return [
        QuarterRow(
            quarter,
            made.get(quarter.starts_on),
            state_of(quarter, made.get(quarter.starts_on), today),
        )
        for quarter in quarters_of(budget)
    ]


# --- the lines of a return --------------------------------------------------------------


def outcome_names(budget: PersonalBudget) -> dict[str, str]:
    """Each outcome key's words, the newest version's where a review reworded it."""
    rows = BudgetOutcome.objects.filter(version__budget=budget).order_by("version__number", "pk")
    return {key: description for key, description in rows.values_list("key", "description")}


def entries_of(ret: QuarterlyReturn) -> QuerySet:
    """A sent return's lines as listed when it was sent; a draft's, the quarter as it is."""
    if ret.status == ReturnStatus.DRAFT:
        found = quarter_entries(ret.budget, ret.starts_on, ret.ends_on)
    else:
        found = LedgerEntry.objects.filter(pk__in=ret.lines.values("entry_id")).order_by(
            "occurred_on", "pk"
        )
    return found.prefetch_related("receipts")


@dataclass(frozen=True)
class Line:
    """One line of a return as people read it (pages, PDF, CSV)."""

    entry: LedgerEntry
    section: str  # "in", "spending" or "refund"
    outcome: str
    receipts: list[Receipt]
    flags: list[str]
    # Each receipt with the address it is shown at (the family's or the officer's), or "".
    receipt_links: list[tuple[Receipt, str]] = field(default_factory=list)

    @property
    def effect(self) -> Decimal:
        """What the line adds to its section's total: money recovered takes away from
        what was paid in, so it is shown as a minus there."""
        amount = self.entry.amount
        return -amount if self.entry.kind == EntryKind.CLAWBACK else amount

    @property
    def amount(self) -> str:
        return signed_pounds(self.effect)

    @property
    def payee(self) -> str:
        return self.entry.payee

    @property
    def what_for(self) -> str:
        label = self.entry.get_kind_display()
        if self.entry.kind == EntryKind.CLAWBACK and self.entry.description:
            return f"{label}: {self.entry.description}"
        return self.entry.description or label


def signed_pounds(amount: Decimal) -> str:
    """'£24.50', or '−£24.50' (a minus sign, read as "minus") for an amount taken away."""
    return f"\u2212{format_pounds(-amount)}" if amount < 0 else format_pounds(amount)


def lines_of(
    ret: QuarterlyReturn, *, receipt_link: Callable[[Receipt], str] | None = None
) -> list[Line]:
    names = outcome_names(ret.budget)
    flagged: dict[int, list[str]] = {}
    for flag in ret.flags or []:
        if flag.get("entry"):
            flagged.setdefault(flag["entry"], []).append(flag["kind"])
    lines = []
    for entry in entries_of(ret):
        if entry.kind in MONEY_IN_KINDS:
            section = "in"
        elif entry.kind == EntryKind.REFUND:
            section = "refund"
        else:
            section = "spending"
        outcome = names.get(entry.outcome_key, entry.outcome_key) if entry.outcome_key else ""
        receipts = list(entry.receipts.all())
        lines.append(
            Line(
                entry=entry,
                section=section,
                outcome=outcome,
                receipts=receipts,
                flags=flagged.get(entry.pk, []),
                receipt_links=[(r, receipt_link(r) if receipt_link else "") for r in receipts],
            )
        )
    return lines
