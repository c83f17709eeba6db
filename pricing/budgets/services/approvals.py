"""Bookings the council or a third party pays for: the decision, by the officer or the
third party, and who the provider's invoice is made out to.

A family paying from the council-managed or third-party part of a budget books as usual;
`fund_booking` commits the money at once and approves the booking when it costs no more
than the budget's approval limit, otherwise it waits (PENDING) with the money reserved.
The officer whose caseload the budget is in decides any of them. A booking paid from the
third party's part may also be decided by the third party itself, once it has accepted
the officer's invitation (`services.third_party`): the same functions, which check who
may decide here, in the service, whichever page calls them. The third party never
decides on money the council manages. Until the third party has an account, the officer
records its decisions.

Approving changes no money: the commitment stands until the provider's invoice is paid.
Refusing cancels the booking through the bookings services, whose listener releases the
commitment, and the family is told the reason and who decided. The provider is told only
that the booking was cancelled (`PROVIDER_REASON`): it learns that a booking is paid from
a budget and nothing else.

Lock order is the one `fund_booking` takes: the booking's session, then the budget, so a
refusal and a booking on the same budget never wait on each other in opposite orders.

The provider's invoice for such a booking (and its credit notes and receipts) is made out
to the council, or to the third party, "for" the child (`invoice_addressee`, registered
with the invoices layer in `PricingConfig.ready()`):

- the council's name is the site's own (`SiteSettings.council_name` of the budget's
  council), its postal address the setting `COUNCIL_INVOICE_ADDRESS` (several lines), and
  the PDF is emailed to `COUNCIL_INVOICE_EMAIL`, or to the budget's officer when unset;
- a third party's name is the one the officer recorded on the budget; once it has
  accepted its invitation, the address is the one its account keeps for invoices (the
  family's "your details" page) and the PDF is emailed to the account; while it has none,
  the PDF is emailed to the officer, who passes it on. The third party downloads the
  PDFs of documents made out to it through the invoices' own download, whose check asks
  this layer (`third_party_may_read`, registered in `PricingConfig.ready()`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from localoffer.core.mail import send_email, site_url
from localoffer.core.money import format_pounds
from pricing.bookings.enums import FINISHED
from pricing.bookings.models import Booking
from pricing.bookings.services import cancel_unfunded
from pricing.bookings.services.common import lock_session
from pricing.budgets.enums import APPROVAL_TRANSITIONS, ApprovalStatus, HeldAs
from pricing.budgets.listeners import funding_decided
from pricing.budgets.models import BookingFunding, PersonalBudget
from pricing.budgets.services.common import BudgetError, audit, lock_budget
from pricing.budgets.services.third_party import (
    REASON_MAX_LENGTH,
    council_name,
    is_third_party_of,
)
from pricing.invoices.enums import DocumentKind, PaymentWay
from pricing.invoices.models import CustomerDetails, Document, InvoicePayment
from pricing.invoices.services import InvoiceError, record_payment_by_hand
from pricing.invoices.services.issuing import Addressee

# Paid by someone other than the family, on the provider's invoice.
PAID_BY_OTHERS = (HeldAs.COUNCIL_MANAGED, HeldAs.THIRD_PARTY)
# What the provider (and the booking's own emails) read when a booking is refused.
PROVIDER_REASON = "The personal budget will not pay for this booking"


def payer_name(funding: BookingFunding) -> str:
    """Who pays, in the family's words: "the council" or the third party's name."""
    if funding.held_as == HeldAs.THIRD_PARTY:
        return funding.budget.third_party_name or "the third party"
    return "the council"


def may_decide(funding: BookingFunding, user: Any) -> bool:
    """The budget's officer decides every booking paid by others; its third party only
    those paid from the part it holds."""
    budget = funding.budget
    if budget.officer_id == getattr(user, "pk", None):
        return True
    return funding.held_as == HeldAs.THIRD_PARTY and is_third_party_of(budget, user)


def _locked_pending(funding: BookingFunding, by: Any) -> BookingFunding:
    """The funding row again, locked, if `by` may decide it now (the budget is locked)."""
    current = (
        BookingFunding.objects.select_for_update(of=("self",))
        .select_related("booking", "budget")
        .get(pk=funding.pk)
    )
    budget = current.budget
    if budget.officer_id != getattr(by, "pk", None) and not is_third_party_of(budget, by):
        raise BudgetError(
            "Only the officer looking after this budget, or its third party, can decide"
        )
    if current.held_as not in PAID_BY_OTHERS:
        raise BudgetError("A booking paid from the direct payment needs no approval")
    if not may_decide(current, by):
        raise BudgetError("The council pays for this booking, so only the officer can decide")
    if ApprovalStatus.APPROVED not in APPROVAL_TRANSITIONS.get(current.approval, frozenset()):
        label = ApprovalStatus(current.approval).label.lower() if current.approval else "decided"
        raise BudgetError(f"This booking has already been {label}")
    if current.booking.status in FINISHED:
        raise BudgetError("This booking has been cancelled, so there is nothing to decide")
    return current


def _decide(funding: BookingFunding, to: str, *, by: Any, reason: str) -> None:
    funding.approval = to
    funding.decided_by = by
    funding.decided_at = timezone.now()
    funding.decision_reason = reason
    funding.save(update_fields=["approval", "decided_by", "decided_at", "decision_reason"])
    funding_decided(funding.pk)  # a shared booking's share counts once approved


def _clean_reason(reason: str, *, required: bool) -> str:
    reason = (reason or "").strip()
    if required and not reason:
        raise BudgetError("Give a reason: the family will read it", field="reason")
    if len(reason) > REASON_MAX_LENGTH:
        raise BudgetError(
            f"The reason must be {REASON_MAX_LENGTH} characters or fewer", field="reason"
        )
    return reason


def _decider(funding: BookingFunding) -> str:
    """Who decided, in the family's words: "the officer" or the third party's name."""
    decided_by = funding.decided_by_id
    if decided_by is not None and decided_by == funding.budget.third_party_id:
        return payer_name(funding)
    return "the officer"


def _tell_family(funding: BookingFunding, template: str) -> None:
    booking = funding.booking
    send_email(
        to=[booking.family.email],
        template=f"budgets/email/{template}",
        context={
            "child_name": booking.child.first_name,
            "service": booking.offer.service.title,
            "organisation": booking.offer.organisation.title,
            "reference": booking.reference,
            "amount": format_pounds(booking.total),
            "payer": payer_name(funding),
            "reason": funding.decision_reason,
            "decider": _decider(funding),
            "link": site_url()
            + reverse("bookings:detail", kwargs={"reference": booking.reference}),
        },
    )


@transaction.atomic
def approve_booking(*, funding: BookingFunding, by: Any, reason: str = "") -> BookingFunding:
    """Approve a booking waiting for the council (or the third party). The money stays
    committed until the provider's invoice is paid."""
    reason = _clean_reason(reason, required=False)
    budget = lock_budget(funding.budget_id)
    current = _locked_pending(funding, by)
    _decide(current, ApprovalStatus.APPROVED, by=by, reason=reason)
    audit(
        budget,
        "booking_approved",
        by=by,
        data={"booking": current.booking.reference, "amount": str(current.booking.total)},
    )
    _tell_family(current, "approval_approved")
    return current


