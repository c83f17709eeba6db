"""The provision map at scale: the public page with 50,000 listings, and bringing the map
up to date after one listing is published.

    .venv/bin/python bench/provision_map.py                        # SQLite, 50,000 listings
    DATABASE_URL=$(.ci/postgres.sh start) \\
      .venv/bin/python bench/provision_map.py --databases sqlite,postgresql
    .venv/bin/python bench/provision_map.py --count 5000 --requests 20     # a quick look

For each database: a new, empty database (bench/demo_site.py), `migrate`, then
`generate_listings --count N --no-index` (live listings in bulk, as bench/search.py does;
inserted without publish signals), then in a process of its own (development settings,
DEBUG off, page cache off so every request is rendered):

1. `manage.py refresh_provision_map`: the whole map from scratch;
2. GET /what-support-costs/ and the same with filters (a group; a unit with direct payments
   only), --requests times each through Django's test client: p50, p95, worst server time
   and the SQL statements per request;
3. one listing's price changed and published as Wagtail does (`save_revision().publish()`):
   the time `refresh_services([id])` takes to bring the map up to date, --refreshes times.

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
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.figures import ms, percentile  # noqa: E402 (after the path is set)

SETTINGS = """\
from localoffer.settings.dev import *  # noqa: F403
DEBUG = False
PAGE_CACHE_SECONDS = 0
TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
ALLOWED_HOSTS = ["*"]
"""


def bench_vendor(vendor: str, args: argparse.Namespace) -> None:
    from bench.demo_site import bench_database, site_environment, timed_manage

    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    print(f"\n== {vendor} ({os.cpu_count()} cores, load average {load})", flush=True)
    with (
        bench_database(vendor, suffix="provision_bench") as url,
        tempfile.TemporaryDirectory(prefix="localoffer-provision-bench-") as work,
    ):
        env = site_environment(database_url=url, media_root=str(Path(work) / "media"))
        (Path(work) / "provision_bench_settings.py").write_text(SETTINGS)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [work, str(ROOT), env.get("PYTHONPATH")]))
        env["DJANGO_SETTINGS_MODULE"] = "provision_bench_settings"
        print(
            f"migrate                     {timed_manage('migrate', '--no-input', env=env):8.1f} s"
        )
        seconds = timed_manage(
            "generate_listings", f"--count={args.count}", "--no-index", "--verbosity=0", env=env
        )
        print(f"generate_listings {args.count:,}     {seconds:8.1f} s", flush=True)
        result = subprocess.run(
            [
                sys.executable,
                str(Path(__file__).resolve()),
                "--worker",
                f"--requests={args.requests}",
                f"--refreshes={args.refreshes}",
            ],
            cwd=ROOT,
            env=env,
            timeout=3600,
            check=False,
        )
        if result.returncode != 0:
            print(f"  the {vendor} run failed ({result.returncode}); see above")


class Counter:
    def __init__(self) -> None:
        self.statements = 0

    def __call__(self, execute, sql, params, many, context):
        self.statements += 1
        return execute(sql, params, many, context)


def timed_get(client, url: str, requests: int) -> tuple[list[float], int]:
    from django.db import connection

    response = client.get(url)  # warm: templates loaded once
    assert response.status_code == 200, (url, response.status_code)
    counter = Counter()
    with connection.execute_wrapper(counter):
        client.get(url)
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
    return times, counter.statements


def report(label: str, times: list[float], statements: int | None = None) -> None:
    sql = f"  {statements:4d} SQL" if statements is not None else ""
    print(
        f"  {label:<44} p50 {ms(statistics.median(times))}  p95 {ms(percentile(times, 0.95))}"
        f"  worst {ms(max(times))}{sql}",
        flush=True,
    )


def worker(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from pricing.provision.models import ProvisionMapEntry, ProvisionPrice
    from pricing.provision.services import refresh_services
    from providers.models import CostOption, ServicePage

    started = time.perf_counter()
    call_command("refresh_provision_map", verbosity=0)
    listings = ServicePage.objects.live().count()
    print(
        f"refresh_provision_map       {time.perf_counter() - started:8.1f} s  ({listings:,} "
        f"listings, {ProvisionPrice.objects.count():,} price rows, "
        f"{ProvisionMapEntry.objects.count()} types)",
        flush=True,
    )

    client = Client()
    entry = ProvisionMapEntry.objects.select_related("category__parent").order_by("-services")[0]
    group = entry.category.parent or entry.category
    for label, url in [
        ("GET /what-support-costs/", "/what-support-costs/"),
        (f"  ?group={group.slug}", f"/what-support-costs/?group={group.slug}"),
        ("  ?unit=hour&direct_payment=1", "/what-support-costs/?unit=hour&direct_payment=1"),
    ]:
        times, statements = timed_get(client, url, args.requests)
        report(label, times, statements)

    option = CostOption.objects.filter(is_free=False).order_by("pk").first()
    assert option is not None
    page = ServicePage.objects.get(pk=option.service_id)
    times = []
    for number in range(args.refreshes):
        CostOption.objects.filter(pk=option.pk).update(amount=Decimal("20.00") + number)
        page = ServicePage.objects.get(pk=page.pk)
        page.save_revision().publish()  # tasks are not run (the dummy backend): timed below
        begun = time.perf_counter()
        refresh_services([page.pk])
        times.append(time.perf_counter() - begun)
    report(f"refresh_services([id]) after a publish (x{args.refreshes})", times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--databases", default="sqlite", help="sqlite,postgresql")
    parser.add_argument("--count", type=int, default=50_000, help="Listings (default 50,000).")
    parser.add_argument("--requests", type=int, default=50, help="Requests per page.")
    parser.add_argument("--refreshes", type=int, default=20, help="Publishes to time.")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    for vendor in [v.strip() for v in args.databases.split(",") if v.strip()]:
        bench_vendor(vendor, args)


if __name__ == "__main__":
    main()
