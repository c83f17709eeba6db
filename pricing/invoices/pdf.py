"""The PDF of an issued document: rendered from HTML, kept privately, emailed to the customer.

Each invoice, credit note and receipt is printed once, after its transaction commits
(`pricing.invoices.tasks`), from the snapshot on the document, so printing it again later
gives the same content. What it prints is what HMRC asks of a VAT invoice (VAT Notice
700/21, "Keeping VAT records"): the supplier's name, address and VAT number, the number
and date, the time of supply, the customer, each line's description, quantity, unit price
without VAT, rate and VAT, and the totals without VAT, of VAT and with VAT. A supplier not
registered for VAT prints no VAT at all; a receipt carries none of its own.

The PDF is tagged (PDF/UA-1: structure, language and title) so screen readers can read
it. Rendering never fetches anything: the template has no images or web fonts, and the
URL fetcher refuses every URL, so a document cannot be made to call out of the machine.
"""

from __future__ import annotations

import datetime as dt
import threading
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from urllib import request

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from localoffer.core.mail import render_email, site_url
from localoffer.core.money import format_pounds, round_money
from pricing.invoices.enums import DocumentKind
from pricing.invoices.models import Document, DocumentFile, DocumentLine, InvoicePayment
from pricing.invoices.selectors import ZERO, credited, paid
from pricing.invoices.vat import EXEMPT_NOTE, EXEMPT_WORDS

TEMPLATE = "pricing/invoices/document_pdf.html"
EMAIL_TEMPLATE = "pricing/invoices/email/document"
# Tagged PDF 1.7 with the document's language and title shown in the reader's title bar.
PDF_OPTIONS: dict[str, Any] = {"pdf_variant": "pdf/ua-1"}
LINES_IN_EMAIL = 5
CAPTIONS: dict[str, str] = {
    DocumentKind.INVOICE: "What this invoice is for",
    DocumentKind.CREDIT_NOTE: "What is credited",
    DocumentKind.RECEIPT: "What was paid",
}
TOTAL_LABELS: dict[str, str] = {
    DocumentKind.INVOICE: "Total to pay",
    DocumentKind.CREDIT_NOTE: "Total credited",
    DocumentKind.RECEIPT: "Total paid",
}


class NothingFetched(URLFetcher):
    """Refuses every URL (http, file, data): a document is rendered from its own text.

    WeasyPrint reports a refused resource as a warning and renders without it, so a
    stray image never stops an invoice from being made. It has no handlers to open
    anything with: building them (URLFetcher's own __init__) loads the machine's CA
    certificates, 25 ms on our machines, for connections never made.
    """

    def __init__(self) -> None:
        request.OpenerDirector.__init__(self)  # no handlers: nothing can be opened
        self._allowed_protocols: set[str] = set()
        self._fail_on_errors = False

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        raise ValueError(f"Documents are rendered without fetching anything: {url[:80]}")


NOTHING_FETCHED = NothingFetched()  # holds no state: one for every render and thread
_fonts = threading.local()


def font_configuration() -> FontConfiguration:
    """This thread's fontconfig set-up and Pango font map, made once: the fonts and their
    metrics stay loaded from one render to the next (5 to 10 ms a render). Kept per thread,
    since a Pango font map is not to be shared between threads; it holds no @font-face
    fonts (the template has none), so it does not grow from one document to the next."""
    configuration = getattr(_fonts, "configuration", None)
    if configuration is None:
        configuration = _fonts.configuration = FontConfiguration()
    return configuration


def pounds(amount: Decimal) -> str:
    """Two-decimal pounds, as a table of money reads best: £1,250.00."""
    return f"£{round_money(amount):,.2f}"


def _quantity(quantity: Decimal) -> str:
    """1, 1.5, 12: no trailing zeros, never an exponent."""
    return f"{quantity.normalize():f}"


