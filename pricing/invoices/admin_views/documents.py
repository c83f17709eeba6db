"""The invoices area's front page, an organisation's documents (invoices, credit notes,
receipts) with their filters, and one document with what can be done with it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from localoffer.core.money import round_money
from localoffer.core.pagination import pagination_context
from pricing.invoices import selectors
from pricing.invoices.admin_forms import KINDS_LISTED, DocumentFilterForm
from pricing.invoices.admin_views.base import (
    STATUS_TAGS,
    DocumentPageMixin,
    InvoicesPageMixin,
    OrganisationPageMixin,
    pdf_url,
)
from pricing.invoices.enums import DocumentKind, InvoiceStatus
from pricing.invoices.models import Document, InvoicePayment, InvoiceReminder
from pricing.offers.admin_views import form_errors, member_organisations

PER_PAGE = 25


@dataclass(frozen=True)
class InvoiceState:
    """What an invoice has been paid and credited, and so its status."""

    paid: Decimal
    credited: Decimal
    owed: Decimal
    left_to_credit: Decimal
    status: str
    status_label: str
    status_tag: str


def state_of(invoice: Document, *, paid: Decimal, credited: Decimal) -> InvoiceState:
    paid, credited = round_money(paid), round_money(credited)  # SQLite sums lose the pence
    status = selectors.status_of(invoice, paid=paid, credited=credited, today=timezone.localdate())
    return InvoiceState(
        paid=paid,
        credited=credited,
        owed=max(invoice.gross_total - paid - credited, Decimal("0.00")),
        left_to_credit=invoice.gross_total - credited,
        status=status,
        status_label=InvoiceStatus(status).label,
        status_tag=STATUS_TAGS[InvoiceStatus(status)],
    )


@dataclass(frozen=True)
class Row:
    document: Document
    state: InvoiceState | None  # for an invoice


class InvoicesIndexView(InvoicesPageMixin, TemplateView):
    """Straight to the only organisation a person is in, or a list of theirs."""

    template_name = "pricing/admin/invoices/index.html"
    page_title = "Invoices"
    http_method_names = ["get"]
    # Where each organisation's link goes: its documents, or its billing details.
    target = "provider_invoices:list"

    def load(self, **kwargs: Any) -> None:
        self.organisations = list(member_organisations(self.request.user))

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if len(self.organisations) == 1:
            return redirect(self.target, self.organisations[0].pk)
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            {"url": reverse("wagtailadmin_home"), "label": "Home"},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["links"] = [
            (organisation, reverse(self.target, args=[organisation.pk]))
            for organisation in self.organisations
        ]
        return context


class BillingIndexView(InvoicesIndexView):
    page_title = "Billing details"
    target = "provider_invoices:billing"


class DocumentListView(OrganisationPageMixin, TemplateView):
    """The organisation's invoices (or credit notes, or receipts), newest first."""

    template_name = "pricing/admin/invoices/list.html"
    page_title = "Invoices"
    http_method_names = ["get"]

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            {"url": reverse("wagtailadmin_home"), "label": "Home"},
            {"url": "", "label": self.get_page_title()},
        ]

    def kind(self) -> str:
        kind = self.request.GET.get("kind", "")
        return kind if kind in DocumentKind.values else DocumentKind.INVOICE

    def documents(self, kind: str, filters: dict[str, Any]) -> QuerySet[Document]:
        documents: QuerySet[Document] = (
            Document.objects.filter(organisation=self.organisation, kind=kind)
            .select_related("child", "corrects")
            .order_by("-issued_at", "-pk")
        )
        if filters.get("date_from"):
            documents = documents.filter(issued_at__date__gte=filters["date_from"])
        if filters.get("date_to"):
            documents = documents.filter(issued_at__date__lte=filters["date_to"])
        if kind == DocumentKind.INVOICE and filters.get("status"):
            documents = selectors.invoices_with_status(
                documents, filters["status"], today=timezone.localdate()
            )
        if kind == DocumentKind.RECEIPT:
            documents = documents.select_related("receipt_for__invoice")
        return documents

    def page_href(self, number: int) -> str:
        query = self.request.GET.copy()
        query.pop("page", None)
        if number > 1:
            query["page"] = str(number)
        return f"?{query.urlencode()}" if query else "?"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        kind = self.kind()
        form = DocumentFilterForm(self.request.GET or None)
        filters: dict[str, Any] = {}
        if form.is_bound:
            form.is_valid()
            # Apply the filters that were right; the error summary names the others.
            filters = {k: v for k, v in form.cleaned_data.items() if k not in form.errors}
        paginator = Paginator(self.documents(kind, filters), PER_PAGE)
        page = paginator.get_page(self.request.GET.get("page"))
        documents = list(page.object_list)
        rows = []
        if kind == DocumentKind.INVOICE:
            totals = selectors.totals_by_invoice(documents)
            for document in documents:
                paid, credited = totals[document.pk]
                rows.append(Row(document, state_of(document, paid=paid, credited=credited)))
        else:
            rows = [Row(document, None) for document in documents]
        base = reverse("provider_invoices:list", args=[self.organisation.pk])
        context.update(
            {
                "organisation": self.organisation,
                "kind": kind,
                "kind_label": dict(KINDS_LISTED)[DocumentKind(kind)],
                "tabs": [
                    {
                        "label": label,
                        "url": base if value == DocumentKind.INVOICE else f"{base}?kind={value}",
                        "current": value == kind,
                    }
                    for value, label in KINDS_LISTED
                ],
                "form": form,
                "errors": form_errors(form),
                "filtered": any(filters.values()),
                "clear_url": base if kind == DocumentKind.INVOICE else f"{base}?kind={kind}",
                "rows": rows,
                "page": page,
                "pagination": pagination_context(paginator, page.number, self.page_href),
            }
        )
        return context


