"""Reads for the council's side of personal budgets: who may see which budgets, and the
caseload's figures, warnings, returns and reviews.

The caseload page lists every budget of an officer (hundreds), so everything here is read
for many budgets at once: the figures in a grouped query per pot
(`figures.figures_by_budget`) and every other fact in one grouped query each. The number
of queries never grows with the number of budgets or of ledger lines; the rules that
turn the facts into warnings are plain Python over them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import models
from django.db.models import Count, Max, Min, QuerySet, Sum

from localoffer.core.money import round_money
from localoffer.core.roles import FINANCE_OFFICERS
from pricing.budgets.enums import (
    BudgetStatus,
    EntryKind,
    HeldAs,
    ReturnStatus,
    ReviewKind,
    ScheduleStatus,
)
from pricing.budgets.figures import ZERO, Figures, figures_by_budget, without_receipt_over
from pricing.budgets.models import (
    FundingLine,
    LedgerEntry,
    PersonalBudget,
    QuarterlyReturn,
    Review,
    ScheduledPayment,
    SetAside,
)
from pricing.budgets.schedule import RETURN_DUE_DAYS, WEEKS_HELD_LIMIT, quarters, weeks_between
from pricing.budgets.services.common import RECEIPT_OVER

# The council's direct payment rules: more than 8 weeks of payments left unspent may be
# recovered, so the officer is warned before it is.
# A review appears on the officer's list this many days before it is due.
REVIEW_NOTICE_DAYS = 28
FIRST_REVIEW_MONTHS = 3
ANNUAL_REVIEW_MONTHS = 12
DONE_RETURNS = (ReturnStatus.SUBMITTED, ReturnStatus.ACCEPTED)
POTS = tuple(HeldAs)


class BudgetWarning(models.TextChoices):
    """What needs the officer's attention, in words (the tag is never colour alone)."""

    UNSPENT = "unspent", "Unspent above 8 weeks"
    OVERSPENT = "overspent", "Overspent (available below £0)"
    RECEIPTS = "receipts", "Receipts missing"
    REVIEW = "review", "Review due"


# --- who sees what -------------------------------------------------------------------------


def is_finance_officer(user: Any) -> bool:
    """Active superusers and members of the finance officers group (cached on the user:
    the menu and the view both ask)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_is_finance_officer", None)
    if cached is None:
        cached = user.groups.filter(name=FINANCE_OFFICERS).exists()
        user._is_finance_officer = cached
    return bool(cached)


def budgets_for(user: Any) -> QuerySet[PersonalBudget]:
    """An officer's caseload; every budget for a site administrator; nothing for others."""
    if not is_finance_officer(user):
        return PersonalBudget.objects.none()
    if user.is_superuser:
        return PersonalBudget.objects.all()
    return PersonalBudget.objects.for_officer(user)


# --- rows of the caseload ------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewDue:
    budget: PersonalBudget
    kind: str
    due_on: dt.date
    today: dt.date

    @property
    def overdue(self) -> bool:
        return self.due_on < self.today

    @property
    def label(self) -> str:
        return ReviewKind(self.kind).label


@dataclass
class CaseloadRow:
    budget: PersonalBudget
    pots: dict[str, Figures]
    # What a week of direct payments is worth under the current version (None: no
    # direct payment), and what is set aside ("banked") for something later.
    weekly: Decimal | None = None
    set_aside: Decimal = ZERO
    receipts_missing: int = 0
    returns_due: int = 0
    returns_overdue: int = 0
    reviews: list[ReviewDue] = field(default_factory=list)
    warnings: list[BudgetWarning] = field(default_factory=list)

    @property
    def direct(self) -> Figures:
        return self.pots[HeldAs.DIRECT_PAYMENT]

    @property
    def available(self) -> Decimal:
        """What is left to spend in every pot together."""
        return sum((pot.available for pot in self.pots.values()), ZERO)

    @property
    def weeks_held(self) -> Decimal | None:
        """The direct payment's balance in weeks of payments, to one place."""
        if not self.weekly:
            return None
        return (self.direct.balance / self.weekly).quantize(Decimal("0.1"))

    @property
    def unspent_weeks(self) -> Decimal | None:
        """Weeks of payments neither spent, committed nor set aside for later."""
        if not self.weekly:
            return None
        return ((self.direct.available - self.set_aside) / self.weekly).quantize(Decimal("0.1"))

    @property
    def returns_outstanding(self) -> int:
        return self.returns_due + self.returns_overdue


