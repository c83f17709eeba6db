"""A family's statement, and the accountant's export of a period with its VAT analysis."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from localoffer.core.spreadsheets import csv_lines
from pricing.invoices import accounts
from pricing.invoices.admin_forms import ExportForm
from pricing.invoices.admin_views.base import OrganisationPageMixin
from pricing.invoices.selectors import billing_details
from pricing.offers.admin_views import form_errors


class StatementView(OrganisationPageMixin, TemplateView):
    """Everything between the organisation and one family, with the running balance."""

    template_name = "pricing/admin/invoices/statement.html"
    page_title = "Statement"
    http_method_names = ["get"]

    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)
        statement = accounts.customer_statement(self.organisation, kwargs["customer"])
        if statement is None:  # not a customer of this organisation
            raise Http404("Not found")
        self.statement = statement

    def get_page_subtitle(self) -> str:
        return self.statement.customer_name

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update({"organisation": self.organisation, "statement": self.statement})
        return context


def last_month(today: dt.date) -> tuple[dt.date, dt.date]:
    end = today.replace(day=1) - dt.timedelta(days=1)
    return end.replace(day=1), end


class ExportView(OrganisationPageMixin, View):
    """Choose a period; the same address with the period downloads the CSV (a GET: it
    changes nothing, and the address can be bookmarked for every month)."""

    template_name = "pricing/admin/invoices/export.html"
    page_title = "Export for your accountant"
    http_method_names = ["get"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if "date_from" not in request.GET and "date_to" not in request.GET:
            start, end = last_month(timezone.localdate())
            return self.show(ExportForm(initial={"date_from": start, "date_to": end}))
        form = ExportForm(request.GET)
        if not form.is_valid():
            return self.show(form)
        return self.download(*form.period())

    def show(self, form: ExportForm) -> HttpResponse:
        return self.render_to_response(
            self.get_context_data(
                form=form,
                organisation=self.organisation,
                errors=form_errors(form),
                action=reverse("provider_invoices:export", args=[self.organisation.pk]),
            )
        )

    def download(self, start: dt.date, end: dt.date) -> StreamingHttpResponse:
        prefix = billing_details(self.organisation).invoice_prefix
        lines = accounts.export_lines(self.organisation, start, end)
        period = f"{start:%-d %B %Y} to {end:%-d %B %Y}"
        response = StreamingHttpResponse(
            csv_lines(accounts.export_rows(lines, period=period)),
            content_type="text/csv; charset=utf-8",
        )
        name = f"{prefix}-sales-{start.isoformat()}-to-{end.isoformat()}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
