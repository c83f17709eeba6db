"""Bookings paid from a budget: the checks before booking, and keeping the ledger in step.

A family chooses, while booking, to pay from its child's budget: from the direct payment
(the family pays by card or invoice from the direct-payment account) or from the
council-managed or third-party part (the council or third party pays the provider's
invoice). `fund_booking` runs in the transaction that made the booking, after the
booking's session is locked and before it commits: it locks the budget, checks the rules
and that the money is there, and commits it. Two bookings racing for the last pounds
queue on the budget's lock, and the second sees the first's commitment and is refused,
which rolls its booking back too.

From then on `settle_booking` keeps the ledger in step with the booking, whatever moved
it (a card payment, an invoice paid, a cancellation, a refund): it works out what the
booking should have spent and committed, compares that with its entries, and writes the
difference. Called twice, it writes nothing the second time.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.utils import timezone

from localoffer.core.money import format_pounds
from pricing.bookings.enums import FINISHED
from pricing.bookings.models import Booking
from pricing.bookings.services.common import paid
from pricing.budgets.enums import ApprovalStatus, BudgetStatus, EntryKind, HeldAs
from pricing.budgets.figures import figures, figures_of
from pricing.budgets.models import BookingFunding, LedgerEntry, PersonalBudget, SpendingCategory
from pricing.budgets.services.common import BudgetError, audit, lock_budget, outcome, post
from pricing.budgets.services.ledger import check_category, line_for
from pricing.budgets.services.third_party import tell_third_party_of_waiting
from pricing.invoices.enums import DocumentKind
from pricing.invoices.models import Document, InvoicePayment
from pricing.payments.models import PaymentMethod

ZERO = Decimal("0.00")


def category_of(booking: Booking, budget: PersonalBudget) -> SpendingCategory | None:
    """The spending category a listing falls in (an excluded one first, so it is caught)."""
    service_categories = booking.offer.service.categories.values_list("pk", flat=True)
    return (
        SpendingCategory.objects.filter(
            council=budget.council, directory_categories__in=service_categories
        )
        .order_by("-excluded", "sort_order")
        .first()
    )


def fund_booking(
    *, booking: Booking, budget: PersonalBudget, held_as: str, outcome_key: str, by: Any
) -> BookingFunding:
    """Pay `booking` from `budget`, or refuse with a message the family can act on.

    Must run inside the transaction that made the booking (`transaction.atomic`), so a
    refusal leaves no booking behind.
    """
    budget = lock_budget(budget)
    if budget.child_id != booking.child_id or budget.status != BudgetStatus.ACTIVE:
        raise BudgetError("Choose a budget for the child this booking is for", field="budget")
    if held_as == HeldAs.DIRECT_PAYMENT and booking.method not in PaymentMethod.values:
        raise BudgetError("Choose how you will pay from your direct payment", field="budget")
    agreed = outcome(budget, outcome_key)
    category = category_of(booking, budget)
    check_category(category, budget)
    line = line_for(budget, held_as=held_as, stream=agreed.stream)
    available = figures(budget, held_as=held_as).available
    if booking.total > available:
        raise BudgetError(
            f"This costs {format_pounds(booking.total)} but only "
            f"{format_pounds(max(available, ZERO))} of the budget is available now. "
            "Choose fewer places or hours, or pay another way",
            field="budget",
        )
    approval = ""
    if held_as != HeldAs.DIRECT_PAYMENT:
        within = booking.total <= budget.approval_limit
        approval = ApprovalStatus.APPROVED if within else ApprovalStatus.PENDING
    funding = BookingFunding.objects.create(
        booking=booking,
        budget=budget,
        held_as=held_as,
        stream=line.stream,
        outcome_key=agreed.key,
        category=category,
        approval=approval,
        decided_at=timezone.now() if approval == ApprovalStatus.APPROVED else None,
        decision_reason=(
            "Within the limit for approving at once" if approval == ApprovalStatus.APPROVED else ""
        ),
    )
    settle_booking(booking)
    tell_third_party_of_waiting(funding)
    audit(
        budget,
        "booking_funded",
        by=by,
        data={"booking": booking.reference, "amount": str(booking.total), "approval": approval},
    )
    return funding


def money_paid(booking: Booking) -> Decimal:
    """What has been paid for the booking: by card, or against its invoices."""
    if booking.method == PaymentMethod.CARD:
        return paid(booking)
    total = InvoicePayment.objects.filter(
        invoice__kind=DocumentKind.INVOICE,
        invoice__organisation_id=booking.offer.organisation_id,
        invoice__booking_reference=booking.reference,
    ).aggregate(s=Sum("amount"))["s"]
    return total or ZERO


def settle_booking(booking: Booking) -> None:
    """Bring the budget's entries for `booking` in line with what it has cost so far."""
    funding = BookingFunding.objects.filter(booking=booking).first()
    if funding is None:
        return
    budget = lock_budget(funding.budget_id)
    booking = Booking.objects.get(pk=booking.pk)
    paid_so_far = money_paid(booking)
    spent_target = paid_so_far - booking.amount_refunded
    finished = booking.status in FINISHED or funding.approval == ApprovalStatus.REFUSED
    commit_target = ZERO if finished else max(booking.total - paid_so_far, ZERO)
    entries = LedgerEntry.objects.filter(booking=booking)
    now = figures_of(entries)  # what the ledger says for this booking so far
    common = {
        "occurred_on": timezone.localdate(),
        "stream": funding.stream,
        "held_as": funding.held_as,
        "outcome_key": funding.outcome_key,
        "category": funding.category,
        "payee": booking.offer.organisation.title,
        "description": f"{booking.offer.service.title} ({booking.reference})",
        "booking": booking,
    }
    count = entries.count()
    spent_change = spent_target - now.spent
    if spent_change:
        count += 1
        post(
            budget,
            kind=EntryKind.SPENDING if spent_change > 0 else EntryKind.REFUND,
            amount=abs(spent_change),
            key=f"booking-{booking.pk}-{count}",
            **common,
        )
    commit_change = commit_target - now.committed
    if commit_change:
        count += 1
        post(
            budget,
            kind=EntryKind.COMMITMENT,
            amount=commit_change,
            key=f"booking-{booking.pk}-{count}",
            **common,
        )


def invoice_payment_recorded(recorded: InvoicePayment) -> None:
    """The invoices layer's listener: money paid against a booking's invoice is spent."""
    invoice: Document = recorded.invoice
    if not invoice.booking_reference:
        return
    booking = Booking.objects.filter(
        reference=invoice.booking_reference, offer__organisation_id=invoice.organisation_id
    ).first()
    if booking is not None:
        settle_booking(booking)
