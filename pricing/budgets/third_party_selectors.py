"""Reads for the third party's pages: the budgets it holds money for, the figures of the
part it holds, the bookings paid from that part (waiting for its decision, or decided)
and the providers' documents made out to it.

Everything starts from `budgets_held_by(user)`, the budgets whose accepted third party is
the signed-in account, so another budget's reference is simply not found. Only the part
held by the third party is read: never the family's direct payment, the money the council
manages, receipts, returns or the child's profile; of the child, only the first name.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from localoffer.core.money import round_money
from pricing.bookings.enums import ACTIVE
from pricing.budgets.enums import ApprovalStatus, HeldAs
from pricing.budgets.figures import Figures, figures_by_budget
from pricing.budgets.models import BookingFunding, BudgetOutcome, PersonalBudget
from pricing.budgets.services.third_party import child_first_name, council_name
from pricing.invoices.enums import DocumentKind, InvoiceStatus
from pricing.invoices.models import Document
from pricing.invoices.selectors import status_of, with_paid_and_credited

HELD = HeldAs.THIRD_PARTY
RECENT_DECISIONS = 20


@dataclass(frozen=True)
class HeldBudget:
    """One budget as its third party sees it: the child's first name, the council and the
    figures of the part it holds."""

    budget: PersonalBudget
    child_name: str
    council_name: str
    figures: Figures
    waiting: int


@dataclass(frozen=True)
class DocumentRow:
    document: Document
    status: str  # an invoice's status label; "" for a credit note or a receipt
    owed: Decimal | None


def budgets_held_by(user: Any) -> QuerySet[PersonalBudget]:
    """The budgets the signed-in account is the accepted third party of: every third
    party page loads a budget through this."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return PersonalBudget.objects.none()
    return PersonalBudget.objects.for_third_party(user).select_related("child", "council")


def _paid_from_part(budgets: Any) -> QuerySet[BookingFunding]:
    """Bookings paid from the part the third party holds of `budgets`, with what a row
    shows."""
    return BookingFunding.objects.filter(budget__in=budgets, held_as=HELD).select_related(
        "booking__offer__service",
        "booking__offer__organisation",
        "booking__session",
        "booking__child",
    )


def _waiting(budgets: Any) -> QuerySet[BookingFunding]:
    return _paid_from_part(budgets).filter(
        approval=ApprovalStatus.PENDING, booking__status__in=ACTIVE
    )


def held_budgets(user: Any) -> list[HeldBudget]:
    """Every budget the account holds money for, in a fixed number of queries."""
    budgets = list(budgets_held_by(user))
    sums = figures_by_budget(budgets_held_by(user), held_as=HELD)
    waiting = Counter(_waiting(budgets).values_list("budget_id", flat=True))
    councils: dict[int, str] = {}
    rows = []
    for budget in budgets:
        if budget.council_id not in councils:
            councils[budget.council_id] = council_name(budget)
        rows.append(
            HeldBudget(
                budget=budget,
                child_name=child_first_name(budget),
                council_name=councils[budget.council_id],
                figures=sums[budget.pk],
                waiting=waiting[budget.pk],
            )
        )
    return sorted(rows, key=lambda row: (row.child_name.casefold(), row.budget.reference))


def held_budget(budget: PersonalBudget) -> HeldBudget:
    sums = figures_by_budget(PersonalBudget.objects.filter(pk=budget.pk), held_as=HELD)
    return HeldBudget(
        budget=budget,
        child_name=child_first_name(budget),
        council_name=council_name(budget),
        figures=sums[budget.pk],
        waiting=_waiting([budget]).count(),
    )


def waiting_for_decision(budget: PersonalBudget) -> list[BookingFunding]:
    """Bookings paid from the part held, waiting for a decision, oldest first."""
    return list(_waiting([budget]).order_by("created_at", "pk"))


def decided(budget: PersonalBudget) -> list[BookingFunding]:
    """The latest decisions on bookings paid from the part held (by the third party, the
    officer, or at once within the approval limit), newest first."""
    found = _paid_from_part([budget]).filter(
        approval__in=[ApprovalStatus.APPROVED, ApprovalStatus.REFUSED]
    )
    return list(found.order_by("-decided_at", "-pk")[:RECENT_DECISIONS])


def funding_held_by(user: Any, reference: str, pk: Any) -> BookingFunding | None:
    """One booking paid from the part the account holds of the budget `reference`."""
    try:
        number = int(pk)
    except (TypeError, ValueError):
        return None
    return (
        _paid_from_part(budgets_held_by(user))
        .filter(budget__reference=reference, pk=number)
        .select_related("budget__child", "budget__council")
        .first()
    )


def outcome_words(funding: BookingFunding) -> str:
    """The agreed outcome the booking serves, in the words of the newest version."""
    found = (
        BudgetOutcome.objects.filter(version__budget_id=funding.budget_id, key=funding.outcome_key)
        .order_by("-version__number")
        .values_list("description", flat=True)
        .first()
    )
    return found or ""


def documents_for(budget: PersonalBudget, *, today: dt.date) -> list[DocumentRow]:
    """The providers' invoices, credit notes and receipts for bookings paid from the part
    the third party holds, newest first, each invoice with its status and what is owed."""
    paid_from_part = BookingFunding.objects.filter(
        budget=budget,
        held_as=HELD,
        booking__reference=OuterRef("booking_reference"),
        booking__offer__organisation_id=OuterRef("organisation_id"),
    )
    documents = with_paid_and_credited(
        Document.objects.filter(Exists(paid_from_part)).select_related("organisation")
    ).order_by("-issued_at", "-pk")
    rows = []
    for document in documents:
        if document.kind != DocumentKind.INVOICE:
            rows.append(DocumentRow(document=document, status="", owed=None))
            continue
        paid = round_money(Decimal(document.paid_amount))  # type: ignore[attr-defined]
        credited = round_money(Decimal(document.credited_amount))  # type: ignore[attr-defined]
        status = status_of(document, paid=paid, credited=credited, today=today)
        rows.append(
            DocumentRow(
                document=document,
                status=InvoiceStatus(status).label,
                owed=max(document.gross_total - paid - credited, Decimal("0.00")),
            )
        )
    return rows
