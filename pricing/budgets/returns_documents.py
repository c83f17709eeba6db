"""A quarterly return as files: a PDF to read or print, a CSV for a spreadsheet, and a ZIP
of both with every receipt of the return's lines, for the officer's audit file.

Made from the return's stored figures and its lines (the same whether the family or the
officer asks): a sent return's PDF is printed once per state and kept
(`pricing.budgets.return_pdfs`); a draft's PDF, the CSV and the ZIP on request. The PDF
is tagged (PDF/UA-1: structure, language and title) for screen readers and rendered with
nothing fetched, as invoices are (`pricing.invoices.pdf.html_to_pdf`). The CSV's cells
cannot run as formulas (`localoffer.core.spreadsheets`). Names of receipts in the ZIP are
ours, not the uploaded ones, so a crafted file name cannot climb out of the folder it is
put in.
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from collections.abc import Iterator
from typing import IO, Any

from django.apps import apps
from django.template.loader import render_to_string
from django.utils import timezone

from localoffer.core.spreadsheets import csv_lines
from pricing.budgets.models import LedgerEntry, QuarterlyReturn, Receipt
from pricing.budgets.return_figures import Line, lines_of, long_date, money_words

PDF_TEMPLATE = "pricing/budgets/returns/return_pdf.html"
CSV_HEADINGS = ["Date", "Kind", "Payee", "What for", "Outcome", "Amount", "Receipt files"]
# Kept in memory up to this size, then on disk (300 photos of receipts can be large).
ZIP_IN_MEMORY = 8 * 1024 * 1024
EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}


def base_name(ret: QuarterlyReturn) -> str:
    """'return-PB-7K3P9Q-2026-04-01': the budget and the quarter's first day."""
    return f"return-{ret.budget.reference}-{ret.starts_on:%Y-%m-%d}"


def receipt_name(entry: LedgerEntry, receipt: Receipt) -> str:
    """'receipts/2026-04-10-17-3-riding-lesson.jpg': the date, the entry, the receipt,
    then the uploaded name's plain letters, with the extension of what the file is."""
    stem = (receipt.original_name or "").rsplit(".", 1)[0]
    words = re.sub(r"[^A-Za-z0-9]+", "-", stem).strip("-").lower()[:40]
    extension = EXTENSIONS.get(receipt.content_type, "")
    label = f"-{words}" if words else ""
    return f"receipts/{entry.occurred_on:%Y-%m-%d}-{entry.pk}-{receipt.pk}{label}{extension}"


def _council(ret: QuarterlyReturn) -> Any:
    # The site's settings belong to the CMS above this app: found by label, not imported.
    return apps.get_model("localoffer.SiteSettings").for_site(ret.budget.council)


def pdf_context(ret: QuarterlyReturn, lines: list[Line]) -> dict[str, Any]:
    budget = ret.budget
    family = budget.child.family if budget.child is not None else None
    quarter = f"{long_date(ret.starts_on)} to {long_date(ret.ends_on)}"
    title = f"Quarterly return for {budget.child_name}, {quarter}"
    return {
        "ret": ret,
        "budget": budget,
        "family": family,
        "council": _council(ret),
        "officer": budget.officer,
        "title": title,
        "quarter": quarter,
        "made_on": timezone.localtime(ret.made_at),
        "money_in": [line for line in lines if line.section == "in"],
        "spending": [line for line in lines if line.section == "spending"],
        "refunds": [line for line in lines if line.section == "refund"],
        "figures": money_words(ret),
        "queries": list(ret.queries.select_related("entry", "answered_by")),
    }


def render_pdf(ret: QuarterlyReturn, lines: list[Line] | None = None) -> bytes:
    from pricing.invoices.pdf import html_to_pdf  # noqa: PLC0415  (WeasyPrint: load when needed)

    lines = lines_of(ret) if lines is None else lines
    return html_to_pdf(render_to_string(PDF_TEMPLATE, pdf_context(ret, lines)))


def csv_rows(lines: list[Line]) -> Iterator[list[Any]]:
    yield CSV_HEADINGS
    for line in lines:
        entry = line.entry
        yield [
            entry.occurred_on.isoformat(),
            entry.get_kind_display(),
            entry.payee,
            line.what_for,
            line.outcome,
            entry.amount,
            "; ".join(receipt_name(line.entry, receipt) for receipt in line.receipts),
        ]


def render_csv(ret: QuarterlyReturn, lines: list[Line] | None = None) -> str:
    lines = lines_of(ret) if lines is None else lines
    return "".join(csv_lines(csv_rows(lines)))


def build_zip(ret: QuarterlyReturn, *, pdf: bytes | None = None) -> IO[bytes]:
    """The PDF (`pdf` when it was printed already), the CSV and receipts/ with every
    receipt, as a file ready to stream."""
    lines = lines_of(ret)
    name = base_name(ret)
    archive = tempfile.SpooledTemporaryFile(max_size=ZIP_IN_MEMORY)  # noqa: SIM115 (the response closes it)
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr(f"{name}.pdf", render_pdf(ret, lines) if pdf is None else pdf)
        bundle.writestr(f"{name}.csv", render_csv(ret, lines))
        for line in lines:
            for receipt in line.receipts:
                try:
                    with receipt.file.open("rb") as handle:
                        data = handle.read()
                except (FileNotFoundError, OSError, ValueError):
                    # A receipt row whose file is gone (a restore without the private
                    # files): say so in the ZIP rather than fail the whole download.
                    data = b"This receipt's file could not be found.\n"
                    bundle.writestr(receipt_name(line.entry, receipt) + ".missing.txt", data)
                    continue
                # Photos and PDFs are compressed already: stored as they are, it is faster.
                bundle.writestr(
                    receipt_name(line.entry, receipt), data, compress_type=zipfile.ZIP_STORED
                )
    archive.seek(0)
    return archive
