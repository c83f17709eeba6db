"""How fast the public pages are, cached and not, and how many SQL queries each one makes.

    .venv/bin/python bench/pages.py [--requests 500] [--concurrency 4]

Builds a throwaway demo site (bench/demo_site.py: a temporary SQLite database, or a
"<name>_bench" database next to DATABASE_URL's PostgreSQL one) and serves it three times
with gunicorn (sync workers, DEBUG off), all sharing one file cache (production shares
Redis): with the full-page cache on (anonymous visitors); with it off, so that every
request renders as it does for a signed-in visitor, the parts of a page that are the same
for everyone coming from their fragments (PAGE_CACHE_SECONDS=0); and with nothing cached
at all, as right after a purge (PAGE_FRAGMENT_SECONDS=0 too).
For each page type it prints requests per second and p50/p95/p99/worst latency over a
fixed number of requests from each server, next to a trivial Django view (/healthz/)
measured in the same run: the ratio is what the page costs beyond Django and the machine.

A second, in-process pass counts the SQL queries of each page with Django's test client
against the same database, including a listing with 10 cost options, 10 locations and
10 pictures, created here, to show that the count does not grow with the rows shown.

Figures only: nothing is asserted about time. Everything stays on 127.0.0.1.
"""

import argparse
import http.client
import os
import re
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.demo_site import DemoSite, DemoSiteError, demo_site, serve  # noqa: E402

RICH_SLUG = "bench-listing-with-ten-of-everything"
RICH_ROWS = 10


# --- finding a page of each type, by following links as a visitor would -----------------


