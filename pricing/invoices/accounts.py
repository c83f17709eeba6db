"""A provider's accounts from its documents: a family's statement, and the accountant's
export with its VAT analysis.

Both only read: documents are immutable, so what they show is what was issued. Credit
notes take money off (negative in the export, a credit in the statement); receipts are
not sales, so the export leaves them out (the payment they record is in the statement).
The figures are worked out here as plain `Decimal`s; how they are shown (a page, a CSV)
is the views'.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from pricing.invoices.enums import DocumentKind
from pricing.invoices.models import Document, DocumentLine, InvoicePayment

ZERO = Decimal("0.00")
SALES_KINDS = (DocumentKind.INVOICE, DocumentKind.CREDIT_NOTE)


# --- a family's statement ----------------------------------------------------------------


@dataclass(frozen=True)
class StatementEntry:
    """One line of a statement: what raised (`charge`) or lowered (`credit`) the balance."""

    day: dt.date
    what: str  # "Invoice", "Credit note", "Payment"
    document: Document  # the invoice, the credit note, or the payment's receipt
    description: str
    charge: Decimal
    credit: Decimal
    balance: Decimal


@dataclass(frozen=True)
class Statement:
    customer_name: str
    customer_email: str
    entries: list[StatementEntry]
    invoiced: Decimal
    credited: Decimal
    paid: Decimal

    @property
    def owed(self) -> Decimal:
        return self.invoiced - self.credited - self.paid


# Entries of the same day: the invoice first, then what settles it.
_ORDER = {"Invoice": 0, "Credit note": 1, "Payment": 2}


def customer_statement(organisation: Any, customer_id: int) -> Statement | None:
    """Every invoice, credit note and payment between the organisation and one customer,
    in date order with the balance after each; None when they have no documents at all
    (so an id of somebody else's customer, or of nobody, finds nothing)."""
    documents = list(
        Document.objects.filter(
            organisation=organisation, customer_id=customer_id, kind__in=SALES_KINDS
        ).select_related("child", "corrects")
    )
    if not documents:
        return None
    payments = InvoicePayment.objects.filter(
        invoice__organisation=organisation, invoice__customer_id=customer_id
    ).select_related("invoice", "receipt")
    moves: list[tuple[tuple[Any, ...], str, Document, str, Decimal, Decimal]] = []
    for document in documents:
        day = timezone.localdate(document.issued_at)
        if document.kind == DocumentKind.INVOICE:
            what, charge, credit = "Invoice", document.gross_total, ZERO
            description = _invoice_description(document)
        else:
            what, charge, credit = "Credit note", ZERO, document.gross_total
            corrects = document.corrects.number if document.corrects else ""
            description = f"Credit for invoice {corrects}: {document.reason}"
        key = (day, _ORDER[what], document.issued_at, document.pk)
        moves.append((key, what, document, description, charge, credit))
    for payment in payments:
        key = (payment.received_on, _ORDER["Payment"], payment.recorded_at, payment.pk)
        description = f"{payment.get_way_display()} for invoice {payment.invoice.number}"
        if payment.reference:
            description += f" (reference {payment.reference})"
        moves.append((key, "Payment", payment.receipt, description, ZERO, payment.amount))
    moves.sort(key=lambda move: move[0])
    balance = ZERO
    entries = []
    for key, what, document, description, charge, credit in moves:
        balance += charge - credit
        entries.append(
            StatementEntry(
                day=key[0],
                what=what,
                document=document,
                description=description,
                charge=charge,
                credit=credit,
                balance=balance,
            )
        )
    latest = max(documents, key=lambda d: (d.issued_at, d.pk))
    return Statement(
        customer_name=latest.customer_name,
        customer_email=latest.customer_email,
        entries=entries,
        invoiced=sum((e.charge for e in entries), ZERO),
        credited=sum((e.credit for e in entries if e.what == "Credit note"), ZERO),
        paid=sum((e.credit for e in entries if e.what == "Payment"), ZERO),
    )


def _invoice_description(invoice: Document) -> str:
    parts = []
    if invoice.child is not None:
        parts.append(f"for {invoice.child.first_name}")
    if invoice.booking_reference:
        parts.append(f"booking {invoice.booking_reference}")
    if invoice.due_on:
        parts.append(f"due {invoice.due_on:%-d %B %Y}")
    return ", ".join(parts)


# --- the accountant's export ------------------------------------------------------------

EXPORT_HEADER = [
    "Date",
    "Number",
    "Kind",
    "Customer",
    "Description",
    "Net",
    "VAT rate",
    "VAT",
    "Gross",
]
SUMMARY_HEADER = ["VAT rate", "Net", "VAT", "Gross"]
NO_VAT = "No VAT"


@dataclass(frozen=True)
class ExportLine:
    """One line of an invoice or credit note as the accountant reads it: a credit note's
    amounts are negative, so every column adds up to the period's sales."""

    day: dt.date
    number: str
    kind: str
    customer: str
    description: str
    net: Decimal
    vat_rate: str
    vat: Decimal
    gross: Decimal

    def row(self) -> list[Any]:
        return [
            self.day.isoformat(),
            self.number,
            self.kind,
            self.customer,
            self.description,
            self.net,
            self.vat_rate,
            self.vat,
            self.gross,
        ]


def vat_rate_words(rate: Decimal | None, label: str) -> str:
    """ "20%", "5%", "0%" (zero rated), "Exempt", or "No VAT" (not registered)."""
    if rate is None:
        return label or NO_VAT
    return f"{(rate * 100).normalize():f}%"


def export_lines(organisation: Any, date_from: dt.date, date_to: dt.date) -> Iterator[ExportLine]:
    """The lines of the invoices and credit notes issued in the period (local dates, both
    included), in the order they were issued, read a chunk at a time."""
    lines = (
        DocumentLine.objects.filter(
            document__organisation=organisation,
            document__kind__in=SALES_KINDS,
            document__issued_at__date__gte=date_from,
            document__issued_at__date__lte=date_to,
        )
        .select_related("document")
        .order_by("document__issued_at", "document__pk", "position")
    )
    for line in lines.iterator(chunk_size=1000):
        document = line.document
        credit_note = document.kind == DocumentKind.CREDIT_NOTE
        yield ExportLine(
            day=timezone.localdate(document.issued_at),
            number=document.number,
            kind=document.get_kind_display(),
            customer=document.customer_name,
            description=line.description,
            net=_signed(line.net_amount, credit_note),
            vat_rate=vat_rate_words(line.vat_rate, line.vat_label),
            vat=_signed(line.vat_amount, credit_note),
            gross=_signed(line.gross_amount, credit_note),
        )


def _signed(amount: Decimal, negative: bool) -> Decimal:
    """A credit note's amount made negative; zero stays 0.00 (never "-0.00")."""
    return ZERO - amount if negative else amount


def _rate_order(words: str) -> tuple[int, Decimal]:
    """Standard rate first, then reduced, zero, exempt and no VAT."""
    if words.endswith("%"):
        return (0, -Decimal(words.removesuffix("%")))
    return (1, Decimal(0 if words == "Exempt" else 1))


def export_rows(lines: Iterable[ExportLine], *, period: str) -> Iterator[list[Any]]:
    """The export's rows: the header, one row a line, then the VAT summary of the period
    (net, VAT and gross at each rate, and in all). Added up as the lines go past, so a
    long period is never held in memory."""
    yield EXPORT_HEADER
    totals: dict[str, list[Decimal]] = {}
    for line in lines:
        yield line.row()
        rate = totals.setdefault(line.vat_rate, [ZERO, ZERO, ZERO])
        rate[0] += line.net
        rate[1] += line.vat
        rate[2] += line.gross
    yield []
    yield [f"VAT summary, {period}"]
    yield SUMMARY_HEADER
    for words in sorted(totals, key=_rate_order):
        yield [words, *totals[words]]
    yield [
        "Total",
        *(sum((t[i] for t in totals.values()), ZERO) for i in range(3)),
    ]