def _unit_price_without_vat(line: DocumentLine) -> str:
    """The unit price without VAT (HMRC asks for it): exact to the penny, or to 4 places
    when a VAT-inclusive price does not divide into whole pence (£25 with VAT: £20.8333)."""
    if not line.quantity:
        return pounds(line.unit_price)
    each = line.net_amount / line.quantity
    if each == round_money(each):
        return pounds(each)
    return f"£{each.quantize(Decimal('0.0001'), rounding=ROUND_HALF_UP):,}"


def _rate(line: DocumentLine) -> str:
    if line.vat_label:
        return line.vat_label
    if line.vat_rate is None:
        return "No VAT"
    return f"{line.vat_rate * 100:g}%"


def _printed_line(line: DocumentLine, *, shows_vat: bool) -> dict[str, Any]:
    return {
        "description": line.description,
        "supply_date": line.supply_date,
        "quantity": _quantity(line.quantity),
        "unit": line.unit,
        "unit_price": _unit_price_without_vat(line) if shows_vat else pounds(line.unit_price),
        "net": pounds(line.net_amount),
        "rate": _rate(line),
        "vat": pounds(line.vat_amount),
        "gross": pounds(line.gross_amount),
    }


def _receipt(document: Document) -> dict[str, Any] | None:
    """What a receipt says about the money: which invoice, when, how, its reference."""
    if document.kind != DocumentKind.RECEIPT:
        return None
    payment = InvoicePayment.objects.filter(receipt=document).select_related("invoice").first()
    return {
        "invoice_number": payment.invoice.number if payment else "",
        "received_on": payment.received_on if payment else timezone.localdate(document.issued_at),
        "way": document.get_payment_way_display() if document.payment_way else "",
        "reference": payment.reference if payment else "",
    }


def document_context(document: Document) -> dict[str, Any]:
    """Everything the PDF template prints, worked out from the document's snapshot."""
    lines = list(document.lines.all())
    kind_title = document.get_kind_display()
    # A receipt carries no VAT of its own (the invoice did); exempt-only lines are not a
    # VAT invoice either, though the columns still say "Exempt".
    shows_vat = bool(document.vat_number) and document.kind != DocumentKind.RECEIPT
    taxable = shows_vat and any(line.vat_rate is not None for line in lines)
    vat_heading = f"VAT {kind_title.lower()}" if taxable else ""
    receipt = _receipt(document)
    corrected = document.corrects if document.kind == DocumentKind.CREDIT_NOTE else None
    columns = 2 + (0 if receipt else 3) + (3 if shows_vat else 0)
    title = f"{kind_title} {document.number} from {document.supplier_name}"
    return {
        "document": document,
        "title": title,
        "description": f"{title}, {pounds(document.gross_total)}",
        "kind_title": kind_title,
        "kind_word": kind_title.lower(),
        "vat_heading": vat_heading,
        "shows_vat": shows_vat,
        "issued_on": timezone.localdate(document.issued_at),
        "corrected": corrected,
        "corrected_on": timezone.localdate(corrected.issued_at) if corrected else None,
        "receipt": receipt,
        "lines": [_printed_line(line, shows_vat=shows_vat) for line in lines],
        "lines_caption": CAPTIONS.get(document.kind, "Lines"),
        "total_span": columns,
        "total_label": TOTAL_LABELS.get(document.kind, "Total"),
        "net_total": pounds(document.net_total),
        "vat_total": pounds(document.vat_total),
        "total": pounds(document.gross_total),
        "has_exempt": shows_vat and any(line.vat_label == EXEMPT_WORDS for line in lines),
        "exempt_note": EXEMPT_NOTE,
    }


def html_to_pdf(html: str) -> bytes:
    """A tagged PDF of this HTML, with nothing fetched from anywhere."""
    pdf = HTML(string=html, url_fetcher=NOTHING_FETCHED).write_pdf(
        font_config=font_configuration(), **PDF_OPTIONS
    )
    if pdf is None:  # only when given a target to write to
        raise RuntimeError("WeasyPrint returned no PDF")
    return pdf


def render_pdf(document: Document) -> bytes:
    """The document as a PDF, in plain English, ready to print or read aloud."""
    return html_to_pdf(render_to_string(TEMPLATE, document_context(document)))


def file_name(document: Document) -> str:
    return f"{document.number}.pdf"


