"""Personal budgets: a long ledger's pages, a quarterly return's documents, a caseload.

    .venv/bin/python bench/budgets.py                                   # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:54329/lo_bench \\
      .venv/bin/python bench/budgets.py --databases sqlite,postgresql
    .venv/bin/python bench/budgets.py --requests 10                     # a quick look

For each database: a new, empty database (a temporary SQLite file; on PostgreSQL a
database "<name>_budgets_bench" beside DATABASE_URL's, dropped afterwards), then, in a
process of its own (development settings, DEBUG off, email kept in memory, private files
in a temporary folder), `migrate` and:

1. one direct-payment budget with three years of payments (three yearly versions, 39
   payments recorded by the daily job) and 2,000 spending lines, a tenth with a receipt;
   the family's "Your budget" page, its ledger page and the officer's budget page are
   requested --requests times each through Django's test client (the whole stack but the
   network). Prints p50, p95 and worst server time and the SQL statements per request,
   then the same with 200 lines: the statements must not grow with the lines;
2. a quarterly return of 300 spending lines: the time to make it, to render its PDF and
   build its ZIP (PDF, CSV, receipts); then, sent, its PDF and ZIP as downloaded;
3. an officer's caseload of 500 budgets (each with a year of payments and 12 spending
   lines): the caseload page, p50/p95/worst and SQL statements.

`--parts returns` runs only the second part. Nothing is asserted: figures are printed.
Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.figures import ms, percentile  # noqa: E402 (after the path is set)

SETTINGS = """\
from localoffer.settings.dev import *  # noqa: F403
DEBUG = False
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
ALLOWED_HOSTS = ["*"]
"""
# A tiny real PDF, the receipt every tenth line carries.
RECEIPT = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]"
    b"/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
START = dt.date(2024, 4, 1)


# --- the orchestrator -----------------------------------------------------------------------


def bench_vendor(vendor: str, args: argparse.Namespace) -> None:
    from bench.demo_site import bench_database, site_environment

    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    print(f"\n== {vendor} ({os.cpu_count()} cores, load average {load})", flush=True)
    with (
        bench_database(vendor, suffix="budgets_bench") as url,
        tempfile.TemporaryDirectory(prefix="localoffer-budgets-bench-") as work,
    ):
        env = site_environment(database_url=url, media_root=str(Path(work) / "media"))
        (Path(work) / "budgets_bench_settings.py").write_text(SETTINGS)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [work, str(ROOT), env.get("PYTHONPATH")]))
        env["DJANGO_SETTINGS_MODULE"] = "budgets_bench_settings"
        env["PRIVATE_ROOT"] = str(Path(work) / "private")
        result = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--worker", *worker_args(args)],
            cwd=ROOT,
            env=env,
            timeout=3600,
            check=False,
        )
        if result.returncode != 0:
            print(f"  the {vendor} run failed ({result.returncode}); see above")


def worker_args(args: argparse.Namespace) -> list[str]:
    return [
        f"--requests={args.requests}",
        f"--lines={args.lines}",
        f"--return-lines={args.return_lines}",
        f"--caseload={args.caseload}",
        f"--parts={args.parts}",
    ]


# --- the worker (one database, its own process) ---------------------------------------------


class Counter:
    def __init__(self) -> None:
        self.statements = 0

    def __call__(self, execute, sql, params, many, context):
        self.statements += 1
        return execute(sql, params, many, context)


def timed_get(client, url: str, requests: int, *, read: bool = False) -> tuple[list[float], int]:
    """Server times of `requests` GETs (`read`: each streamed body to its last byte)."""
    from django.db import connection

    def get():
        response = client.get(url)
        if read and getattr(response, "streaming", False):
            b"".join(response.streaming_content)
            response.close()
        return response

    response = get()  # warm: templates and caches loaded once
    assert response.status_code == 200, (url, response.status_code)
    counter = Counter()
    with connection.execute_wrapper(counter):
        get()
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        response = get()
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    return times, counter.statements


def report(label: str, times: list[float], statements: int) -> None:
    print(
        f"  {label:<34} p50 {ms(statistics.median(times))}  p95 {ms(percentile(times, 0.95))}"
        f"  worst {ms(max(times))}  {statements:4d} SQL"
    )


def setup() -> dict:
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrate:            {time.perf_counter() - started:6.1f} s", flush=True)

    from wagtail.models import Site

    from localoffer.roles import FINANCE_OFFICERS
    from pricing.families.models import Child
    from providers.models import Outcome
    from tests.factories import UserFactory, site_roles, site_tree

    site_tree()
    groups = site_roles()
    officer = UserFactory(email="finance@bench.example", groups=[groups[FINANCE_OFFICERS]])
    family = UserFactory(email="family@bench.example")
    child = Child.objects.create(
        family=family, first_name="Maya", date_of_birth=dt.date(2016, 5, 1)
    )
    return {
        "council": Site.objects.get(is_default_site=True),
        "officer": officer,
        "family": family,
        "child": child,
        "areas": list(Outcome.objects.all()[:3]),
    }


def make_budget(world: dict, *, child, years: int, lines: int, receipts_every: int = 10):
    """A direct-payment budget of `years` yearly versions, payments recorded, `lines` spending
    entries spread over the years (written in bulk: the services would take minutes)."""
    from django.core.files.base import ContentFile

    from pricing.budgets.enums import EntryKind, HeldAs
    from pricing.budgets.models import LedgerEntry, Receipt
    from pricing.budgets.services import (
        LineInput,
        OutcomeInput,
        new_version,
        record_payments_due,
        set_up_budget,
    )

    outcomes = [
        OutcomeInput(description=f"Outcome {n}", area=area, key=f"outcome-{n}")
        for n, area in enumerate(world["areas"], start=1)
    ]
    line = [
        LineInput(stream="social_care", held_as=HeldAs.DIRECT_PAYMENT, amount=Decimal("5200.00"))
    ]
    budget = set_up_budget(
        council=world["council"],
        officer=world["officer"],
        child_name=child.first_name,
        child_date_of_birth=child.date_of_birth,
        starts_on=START,
        ends_on=START.replace(year=START.year + 1) - dt.timedelta(days=1),
        outcomes=outcomes,
        lines=line,
        by=world["officer"],
    )
    budget.child = child
    budget.save(update_fields=["child"])
    for year in range(1, years):
        first = START.replace(year=START.year + year)
        new_version(
            budget=budget,
            starts_on=first,
            ends_on=first.replace(year=first.year + 1) - dt.timedelta(days=1),
            outcomes=outcomes,
            lines=line,
            reason="Annual review",
            by=world["officer"],
        )
    last_day = START.replace(year=START.year + years) - dt.timedelta(days=1)
    record_payments_due(last_day)
    days = (last_day - START).days
    entries = LedgerEntry.objects.bulk_create(
        LedgerEntry(
            budget=budget,
            kind=EntryKind.SPENDING,
            amount=Decimal("4.50") + Decimal(n % 40),
            occurred_on=START + dt.timedelta(days=n * days // max(lines, 1)),
            stream="social_care",
            held_as=HeldAs.DIRECT_PAYMENT,
            outcome_key=outcomes[n % len(outcomes)].key,
            payee=f"Provider {n % 25}",
            description=f"Session {n}",
            recorded_by=world["family"],
        )
        for n in range(lines)
    )
    for entry in entries[::receipts_every]:
        Receipt.objects.create(
            entry=entry,
            file=ContentFile(RECEIPT, name=f"receipt-{entry.pk}.pdf"),
            content_type="application/pdf",
            size=len(RECEIPT),
            original_name=f"receipt-{entry.pk}.pdf",
        )
    return budget


def pages(world: dict, args: argparse.Namespace) -> None:
    from django.test import Client
    from django.urls import reverse

    from pricing.families.models import Child

    family, officer = Client(), Client()
    family.force_login(world["family"])
    officer.force_login(world["officer"])
    for lines in (args.lines, args.lines // 10):
        child = Child.objects.create(
            family=world["family"], first_name=f"Child{lines}", date_of_birth=dt.date(2015, 1, 1)
        )
        started = time.perf_counter()
        budget = make_budget(world, child=child, years=3, lines=lines)
        print(
            f"\na budget of 3 years, {lines:,} spending lines (made in "
            f"{time.perf_counter() - started:.1f} s):"
        )
        for label, client, url in [
            ("family: Your budget", family, reverse("budgets:detail", args=[budget.reference])),
            ("family: ledger (page 1)", family, reverse("budgets:ledger", args=[budget.reference])),
            (
                "officer: budget page",
                officer,
                reverse("budget_admin:detail", args=[budget.reference]),
            ),
        ]:
            times, statements = timed_get(client, url, args.requests)
            report(label, times, statements)


def returns(world: dict, args: argparse.Namespace) -> None:
    from pricing.budgets.returns_documents import build_zip, render_pdf
    from pricing.budgets.services.returns import make_return
    from pricing.families.models import Child

    child = Child.objects.create(
        family=world["family"], first_name="Returns", date_of_birth=dt.date(2015, 1, 1)
    )
    # A year's budget whose first quarter holds --return-lines spending lines.
    budget = make_budget(world, child=child, years=1, lines=args.return_lines * 4)
    made = []
    for _ in range(5):
        started = time.perf_counter()
        ret = make_return(
            budget=budget, starts_on=START, by=world["family"], today=dt.date(2025, 7, 2)
        )
        made.append(time.perf_counter() - started)  # then made again, as "Make it again"
    lines = ret.budget.entries.filter(occurred_on__range=(ret.starts_on, ret.ends_on)).count()
    pdfs, zips, sizes = [], [], []
    for _ in range(max(3, args.requests // 8)):
        started = time.perf_counter()
        pdf = render_pdf(ret)
        pdfs.append(time.perf_counter() - started)
        started = time.perf_counter()
        archive = build_zip(ret)
        zips.append(time.perf_counter() - started)
        sizes.append(len(archive.read()))
    print(
        f"\na quarterly return of {lines} entries ({len(pdf):,}-byte PDF, "
        f"{sizes[-1]:,}-byte ZIP with the receipts):"
    )
    for label, times in [
        ("make the return", made),
        ("render the PDF", pdfs),
        ("build the ZIP (PDF, CSV, receipts)", zips),
    ]:
        print(
            f"  {label:<34} p50 {ms(statistics.median(times))}  "
            f"p95 {ms(percentile(times, 0.95))}  worst {ms(max(times))}"
        )
    downloads(world, ret, args)


def downloads(world: dict, ret, args: argparse.Namespace) -> None:
    """The sent return's files as the family and the officer download them."""
    from django.test import Client
    from django.urls import reverse

    from pricing.budgets.services.returns import submit_return

    submit_return(ret=ret, by=world["family"], declared=True)
    family, officer = Client(), Client()
    family.force_login(world["family"])
    officer.force_login(world["officer"])
    reference = ret.budget.reference
    requests = max(3, args.requests // 4)
    print(f"the return sent, {requests} downloads each:")
    for label, client, url in [
        ("family: PDF", family, reverse("budget_returns:pdf", args=[reference, ret.pk])),
        ("officer: PDF", officer, reverse("budget_return_admin:pdf", args=[ret.pk])),
        ("family: ZIP", family, reverse("budget_returns:zip", args=[reference, ret.pk])),
        ("officer: ZIP", officer, reverse("budget_return_admin:zip", args=[ret.pk])),
    ]:
        times, statements = timed_get(client, url, requests, read=True)
        report(label, times, statements)


def caseload(world: dict, args: argparse.Namespace) -> None:
    from django.test import Client
    from django.urls import reverse

    from pricing.families.models import Child

    started = time.perf_counter()
    for n in range(args.caseload):
        child = Child.objects.create(
            family=world["family"], first_name=f"Case{n}", date_of_birth=dt.date(2014, 1, 1)
        )
        make_budget(world, child=child, years=1, lines=12, receipts_every=100)
    print(
        f"\na caseload of {args.caseload} budgets (made in {time.perf_counter() - started:.1f} s):"
    )
    officer = Client()
    officer.force_login(world["officer"])
    times, statements = timed_get(officer, reverse("budget_admin:index"), args.requests)
    report("officer: caseload (page 1)", times, statements)


PARTS = ("pages", "returns", "caseload")


def worker(args: argparse.Namespace) -> None:
    world = setup()
    for part in [part for part in PARTS if part in args.parts.split(",")]:
        globals()[part](world, args)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=40, help="timed requests per page")
    parser.add_argument("--lines", type=int, default=2000, help="spending lines in the budget")
    parser.add_argument("--return-lines", type=int, default=300, help="lines in the return")
    parser.add_argument("--caseload", type=int, default=500, help="budgets in the caseload")
    parser.add_argument("--databases", default="sqlite", help="sqlite,postgresql")
    parser.add_argument("--parts", default=",".join(PARTS), help="pages,returns,caseload")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    for vendor in [v.strip() for v in args.databases.split(",") if v.strip()]:
        bench_vendor(vendor, args)


if __name__ == "__main__":
    main()
