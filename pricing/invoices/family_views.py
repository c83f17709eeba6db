"""The family's documents under /account/documents/: the list, a ZIP of a period, and
the name and address printed on their invoices.

Every page is for family accounts, as the children and bookings pages are
(`pricing.families.views.family_page`): anonymous visitors sign in first, work accounts
are told this is a work account. Documents are only ever loaded through
`Document.objects.for_customer(request.user)`, so nothing of another family is listed or
zipped, whatever the address asks for. The filter is a plain GET form and the details a
POST with post/redirect/get, so everything works without JavaScript.

The PDF of one document is served by the invoices app's own view (`invoices:pdf`), which
checks `selectors.may_read`; this page only links to it.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import zipfile
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db.models import Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from localoffer.core.forms import add_domain_error, error_summary_items
from localoffer.core.money import format_pounds
from pricing.families.models import Child
from pricing.families.views import family_page
from pricing.invoices import selectors, services
from pricing.invoices.enums import DocumentKind, InvoiceStatus
from pricing.invoices.family_forms import (
    NOT_FOR_ONE_CHILD,
    CustomerDetailsForm,
    DocumentFilterForm,
)
from pricing.invoices.models import Document, DocumentFile

# The list shows at most this many documents; a period finds older ones.
LIST_LIMIT = 300
# A ZIP holds at most this many PDFs: enough for years of a family's bookings, small
# enough to build in one request (kept in memory up to ZIP_IN_MEMORY, then on disk).
ZIP_LIMIT = 500
ZIP_IN_MEMORY = 8 * 1024 * 1024
FILTER_ANCHORS = {"date_from": "id_date_from-day", "date_to": "id_date_to-day"}

# (words, GOV.UK tag colour) for an invoice's status, as a family reads it.
STATUS_WORDS = {
    InvoiceStatus.ISSUED: ("To pay", "govuk-tag--blue"),
    InvoiceStatus.PART_PAID: ("Part paid", "govuk-tag--yellow"),
    InvoiceStatus.PAID: ("Paid", "govuk-tag--green"),
    InvoiceStatus.OVERDUE: ("Overdue", "govuk-tag--red"),
    InvoiceStatus.CREDITED: ("Cancelled by a credit note", "govuk-tag--grey"),
}
NOTHING_TO_PAY = ("Nothing to pay", "govuk-tag--green")


@dataclass(frozen=True)
class DocumentRow:
    """One document as the family reads it in the list."""

    document: Document
    kind: str
    date: str
    amount: str
    what_for: str
    status: str
    status_colour: str
    to_pay: str
    download_url: str | None


@dataclass(frozen=True)
class ChildGroup:
    name: str
    rows: list[DocumentRow]


def _day(moment: dt.datetime | dt.date) -> str:
    day = timezone.localdate(moment) if isinstance(moment, dt.datetime) else moment
    return f"{day:%-d %B %Y}"


def pdf_url(document: Document) -> str | None:
    """The address of the document's PDF, or None while the invoices app has no PDF view."""
    try:
        return reverse("invoices:pdf", args=[document.pk])
    except NoReverseMatch:
        return None


def _what_for(document: Document) -> str:
    parts = []
    if document.booking_reference:
        parts.append(f"Booking {document.booking_reference}")
    if document.kind == DocumentKind.CREDIT_NOTE and document.corrects is not None:
        parts.append(f"corrects invoice {document.corrects.number}: {document.reason}")
    if document.kind == DocumentKind.RECEIPT:
        payment = getattr(document, "receipt_for", None)
        if payment is not None:
            parts.append(f"payment for invoice {payment.invoice.number}")
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]


def _rows(documents: list[Document], today: dt.date) -> list[DocumentRow]:
    """Rows for the list, with each invoice's status from two queries for all of them."""
    totals = selectors.totals_by_invoice([d for d in documents if d.kind == DocumentKind.INVOICE])
    link_pdfs = bool(documents) and pdf_url(documents[0]) is not None
    rows = []
    for document in documents:
        status = colour = to_pay = ""
        if document.kind == DocumentKind.INVOICE:
            paid, credited = totals[document.pk]
            state = selectors.status_of(document, paid=paid, credited=credited, today=today)
            status, colour = STATUS_WORDS[InvoiceStatus(state)]
            if not document.gross_total:  # an invoice for nothing: say so plainly
                status, colour = NOTHING_TO_PAY
            owed = document.gross_total - paid - credited
            if owed > 0 and state != InvoiceStatus.CREDITED:
                due = document.due_on
                if due is None:
                    to_pay = format_pounds(owed)
                elif state == InvoiceStatus.OVERDUE:
                    to_pay = f"{format_pounds(owed)}, which was due by {_day(due)}"
                else:
                    to_pay = f"{format_pounds(owed)} by {_day(due)}"
        rows.append(
            DocumentRow(
                document=document,
                kind=document.get_kind_display(),
                date=_day(document.issued_at),
                amount=format_pounds(document.gross_total),
                what_for=_what_for(document),
                status=status,
                status_colour=colour,
                to_pay=to_pay,
                download_url=pdf_url(document) if link_pdfs else None,
            )
        )
    return rows


def _groups(rows: list[DocumentRow]) -> list[ChildGroup]:
    """By child (first names in order, then documents not for one child), newest first."""
    by_child: dict[int | None, list[DocumentRow]] = {}
    names: dict[int | None, str] = {None: NOT_FOR_ONE_CHILD}
    for row in rows:
        child = row.document.child
        by_child.setdefault(child.pk if child else None, []).append(row)
        if child is not None:
            names[child.pk] = child.first_name
    named = sorted(
        (key for key in by_child if key is not None), key=lambda k: (names[k].casefold(), k)
    )
    groups = [ChildGroup(names[key], by_child[key]) for key in named]
    if None in by_child:
        groups.append(ChildGroup(NOT_FOR_ONE_CHILD, by_child[None]))
    return groups


