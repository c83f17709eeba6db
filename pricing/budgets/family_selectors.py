"""Reads for the family's budget pages: their budgets, the figures of one, its ledger.

Every read starts from `budgets_of(user)`, the signed-in family's own budgets, so another
family's reference is simply not found. The number of queries a page makes never grows
with the number of ledger lines: figures are sums (`pricing.budgets.figures`), lists are
cut (the last entries) or paginated, and what a row shows comes with it (categories,
receipts, whether it was reversed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import (
    DecimalField,
    Exists,
    OuterRef,
    Prefetch,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from localoffer.core.money import format_pounds, round_money
from pricing.budgets.enums import (
    ClawbackMethod,
    ClawbackStatus,
    EntryKind,
    HeldAs,
    ScheduleStatus,
)
from pricing.budgets.figures import ZERO, Figures, breakdown, figures
from pricing.budgets.models import (
    BudgetOutcome,
    BudgetVersion,
    Clawback,
    LedgerEntry,
    PersonalBudget,
    Receipt,
    ScheduledPayment,
    SetAside,
)
from pricing.budgets.services.common import RECEIPT_OVER

RECENT_ENTRIES = 10

# What each pot is, in a family's words.
POT_NAMES: dict[str, str] = {
    HeldAs.DIRECT_PAYMENT: "Direct payment",
    HeldAs.COUNCIL_MANAGED: "Managed by the council",
    HeldAs.THIRD_PARTY: "Held by a third party",
}


def budgets_of(user: Any) -> QuerySet[PersonalBudget]:
    """The family's own budgets: every family page loads a budget through this."""
    if not getattr(user, "is_authenticated", False):
        return PersonalBudget.objects.none()
    return PersonalBudget.objects.for_family(user).select_related("child", "officer")


def signed_pounds(amount: Decimal) -> str:
    """'£12.50', or '−£12.50' (a true minus sign) for money going the other way."""
    return f"−{format_pounds(-amount)}" if amount < 0 else format_pounds(amount)


@dataclass(frozen=True)
class Pot:
    held_as: str
    name: str
    figures: Figures
    set_aside: Decimal = ZERO

    @property
    def free(self) -> Decimal:
        """What can be spent now: what is left, less what is put aside for later."""
        return self.figures.available - self.set_aside


@dataclass(frozen=True)
class OutcomeRow:
    key: str
    description: str
    area: str
    spent: Decimal
    committed: Decimal
    agreed_now: bool


@dataclass(frozen=True)
class StreamRow:
    stream: str
    held_as: str
    amount: Decimal
    every_weeks: int
    paid_in: Decimal


@dataclass(frozen=True)
class NextPayment:
    due_on: dt.date
    amount: Decimal
    # (pot name, amount) when more than one pot is paid that day
    parts: list[tuple[str, Decimal]]


@dataclass(frozen=True)
class ClawbackRow:
    clawback: Clawback
    recovered: Decimal

    @property
    def outstanding(self) -> Decimal:
        # Less what was moved to a repayment request (shown as a row of its own).
        return self.clawback.amount - self.clawback.moved - self.recovered

    @property
    def from_payments(self) -> bool:
        return self.clawback.method == ClawbackMethod.NEXT_PAYMENTS


@dataclass(frozen=True)
class EntryRow:
    """One ledger line as the family reads it."""

    entry: LedgerEntry
    what: str
    detail: str
    outcome: str
    amount: str
    receipts: list[Receipt]
    needs_receipt: bool
    reversed: bool


@dataclass
class BudgetSummary:
    budget: PersonalBudget
    version: BudgetVersion
    pots: list[Pot]
    next_payment: NextPayment | None
    outcomes: list[OutcomeRow]
    streams: list[StreamRow]
    recent: list[EntryRow]
    set_asides: list[SetAside]
    clawbacks: list[ClawbackRow] = field(default_factory=list)

    @property
    def direct_payment(self) -> Pot | None:
        return next((p for p in self.pots if p.held_as == HeldAs.DIRECT_PAYMENT), None)


def outcome_labels(budget: PersonalBudget) -> dict[str, str]:
    """Each outcome key's words, from the newest version that has it: spending tagged with
    an outcome of an older version is still named."""
    labels: dict[str, str] = {}
    rows = BudgetOutcome.objects.filter(version__budget=budget).order_by("version__number", "pk")
    for key, description in rows.values_list("key", "description"):
        labels[key] = description
    return labels


def entries_for_page(budget: PersonalBudget) -> QuerySet[LedgerEntry]:
    """The budget's entries, newest first, with what each row shows."""
    return (
        LedgerEntry.objects.filter(budget=budget)
        .select_related("category")
        .prefetch_related(Prefetch("receipts", queryset=Receipt.objects.order_by("pk")))
        .annotate(is_reversed=Exists(LedgerEntry.objects.filter(reverses=OuterRef("pk"))))
        .order_by("-occurred_on", "-pk")
    )


def _what(entry: LedgerEntry) -> str:
    if entry.kind == EntryKind.PAYMENT_IN:
        return "Payment from the council"
    if entry.kind == EntryKind.COMMITMENT:
        return "Booked, not paid yet" if entry.amount > 0 else "No longer booked"
    if entry.kind == EntryKind.SPENDING:
        return "Spending" if entry.amount > 0 else "Spending taken off"
    return entry.get_kind_display()


