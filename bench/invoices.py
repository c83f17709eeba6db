"""Invoices: the time to render one invoice's PDF, and to issue 1,000 invoices for one provider.

    .venv/bin/python bench/invoices.py                                  # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:54329/lo_bench \\
      .venv/bin/python bench/invoices.py --databases sqlite,postgresql
    .venv/bin/python bench/invoices.py --renders 10 --invoices 200      # a quick look

For each database: a new, empty database (a temporary SQLite file; on PostgreSQL a
database "<name>_invoices_bench" beside DATABASE_URL's, dropped afterwards), then, in a
process of its own (development settings, DEBUG off, email kept in memory, private files
in a temporary folder), `migrate`, one VAT-registered provider with billing details and
one family with an invoicing name and address. Then:

1. render: one invoice of three lines (20%, 5% and exempt: the widest table) is rendered
   to a tagged PDF with `pricing.invoices.pdf.render_pdf` once cold (fonts and
   stylesheets loaded for the first time), then --renders times warm. Prints p50, p95 and
   worst, and the share of it taken by the HTML template and by WeasyPrint;
2. issue: --invoices invoices issued one after another through `issue_document`, each in
   its own transaction as a booking's confirmation would, with the tasks backend set to
   django-tasks' DummyBackend: the PDF task is queued (counted) but never run, so this
   measures numbering, snapshotting and writing alone. Prints the wall time, invoices per
   second, p50/p95 of one issue, SQL statements per issue, and the numbers' gaps.

Nothing is asserted: figures are printed. Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.figures import ms, percentile  # noqa: E402 (after the path is set)

SETTINGS = """\
from localoffer.settings.dev import *  # noqa: F403
DEBUG = False
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Issuing queues the PDF task; this backend keeps it without running it.
TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
"""


# --- the orchestrator -----------------------------------------------------------------------


def bench_vendor(vendor: str, args: argparse.Namespace) -> None:
    from bench.demo_site import bench_database, site_environment

    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    print(f"\n== {vendor} ({os.cpu_count()} cores, load average {load})", flush=True)
    with (
        bench_database(vendor, suffix="invoices_bench") as url,
        tempfile.TemporaryDirectory(prefix="localoffer-invoices-bench-") as work,
    ):
        env = site_environment(database_url=url, media_root=str(Path(work) / "media"))
        (Path(work) / "invoices_bench_settings.py").write_text(SETTINGS)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [work, str(ROOT), env.get("PYTHONPATH")]))
        env["DJANGO_SETTINGS_MODULE"] = "invoices_bench_settings"
        env["PRIVATE_ROOT"] = str(Path(work) / "private")
        result = subprocess.run(
            [
                sys.executable,
                str(Path(__file__).resolve()),
                "--worker",
                f"--renders={args.renders}",
                f"--invoices={args.invoices}",
            ],
            cwd=ROOT,
            env=env,
            timeout=3600,
            check=False,
        )
        if result.returncode != 0:
            print(f"  the {vendor} run failed ({result.returncode}); see above")


# --- the worker (one database, its own process) ---------------------------------------------


def setup() -> tuple:
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrate:            {time.perf_counter() - started:6.1f} s", flush=True)

    from pricing.invoices.models import CustomerDetails
    from pricing.invoices.services import save_billing_details
    from tests.factories import (
        OrganisationIndexPageFactory,
        OrganisationPageFactory,
        UserFactory,
        site_tree,
    )

    organisation = OrganisationPageFactory(
        parent=OrganisationIndexPageFactory(parent=site_tree()),
        title="Northbridge Swim Club",
        verified=True,
    )
    save_billing_details(
        organisation=organisation,
        by=None,
        legal_name="Northbridge Swim Club Ltd",
        address="1 High Street\nNorthbridge\nNB1 4AA",
        email="accounts@swim.bench.example",
        phone="01632 960 001",
        charity_number="1123456",
        company_number="09876543",
        vat_registered=True,
        vat_number="GB123456789",
        invoice_prefix="SWIM",
        bank_account_name="Northbridge Swim Club Ltd",
        bank_sort_code="30-94-57",
        bank_account_number="12345678",
        footer="Thank you for swimming with us.",
    )
    family = UserFactory(email="parent@family.bench.example")
    CustomerDetails.objects.create(
        user=family, name="Sam Jones", address="2 Low Road\nNorthbridge\nNB2 5BB"
    )
    return organisation, family


def lines() -> list:
    import datetime as dt
    from decimal import Decimal

    from pricing.invoices.services import LineInput

    day = dt.date(2026, 3, 7)
    return [
        LineInput(
            description="Swimming lessons, Saturday 7 March 2026 at 10:00, for Amira",
            quantity=Decimal("4"),
            unit="place",
            unit_price=Decimal("12.50"),
            vat_treatment="added",
            supply_date=day,
        ),
        LineInput(
            description="Swimming cap and goggles",
            quantity=Decimal("1"),
            unit="item",
            unit_price=Decimal("21.00"),
            vat_treatment="reduced",
            supply_date=day,
        ),
        LineInput(
            description="One-to-one support in the water",
            quantity=Decimal("2"),
            unit="hour",
            unit_price=Decimal("24.00"),
            vat_treatment="exempt",
            supply_date=day,
        ),
    ]


def render(organisation, family, renders: int) -> None:
    from django.template.loader import render_to_string
    from django.utils import timezone
    from tqdm import tqdm

    from pricing.invoices.enums import DocumentKind
    from pricing.invoices.models import Document
    from pricing.invoices.pdf import TEMPLATE, document_context, html_to_pdf, render_pdf
    from pricing.invoices.services import issue_document

    invoice = issue_document(
        kind=DocumentKind.INVOICE,
        organisation=organisation,
        customer=family,
        lines=lines(),
        source_key="bench:render",
        now=timezone.now(),
        booking_reference="NB-7K3P9Q",
    )
    started = time.perf_counter()
    pdf = render_pdf(Document.objects.get(pk=invoice.pk))
    cold = time.perf_counter() - started
    totals, cpus, htmls, pdfs = [], [], [], []
    for _ in tqdm(range(renders), desc="render", unit="pdf", leave=False):
        started, cpu = time.perf_counter(), time.process_time()
        document = Document.objects.get(pk=invoice.pk)  # fresh: no cached lines
        html = render_to_string(TEMPLATE, document_context(document))
        middle = time.perf_counter()
        html_to_pdf(html)
        ended = time.perf_counter()
        totals.append(ended - started)
        cpus.append(time.process_time() - cpu)
        htmls.append(middle - started)
        pdfs.append(ended - middle)
    print(f"render one invoice PDF (3 lines, VAT invoice, {len(pdf):,} bytes, PDF/UA-1):")
    print(f"  cold (first):     {ms(cold)}")
    print(f"  warm p50:         {ms(statistics.median(totals))}   over {renders} renders")
    print(f"  warm p95:         {ms(percentile(totals, 0.95))}")
    print(f"  worst:            {ms(max(totals))}")
    print(f"  CPU p50:          {ms(statistics.median(cpus))}   (this process's own time)")
    print(
        f"  of the p50:       {ms(statistics.median(htmls))} the HTML (query + template), "
        f"{ms(statistics.median(pdfs)).strip()} WeasyPrint"
    )


def issue(organisation, family, count: int) -> None:
    from django.db import connection
    from django.utils import timezone
    from django_tasks import default_task_backend
    from tqdm import tqdm

    from pricing.invoices.enums import DocumentKind
    from pricing.invoices.models import Document
    from pricing.invoices.services import issue_document

    statements = 0

    def count_statements(execute, sql, params, many, context):
        nonlocal statements
        statements += 1
        return execute(sql, params, many, context)

    queued_before = len(default_task_backend.results)
    items = lines()
    latencies: list[float] = []
    started_all = time.perf_counter()
    with connection.execute_wrapper(count_statements):
        for n in tqdm(range(count), desc="issue", unit="invoice", leave=False):
            started = time.perf_counter()
            issue_document(
                kind=DocumentKind.INVOICE,
                organisation=organisation,
                customer=family,
                lines=items,
                source_key=f"bench:{n}",
                now=timezone.now(),
                booking_reference=f"NB-{n:06d}",
            )
            latencies.append(time.perf_counter() - started)
    wall = time.perf_counter() - started_all
    queued = len(default_task_backend.results) - queued_before
    sequences = sorted(
        Document.objects.filter(organisation=organisation, kind=DocumentKind.INVOICE)
        .order_by()
        .values_list("sequence", flat=True)
    )
    gaps = sum(1 for a, b in zip(sequences, sequences[1:], strict=False) if b != a + 1)
    print(f"issue {count:,} invoices for one provider (3 lines each), one transaction each:")
    print("  PDF task queued on DummyBackend, not run: numbering and writing only")
    print(f"  wall time:        {wall:7.2f} s   ({count / wall:,.0f} invoices/s)")
    print(f"  one issue p50:    {ms(statistics.median(latencies))}")
    print(f"  one issue p95:    {ms(percentile(latencies, 0.95))}")
    print(f"  worst:            {ms(max(latencies))}")
    print(f"  SQL statements:   {statements / count:.1f} per invoice")
    print(f"  PDF tasks queued: {queued:,} (run: 0)")
    print(
        f"  numbers:          {sequences[0]} to {sequences[-1]}, "
        f"{len(sequences):,} invoices, {gaps} gaps"
    )


def worker(args: argparse.Namespace) -> None:
    organisation, family = setup()
    render(organisation, family, args.renders)
    issue(organisation, family, args.invoices)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=30, help="warm renders timed")
    parser.add_argument("--invoices", type=int, default=1000, help="invoices issued")
    parser.add_argument("--databases", default="sqlite", help="sqlite,postgresql")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    for vendor in [v.strip() for v in args.databases.split(",") if v.strip()]:
        bench_vendor(vendor, args)


if __name__ == "__main__":
    main()