def refuse_booking(*, funding: BookingFunding, by: Any, reason: str) -> BookingFunding:
    """Refuse a booking waiting for approval: it is cancelled (its invoice credited in
    full), the commitment released, and the family told the reason."""
    reason = _clean_reason(reason, required=True)
    with transaction.atomic():
        booking = Booking.objects.only("pk", "session_id").get(pk=funding.booking_id)
        lock_session(booking.session_id)
        budget = lock_budget(funding.budget_id)
        current = _locked_pending(funding, by)
        _decide(current, ApprovalStatus.REFUSED, by=by, reason=reason)
        # The bookings layer's listener settles the ledger: nothing spent, nothing committed.
        cancel_unfunded(booking=current.booking, by=by, now=timezone.now(), reason=PROVIDER_REASON)
        audit(
            budget,
            "booking_refused",
            by=by,
            data={"booking": current.booking.reference, "reason": reason},
        )
        current.booking.refresh_from_db()
        _tell_family(current, "approval_refused")
        return current


# --- the council pays the provider's invoice --------------------------------------------


def _funding_of(invoice: Document, by: Any) -> BookingFunding:
    """The approved booking, paid by others, of the officer's caseload that `invoice` is for."""
    funding = (
        BookingFunding.objects.select_related("budget")
        .filter(
            booking__reference=invoice.booking_reference,
            booking__offer__organisation_id=invoice.organisation_id,
            held_as__in=PAID_BY_OTHERS,
            approval=ApprovalStatus.APPROVED,
        )
        .first()
    )
    if funding is None or invoice.kind != DocumentKind.INVOICE or not invoice.booking_reference:
        raise BudgetError("This invoice is not for a booking the council or a third party pays")
    if funding.budget.officer_id != getattr(by, "pk", None) and not getattr(
        by, "is_superuser", False
    ):
        raise BudgetError("Only the officer looking after this budget can record its payments")
    return funding