def entry_rows(entries: list[LedgerEntry], labels: dict[str, str]) -> list[EntryRow]:
    rows = []
    for entry in entries:
        receipts = list(entry.receipts.all())
        reversed_ = bool(getattr(entry, "is_reversed", False))
        detail = " – ".join(part for part in (entry.description, entry.payee) if part)
        if entry.kind == EntryKind.PAYMENT_IN:  # its description repeats "from the council"
            detail = entry.get_stream_display()
        rows.append(
            EntryRow(
                entry=entry,
                what=_what(entry),
                detail=detail,
                outcome=labels.get(entry.outcome_key, entry.outcome_key),
                amount=signed_pounds(entry.amount),
                receipts=receipts,
                needs_receipt=(
                    entry.kind == EntryKind.SPENDING
                    and entry.amount > RECEIPT_OVER
                    and entry.reverses_id is None
                    and not reversed_
                    and not receipts
                ),
                reversed=reversed_,
            )
        )
    return rows


def _pots(budget: PersonalBudget, version: BudgetVersion, set_aside: Decimal) -> list[Pot]:
    held = {line.held_as for line in version.lines.all()}
    held |= set(
        LedgerEntry.objects.filter(budget=budget).values_list("held_as", flat=True).distinct()
    )
    return [
        Pot(
            held_as=way,
            name=POT_NAMES[way],
            figures=figures(budget, held_as=way),
            set_aside=set_aside if way == HeldAs.DIRECT_PAYMENT else ZERO,
        )
        for way in HeldAs.values
        if way in held
    ]


def next_payment(budget: PersonalBudget) -> NextPayment | None:
    """The earliest payment still due (all the pots paid that day, added up)."""
    due = ScheduledPayment.objects.filter(budget=budget, status=ScheduleStatus.DUE)
    first = due.order_by("due_on").values_list("due_on", flat=True).first()
    if first is None:
        return None
    parts = [
        (POT_NAMES[row["line__held_as"]], round_money(row["total"]))
        for row in due.filter(due_on=first)
        .values("line__held_as")
        .annotate(total=Sum("amount"))
        .order_by("line__held_as")
    ]
    return NextPayment(due_on=first, amount=sum((a for _, a in parts), ZERO), parts=parts)


def outstanding_clawbacks(budget: PersonalBudget) -> list[ClawbackRow]:
    found = (
        Clawback.objects.filter(budget=budget, status=ClawbackStatus.OUTSTANDING)
        .select_related("rest_of")
        .annotate(
            recovered_so_far=Coalesce(
                Sum("entries__amount"),
                Value(ZERO),
                output_field=DecimalField(max_digits=14, decimal_places=2),
            )
        )
        .order_by("recorded_at", "pk")
    )
    return [ClawbackRow(clawback=c, recovered=round_money(c.recovered_so_far)) for c in found]


def summary(budget: PersonalBudget) -> BudgetSummary:
    """Everything "Your budget" shows, in a fixed number of queries."""
    version = (
        BudgetVersion.objects.filter(budget=budget)
        .prefetch_related(
            Prefetch("lines"),
            Prefetch("outcomes", queryset=BudgetOutcome.objects.select_related("area")),
        )
        .order_by("-number")
        .first()
    )
    assert version is not None, "a budget is made with its first version"
    set_asides = list(
        SetAside.objects.filter(budget=budget, released_at__isnull=True).order_by(
            "until", "created_at", "pk"
        )
    )
    set_aside_total = sum((item.amount for item in set_asides), ZERO)
    split = breakdown(budget)
    labels = outcome_labels(budget)
    agreed = list(version.outcomes.all())
    outcomes = [
        OutcomeRow(
            key=o.key,
            description=o.description,
            area=o.area.name,
            spent=split.by_outcome.get(o.key, Figures()).spent,
            committed=split.by_outcome.get(o.key, Figures()).committed,
            agreed_now=True,
        )
        for o in agreed
    ]
    agreed_keys = {o.key for o in agreed}
    outcomes += [
        OutcomeRow(
            key=key,
            description=labels.get(key, key),
            area="",
            spent=value.spent,
            committed=value.committed,
            agreed_now=False,
        )
        for key, value in sorted(split.by_outcome.items())
        if key not in agreed_keys and (value.spent or value.committed)
    ]
    streams = [
        StreamRow(
            stream=line.get_stream_display(),
            held_as=POT_NAMES[line.held_as],
            amount=line.amount,
            every_weeks=line.payment_every_weeks,
            paid_in=split.by_stream.get(line.stream, Figures()).paid_in,
        )
        for line in version.lines.all()
    ]
    recent = entry_rows(list(entries_for_page(budget)[:RECENT_ENTRIES]), labels)
    return BudgetSummary(
        budget=budget,
        version=version,
        pots=_pots(budget, version, set_aside_total),
        next_payment=next_payment(budget),
        outcomes=outcomes,
        streams=streams,
        recent=recent,
        set_asides=set_asides,
        clawbacks=outstanding_clawbacks(budget),
    )


def free_to_spend(budget: PersonalBudget) -> Decimal:
    """The direct payment's money that is neither spent, committed nor set aside."""
    put_aside = SetAside.objects.filter(budget=budget, released_at__isnull=True).aggregate(
        total=Coalesce(
            Sum("amount"), Value(ZERO), output_field=DecimalField(max_digits=14, decimal_places=2)
        )
    )["total"]
    # SQLite sums decimals as floats: back to whole pence before comparing.
    return figures(budget, held_as=HeldAs.DIRECT_PAYMENT).available - round_money(put_aside)