class _MainLinks(HTMLParser):
    """The paths of the links inside <main>."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.paths: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self.depth += 1
        elif tag == "a" and self.depth:
            href = dict(attrs).get("href") or ""
            if href.startswith("/"):
                self.paths.append(urlsplit(href).path)

    def handle_endtag(self, tag: str) -> None:
        if tag == "main" and self.depth:
            self.depth -= 1


def fetch(base_url: str, path: str) -> tuple[int, bytes]:
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def links_in_main(base_url: str, path: str, pattern: str) -> list[str]:
    status, body = fetch(base_url, path)
    if status != 200:
        raise DemoSiteError(f"{path} answered {status}")
    parser = _MainLinks()
    parser.feed(body.decode("utf-8", "replace"))
    return [link for link in dict.fromkeys(parser.paths) if re.fullmatch(pattern, link)]


def find_pages(base_url: str) -> dict[str, str]:
    """A page of each public type: the pages a visitor reaches from the home page."""
    information = links_in_main(base_url, "/personal-budgets/", r"/personal-budgets/[^/]+/")
    for category in links_in_main(base_url, "/services/", r"/services/category/[^/]+/"):
        listings = links_in_main(base_url, category, r"/providers/[^/]+/[^/]+/")
        if listings:
            break
    else:
        raise DemoSiteError("no category in the directory lists a service")
    organisation = listings[0].rstrip("/").rsplit("/", 1)[0] + "/"
    return {
        "trivial view": "/healthz/",
        "home": "/",
        "section": "/personal-budgets/",
        "information page": information[0],
        "category": category,
        "organisations": "/providers/",
        "organisation": organisation,
        "listing": listings[0],
        "you said, we did": "/you-said-we-did/",
    }


# --- the load test ---------------------------------------------------------------------


@dataclass
class LoadResult:
    requests: int
    errors: int
    seconds: float
    latencies: list[float]

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def load(
    base_url: str, path: str, *, requests: int, concurrency: int, time_limit: float
) -> LoadResult:
    """`requests` GETs of one path from `concurrency` threads, stopping early at the time limit.

    A new connection per request, as gunicorn's sync workers close each one anyway.
    """
    parts = urlsplit(base_url)
    lock = threading.Lock()
    issued = 0
    errors = 0
    latencies: list[float] = []
    deadline = time.monotonic() + time_limit

    def worker() -> None:
        nonlocal issued, errors
        while True:
            with lock:
                if issued >= requests or time.monotonic() > deadline:
                    return
                issued += 1
            started = time.perf_counter()
            try:
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                connection.close()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                errors += not ok

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return LoadResult(len(latencies), errors, time.perf_counter() - started, latencies)


# --- the in-process pass: queries per page ----------------------------------------------


def setup_django(site: DemoSite) -> None:
    os.environ.update(site.env)
    import django

    django.setup()


def make_rich_listing(listing_path: str) -> str:
    """A copy of a demo listing with RICH_ROWS cost options, locations and pictures."""
    from decimal import Decimal
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model
    from wagtail.models import Page

    from providers.models import (
        AccessibilityFeature,
        CostOption,
        ServiceImage,
        ServiceLocation,
        ServicePage,
    )

    listing = Page.objects.get(url_path__endswith=listing_path).specific
    assert isinstance(listing, ServicePage)
    existing = ServicePage.objects.filter(slug=RICH_SLUG).first()
    if existing:
        return existing.url
    rich = listing.copy(
        to=listing.get_parent(),
        update_attrs={"title": f"{listing.title} (benchmark copy)", "slug": RICH_SLUG},
        keep_live=True,
        log_action=None,
    )
    CostOption.objects.filter(service=rich).delete()
    ServiceLocation.objects.filter(service=rich).delete()
    ServiceImage.objects.filter(service=rich).delete()
    features = list(AccessibilityFeature.objects.all()[:3])
    Image = get_image_model()
    for index in range(RICH_ROWS):
        CostOption.objects.create(
            service=rich,
            sort_order=index,
            label=f"Option {index + 1}",
            amount=Decimal("12.50") + index,
            unit="session",
        )
        location = ServiceLocation(
            service=rich,
            sort_order=index,
            name=f"Venue {index + 1}",
            address_line_1=f"{index + 1} High Street",
            postcode="NB1 1AA",
        )
        location.save()
        location.accessibility.set(features)
        location.save()
        buffer = BytesIO()
        PILImage.new("RGB", (800, 600), (20 * index, 90, 160)).save(buffer, "PNG")
        image = Image(title=f"Benchmark picture {index + 1}")
        image.file = ImageFile(buffer, name=f"bench-{index + 1}.png")
        image.save()
        ServiceImage.objects.create(
            service=rich, sort_order=index, image=image, alt_text=f"Picture {index + 1}"
        )
    return rich.url


def rows_shown(base_url: str, path: str) -> str:
    """What the rich listing really shows, so its query count means something."""
    status, body = fetch(base_url, path)
    html = body.decode("utf-8", "replace")
    costs = len(set(re.findall(r"Option (\d+)", html)))
    venues = len(set(re.findall(r"Venue (\d+)", html)))
    pictures = len(set(re.findall(r'alt="Picture (\d+)"', html)))
    return f"{path} ({status}) shows {costs} cost options, {venues} locations, {pictures} pictures"


def count_queries(paths: dict[str, str]) -> dict[str, tuple[int, int, int, int]]:
    """Queries of a cold render, of a warm render (caches of navigation, sites, renditions
    filled) with nothing of the page cached, of a render whose fragments are cached (a
    signed-in visitor's) and of a page served from the page cache."""
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")

    def queries(path: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        if response.status_code != 200:
            raise DemoSiteError(f"{path} answered {response.status_code} in-process")
        return len(captured)

    counts: dict[str, tuple[int, int, int, int]] = {}
    for name, path in paths.items():
        with override_settings(PAGE_CACHE_SECONDS=0, PAGE_FRAGMENT_SECONDS=0):
            first, repeat = queries(path), queries(path)
        with override_settings(PAGE_CACHE_SECONDS=0, PAGE_FRAGMENT_SECONDS=600):
            queries(path)  # fragments stored
            fragments = queries(path)
        queries(path)  # stored
        counts[name] = (first, repeat, fragments, queries(path))
    return counts


# --- the report ------------------------------------------------------------------------


def print_load_table(title: str, results: dict[str, LoadResult], trivial: LoadResult) -> None:
    print(f"\n{title}")
    print(
        f"{'page':<22} {'requests':>8} {'errors':>6} {'req/s':>8} {'p50 ms':>7} "
        f"{'p95 ms':>7} {'p99 ms':>7} {'worst':>7} {'x trivial':>9}"
    )
    for name, result in {"trivial view": trivial, **results}.items():
        ratio = trivial.per_second / result.per_second if result.per_second else float("nan")
        worst = max(result.latencies, default=float("nan"))
        print(
            f"{name:<22} {result.requests:>8} {result.errors:>6} {result.per_second:>8.1f} "
            f"{result.percentile(0.50) * 1000:>7.1f} {result.percentile(0.95) * 1000:>7.1f} "
            f"{result.percentile(0.99) * 1000:>7.1f} {worst * 1000:>7.1f} {ratio:>9.1f}"
        )


def print_query_table(counts: dict[str, tuple[int, int, int, int]], paths: dict[str, str]) -> None:
    print(f"\n{'page':<22} {'queries: cold':>13} {'warm':>5} {'fragments':>9} {'cached':>7}  path")
    for name, (first, repeat, fragments, cached) in counts.items():
        print(f"{name:<22} {first:>13} {repeat:>5} {fragments:>9} {cached:>7}  {paths[name]}")


def measure(base_url: str, paths: dict[str, str], args: argparse.Namespace) -> dict:
    results: dict[str, LoadResult] = {}
    for name, path in paths.items():
        options = {"concurrency": args.concurrency, "time_limit": args.time_limit}
        load(base_url, path, requests=args.warmup, **options)
        results[name] = load(base_url, path, requests=args.requests, **options)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=500, help="per page (default 500)")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads (default 4)")
    parser.add_argument("--warmup", type=int, default=20, help="unmeasured requests per page")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument(
        "--time-limit", type=float, default=120, help="seconds at most per page (default 120)"
    )
    args = parser.parse_args()

    started = time.monotonic()
    print("Building the demo site (migrate, load_demo) and starting gunicorn...", flush=True)
    try:
        with ExitStack() as stack:
            cache_dir = stack.enter_context(tempfile.TemporaryDirectory(prefix="pagecache-"))
            shared_cache = {"CACHE_URL": f"filecache://{cache_dir}", "PAGE_CACHE_SECONDS": "600"}
            site = stack.enter_context(
                demo_site(suffix="bench", workers=args.workers, extra_env=shared_cache)
            )
            # Both with the page cache off; the first keeps fragments, the second nothing.
            uncached_url, cold_url = (
                stack.enter_context(
                    serve(
                        env={**site.env, "PAGE_CACHE_SECONDS": "0", "PAGE_FRAGMENT_SECONDS": kept},
                        workers=args.workers,
                        log_path=site.log_path.with_name(f"gunicorn-{name}.log"),
                    )
                )
                for name, kept in (("uncached", "600"), ("cold", "0"))
            )
            print(f"Ready in {time.monotonic() - started:.0f} s at {site.base_url}", flush=True)
            paths = find_pages(site.base_url)
            setup_django(site)
            paths["listing, 10 of each"] = make_rich_listing(paths["listing"])

            pages = {name: path for name, path in paths.items() if name != "trivial view"}
            trivial = {"trivial view": paths["trivial view"]}
            print(
                "  the trivial view, then each page with nothing cached, uncached, then cached",
                flush=True,
            )
            trivial_result = measure(site.base_url, trivial, args)["trivial view"]
            cold = measure(cold_url, pages, args)
            uncached = measure(uncached_url, pages, args)
            cached = measure(site.base_url, pages, args)
            counts = count_queries(paths)
            shown = rows_shown(site.base_url, paths["listing, 10 of each"])

            from django.db import connections

            connections.close_all()
    except DemoSiteError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1

    print(
        f"\n{args.requests} requests per page after {args.warmup} unmeasured, "
        f"{args.concurrency} client threads, gunicorn with {args.workers} sync workers, "
        f"{os.cpu_count()} CPUs, database {site.env['DATABASE_URL'].split(':', 1)[0]}, "
        f"load average {' '.join(f'{load:.2f}' for load in os.getloadavg())} at the end."
    )
    print_load_table(
        "Nothing cached (PAGE_CACHE_SECONDS=0, PAGE_FRAGMENT_SECONDS=0: every part of every "
        "request renders, as right after a purge)",
        cold,
        trivial_result,
    )
    print_load_table(
        "Uncached (PAGE_CACHE_SECONDS=0: every request renders, as for a signed-in visitor; "
        "the parts that are the same for everyone come from their fragments)",
        uncached,
        trivial_result,
    )
    print_load_table(
        "Cached (anonymous visitors, served from the page cache)", cached, trivial_result
    )
    print("x trivial: how many trivial-view requests the server answers in the time of one.")
    print_query_table(counts, paths)
    print(f"\nThe listing with {RICH_ROWS} of each: {shown}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