def record_council_payment(
    *,
    invoice: Document,
    payments_seen: int,
    amount: Decimal,
    received_on: dt.date,
    way: str,
    by: Any,
    reference: str = "",
) -> InvoicePayment:
    """The officer records that the council (or the third party) paid a provider's invoice:
    the invoices layer's by-hand path, whose listeners mark the booking paid and move the
    budget's commitment to spending.

    The budget is not locked first: paying an invoice locks the invoice, then the booking's
    session and the budget (through the listeners), and taking the budget's lock before
    them would wait in the opposite order to a booking being made.
    """
    funding = _funding_of(invoice, by)
    recorded = record_payment_by_hand(
        invoice=invoice,
        payments_seen=payments_seen,
        amount=amount,
        received_on=received_on,
        way=way,
        now=timezone.now(),
        reference=reference,
        by=by,
    )
    audit(
        funding.budget,
        "invoice_paid",
        by=by,
        data={
            "invoice": invoice.number,
            "amount": str(amount),
            "booking": invoice.booking_reference,
        },
    )
    return recorded


@dataclass(frozen=True)
class RunItem:
    """One invoice of a payment run as the officer saw it: what was owed, after how many
    payments."""

    invoice_id: int
    payments_seen: int
    amount: Decimal


def record_payment_run(
    *, items: Sequence[RunItem], received_on: dt.date, reference: str, by: Any
) -> int:
    """Record every invoice of a payment run as paid by the council, all or none.

    Each is recorded as the officer saw it in the run: if any invoice was paid, credited
    or changed since, nothing is recorded and the officer makes the run again.
    """
    if not items:
        raise BudgetError("There is nothing to pay in this run")
    with transaction.atomic():
        for item in items:
            invoice = Document.objects.filter(pk=item.invoice_id).first()
            if invoice is None:
                raise BudgetError("An invoice of this run no longer exists. Make the run again")
            try:
                record_council_payment(
                    invoice=invoice,
                    payments_seen=item.payments_seen,
                    amount=item.amount,
                    received_on=received_on,
                    way=PaymentWay.BANK_TRANSFER,
                    reference=reference,
                    by=by,
                )
            except (InvoiceError, BudgetError) as error:
                raise BudgetError(
                    f"Invoice {invoice.number} has changed since the run was made "
                    f"({error.message.rstrip('.')}). Nothing was recorded: make the run again"
                ) from error
    return len(items)


# --- who the provider's invoice is made out to ------------------------------------------


def council_addressee(budget: PersonalBudget) -> tuple[str, str, str]:
    """The council's name, postal address and the address its invoices are emailed to."""
    address = "\n".join(
        line.strip()
        for line in str(getattr(settings, "COUNCIL_INVOICE_ADDRESS", "") or "").splitlines()
        if line.strip()
    )
    email = getattr(settings, "COUNCIL_INVOICE_EMAIL", "") or budget.officer.email
    return council_name(budget), address, email


def third_party_addressee(budget: PersonalBudget) -> tuple[str, str, str]:
    """The third party's name as the officer recorded it, and, once it has an account, the
    postal address it keeps for invoices and its account's email. Until it has one, there
    is no address and the officer is emailed, who passes the invoice on."""
    holder = budget.third_party
    if holder is None or not holder.is_active:
        return budget.third_party_name, "", budget.officer.email
    details = CustomerDetails.objects.filter(user=holder).first()
    return budget.third_party_name, details.address if details else "", holder.email


def invoice_addressee(organisation_id: int, booking_reference: str) -> Addressee | None:
    """The council or third party paying for a booking, "for" its child; None when the
    family pays (from its direct payment or otherwise)."""
    funding = (
        BookingFunding.objects.select_related(
            "budget__council", "budget__officer", "budget__third_party", "booking__child"
        )
        .filter(
            booking__reference=booking_reference,
            booking__offer__organisation_id=organisation_id,
            held_as__in=PAID_BY_OTHERS,
        )
        .first()
    )
    if funding is None:
        return None
    child = funding.booking.child.first_name
    budget = funding.budget
    if funding.held_as == HeldAs.THIRD_PARTY:
        name, address, email = third_party_addressee(budget)
    else:
        name, address, email = council_addressee(budget)
    return Addressee(name=f"{name}, for {child}", address=address, email=email)


def third_party_may_read(user: Any, document: Document) -> bool:
    """Whether `user` is the third party a provider's document is made out to: the
    accepted third party of the budget paying for the document's booking from the part
    it holds. Asked by the invoices' own download (`pricing.invoices.selectors.may_read`)."""
    if not document.booking_reference or not getattr(user, "is_authenticated", False):
        return False
    return BookingFunding.objects.filter(
        booking__reference=document.booking_reference,
        booking__offer__organisation_id=document.organisation_id,
        held_as=HeldAs.THIRD_PARTY,
        budget__third_party=user,
        budget__third_party__is_active=True,
    ).exists()
