"""Directory search at scale: index build time, query latency and requests per second.

    .venv/bin/python bench/search.py                       # SQLite, and PostgreSQL if
    DATABASE_URL=$(.ci/postgres.sh start) .venv/bin/python bench/search.py   # DATABASE_URL
    .venv/bin/python bench/search.py --count 5000 --databases sqlite        # a quick look
    .venv/bin/python bench/search.py --keep       # keep the generated database, then
    .venv/bin/python bench/search.py --reuse      # measure again without generating it

With --keep the database is left behind (SQLite: a file in /dev/shm or the temporary
directory named after --count; PostgreSQL: "<name>_search_bench_<count>"); --reuse runs
`migrate` on it (so new migrations apply) and skips the postcodes and the listings.

For each database: a new, empty database (a temporary SQLite file; on PostgreSQL a
database "<name>_search_bench" beside DATABASE_URL's, dropped afterwards), `migrate`, the
Great Britain postcode districts (`import_postcodes`, when ../shared/data/postcodes/ is
there), `generate_listings --count N --no-index` (live listings spread over the districts),
then in a separate process with the site's settings and DEBUG off:

- the index build: `DatabaseBackend.rebuild()` (what `rebuild_search_index` runs), then
  on PostgreSQL `VACUUM ANALYZE` and `CHECKPOINT`, as the database is minutes later
  (--no-settle measures straight after the rebuild);
- server time, p50, p95 and the worst over --queries runs, each run a different query:
  (a) a keyword only (with facet counts, as the search page asks);
  (b) keyword + need + the child's age + within 5 miles of a postcode, sorted by
      distance, with facet counts (the issue's target: p95 under 150 ms on PostgreSQL);
  (c) the Open Referral UK /api/oruk/services page (in-process, Django's test client);
  plus (d) browsing with no words and no filters, with facets;
- requests per second for (b) as a page, /services/?q=...&need=...&age=...&postcode=...,
  from gunicorn (2 sync workers) on 127.0.0.1 with 4 client threads, for --http-seconds
  or --http-requests, whichever ends first.

Loops are bounded, traffic stays on 127.0.0.1, nothing is asserted: figures are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DISTRICTS_CSV = ROOT.parent / "shared" / "data" / "postcodes"
KEYWORDS = [
    "swimming",
    "speech therapy",
    "autism",
    "holiday club",
    "music",
    "tutoring",
    "short breaks",
    "parent support",
    "football",
    "sensory play",
    "occupational therapy",
    "counselling",
    "climbing",
    "youth club",
    "childcare",
    "physio",
    "drama",
    "art",
    "trampolining",
    "sleep",
]


# --- the orchestrator -----------------------------------------------------------------------


def districts_file(folder: Path = DISTRICTS_CSV) -> Path | None:
    files = sorted(folder.glob("*.csv")) if folder.is_dir() else []
    return files[0] if files else None


@contextmanager
def fresh_database(vendor: str) -> Iterator[tuple[str, bool, Callable[[], None]]]:
    """A new, empty database, dropped afterwards (bench/demo_site.py)."""
    from bench.demo_site import bench_database

    with bench_database(vendor, suffix="search_bench") as url:
        yield url, False, lambda: None


@contextmanager
def kept_database(
    vendor: str, count: int, *, reuse: bool
) -> Iterator[tuple[str, bool, Callable[[], None]]]:
    """(DATABASE_URL, whether it already holds the listings) of a database that outlives
    the run, named after the listing count so that runs of different sizes never mix.

    Without `reuse` it starts empty. A database is marked filled only once its listings
    are generated (a SQLite file or PostgreSQL comment), so a run killed half-way through
    generating is not reused."""
    from bench.demo_site import _is_postgres, _pg_connect, _with_database_name

    if vendor == "sqlite":
        tmp = "/dev/shm" if os.access("/dev/shm", os.W_OK) else tempfile.gettempdir()  # noqa: S108
        path = Path(tmp) / f"localoffer-search_bench-{count}.sqlite3"
        marker = path.with_suffix(".filled")
        if not (reuse and marker.exists()):
            path.unlink(missing_ok=True)
            marker.unlink(missing_ok=True)
        yield f"sqlite:///{path}", marker.exists(), marker.touch
        return
    base_url = os.environ.get("DATABASE_URL", "")
    if not _is_postgres(base_url):
        raise RuntimeError("set DATABASE_URL to a PostgreSQL server")
    from psycopg import sql

    stem = urllib.parse.urlsplit(base_url).path.lstrip("/") or "localoffer"
    name = f"{stem}_search_bench_{count}"
    ident = sql.Identifier(name)
    with _pg_connect(base_url) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [name],
        ).fetchone()
        filled = bool(reuse and row and row[0] == "filled")
        if not filled:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(ident))
            conn.execute(sql.SQL("CREATE DATABASE {}").format(ident))

    def mark_filled() -> None:
        with _pg_connect(base_url) as conn:
            conn.execute(sql.SQL("COMMENT ON DATABASE {} IS 'filled'").format(ident))

    yield _with_database_name(base_url, name), filled, mark_filled


def run_worker(env: dict[str, str], queries: int, *, settle: bool) -> dict:
    result = subprocess.run(
        [
            sys.executable,
            str(Path(__file__).resolve()),
            "--worker",
            f"--queries={queries}",
            *([] if settle else ["--no-settle"]),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"worker failed:\n{result.stdout[-4000:]}\n{result.stderr[-8000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def requests_per_second(base_url: str, paths: list[str], *, seconds: float, limit: int) -> dict:
    """Bounded load on 127.0.0.1: 4 threads, until `seconds` pass or `limit` requests."""
    lock = threading.Lock()
    state = {"sent": 0, "ok": 0, "errors": 0}
    latencies: list[float] = []
    deadline = time.monotonic() + seconds

    def client(offset: int) -> None:
        n = offset
        while time.monotonic() < deadline:
            with lock:
                if state["sent"] >= limit:
                    return
                state["sent"] += 1
            path = paths[n % len(paths)]
            n += 4
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(base_url + path, timeout=30) as response:
                    response.read()
                    ok = response.status == 200
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                ok = False
            with lock:
                state["ok" if ok else "errors"] += 1
                latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {
        "requests": state["ok"],
        "errors": state["errors"],
        "seconds": elapsed,
        "rps": state["ok"] / elapsed if elapsed else 0.0,
        "p50_ms": percentile(latencies, 50) * 1000 if latencies else None,
        "p95_ms": percentile(latencies, 95) * 1000 if latencies else None,
    }


def bench_vendor(vendor: str, args) -> None:
    from bench.demo_site import serve, site_environment, timed_manage

    print(f"\n== {vendor}: {args.count:,} published services", flush=True)
    database = (
        kept_database(vendor, args.count, reuse=args.reuse)
        if args.keep or args.reuse
        else fresh_database(vendor)
    )
    with database as (url, filled, mark_filled), tempfile.TemporaryDirectory() as work:
        env = site_environment(database_url=url, media_root=str(Path(work) / "media"))
        # The development settings with DEBUG off, whatever localoffer.settings.dev says.
        (Path(work) / "search_bench_settings.py").write_text(
            "from localoffer.settings.dev import *  # noqa: F403\nDEBUG = False\n"
        )
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [work, str(ROOT), env.get("PYTHONPATH")]))
        env["DJANGO_SETTINGS_MODULE"] = "search_bench_settings"
        print(
            f"migrate                      {timed_manage('migrate', '--no-input', env=env):8.1f} s"
        )
        csv = districts_file(args.postcodes)
        if filled:
            print("import_postcodes, generate_listings: reused")
        else:
            if csv is not None:
                seconds = timed_manage("import_postcodes", str(csv), "--verbosity=0", env=env)
                print(f"import_postcodes             {seconds:8.1f} s  ({csv.name})")
            # The same districts as the gazetteer, so that (b) can locate every listing.
            seconds = timed_manage(
                "generate_listings",
                f"--count={args.count}",
                "--no-index",
                "--verbosity=0",
                *([f"--postcodes={csv}"] if csv is not None else []),
                env=env,
            )
            print(f"generate_listings            {seconds:8.1f} s")
            mark_filled()
        figures = run_worker(env, args.queries, settle=not args.no_settle)
        rate = figures["indexed"] / figures["rebuild_s"]
        print(
            f"index build (rebuild)        {figures['rebuild_s']:8.1f} s  "
            f"({figures['indexed']:,} services, {rate:,.0f} per second)"
        )
        if "settle_s" in figures:
            print(f"VACUUM ANALYZE, CHECKPOINT   {figures['settle_s']:8.1f} s")
        for key, label in (
            ("a", "(a) keyword only"),
            ("b", "(b) kw+need+age+5mi+dist"),
            ("c", "(c) ORUK /services"),
            ("d", "(d) browse, facets"),
        ):
            figure = figures.get(key)
            if figure is None:
                print(f"{label:28} not available ({figures.get(key + '_why', '')})")
            else:
                print(
                    f"{label:28} p50 {figure['p50_ms']:7.1f} ms   p95 {figure['p95_ms']:7.1f} ms"
                    f"   worst {figure.get('max_ms', 0):7.1f} ms"
                    f"   ({figure['runs']} runs, {figure['mean_results']:,.0f} results on average)"
                )
        paths = figures.get("http_paths") or []
        if not paths:
            print(f"(b) over HTTP                not measured: {figures.get('http_why', '')}")
            return
        log = Path(work) / "gunicorn.log"
        with serve(env=env, workers=2, log_path=log) as base_url:
            requests_per_second(base_url, paths[:8], seconds=3, limit=40)  # warm both workers
            rps = requests_per_second(
                base_url, paths, seconds=args.http_seconds, limit=args.http_requests
            )
        print(
            f"(b) over HTTP (gunicorn x2)  {rps['rps']:7.1f} requests/s   "
            f"p50 {rps['p50_ms']:.0f} ms   p95 {rps['p95_ms']:.0f} ms   "
            f"({rps['requests']} ok, {rps['errors']} errors in {rps['seconds']:.0f} s, 4 clients)"
        )


# --- the worker: in-process measurements with the site's settings ----------------------------


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[int(pct) - 1]


def measure(run, count: int) -> dict:
    for i in range(min(5, count)):  # warm caches (synonyms, taxonomy, PostgreSQL buffers)
        run(i)
    timings, sizes = [], []
    for i in range(count):
        started = time.perf_counter()
        size = run(i)
        timings.append(time.perf_counter() - started)
        sizes.append(size)
    return {
        "runs": count,
        "p50_ms": percentile(timings, 50) * 1000,
        "p95_ms": percentile(timings, 95) * 1000,
        "max_ms": max(timings) * 1000,
        "mean_results": statistics.fmean(sizes),
    }


def worker(queries: int, *, settle: bool) -> None:
    import random

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.urls import Resolver404, resolve

    from providers.models import ServicePage
    from search.backends import get_backend
    from search.backends.base import SearchQuery, Sort
    from search.gazetteer import PostcodeError, locate
    from search.indexing import live_service_ids

    settings.DEBUG = False  # no query log: measure what a council serves
    out: dict = {}
    backend = get_backend()
    total = len(live_service_ids())
    started = time.perf_counter()
    out["indexed"] = backend.rebuild()
    out["rebuild_s"] = time.perf_counter() - started
    if connection.vendor == "postgresql" and settle:
        # As the database is minutes after a rebuild (autovacuum, the checkpointer): the
        # rebuild leaves two dead versions of every row and 300 MB of dirty buffers, and
        # searching in the middle of writing them out measured twice as slow.
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
            cursor.execute("CHECKPOINT")
        out["settle_s"] = time.perf_counter() - started
    out["published"] = total

    # Questions families would ask, made from real listings so most have answers: a word
    # of a service's name, one of its needs, an age it takes and its postcode district,
    # located through the gazetteer as the search form does.
    hot_specs = []
    sample = (
        ServicePage.objects.live()
        .filter(needs__isnull=False, locations__isnull=False)
        .distinct()
        .order_by("pk")
        .prefetch_related("needs", "locations")
    )
    step = max(1, sample.count() // (queries * 2))
    for service in sample[::step][: queries * 2]:
        words = [w for w in service.title.replace("'", " ").split() if len(w) > 4]
        location = service.locations.all()[0]
        try:
            point = locate(location.postcode.split(" ")[0])
        except PostcodeError:
            continue
        hot_specs.append(
            (
                max(words, key=len) if words else service.title.split()[0],
                service.needs.all()[0].slug,
                (service.min_age_months + service.max_age_months) // 24,
                location.postcode.split(" ")[0],
                point,
            )
        )
    rng = random.Random(7)
    rng.shuffle(hot_specs)
    places = hot_specs

    def keyword(i: int) -> int:
        return backend.search(SearchQuery(text=KEYWORDS[i % len(KEYWORDS)])).total

    def hot_query(i: int) -> SearchQuery:
        text, need, age, _, point = hot_specs[i % len(hot_specs)]
        return SearchQuery(
            text=text,
            needs=(need,),
            age_years=age,
            near=point,
            radius_miles=5,
            sort=Sort.DISTANCE,
        )

    def hot(i: int) -> int:
        return backend.search(hot_query(i)).total

    def browse(i: int) -> int:
        return backend.search(SearchQuery(page=1 + i % 5)).total

    out["a"] = measure(keyword, queries)
    if places:
        out["b"] = measure(hot, queries)
    else:
        out["b_why"] = "no postcode in the gazetteer"
    out["d"] = measure(browse, max(10, queries // 4))

    # The API's per-client rate limit would answer 429 to a benchmark: switch it off.
    settings.ORUK_RATE_LIMIT = 0
    client = Client(SERVER_NAME="127.0.0.1")
    try:
        resolve("/api/oruk/services")
        available = True
    except Resolver404:
        available = False
    if available:

        def oruk(i: int) -> int:
            response = client.get("/api/oruk/services", {"page": 1 + i % 20, "per_page": 50})
            if response.status_code != 200:
                raise RuntimeError(f"/api/oruk/services answered {response.status_code}")
            return int(response.json().get("total_items", 0))

        out["c"] = measure(oruk, queries)
    else:
        out["c_why"] = "no /api/oruk/services"

    try:
        match = resolve("/services/")
        page_searches = match.func.__module__.startswith("search")
    except Resolver404:
        page_searches = False
    if page_searches and places:
        paths = []
        for i in range(200):
            query = hot_query(i)
            params = {
                "q": query.text,
                "need": query.needs[0],
                "age": str(query.age_years),
                "postcode": hot_specs[i % len(hot_specs)][3],
                "radius": "5",
                "sort": "distance",
            }
            paths.append("/services/?" + urllib.parse.urlencode(params))
        status = client.get(paths[0]).status_code
        if status == 200:
            out["http_paths"] = paths
        else:
            out["http_why"] = f"/services/ answered {status}"
    else:
        out["http_why"] = "the search page at /services/ is not there yet"
    print(json.dumps(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=50_000)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--queries", type=int, default=200, help="runs per query kind")
    parser.add_argument("--http-seconds", type=float, default=20)
    parser.add_argument("--http-requests", type=int, default=5000)
    parser.add_argument(
        "--keep", action="store_true", help="keep the generated database for --reuse"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure a database kept by --keep (same --count) instead of generating one",
    )
    parser.add_argument(
        "--postcodes",
        type=Path,
        default=DISTRICTS_CSV,
        help="folder of the postcode districts CSV (default ../shared/data/postcodes)",
    )
    parser.add_argument(
        "--no-settle",
        action="store_true",
        help="PostgreSQL: measure straight after the rebuild, without VACUUM ANALYZE "
        "and CHECKPOINT first",
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.queries, settle=not args.no_settle)
        return
    for vendor in [name.strip() for name in args.databases.split(",") if name.strip()]:
        try:
            bench_vendor(vendor, args)
        except RuntimeError as error:
            print(f"{vendor}: skipped: {error}")


if __name__ == "__main__":
    main()
