"""What a provider can do with an invoice: record a payment received, issue a credit
note, remind the family when it is overdue. Each is a form page that calls one service;
the service's refusal is shown in the error summary beside what was typed."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import FormView
from wagtail.admin import messages

from localoffer.core.forms import add_domain_error
from localoffer.core.money import format_pounds
from pricing.invoices import selectors, services
from pricing.invoices.admin_forms import ConfirmForm, CreditNoteForm, PaymentForm
from pricing.invoices.admin_views.base import DocumentPageMixin, page_errors
from pricing.invoices.admin_views.documents import InvoiceState, state_of
from pricing.invoices.enums import DocumentKind, InvoiceStatus, PaymentWay
from pricing.invoices.models import Document, InvoicePayment


class _InvoiceActionView(DocumentPageMixin, FormView):
    template_name = "pricing/admin/invoices/action.html"
    submit_label = ""
    refused_message = "This invoice cannot be changed that way now."

    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)
        invoice = self.document
        self.state: InvoiceState | None = (
            state_of(invoice, paid=selectors.paid(invoice), credited=selectors.credited(invoice))
            if invoice.kind == DocumentKind.INVOICE
            else None
        )

    def more_breadcrumbs(self) -> list[dict[str, Any]]:
        return [{"url": self.document_url(), "label": f"Invoice {self.document.number}"}]

    def allowed(self) -> bool:
        return True

    def intro(self) -> str:
        return ""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "document": self.document,
                "state": self.state,
                "errors": page_errors(context["form"]),
                "submit_label": self.submit_label,
                "intro": self.intro(),
                "back_url": self.document_url(),
                "allowed": self.allowed(),
            }
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.allowed():
            messages.error(request, self.refused_message)
            return redirect(self.document_url())
        return super().post(request, *args, **kwargs)


class RecordPaymentView(_InvoiceActionView):
    page_title = "Record a payment received"
    form_class = PaymentForm
    submit_label = "Record the payment"
    refused_message = "Nothing is owed on this invoice, so no payment can be recorded."

    def allowed(self) -> bool:
        return self.state is not None and self.state.owed > 0

    def intro(self) -> str:
        if self.state is None:
            return ""
        return (
            f"{format_pounds(self.state.owed)} is still owed on this invoice. A receipt is "
            "issued for the payment and sent to the family."
        )

    def get_initial(self) -> dict[str, Any]:
        return {
            "amount": self.state.owed if self.state else None,
            "received_on": timezone.localdate(),
            "way": PaymentWay.BANK_TRANSFER,
            "payments_seen": InvoicePayment.objects.filter(invoice=self.document).count(),
        }

    def form_valid(self, form: PaymentForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            recorded = services.record_payment_by_hand(
                invoice=self.document,
                payments_seen=data["payments_seen"],
                amount=data["amount"],
                received_on=data["received_on"],
                way=data["way"],
                reference=data["reference"],
                now=timezone.now(),
                by=self.request.user,
            )
        except services.InvoiceError as error:
            if error.code == services.PAYMENT_SEEN:
                messages.warning(self.request, error.message)
                return redirect(self.document_url())
            add_domain_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"{format_pounds(recorded.amount)} recorded. Receipt {recorded.receipt.number} is "
            "sent to the family.",
        )
        return redirect(self.document_url())


class CreditNoteView(_InvoiceActionView):
    page_title = "Issue a credit note"
    form_class = CreditNoteForm
    submit_label = "Issue the credit note"
    refused_message = "This invoice has been credited in full already."

    def allowed(self) -> bool:
        return self.state is not None and self.state.left_to_credit > 0

    def intro(self) -> str:
        if self.state is None:
            return ""
        return (
            f"You can credit up to {format_pounds(self.state.left_to_credit)} on this invoice. "
            "The credit note is sent to the family with your reason. If they have paid, "
            "give the money back yourself: a credit note does not refund it."
        )

    def get_initial(self) -> dict[str, Any]:
        return {"token": uuid.uuid4().hex}

    def form_valid(self, form: CreditNoteForm) -> HttpResponse:
        data = form.cleaned_data
        source_key = f"manual:{self.document.pk}:{data['token']}"
        if Document.objects.filter(
            organisation=self.organisation, kind=DocumentKind.CREDIT_NOTE, source_key=source_key
        ).exists():
            # The same form sent twice: the first one issued the note.
            messages.info(self.request, "This credit note has been issued already.")
            return redirect(self.document_url())
        try:
            note = services.credit_invoice(
                invoice=self.document,
                amount=data["amount"],
                reason=data["reason"],
                now=timezone.now(),
                source_key=source_key,
                by=self.request.user,
            )
        except services.InvoiceError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"Credit note {note.number} for {format_pounds(note.gross_total)} issued. It is sent "
            "to the family.",
        )
        return redirect(self.document_url())


class RemindView(_InvoiceActionView):
    page_title = "Remind the family"
    form_class = ConfirmForm
    submit_label = "Send the reminder"
    refused_message = "Only an overdue invoice can be reminded."

    def allowed(self) -> bool:
        return self.state is not None and self.state.status == InvoiceStatus.OVERDUE

    def intro(self) -> str:
        if self.state is None or self.document.due_on is None:
            return ""
        return (
            f"We will email {self.document.customer_email} that {format_pounds(self.state.owed)} "
            f"was due on {self.document.due_on:%-d %B %Y}, with how to pay and how to contact "
            "you. You can remind a family of an invoice once a day."
        )

    def form_valid(self, form: ConfirmForm) -> HttpResponse:
        try:
            services.remind_overdue_invoice(
                invoice=self.document, by=self.request.user, now=timezone.now()
            )
        except services.InvoiceError as error:
            # Nothing was typed, so the refusal goes back to the invoice, where it shows.
            messages.error(self.request, error.message)
            return redirect(self.document_url())
        owed = self.state.owed if self.state else Decimal("0.00")
        messages.success(
            self.request,
            f"{self.document.customer_email} is reminded that {format_pounds(owed)} is overdue.",
        )
        return redirect(self.document_url())
