"""Full cost recovery at a provider's scale: working out a costing of 30 services and 200
cost lines again, and the recovery page over 20,000 bookings.

    .venv/bin/python bench/costing.py                                   # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:54329/localoffer \\
      .venv/bin/python bench/costing.py --databases sqlite,postgresql
    .venv/bin/python bench/costing.py --bookings 2000 --requests 10     # a quick look

For each database: a new, empty database (bench/demo_site.py: a temporary SQLite file, or
"<name>_costing_bench" beside DATABASE_URL's, dropped afterwards), then in a process of
its own (development settings, DEBUG off, tasks queued and never run, email in memory):

1. `migrate`; one organisation with 30 listings (20 of dated sessions, 10 of hours of
   support, £24 a unit) and a member of its team;
2. a costing of the financial year that holds today, through the costing services: 30
   services linked to the listings, 6 direct cost lines each and 20 overhead lines (200
   lines), saved as version 1. Then --runs times: the selectors alone (`costing_rows`),
   the arithmetic alone (`work_out` on the rows) and both (`work_out_costing`, what the
   costing pages call): p50, p95, worst and the SQL statements of one run;
3. --bookings bookings in bulk (`bulk_create`, 1,000 families): three quarters on weekly
   sessions of the session listings held so far this year (30 places each), a quarter
   hours of support with two appointments each; 8% cancelled; of the rest, attendance
   85% attended, 5% did not attend, 3% cancelled late, 7% not recorded. Each booking has
   its invoice, each cancelled one a credit note, and four in five confirmed ones a
   payment with its receipt (the documents without their lines, which recovery does not
   read);
4. the recovery page `/admin/costing/<id>/recovery/` and its CSV through Django's test
   client as the member of the team: three unmeasured requests, one whose SQL statements
   are counted, then --requests timed (p50, p95 and worst server time); and the reads
   alone (`recovery_of`, no template). On PostgreSQL the tables are analysed first, as
   autovacuum would soon after a load. The figures of the first service are printed, to
   show the page read the bookings.

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
PAGE_CACHE_SECONDS = 0
ALLOWED_HOSTS = ["*"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
"""


def bench_vendor(vendor: str, args: argparse.Namespace) -> None:
    from bench.demo_site import bench_database, site_environment

    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    print(f"\n== {vendor} ({os.cpu_count()} cores, load average {load})", flush=True)
    with (
        bench_database(vendor, suffix="costing_bench") as url,
        tempfile.TemporaryDirectory(prefix="localoffer-costing-bench-") as work,
    ):
        env = site_environment(database_url=url, media_root=str(Path(work) / "media"))
        (Path(work) / "costing_bench_settings.py").write_text(SETTINGS)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [work, str(ROOT), env.get("PYTHONPATH")]))
        env["DJANGO_SETTINGS_MODULE"] = "costing_bench_settings"
        command = [sys.executable, str(Path(__file__).resolve()), "--worker"]
        command += [f"--runs={args.runs}", f"--bookings={args.bookings}"]
        command += [f"--requests={args.requests}"]
        result = subprocess.run(command, cwd=ROOT, env=env, timeout=7200, check=False)
        if result.returncode != 0:
            print(f"  the {vendor} run failed ({result.returncode}); see above")


class Counter:
    def __init__(self) -> None:
        self.statements = 0

    def __call__(self, execute, sql, params, many, context):
        self.statements += 1
        return execute(sql, params, many, context)


def timed(call, runs: int) -> tuple[list[float], int]:
    """Times of `runs` calls after one unmeasured call, and the statements of one call."""
    from django.db import connection

    call()
    counter = Counter()
    with connection.execute_wrapper(counter):
        call()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return times, counter.statements


def report(label: str, times: list[float], statements: int) -> None:
    print(
        f"  {label:<40} p50 {ms(statistics.median(times))}  p95 {ms(percentile(times, 0.95))}"
        f"  worst {ms(max(times))}  {statements:4d} SQL",
        flush=True,
    )


def recalculation(costing, runs: int) -> None:
    from pricing.costing.selectors import costing_rows, work_out_costing

    rows = costing_rows(costing)
    lines = sum(len(v) for v in rows.direct_lines.values())
    lines += sum(len(v) for v in rows.overhead_lines.values())
    print(
        f"recalculation: {len(rows.services)} services, {lines} cost lines, {runs} runs",
        flush=True,
    )
    report("selectors (costing_rows)", *timed(lambda: costing_rows(costing), runs))
    report("arithmetic (work_out on the rows)", *timed(rows.work_out, runs))
    report("both (work_out_costing)", *timed(lambda: work_out_costing(costing), runs))


def recovery_page(costing, provider, requests: int) -> None:
    from django.test import Client
    from django.urls import reverse

    from pricing.costing.recovery_figures import page_rows

    client = Client()
    client.force_login(provider)
    print(f"recovery page ({requests} requests after 3 unmeasured; server time, test client):")
    for label, name in (("GET .../recovery/", "page"), ("GET .../recovery/csv/", "csv")):
        url = reverse(f"costing_recovery:{name}", args=[costing.pk])

        def get(url=url, streamed=name == "csv"):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            if streamed:  # the CSV is made as it is read
                b"".join(response.streaming_content)

        get()
        get()
        report(label, *timed(get, requests))
    from django.utils import timezone

    from pricing.costing.recovery_selectors import recovery_of

    report(
        "recovery_of() alone (no template)",
        *timed(lambda: recovery_of(costing, timezone.localdate()), requests),
    )
    first = recovery_of(costing, timezone.localdate()).report.services[0]
    print("  " + "; ".join(f"{label}: {words}" for label, words in page_rows(first)[2:20]))


def worker(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from pricing.costing.worked_example import this_financial_year

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrate: {time.perf_counter() - started:.1f} s", flush=True)
    from bench.costing_data import bookings_in_bulk, build_costing, organisation_and_listings

    organisation, provider, offers = organisation_and_listings()
    year_starts_on = this_financial_year(timezone.localdate())
    started = time.perf_counter()
    costing = build_costing(organisation, provider, offers, year_starts_on)
    print(
        f"costing {costing.label} built through the services: "
        f"{time.perf_counter() - started:.1f} s",
        flush=True,
    )
    recalculation(costing, args.runs)
    bookings_in_bulk(organisation, offers, year_starts_on, args.bookings)
    from django.db import connection

    if connection.vendor == "postgresql":
        # Statistics for the planner, as autovacuum gathers them within a minute of a load
        # this size: without them PostgreSQL plans for empty tables.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    recovery_page(costing, provider, args.requests)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite", help="sqlite,postgresql")
    parser.add_argument("--runs", type=int, default=200, help="Recalculations timed.")
    parser.add_argument("--bookings", type=int, default=20_000, help="Bookings (20,000).")
    parser.add_argument("--requests", type=int, default=30, help="Page requests timed.")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    for vendor in [v.strip() for v in args.databases.split(",") if v.strip()]:
        bench_vendor(vendor, args)


if __name__ == "__main__":
    main()
