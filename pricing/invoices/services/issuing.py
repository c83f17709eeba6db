"""Issuing documents: invoices, credit notes and receipts, and payments against invoices.

Every document is written in one transaction with its number: the provider's sequence
row is locked, the next number taken, the document and its lines written. A rollback
anywhere gives the number back, so numbers have no gaps; two issues at once wait for
each other on the sequence row, so they never share a number. Issuing is idempotent by
`source_key`: asking again for the same thing returns the document already issued.

The PDF is made by a background task once the transaction has committed
(`pricing.invoices.tasks`), and the customer is sent it then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from localoffer.core.money import format_pounds, round_money, vat_line
from pricing.invoices.enums import NUMBER_INFIX, DocumentKind
from pricing.invoices.models import (
    BillingDetails,
    CustomerDetails,
    Document,
    DocumentLine,
    DocumentSequence,
)
from pricing.invoices.selectors import billing_details, credited
from pricing.invoices.services.common import ACTION, InvoiceError, LineInput
from pricing.invoices.vat import vat_terms
from providers.enums import VatTreatment


def lock_sequence(organisation: Any, kind: str) -> DocumentSequence:
    """The provider's sequence row of this kind, locked until the transaction ends."""
    try:
        with transaction.atomic():
            DocumentSequence.objects.get_or_create(organisation=organisation, kind=kind)
    except IntegrityError:
        pass  # created by a concurrent first issue: it is there now
    return DocumentSequence.objects.select_for_update().get(organisation=organisation, kind=kind)


def take_number(sequence: DocumentSequence, prefix: str) -> tuple[int, str]:
    """The next number of the locked `sequence`, and the number as printed."""
    infix = NUMBER_INFIX[DocumentKind(sequence.kind)]
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return (
        sequence.last_number,
        f"{prefix}-{infix}{sequence.last_number:04d}",
    )


def _customer(customer: Any) -> tuple[str, str]:
    details = CustomerDetails.objects.filter(user=customer).first()
    if details is not None:
        return details.name, details.address
    return customer.get_full_name() or customer.email, ""


@dataclass(frozen=True)
class Addressee:
    """Who a booking's documents are made out to when the family does not pay: the council
    or a third party paying from a child's personal budget. The family stays the
    document's `customer`, so it still finds the documents of its own bookings."""

    name: str
    address: str
    email: str


# Asked with (organisation id, booking reference) for every document of a booking; the
# layer above that knows who pays (personal budgets) registers itself in
# `PricingConfig.ready()`, as the invoice payment listeners do, so this layer imports none.
AddresseeFinder = Callable[[int, str], Addressee | None]
_addressee_finders: list[AddresseeFinder] = []


def register_addressee_finder(finder: AddresseeFinder) -> None:
    if finder not in _addressee_finders:
        _addressee_finders.append(finder)


def _addressed_to(customer: Any, organisation: Any, booking_reference: str) -> Addressee:
    """The name, address and email printed as the customer's: the party paying for the
    booking where one is registered (its invoice, credit notes and receipts alike)."""
    if booking_reference:
        for finder in _addressee_finders:
            found = finder(organisation.pk, booking_reference)
            if found is not None:
                return found
    name, address = _customer(customer)
    return Addressee(name=name, address=address, email=customer.email)


def _payment_instructions(details: BillingDetails) -> str:
    if not details.bank_account_number:
        return ""
    return (
        f"Pay by bank transfer to {details.bank_account_name or details.legal_name}, "
        f"sort code {details.bank_sort_code}, account {details.bank_account_number}."
    )