def _stored(document: Document) -> DocumentFile | None:
    return DocumentFile.objects.filter(document=document).first()


def stored_pdf(document: Document) -> DocumentFile:
    """The document's stored PDF, made now if it has not been made yet.

    The task and a download can ask at the same moment: each renders, the first to write
    the row wins (one PDF per document, a unique column) and the other's file is removed,
    so there is never a second DocumentFile.
    """
    existing = _stored(document)
    if (
        existing is not None
        and existing.file.name
        and existing.file.storage.exists(existing.file.name)
    ):
        return existing
    pdf = render_pdf(document)
    if existing is not None:
        # The row outlived its file (a restore without the private files): the snapshot
        # prints the same document again.
        existing.file.save(file_name(document), ContentFile(pdf), save=False)
        existing.size = len(pdf)
        existing.save(update_fields=["file", "size"])
        return existing
    made = DocumentFile(document=document, size=len(pdf), made_at=timezone.now())
    made.file.save(file_name(document), ContentFile(pdf), save=False)
    try:
        with transaction.atomic():
            made.save()
    except IntegrityError:
        made.file.delete(save=False)
        return DocumentFile.objects.get(document=document)
    return made


def make_pdf_and_send(document_id: int) -> None:
    """Make the document's PDF (once), store it privately and email it to the customer."""
    document = Document.objects.select_related("corrects").get(pk=document_id)
    stored = stored_pdf(document)
    with transaction.atomic():
        # Locked, so a retried task waits for the first and then finds it sent.
        locked = DocumentFile.objects.select_for_update().get(pk=stored.pk)
        if locked.emailed_at is not None:
            return
        with locked.file.open("rb") as handle:
            pdf = handle.read()
        send_document(document, pdf)
        locked.emailed_at = timezone.now()
        locked.save(update_fields=["emailed_at"])


def _email_context(document: Document) -> dict[str, Any]:
    lines = list(document.lines.values_list("description", flat=True))
    receipt = _receipt(document)
    # The PDF is the invoice as issued; the email goes out after the commit, when a card
    # payment taken with the booking is already recorded: it says what is left to pay.
    is_invoice = document.kind == DocumentKind.INVOICE
    received = paid(document) if is_invoice else ZERO
    left = document.gross_total - credited(document) - received if is_invoice else ZERO
    return {
        "document": document,
        "kind": document.get_kind_display().lower(),
        "is_invoice": is_invoice,
        "is_credit_note": document.kind == DocumentKind.CREDIT_NOTE,
        "is_receipt": document.kind == DocumentKind.RECEIPT,
        "lines": lines[:LINES_IN_EMAIL],
        "more_lines": max(len(lines) - LINES_IN_EMAIL, 0),
        "total": format_pounds(document.gross_total),
        "nothing_left": is_invoice and left <= 0,
        "paid_in_full": is_invoice and left <= 0 and received > 0,
        "left_to_pay": format_pounds(left) if 0 < left < document.gross_total else "",
        "due_on": _long_date(document.due_on),
        "corrected_number": document.corrects.number if document.corrects else "",
        "receipt": receipt,
        "received_on": _long_date(receipt["received_on"]) if receipt else "",
        "link": site_url() + reverse("invoices:pdf", kwargs={"pk": document.pk}),
    }


def _long_date(day: dt.date | None) -> str:
    return f"{day:%-d %B %Y}" if day else ""


def send_document(document: Document, pdf: bytes) -> None:
    """Email the customer one plain-English message with the PDF attached.

    Rendered now, sent once the current transaction commits (as every email of the site).
    """
    if not document.customer_email:
        return
    subject, body = render_email(EMAIL_TEMPLATE, _email_context(document))
    name = file_name(document)
    to = document.customer_email
    reply_to = document.supplier_email  # a reply reaches the provider, who can answer it

    def deliver() -> None:
        message = EmailMessage(
            subject=subject,
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[to],
            reply_to=[reply_to] if reply_to else None,
        )
        message.attach(name, pdf, "application/pdf")
        message.send()

    transaction.on_commit(deliver)