@dataclass
class _Periods:
    first_start: dt.date
    last_end: dt.date
    # Each version's period and direct-payment lines, by number.
    versions: dict[int, tuple[dt.date, dt.date, list[FundingLine]]] = field(default_factory=dict)

    @property
    def has_direct(self) -> bool:
        return any(lines for _starts, _ends, lines in self.versions.values())

    def direct_lines_on(self, day: dt.date) -> list[FundingLine]:
        """The direct-payment lines of the version in force on `day` (the newest that
        covers it), or of the newest version when none does."""
        numbers = sorted(self.versions, reverse=True)
        covering = [n for n in numbers if self.versions[n][0] <= day <= self.versions[n][1]]
        chosen = (covering or numbers)[0]
        return self.versions[chosen][2]


def weekly_rate(lines: list[FundingLine]) -> Decimal | None:
    """What a week of direct payments is worth: the lines' amounts over their version's
    period in weeks (as quarterly returns count it: £1,300 for a year is £24.93 a week)."""
    total = ZERO
    for line in lines:
        version = line.version
        total += line.amount / weeks_between(version.starts_on, version.ends_on)
    return total or None


def _periods(ids: QuerySet) -> dict[int, _Periods]:
    """Every budget's span of versions and their direct-payment lines (one query: every
    version has at least one line)."""
    found: dict[int, _Periods] = {}
    lines = FundingLine.objects.filter(version__budget__in=ids).select_related("version")
    for line in lines.order_by("version__budget_id", "version__number", "stream"):
        version = line.version
        period = found.setdefault(
            version.budget_id, _Periods(first_start=version.starts_on, last_end=version.ends_on)
        )
        period.first_start = min(period.first_start, version.starts_on)
        period.last_end = max(period.last_end, version.ends_on)
        _starts, _ends, direct = period.versions.setdefault(
            version.number, (version.starts_on, version.ends_on, [])
        )
        if line.held_as == HeldAs.DIRECT_PAYMENT:
            direct.append(line)
    return found


def _grouped(queryset: QuerySet, **aggregate: Any) -> dict[int, Any]:
    (name,) = aggregate
    rows = queryset.values("budget_id").annotate(**aggregate).order_by("budget_id")
    return {row["budget_id"]: row[name] for row in rows}


def _reviews_held(ids: QuerySet) -> dict[int, dict[str, dt.date]]:
    held: dict[int, dict[str, dt.date]] = defaultdict(dict)
    rows = (
        Review.objects.filter(budget__in=ids)
        .values("budget_id", "kind")
        .annotate(last=Max("held_on"))
        .order_by()
    )
    for row in rows:
        held[row["budget_id"]][row["kind"]] = row["last"]
    return held


def _returns_done(ids: QuerySet) -> dict[int, set[dt.date]]:
    done: dict[int, set[dt.date]] = defaultdict(set)
    rows = QuarterlyReturn.objects.filter(budget__in=ids, status__in=DONE_RETURNS).order_by()
    for budget_id, starts_on in rows.values_list("budget_id", "starts_on"):
        done[budget_id].add(starts_on)
    return done


def reviews_of(
    budget: PersonalBudget,
    *,
    first_payment: dt.date | None,
    first_start: dt.date | None,
    held: dict[str, dt.date],
    today: dt.date,
) -> list[ReviewDue]:
    """The reviews the budget needs next, whenever they fall due.

    The first review is due 3 months after the first payment in, until one is recorded.
    The annual review is due 12 months after the first version started, then 12 months
    after the last annual review held.
    """
    due = []
    if first_payment is not None and ReviewKind.FIRST not in held:
        due.append(
            ReviewDue(
                budget,
                ReviewKind.FIRST,
                first_payment + relativedelta(months=FIRST_REVIEW_MONTHS),
                today,
            )
        )
    if first_start is not None:
        last = held.get(ReviewKind.ANNUAL)
        since = max(first_start, last) if last is not None else first_start
        due.append(
            ReviewDue(
                budget, ReviewKind.ANNUAL, since + relativedelta(months=ANNUAL_REVIEW_MONTHS), today
            )
        )
    return due


