"""Download a costing as a spreadsheet, and upload one into a draft, in the workspace.

Who may open these pages is the costing area's rule: people in an organisation's team;
someone in no team is refused (403) and a costing of another organisation is not found
(404), as a 403 would confirm it exists. The upload is checked in full before anything
is saved: either the draft is replaced, or every problem is listed and nothing changed.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View
from django.views.generic import FormView
from wagtail.admin import messages

from localoffer.core.forms import add_domain_error
from pricing.costing.admin_views.base import CostingMixin
from pricing.costing.importing import import_costing
from pricing.costing.selectors import listings_of
from pricing.costing.services import CostingError
from pricing.costing.spreadsheet import (
    CSV_TYPE,
    XLSX_TYPE,
    SpreadsheetRefused,
    csv_text,
    file_name,
    read_upload,
    xlsx_bytes,
)


class ExportXlsxView(CostingMixin, View):
    """The costing as an Excel workbook (a GET: it changes nothing)."""

    http_method_names = ["get"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = HttpResponse(xlsx_bytes(self.costing), content_type=XLSX_TYPE)
        name = file_name(self.costing, "xlsx")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class ExportCsvView(CostingMixin, View):
    """The costing as one CSV file."""

    http_method_names = ["get"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> StreamingHttpResponse:
        response = StreamingHttpResponse(csv_text(self.costing), content_type=CSV_TYPE)
        name = file_name(self.costing, "csv")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Spreadsheet file",
        help_text=(
            "An Excel workbook (.xlsx) or a CSV file, laid out as a downloaded costing, "
            "smaller than 2MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,text/csv"}),
    )


class ImportView(CostingMixin, FormView):
    """Upload a spreadsheet to replace everything in a draft costing."""

    template_name = "pricing/admin/costing/spreadsheet_import.html"
    page_title = "Upload a spreadsheet"
    form_class = ImportForm

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.costing.is_final:
            # The page offers no form for a saved version; a stale or forged one is refused.
            return self.get(request, *args, **kwargs)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: ImportForm) -> HttpResponse:
        upload = form.cleaned_data["file"]
        listing_ids = set(listings_of(self.costing.organisation).values_list("pk", flat=True))
        try:
            rows = read_upload(upload, listing_ids=listing_ids)
            summary = import_costing(
                costing=self.costing, rows=rows, by=self.request.user, file_name=upload.name
            )
        except SpreadsheetRefused as refused:
            self.problems = refused.problems
            form.add_error(
                "file",
                "Nothing was saved. Put right the problems listed above and upload the file again.",
            )
            return self.form_invalid(form)
        except CostingError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        services = f"{summary.services} service{'s' if summary.services != 1 else ''}"
        lines = f"{summary.lines} cost line{'s' if summary.lines != 1 else ''}"
        messages.success(
            self.request,
            f"The draft was replaced from {upload.name}: {services} and {lines} were read.",
        )
        return redirect(self.costing_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = context["form"]
        anchor = f"#{form['file'].id_for_label}"
        problems = getattr(self, "problems", None)
        if problems:
            errors = [{"href": anchor, "text": text} for text in problems]
        else:
            errors = [{"href": anchor, "text": str(e)} for e in form.errors.get("file", [])]
            errors += [{"href": anchor, "text": str(e)} for e in form.non_field_errors()]
        context.update(
            costing=self.costing,
            errors=errors,
            xlsx_url=reverse("costing_spreadsheet:xlsx", args=[self.costing.pk]),
            csv_url=reverse("costing_spreadsheet:csv", args=[self.costing.pk]),
            back_url=self.costing_url(),
        )
        return context