class DocumentView(DocumentPageMixin, TemplateView):
    """An invoice (or credit note, or receipt) as issued, with its payments, credit notes
    and reminders, and the actions that can be taken on it now."""

    template_name = "pricing/admin/invoices/document.html"
    http_method_names = ["get"]

    def get_page_title(self) -> str:
        return f"{self.document.get_kind_display()} {self.document.number}"

    def get_page_subtitle(self) -> str:
        return self.document.customer_name

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        document = self.document
        context.update(
            {
                "document": document,
                "lines": list(document.lines.all()),
                "pdf_url": pdf_url(document),
                "statement_url": reverse(
                    "provider_invoices:statement",
                    args=[self.organisation.pk, document.customer_id],
                ),
                "is_invoice": document.kind == DocumentKind.INVOICE,
                "is_credit_note": document.kind == DocumentKind.CREDIT_NOTE,
                "receipt_for": (
                    InvoicePayment.objects.select_related("invoice")
                    .filter(receipt=document)
                    .first()
                    if document.kind == DocumentKind.RECEIPT
                    else None
                ),
            }
        )
        if document.kind == DocumentKind.INVOICE:
            context.update(self.invoice_context(document))
        return context

    def invoice_context(self, invoice: Document) -> dict[str, Any]:
        payments = list(
            InvoicePayment.objects.filter(invoice=invoice).select_related("receipt", "recorded_by")
        )
        credit_notes = list(
            Document.objects.filter(corrects=invoice, kind=DocumentKind.CREDIT_NOTE).order_by(
                "issued_at", "pk"
            )
        )
        reminders = list(InvoiceReminder.objects.filter(invoice=invoice).select_related("sent_by"))
        state = state_of(
            invoice,
            paid=sum((p.amount for p in payments), Decimal("0.00")),
            credited=sum((c.gross_total for c in credit_notes), Decimal("0.00")),
        )
        today = timezone.localdate()
        reminded_today = next(
            (r for r in reminders if timezone.localdate(r.sent_at) == today), None
        )
        return {
            "state": state,
            "payments": payments,
            "credit_notes": credit_notes,
            "reminders": reminders,
            "reminded_today": reminded_today,
            "can_record_payment": state.owed > 0,
            "can_credit": state.left_to_credit > 0,
            "can_remind": state.status == InvoiceStatus.OVERDUE and reminded_today is None,
        }
