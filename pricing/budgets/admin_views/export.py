"""A budget's whole ledger as CSV, for audit: every entry, reversals linked both ways.

Streamed a few hundred rows at a time, so a long ledger never sits in memory, with text
cells made safe to open in a spreadsheet (`localoffer.core.spreadsheets`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Count
from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone
from django.views import View

from localoffer.core.spreadsheets import csv_lines
from pricing.budgets.admin_views.base import BudgetPageMixin, person
from pricing.budgets.admin_views.budget import outcome_names
from pricing.budgets.models import BudgetOutcome, LedgerEntry, PersonalBudget

HEADER = [
    "Entry",
    "Date",
    "Kind",
    "Amount",
    "Pot",
    "Stream",
    "Outcome",
    "Payee",
    "What for",
    "Reason",
    "Booking reference",
    "Recorded by",
    "Recorded at",
    "Reverses entry",
    "Reversed by entry",
    "Receipts",
]
CHUNK = 500


def ledger_rows(budget: PersonalBudget, outcomes: dict[str, BudgetOutcome]) -> Iterator[list[Any]]:
    yield HEADER
    entries = (
        LedgerEntry.objects.filter(budget=budget)
        .select_related("recorded_by", "booking", "reversed_by")
        .annotate(receipt_count=Count("receipts"))
        .order_by("occurred_on", "pk")
    )
    for entry in entries.iterator(chunk_size=CHUNK):
        outcome = outcomes.get(entry.outcome_key)
        reversed_by = getattr(entry, "reversed_by", None)
        yield [
            entry.pk,
            entry.occurred_on.isoformat(),
            entry.get_kind_display(),
            entry.amount,
            entry.get_held_as_display(),
            entry.get_stream_display(),
            outcome.description if outcome else entry.outcome_key,
            entry.payee,
            entry.description,
            entry.reason,
            entry.booking.reference if entry.booking else "",
            person(entry.recorded_by) if entry.recorded_by_id else "Automatically",
            timezone.localtime(entry.recorded_at).strftime("%Y-%m-%d %H:%M"),
            entry.reverses_id or "",
            reversed_by.pk if reversed_by else "",
            entry.receipt_count,
        ]


class ExportView(BudgetPageMixin, View):
    http_method_names = ["get"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> StreamingHttpResponse:
        budget = self.budget
        response = StreamingHttpResponse(
            csv_lines(ledger_rows(budget, outcome_names(budget))),
            content_type="text/csv; charset=utf-8",
        )
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = (
            f'attachment; filename="ledger-{budget.reference}-{stamp}.csv"'
        )
        return response