def returns_outstanding(
    *, period: tuple[dt.date, dt.date], done: set[dt.date], today: dt.date
) -> tuple[int, int]:
    """(due, overdue): quarters that have ended without a return sent or accepted (a
    quarter with no return at all counts); overdue once 28 days have passed."""
    due = overdue = 0
    for first, last in quarters(*period):
        if last >= today or first in done:
            continue
        if today > last + dt.timedelta(days=RETURN_DUE_DAYS):
            overdue += 1
        else:
            due += 1
    return due, overdue


def caseload(budgets: QuerySet[PersonalBudget], *, today: dt.date) -> list[CaseloadRow]:
    """A row per budget with its figures, weeks held, returns, reviews and warnings."""
    listed = list(budgets)
    ids = budgets.values("pk")
    pots = {pot: figures_by_budget(budgets, held_as=pot) for pot in POTS}
    periods = _periods(ids)
    set_aside = _grouped(
        SetAside.objects.filter(budget__in=ids, released_at__isnull=True), total=Sum("amount")
    )
    no_receipt = _grouped(
        LedgerEntry.objects.filter(budget__in=ids).filter(without_receipt_over(RECEIPT_OVER)),
        count=Count("pk", distinct=True),
    )
    paid_in = _grouped(
        LedgerEntry.objects.filter(
            budget__in=ids, kind=EntryKind.PAYMENT_IN, reverses__isnull=True
        ),
        first=Min("occurred_on"),
    )
    scheduled = _grouped(
        ScheduledPayment.objects.filter(budget__in=ids).exclude(status=ScheduleStatus.SUPERSEDED),
        first=Min("due_on"),
    )
    held = _reviews_held(ids)
    done = _returns_done(ids)
    notice = today + dt.timedelta(days=REVIEW_NOTICE_DAYS)
    rows = []
    for budget in listed:
        period = periods.get(budget.pk)
        row = CaseloadRow(
            budget=budget,
            pots={pot: pots[pot][budget.pk] for pot in POTS},
            weekly=weekly_rate(period.direct_lines_on(today)) if period else None,
            set_aside=round_money(set_aside.get(budget.pk) or ZERO),
            receipts_missing=no_receipt.get(budget.pk, 0),
        )
        if period is not None and period.has_direct:
            row.returns_due, row.returns_overdue = returns_outstanding(
                period=(period.first_start, period.last_end),
                done=done[budget.pk],
                today=today,
            )
        if budget.status == BudgetStatus.ACTIVE:
            row.reviews = [
                review
                for review in reviews_of(
                    budget,
                    first_payment=paid_in.get(budget.pk) or scheduled.get(budget.pk),
                    first_start=period.first_start if period else None,
                    held=held[budget.pk],
                    today=today,
                )
                if review.due_on <= notice
            ]
        row.warnings = warnings_of(row)
        rows.append(row)
    return rows


def warnings_of(row: CaseloadRow) -> list[BudgetWarning]:
    found = []
    unspent = row.unspent_weeks
    if unspent is not None and unspent > WEEKS_HELD_LIMIT:
        found.append(BudgetWarning.UNSPENT)
    if any(pot.available < 0 for pot in row.pots.values()):
        found.append(BudgetWarning.OVERSPENT)
    if row.receipts_missing:
        found.append(BudgetWarning.RECEIPTS)
    if row.reviews:
        found.append(BudgetWarning.REVIEW)
    return found


def reviews_due(budgets: QuerySet[PersonalBudget], *, today: dt.date) -> list[ReviewDue]:
    """Every review due within 28 days or overdue, the most overdue first."""
    due = [review for row in caseload(budgets, today=today) for review in row.reviews]
    return sorted(due, key=lambda review: (review.due_on, review.budget.child_name))
