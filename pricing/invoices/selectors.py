"""Reading invoices: a provider's billing details, what an invoice has been paid and
credited, its status, and who may see a document."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, F, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from localoffer.core.money import round_money
from pricing.invoices.enums import DocumentKind, InvoiceStatus
from pricing.invoices.models import BillingDetails, Document, InvoicePayment
from providers.organisations.access import is_organisation_member

ZERO = Decimal("0.00")


def billing_details(organisation: Any) -> BillingDetails:
    """The provider's billing details; until it has saved its own, what its page says.

    The stand-in is never saved: it lets a provider take bookings before it has filled
    in the billing page, with invoices that still carry its name, address and contact
    (and no VAT, since only the provider can say it is registered).
    """
    saved = BillingDetails.objects.filter(organisation=organisation).first()
    if saved is not None:
        return saved
    address = "\n".join(
        part
        for part in (
            organisation.address_line_1,
            organisation.address_line_2,
            organisation.town,
            organisation.postcode,
        )
        if part
    )
    return BillingDetails(
        organisation=organisation,
        legal_name=organisation.title,
        address=address,
        email=organisation.email,
        phone=organisation.phone,
        charity_number=organisation.charity_number,
        company_number=organisation.company_number,
        invoice_prefix=default_prefix(organisation),
    )


def default_prefix(organisation: Any) -> str:
    """Capitals from the organisation's name ("Northbridge Swim Club" -> "NSC"), plus its id
    so two organisations with the same initials never share one."""
    initials = "".join(word[0] for word in re.findall(r"[A-Za-z0-9]+", organisation.title))
    return f"{initials.upper()[:6] or 'INV'}{organisation.pk}"[:10]


def vat_registered(organisation: Any) -> bool:
    return BillingDetails.objects.filter(organisation=organisation, vat_registered=True).exists()


def _pounds(total: Any) -> Decimal:
    """A sum from the database as pounds and pence (SQLite sums decimals as floats)."""
    return round_money(Decimal(str(total))) if total is not None else ZERO


def paid(invoice: Document) -> Decimal:
    return _pounds(InvoicePayment.objects.filter(invoice=invoice).aggregate(t=Sum("amount"))["t"])


def credited(invoice: Document) -> Decimal:
    return _pounds(
        Document.objects.filter(corrects=invoice, kind=DocumentKind.CREDIT_NOTE).aggregate(
            t=Sum("gross_total")
        )["t"]
    )


def status_of(invoice: Document, *, paid: Decimal, credited: Decimal, today: dt.date) -> str:
    """Credited in full, paid, part paid, overdue or just issued."""
    if credited > 0 and credited >= invoice.gross_total:
        return InvoiceStatus.CREDITED
    if paid + credited >= invoice.gross_total:
        return InvoiceStatus.PAID
    if invoice.due_on is not None and invoice.due_on < today:
        return InvoiceStatus.OVERDUE
    if paid > 0:
        return InvoiceStatus.PART_PAID
    return InvoiceStatus.ISSUED


def totals_by_invoice(invoices: Sequence[Document]) -> dict[int, tuple[Decimal, Decimal]]:
    """Paid and credited per invoice, in one query for a whole page of invoices."""
    summed = with_paid_and_credited(
        Document.objects.filter(pk__in=[invoice.pk for invoice in invoices]).only("pk")
    )
    return {
        row.pk: (_pounds(row.paid_amount), _pounds(row.credited_amount))  # type: ignore[attr-defined]
        for row in summed
    }


def owed(invoice: Document) -> Decimal:
    return invoice.gross_total - credited(invoice) - paid(invoice)


def booking_invoice(organisation_id: int, reference: str) -> Document | None:
    """The invoice issued on confirmation for a booking, if there is one."""
    return Document.objects.filter(
        organisation_id=organisation_id,
        kind=DocumentKind.INVOICE,
        source_key=booking_source_key(reference),
    ).first()


def booking_source_key(reference: str) -> str:
    return f"booking:{reference}"


# Asked with (user, document) when neither the customer nor the provider's team asks: the
# layer above that knows who else a document is made out to (the third party paying from
# a child's personal budget) registers itself in `PricingConfig.ready()`, as the addressee
# finders do, so this layer imports none.
DocumentReader = Callable[[Any, Document], bool]
_document_readers: list[DocumentReader] = []


def register_document_reader(reader: DocumentReader) -> None:
    if reader not in _document_readers:
        _document_readers.append(reader)


def may_read(user: Any, document: Document) -> bool:
    """The customer it is made out to, the provider's own team, and a registered reader
    it is addressed to (a third party paying for the booking); nobody else."""
    if not getattr(user, "is_authenticated", False):
        return False
    if document.customer_id == user.pk or is_organisation_member(user, document.organisation):
        return True
    return any(reader(user, document) for reader in _document_readers)


NO_CHILD = "none"  # the filter's value for documents not made out for one child


def documents_of_customer(
    user: Any,
    *,
    child: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> Any:
    """The documents made out to `user`, newest first, for one child (a child's id, or
    `NO_CHILD`) and issued between two dates (inclusive, local dates), if given.

    Always starts from the user's own documents, so an id of another family's child or
    document finds nothing.
    """
    documents = Document.objects.for_customer(user)
    if child == NO_CHILD:
        documents = documents.filter(child__isnull=True)
    elif child:
        documents = documents.filter(child_id=child)
    if date_from is not None:
        documents = documents.filter(issued_at__date__gte=date_from)
    if date_to is not None:
        documents = documents.filter(issued_at__date__lte=date_to)
    return documents.order_by("-issued_at", "-pk")


# --- a provider's invoices by status, chosen by the database -----------------------------

# Amounts are whole pence, so "at least X" is asked as "more than half a penny below X":
# SQLite adds decimals as floating point, and 10.10 + 13.90 must still reach 24.00.
HALF_PENNY = Decimal("0.005")
_MONEY_FIELD = DecimalField(max_digits=12, decimal_places=2)


def with_paid_and_credited(invoices: QuerySet[Document]) -> QuerySet[Document]:
    """The invoices with what has been paid (`paid_amount`) and credited
    (`credited_amount`) on each, worked out in the same query."""
    paid_sum = (
        InvoicePayment.objects.filter(invoice=OuterRef("pk"))
        .order_by()
        .values("invoice")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    credited_sum = (
        Document.objects.filter(corrects=OuterRef("pk"), kind=DocumentKind.CREDIT_NOTE)
        .order_by()
        .values("corrects")
        .annotate(total=Sum("gross_total"))
        .values("total")
    )
    return invoices.annotate(
        paid_amount=Coalesce(
            Subquery(paid_sum, output_field=_MONEY_FIELD), Value(ZERO), output_field=_MONEY_FIELD
        ),
        credited_amount=Coalesce(
            Subquery(credited_sum, output_field=_MONEY_FIELD),
            Value(ZERO),
            output_field=_MONEY_FIELD,
        ),
    )


def invoices_with_status(
    invoices: QuerySet[Document], status: str, *, today: dt.date
) -> QuerySet[Document]:
    """Of these invoices, those whose `status_of` is `status`, so a long list can be
    filtered before it is paginated. The same rules as `status_of`, in the same order;
    the tests hold the two to the same answers."""
    annotated = with_paid_and_credited(invoices).annotate(
        settled_amount=F("paid_amount") + F("credited_amount")
    )
    at_least_total = F("gross_total") - HALF_PENNY
    credited_in_full = Q(credited_amount__gt=at_least_total)
    settled = Q(settled_amount__gt=at_least_total)
    overdue = Q(due_on__lt=today)
    some_paid = Q(paid_amount__gt=HALF_PENNY)
    open_ = ~credited_in_full & ~settled
    conditions = {
        InvoiceStatus.CREDITED: credited_in_full,
        InvoiceStatus.PAID: ~credited_in_full & settled,
        InvoiceStatus.OVERDUE: open_ & overdue,
        InvoiceStatus.PART_PAID: open_ & ~overdue & some_paid,
        InvoiceStatus.ISSUED: open_ & ~overdue & ~some_paid,
    }
    return annotated.filter(conditions[InvoiceStatus(status)])