def _children_to_choose(user: Any) -> list[tuple[int, str]]:
    """The filter's choices: the family's children and any child a document is for."""
    ids = Document.objects.for_customer(user).filter(child__isnull=False).values("child_id")
    return list(
        Child.objects.filter(Q(family=user) | Q(pk__in=ids))
        .order_by("first_name", "pk")
        .values_list("pk", "first_name")
    )


def _filter_form(request: HttpRequest) -> DocumentFilterForm:
    return DocumentFilterForm.from_query(request.GET, children=_children_to_choose(request.user))


@family_page
@require_GET
def documents(request: HttpRequest) -> HttpResponse:
    form = _filter_form(request)
    valid = not form.is_bound or form.is_valid()
    groups: list[ChildGroup] = []
    more = False
    if valid:
        found = list(
            selectors.documents_of_customer(request.user, **form.filters()).select_related(
                "child", "corrects", "receipt_for__invoice"
            )[: LIST_LIMIT + 1]
        )
        more = len(found) > LIST_LIMIT
        groups = _groups(_rows(found[:LIST_LIMIT], timezone.localdate()))
    return render(
        request,
        "pricing/documents/list.html",
        {
            "form": form,
            "errors": error_summary_items(form, anchors=FILTER_ANCHORS),
            "valid": valid,
            "groups": groups,
            "more": more,
            "list_limit": LIST_LIMIT,
            "filtered": form.is_bound,
            "has_any": valid
            and (bool(groups) or Document.objects.for_customer(request.user).exists()),
        },
    )


def _pdf_bytes(document: Document) -> bytes:
    """The stored PDF, or one made now when it has not been made yet (or was lost)."""
    stored: DocumentFile | None = getattr(document, "pdf", None)
    if stored is not None:
        try:
            with stored.file.open("rb") as handle:
                return handle.read()
        except (FileNotFoundError, OSError, ValueError):
            pass  # made again below, from the document itself
    from pricing.invoices.pdf import render_pdf  # noqa: PLC0415  (WeasyPrint: load when needed)

    return render_pdf(document)


def zip_name(document: Document) -> str:
    """'2026-03-02-NPC12-0001.pdf': the date issued, then the number."""
    number = re.sub(r"[^A-Za-z0-9-]+", "-", document.number).strip("-") or str(document.pk)
    return f"{timezone.localdate(document.issued_at):%Y-%m-%d}-{number}.pdf"


def _zip_filename(form: DocumentFilterForm) -> str:
    filters = form.filters()
    start, end = filters.get("date_from"), filters.get("date_to")
    period = "-".join(f"{day:%Y-%m-%d}" for day in (start, end) if day)
    return f"documents-{period}.zip" if period else "documents.zip"


def _back_to_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.urlencode()
    return redirect(reverse("documents:list") + (f"?{query}" if query else ""))


@family_page  # type: ignore[arg-type]  # typed for HttpResponse; a FileResponse streams
@require_GET
def documents_zip(request: HttpRequest) -> HttpResponse | FileResponse:
    """The PDFs of the family's documents for the period (and child) as one ZIP file."""
    form = _filter_form(request)
    if form.is_bound and not form.is_valid():
        return _back_to_list(request)  # the list shows the errors, with what was typed
    found = list(
        selectors.documents_of_customer(request.user, **form.filters()).select_related("pdf")[
            : ZIP_LIMIT + 1
        ]
    )
    period = form.period_words() if form.is_bound else ""
    if not found:
        if period:
            message = f"You have no documents {period} to download. Choose another period."
        elif form.is_bound:
            message = "You have no documents for what you chose to download."
        else:
            message = "You have no documents to download yet."
        messages.info(request, message)
        return _back_to_list(request)
    if len(found) > ZIP_LIMIT:
        messages.info(
            request,
            f"There are more than {ZIP_LIMIT} documents {period or 'in all'}: a ZIP file "
            f"can hold up to {ZIP_LIMIT}. Choose a shorter period.",
        )
        return _back_to_list(request)
    archive = tempfile.SpooledTemporaryFile(max_size=ZIP_IN_MEMORY)  # noqa: SIM115 (FileResponse closes it)
    used: set[str] = set()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for document in sorted(found, key=lambda d: (d.issued_at, d.pk)):
            name = zip_name(document)
            if name in used:  # two providers may number alike on the same day
                name = f"{name.removesuffix('.pdf')}-{document.pk}.pdf"
            used.add(name)
            bundle.writestr(name, _pdf_bytes(document))
    archive.seek(0)
    response = FileResponse(
        archive,
        as_attachment=True,
        filename=_zip_filename(form),
        content_type="application/zip",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@family_page
@require_http_methods(["GET", "POST"])
def customer_details(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = CustomerDetailsForm(request.POST)
        if form.is_valid():
            try:
                services.save_customer_details(
                    user=request.user,
                    name=form.cleaned_data["name"],
                    address=form.cleaned_data["address"],
                )
            except services.InvoiceError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, "Your details for invoices have been saved")
                return redirect("documents:list")
    else:
        form = CustomerDetailsForm.for_user(request.user)
    return render(
        request,
        "pricing/documents/details.html",
        {"form": form, "errors": error_summary_items(form)},
    )
