"""A budget's figures, worked out from its ledger: exact, never stored.

Every figure is a sum over `LedgerEntry` rows in one aggregate query (or one grouped
query for per-outcome, per-stream and per-month figures), so the number of queries never
grows with the number of lines.

    paid in     = payments in + adjustments - money recovered
    spent       = spending - refunds credited back
    committed   = commitments still open (bookings confirmed but not paid, unpaid invoices)
    available   = paid in - spent - committed
    balance     = paid in - spent  (what should be in a direct-payment account)
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, DecimalField, F, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce, TruncMonth

from localoffer.core.money import round_money
from pricing.budgets.enums import EntryKind
from pricing.budgets.models import LedgerEntry, PersonalBudget

ZERO = Decimal("0.00")
K = EntryKind
_MONEY = DecimalField(max_digits=14, decimal_places=2)


def _sum(*kinds: str, negate: bool = False) -> Coalesce:
    amount = -F("amount") if negate else F("amount")
    return Coalesce(
        Sum(Case(When(kind__in=kinds, then=amount), default=Value(ZERO), output_field=_MONEY)),
        Value(ZERO),
        output_field=_MONEY,
    )


# Each figure as a signed sum over entries, so one aggregate reads them all.
_PAID_IN = {
    "payments_in": _sum(K.PAYMENT_IN),
    "adjustments": _sum(K.ADJUSTMENT),
    "recovered": _sum(K.CLAWBACK),
}
_SPENT = {"spending": _sum(K.SPENDING), "refunds": _sum(K.REFUND)}
_COMMITTED = {"committed": _sum(K.COMMITMENT)}


@dataclass(frozen=True)
class Figures:
    payments_in: Decimal = ZERO
    adjustments: Decimal = ZERO
    recovered: Decimal = ZERO
    spending: Decimal = ZERO
    refunds: Decimal = ZERO
    committed: Decimal = ZERO

    @property
    def paid_in(self) -> Decimal:
        return self.payments_in + self.adjustments - self.recovered

    @property
    def spent(self) -> Decimal:
        return self.spending - self.refunds

    @property
    def balance(self) -> Decimal:
        return self.paid_in - self.spent

    @property
    def available(self) -> Decimal:
        return self.balance - self.committed


def _figures(totals: dict[str, Decimal]) -> Figures:
    """Sums to whole pence: SQLite adds decimals as floats and hands back unrounded sums
    ("1000.00000000000"), which are equal in value but print wrongly."""
    return Figures(**{name: round_money(value) for name, value in totals.items()})


def figures_of(entries: QuerySet[LedgerEntry]) -> Figures:
    return _figures(entries.aggregate(**_PAID_IN, **_SPENT, **_COMMITTED))


def figures(
    budget: PersonalBudget | int,
    *,
    held_as: str | None = None,
    until: dt.date | None = None,
    before: dt.date | None = None,
) -> Figures:
    """The budget's figures, for one pot (`held_as`) or all, up to a date if given."""
    entries = LedgerEntry.objects.filter(budget=budget)
    if held_as:
        entries = entries.filter(held_as=held_as)
    if until is not None:
        entries = entries.filter(occurred_on__lte=until)
    if before is not None:
        entries = entries.filter(occurred_on__lt=before)
    return figures_of(entries)


@dataclass
class Breakdown:
    """Figures per outcome, per stream and per month, for charts and their tables."""

    by_outcome: dict[str, Figures] = field(default_factory=dict)
    by_stream: dict[str, Figures] = field(default_factory=dict)
    by_month: dict[dt.date, Figures] = field(default_factory=dict)


def _grouped(entries: QuerySet[LedgerEntry], key: str) -> dict:
    rows = entries.values(key).annotate(**_PAID_IN, **_SPENT, **_COMMITTED).order_by(key)
    return {row.pop(key): _figures(row) for row in rows}


def breakdown(budget: PersonalBudget | int, *, held_as: str | None = None) -> Breakdown:
    entries = LedgerEntry.objects.filter(budget=budget)
    if held_as:
        entries = entries.filter(held_as=held_as)
    by_month = _grouped(entries.annotate(month=TruncMonth("occurred_on")), "month")
    return Breakdown(
        by_outcome=_grouped(entries.exclude(outcome_key=""), "outcome_key"),
        by_stream=_grouped(entries, "stream"),
        by_month={
            (month.date() if isinstance(month, dt.datetime) else month): value
            for month, value in by_month.items()
        },
    )


def figures_by_budget(budgets: QuerySet[PersonalBudget], *, held_as: str | None = None) -> dict:
    """Figures of many budgets in one grouped query (the caseload page)."""
    entries = LedgerEntry.objects.filter(budget__in=budgets)
    if held_as:
        entries = entries.filter(held_as=held_as)
    found = _grouped(entries, "budget_id")
    return defaultdict(Figures, found)


def without_receipt_over(limit: Decimal) -> Q:
    """Spending above `limit` that has no receipt (receipts are kept for anything over £5).

    A booking paid on the site is not counted: its provider's receipt was issued here and
    is in the family's documents.
    """
    return Q(
        kind=K.SPENDING,
        amount__gt=limit,
        booking__isnull=True,
        reverses__isnull=True,
        reversed_by__isnull=True,
    ) & Q(receipts__isnull=True)
