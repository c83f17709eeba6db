"""Reads for the officer's approvals area: bookings waiting for a decision, the invoices
the council (or a third party) has still to pay, and the payment run.

Everything starts from the officer's own caseload (`budgets_for`), so a booking or an
invoice of another officer's budget is never found. A provider's invoice belongs to a
budget through its booking: same provider, same booking reference.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from localoffer.core.money import round_money
from pricing.bookings.enums import ACTIVE
from pricing.budgets.enums import ApprovalStatus, HeldAs
from pricing.budgets.models import BookingFunding
from pricing.budgets.selectors import budgets_for
from pricing.budgets.services.approvals import PAID_BY_OTHERS
from pricing.invoices.enums import DocumentKind
from pricing.invoices.models import BillingDetails, Document
from pricing.invoices.selectors import HALF_PENNY, with_paid_and_credited


def pending_approvals(user: Any) -> QuerySet[BookingFunding]:
    """Bookings of the caseload waiting for the officer (or the third party), oldest first."""
    return (
        BookingFunding.objects.filter(
            budget__in=budgets_for(user),
            approval=ApprovalStatus.PENDING,
            booking__status__in=ACTIVE,
        )
        .select_related(
            "budget",
            "booking__offer__service",
            "booking__offer__organisation",
            "booking__session",
            "booking__child",
        )
        .order_by("created_at", "pk")
    )


def funding_in_caseload(user: Any, pk: Any) -> BookingFunding | None:
    """One booking paid by the council or a third party, of the officer's own caseload."""
    try:
        number = int(pk)
    except (TypeError, ValueError):
        return None
    return (
        BookingFunding.objects.filter(
            budget__in=budgets_for(user), held_as__in=PAID_BY_OTHERS, pk=number
        )
        .select_related(
            "budget",
            "decided_by",
            "booking__offer__service",
            "booking__offer__organisation",
            "booking__session",
            "booking__child",
        )
        .first()
    )


def funded_invoices(user: Any, *, held_as: Iterable[str] = PAID_BY_OTHERS) -> QuerySet[Document]:
    """Invoices of approved bookings of the caseload that the council or a third party
    pays, with `paid_amount`, `credited_amount`, `owed` and the budget's `budget_reference`."""
    funding = BookingFunding.objects.filter(
        budget__in=budgets_for(user),
        held_as__in=list(held_as),
        approval=ApprovalStatus.APPROVED,
        booking__reference=OuterRef("booking_reference"),
        booking__offer__organisation_id=OuterRef("organisation_id"),
    )
    invoices = Document.objects.filter(kind=DocumentKind.INVOICE).filter(Exists(funding))
    return (
        with_paid_and_credited(invoices)
        .annotate(owed=F("gross_total") - F("paid_amount") - F("credited_amount"))
        .select_related("organisation", "child")
    )


def awaiting_payment(user: Any, *, held_as: Iterable[str] = PAID_BY_OTHERS) -> list[Document]:
    """The funded invoices with money still owed, oldest first, each with its budget."""
    invoices = funded_invoices(user, held_as=held_as).filter(Q(owed__gt=HALF_PENNY))
    found = list(invoices.order_by("issued_at", "pk"))
    _attach_funding(found)
    return found


def invoice_in_caseload(user: Any, pk: Any) -> Document | None:
    """One funded invoice of the caseload (paid or not)."""
    try:
        number = int(pk)
    except (TypeError, ValueError):
        return None
    found = funded_invoices(user).filter(pk=number).first()
    if found is not None:
        _attach_funding([found])
    return found


def _attach_funding(invoices: list[Document]) -> None:
    """Give each invoice its booking's funding (`invoice.funding`), in one query."""
    references = {invoice.booking_reference for invoice in invoices}
    by_key = {
        (f.booking.offer.organisation_id, f.booking.reference): f
        for f in BookingFunding.objects.filter(booking__reference__in=references).select_related(
            "budget", "booking__offer"
        )
    }
    for invoice in invoices:
        invoice.funding = by_key.get((invoice.organisation_id, invoice.booking_reference))  # type: ignore[attr-defined]


@dataclass(frozen=True)
class RunLine:
    """One invoice of a payment run, as the council's finance system needs it."""

    invoice: Document
    budget_reference: str
    amount: Decimal
    payments_seen: int
    payee: str
    sort_code: str
    account_number: str


def payment_run(user: Any, *, only: Iterable[int] | None = None) -> list[RunLine]:
    """The unpaid invoices the council pays from the caseload's council-managed budgets,
    with the provider's bank details (as the provider keeps them now)."""
    invoices = awaiting_payment(user, held_as=[HeldAs.COUNCIL_MANAGED])
    if only is not None:
        wanted = set(only)
        invoices = [invoice for invoice in invoices if invoice.pk in wanted]
    details = {
        d.organisation_id: d
        for d in BillingDetails.objects.filter(
            organisation_id__in={invoice.organisation_id for invoice in invoices}
        )
    }
    counts = dict(
        Document.objects.filter(pk__in=[invoice.pk for invoice in invoices])
        .annotate(n=Count("payments"))
        .values_list("pk", "n")
    )
    lines = []
    for invoice in invoices:
        bank = details.get(invoice.organisation_id)
        lines.append(
            RunLine(
                invoice=invoice,
                budget_reference=invoice.funding.budget.reference,  # type: ignore[attr-defined]
                # SQLite adds decimals as floating point: back to whole pence.
                amount=round_money(Decimal(invoice.owed)),  # type: ignore[attr-defined]
                payments_seen=counts.get(invoice.pk, 0),
                payee=(bank.bank_account_name or bank.legal_name)
                if bank
                else invoice.supplier_name,
                sort_code=bank.bank_sort_code if bank else "",
                account_number=bank.bank_account_number if bank else "",
            )
        )
    return lines
