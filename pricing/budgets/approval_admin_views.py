"""The officer's approvals area, /admin/budgets/approvals/: bookings waiting for a decision,
the invoices the council (or a third party) has still to pay, and the payment run.

Who may open it is the officer area's rule (`OfficerPageMixin`: finance officers and site
administrators, anyone else 403); what is found is the officer's own caseload, so another
officer's booking or invoice is simply not found (404). Each form calls one service in
`pricing.budgets.services.approvals`; a refusal is shown in the error summary beside what
was typed.

The payment run is a list of the unpaid invoices the council pays from council-managed
budgets. The page signs the list it shows (invoice, payments seen, amount owed); the CSV
and "Record the run as paid" both use that signed list, so what is recorded as paid is
exactly what was exported, and an invoice that changed since stops the whole run.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core import signing
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages

from localoffer.core.forms import add_domain_error
from localoffer.core.money import format_pounds
from localoffer.core.spreadsheets import csv_lines
from pricing.budgets import approval_selectors as selectors
from pricing.budgets.admin_views.base import OfficerPageMixin, page_errors, person
from pricing.budgets.approval_forms import DecisionForm
from pricing.budgets.enums import ApprovalStatus, HeldAs
from pricing.budgets.services import BudgetError
from pricing.budgets.services import approvals as services
from pricing.invoices.admin_forms import DateInput, PaymentForm
from pricing.invoices.enums import PaymentWay
from pricing.invoices.models import InvoicePayment
from pricing.invoices.pdf import file_name, stored_pdf
from pricing.invoices.services import PAYMENT_SEEN, InvoiceError

RUN_SALT = "pricing.budgets.payment_run"
RUN_MAX_AGE = 24 * 60 * 60  # a run is recorded the day it is made, or made again
CSV_HEADER = [
    "Provider",
    "Invoice number",
    "Invoice date",
    "Child reference",
    "Amount",
    "Payee",
    "Sort code",
    "Account number",
]


def index_url() -> str:
    return reverse("budget_approvals:index")


class RunForm(forms.Form):
    run = forms.CharField(widget=forms.HiddenInput)
    received_on = forms.DateField(
        label="Date the council paid",
        widget=DateInput(),
        error_messages={
            "required": "Enter the date the council paid",
            "invalid": "Enter the date the council paid as a real date, such as 27/3/2026",
        },
    )
    reference = forms.CharField(
        label="Payment run reference (optional)",
        help_text="The reference of the run in the council's finance system.",
        required=False,
        max_length=100,
    )


class _ApprovalsPage(OfficerPageMixin):
    def extra_breadcrumbs(self) -> list[dict[str, Any]]:
        if self.get_page_title() == ApprovalsView.page_title:
            return []
        return [{"url": index_url(), "label": ApprovalsView.page_title}]


class ApprovalsView(_ApprovalsPage, TemplateView):
    template_name = "pricing/budgets/admin/approvals/index.html"
    page_title = "Bookings paid by the council"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            {
                "pending": list(selectors.pending_approvals(user)),
                "unpaid": selectors.awaiting_payment(user),
                "run_count": len(
                    selectors.awaiting_payment(user, held_as=[HeldAs.COUNCIL_MANAGED])
                ),
            }
        )
        return context


class DecideView(_ApprovalsPage, FormView):
    template_name = "pricing/budgets/admin/approvals/decide.html"
    page_title = "Approve or refuse a booking"
    form_class = DecisionForm

    def load(self, **kwargs: Any) -> None:
        funding = selectors.funding_in_caseload(self.request.user, kwargs["funding"])
        if funding is None:
            raise Http404("No booking of your caseload has this number")
        self.funding = funding

    def get_page_subtitle(self) -> str:
        return f"{self.funding.budget.child_name}, {self.funding.booking.reference}"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        funding = self.funding
        context.update(
            {
                "funding": funding,
                "booking": funding.booking,
                "payer": services.payer_name(funding),
                "outcome": funding.budget.current_version.outcomes.filter(
                    key=funding.outcome_key
                ).first(),
                "decided_by": person(funding.decided_by) if funding.decided_by_id else "",
                "can_decide": funding.approval == ApprovalStatus.PENDING,
                "third_party_account": funding.held_as == HeldAs.THIRD_PARTY
                and funding.budget.third_party_id is not None,
                "errors": page_errors(context["form"]),
            }
        )
        return context

    def form_valid(self, form: DecisionForm) -> HttpResponse:
        data = form.cleaned_data
        act = (
            services.approve_booking
            if data["decision"] == ApprovalStatus.APPROVED
            else services.refuse_booking
        )
        try:
            decided = act(funding=self.funding, by=self.request.user, reason=data["reason"])
        except BudgetError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        booking = decided.booking
        if decided.approval == ApprovalStatus.APPROVED:
            messages.success(
                self.request, f"Booking {booking.reference} approved. The family is told."
            )
        else:
            messages.success(
                self.request,
                f"Booking {booking.reference} refused and cancelled. The family is told why.",
            )
        return redirect(index_url())


class _InvoicePage(_ApprovalsPage):
    def load(self, **kwargs: Any) -> None:
        invoice = selectors.invoice_in_caseload(self.request.user, kwargs["document"])
        if invoice is None:
            raise Http404("No invoice of your caseload has this number")
        self.invoice = invoice


class RecordPaymentView(_InvoicePage, FormView):
    template_name = "pricing/budgets/admin/approvals/record_payment.html"
    page_title = "Record the council's payment"
    form_class = PaymentForm

    def get_page_subtitle(self) -> str:
        return f"Invoice {self.invoice.number}"

    def get_initial(self) -> dict[str, Any]:
        return {
            "amount": self.invoice.owed,  # type: ignore[attr-defined]
            "received_on": timezone.localdate(),
            "way": PaymentWay.BANK_TRANSFER,
            "payments_seen": InvoicePayment.objects.filter(invoice=self.invoice).count(),
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "invoice": self.invoice,
                "owed": format_pounds(self.invoice.owed),  # type: ignore[attr-defined]
                "payer": services.payer_name(self.invoice.funding),  # type: ignore[attr-defined]
                "errors": page_errors(context["form"]),
            }
        )
        return context

    def form_valid(self, form: PaymentForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            recorded = services.record_council_payment(
                invoice=self.invoice,
                payments_seen=data["payments_seen"],
                amount=data["amount"],
                received_on=data["received_on"],
                way=data["way"],
                reference=data["reference"],
                by=self.request.user,
            )
        except InvoiceError as error:
            if error.code == PAYMENT_SEEN:
                messages.warning(self.request, error.message)
                return redirect(index_url())
            add_domain_error(form, error)
            return self.form_invalid(form)
        except BudgetError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"{format_pounds(recorded.amount)} recorded against invoice {self.invoice.number}.",
        )
        return redirect(index_url())


class InvoicePdfView(_InvoicePage, View):
    """The provider's invoice as a PDF, for the officer whose caseload it is in."""

    http_method_names = ["get"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FileResponse:
        stored = stored_pdf(self.invoice)
        response = FileResponse(
            stored.file.open("rb"),
            as_attachment=True,
            filename=file_name(self.invoice),
            content_type="application/pdf",
        )
        response["Cache-Control"] = "private, no-store"
        return response


def _signed_run(lines: list[selectors.RunLine]) -> str:
    return signing.dumps(
        [[line.invoice.pk, line.payments_seen, str(line.amount)] for line in lines], salt=RUN_SALT
    )


def _run_items(token: str) -> list[services.RunItem] | None:
    try:
        raw = signing.loads(token, salt=RUN_SALT, max_age=RUN_MAX_AGE)
        return [services.RunItem(int(pk), int(seen), Decimal(amount)) for pk, seen, amount in raw]
    except (signing.BadSignature, TypeError, ValueError):
        return None


def _by_id(item: services.RunItem) -> int:
    return item.invoice_id


class PaymentRunView(_ApprovalsPage, FormView):
    template_name = "pricing/budgets/admin/approvals/payment_run.html"
    page_title = "Payment run"
    form_class = RunForm

    def get_initial(self) -> dict[str, Any]:
        return {"received_on": timezone.localdate()}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = context["form"]
        lines = selectors.payment_run(self.request.user)
        token = form["run"].value() if form.is_bound else _signed_run(lines)
        if not form.is_bound:
            form.initial["run"] = token
        context.update(
            {
                "lines": lines,
                "total": format_pounds(sum((line.amount for line in lines), Decimal("0"))),
                "csv_url": f"{reverse('budget_approvals:run_csv')}?run={token}",
                "errors": page_errors(form),
            }
        )
        return context

    def form_valid(self, form: RunForm) -> HttpResponse:
        items = _run_items(form.cleaned_data["run"])
        if items is None:
            messages.warning(self.request, "This payment run is out of date. Here it is again.")
            return redirect("budget_approvals:run")
        try:
            count = services.record_payment_run(
                items=items,
                received_on=form.cleaned_data["received_on"],
                reference=form.cleaned_data["reference"],
                by=self.request.user,
            )
        except BudgetError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, f"{count} invoice{'' if count == 1 else 's'} recorded as paid."
        )
        return redirect(index_url())


class PaymentRunCsvView(_ApprovalsPage, View):
    """The run the page showed, as CSV for the council's finance system."""

    http_method_names = ["get"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        items = _run_items(request.GET.get("run", ""))
        if items is None:
            messages.warning(request, "This payment run is out of date. Here it is again.")
            return redirect("budget_approvals:run")
        lines = selectors.payment_run(request.user, only=[item.invoice_id for item in items])
        seen = [services.RunItem(x.invoice.pk, x.payments_seen, x.amount) for x in lines]
        if sorted(seen, key=_by_id) != sorted(items, key=_by_id):
            messages.warning(request, "Invoices of this run have changed. Here it is again.")
            return redirect("budget_approvals:run")
        rows: list[list[Any]] = [CSV_HEADER]
        for line in lines:
            invoice = line.invoice
            rows.append(
                [
                    invoice.supplier_name,
                    invoice.number,
                    timezone.localdate(invoice.issued_at).isoformat(),
                    line.budget_reference,
                    line.amount,
                    line.payee,
                    line.sort_code,
                    line.account_number,
                ]
            )
        response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="payment-run-{stamp}.csv"'
        return response