def issue_document(
    *,
    kind: str,
    organisation: Any,
    customer: Any,
    lines: Sequence[LineInput],
    source_key: str,
    now: dt.datetime,
    child: Any = None,
    booking_reference: str = "",
    corrects: Document | None = None,
    reason: str = "",
    payment_way: str = "",
    by: Any = None,
) -> Document:
    """Issue one document, numbered and snapshotted; the same `source_key` finds it again."""
    if not lines:
        raise InvoiceError("A document needs at least one line.")
    with transaction.atomic():
        # Locked first, then looked for: two issues for the same thing at once (a replayed
        # webhook) queue here, and the second finds the first one's document.
        locked_sequence = lock_sequence(organisation, kind)
        existing = Document.objects.filter(
            organisation=organisation, kind=kind, source_key=source_key
        ).first()
        if existing is not None:
            return existing
        details = billing_details(organisation)
        # A credit note reverses the invoice's VAT as it was charged, even if the
        # provider's registration has changed since.
        registered = bool(corrects.vat_number) if corrects is not None else details.vat_registered
        vat_number = corrects.vat_number if corrects is not None else details.vat_number
        sequence, number = take_number(locked_sequence, details.invoice_prefix)
        addressee = _addressed_to(customer, organisation, booking_reference)
        priced = []
        for line in lines:
            terms = vat_terms(line.vat_treatment, registered=registered)
            amounts = vat_line(
                quantity=line.quantity,
                unit_price=line.unit_price,
                rate=terms.rate,
                includes_vat=terms.includes_vat,
            )
            priced.append((line, terms, amounts))
        document = Document(
            kind=kind,
            organisation=organisation,
            sequence=sequence,
            number=number,
            source_key=source_key,
            issued_at=now,
            due_on=(
                timezone.localdate(now) + dt.timedelta(days=details.payment_terms_days)
                if kind == DocumentKind.INVOICE
                else None
            ),
            customer=customer,
            child=child,
            booking_reference=booking_reference,
            supplier_name=details.legal_name,
            supplier_address=details.address,
            supplier_email=details.email,
            supplier_phone=details.phone,
            charity_number=details.charity_number,
            company_number=details.company_number,
            vat_number=vat_number if registered else "",
            payment_instructions=(
                _payment_instructions(details) if kind == DocumentKind.INVOICE else ""
            ),
            footer=details.footer,
            customer_name=addressee.name[:200],
            customer_address=addressee.address,
            customer_email=addressee.email,
            net_total=sum((a.net for _, _, a in priced), Decimal("0.00")),
            vat_total=sum((a.vat for _, _, a in priced), Decimal("0.00")),
            gross_total=sum((a.gross for _, _, a in priced), Decimal("0.00")),
            corrects=corrects,
            reason=reason,
            payment_way=payment_way,
        )
        document.save()
        DocumentLine.objects.bulk_create(
            DocumentLine(
                document=document,
                position=position,
                description=line.description[:300],
                supply_date=line.supply_date,
                quantity=Decimal(line.quantity),
                unit=line.unit,
                unit_price=line.unit_price,
                vat_rate=terms.rate,
                vat_label=terms.label,
                net_amount=amounts.net,
                vat_amount=amounts.vat,
                gross_amount=amounts.gross,
            )
            for position, (line, terms, amounts) in enumerate(priced, start=1)
        )
        log(
            instance=organisation,
            action=ACTION + "issued",
            user=by if getattr(by, "is_authenticated", False) else None,
            data={"kind": kind, "number": number, "total": str(document.gross_total)},
        )
        _announce(document)
        return document


def _announce(document: Document) -> None:
    """Make the PDF and send it, once the document is surely there."""
    from pricing.invoices.tasks import make_and_send_document  # noqa: PLC0415

    document_id = document.pk
    transaction.on_commit(lambda: make_and_send_document.enqueue(document_id))


def credit_invoice(
    *,
    invoice: Document,
    amount: Decimal,
    reason: str,
    now: dt.datetime,
    source_key: str,
    by: Any = None,
) -> Document:
    """Issue a credit note for `amount` (with VAT) of an invoice, saying why.

    The amount is taken from the invoice's lines from the last one back, each at its own
    VAT rate, so a credit note of a mixed invoice carries the right VAT. A whole invoice
    is credited line for line. Never more than is left to credit.
    """
    reason = reason.strip()
    if not reason:
        raise InvoiceError("Say why the invoice is credited.", field="reason")
    if not isinstance(amount, Decimal) or amount <= 0 or amount != round_money(amount):
        raise InvoiceError("Enter an amount in pounds and pence, such as 12.50.", field="amount")
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=invoice.pk)
        if locked.kind != DocumentKind.INVOICE:
            raise InvoiceError("Only an invoice can be credited.")
        existing = Document.objects.filter(
            organisation_id=locked.organisation_id,
            kind=DocumentKind.CREDIT_NOTE,
            source_key=source_key,
        ).first()
        if existing is not None:
            return existing
        left = locked.gross_total - credited(locked)
        if amount > left:
            raise InvoiceError(
                f"You can credit up to {format_pounds(left)} on this invoice.", field="amount"
            )
        lines = _credit_lines(locked, amount)
        return issue_document(
            kind=DocumentKind.CREDIT_NOTE,
            organisation=locked.organisation,
            customer=locked.customer,
            lines=lines,
            source_key=source_key,
            now=now,
            child=locked.child,
            booking_reference=locked.booking_reference,
            corrects=locked,
            reason=reason[:500],
            by=by,
        )


def _credit_lines(invoice: Document, amount: Decimal) -> list[LineInput]:
    """Lines crediting `amount` of the invoice, latest line first, gross at each rate.

    Credit lines are stated with VAT included, so each line's total is exactly the money
    credited and its VAT is worked out from it at that line's rate.
    """
    remaining = amount
    lines = []
    for line in reversed(list(invoice.lines.all())):
        if remaining <= 0:
            break
        take = min(remaining, line.gross_amount)
        if take <= 0:
            continue
        remaining -= take
        lines.append(
            LineInput(
                description=f"Credit: {line.description}",
                quantity=Decimal("1"),
                unit_price=take,
                vat_treatment=_treatment_for(line),
                supply_date=line.supply_date,
            )
        )
    return lines


def _treatment_for(line: DocumentLine) -> str:
    """The treatment that prices a credit line, stated with VAT, at the invoiced line's rate."""
    if line.vat_rate is None:
        return VatTreatment.EXEMPT if line.vat_label else VatTreatment.NOT_REGISTERED
    if line.vat_rate == 0:
        return VatTreatment.ZERO_RATED
    if line.vat_rate == Decimal("0.05"):
        return VatTreatment.REDUCED
    return VatTreatment.INCLUDED
