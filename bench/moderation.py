"""Submission cycles and moderation at scale: cycle steps, the moderators' pages, the dashboard.

    .venv/bin/python bench/moderation.py                          # SQLite, and PostgreSQL if
    DATABASE_URL=postgres://.../lo_bench .venv/bin/python bench/moderation.py  # DATABASE_URL
    .venv/bin/python bench/moderation.py --databases sqlite --count 1000  # a quick look

For each database: a new, empty database (a temporary SQLite file; on PostgreSQL a
database "<name>_moderation_bench" beside DATABASE_URL's, dropped afterwards), `migrate`,
`generate_listings --no-index` twice (N - 25 live listings, 20 per organisation, then one
organisation of 25: the provider's dashboard). Then each step runs in its own process with
the development settings, DEBUG off and a locmem email backend (nothing is printed or
sent), so each step's peak memory is its own and each starts cold, as the daily
`run_submission_cycles` job does:

1. prepare: the roles, a moderator with an authenticator app, --members people per
   organisation (the first an admin), three scheduled cycles, then M listings edited
   (a revision each) and submitted through `submit_for_review` (waiting: no cycle is
   open), and 5 problem reports on the dashboard's organisation;
2. `open_cycle` of cycle 1: the M waiting submissions join it; every member is emailed a
   confirmation link per listing;
3. the pages, with Django's test client, signed in with `force_login`: the moderation
   queue (p50/p95 over --requests, its first page of 50 rows, and one organisation's
   rows to compare the query count), one submission's review page, the figures page,
   the admin home of a provider admin (25 listings, and 20 to compare) and of the
   moderator;
4. `close_cycle` of cycle 1 (nothing flagged yet), then open and close cycles 2 (listings
   missed twice are flagged, members warned) and 3 (missed three times: unpublished one by
   one with Wagtail's unpublish, members told). The M listings with a change waiting for
   a moderator count as checked, so they are never flagged.

Each step prints wall time, SQL statements (counted with an execute wrapper, which keeps
no SQL text), emails produced, peak RSS of the step's process and the growth over what it
held before the step. Statements run 20 times or more in one step (5 in one page request)
are listed under the tables: a count that follows the number of rows is an N+1.

Loops are bounded, nothing leaves 127.0.0.1, nothing is asserted: figures are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DASHBOARD_LISTINGS = 25
REPORTS = 5
MODERATOR_EMAIL = "moderator@bench.example"
# The authenticator app's secret (base32) council staff must have before the admin opens.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - a throwaway database
CYCLES = ("Bench cycle 1", "Bench cycle 2", "Bench cycle 3")
STEPS = ("prepare", "open:1", "pages", "close:1", "open:2", "close:2", "open:3", "close:3")
REPEATED = 20  # list a statement run this many times or more in one step
PAGE_REPEATED = 5  # or in one request for a page


# --- the orchestrator -----------------------------------------------------------------------


def run_step(step: str, env: dict[str, str], args) -> dict:
    result = subprocess.run(
        [
            sys.executable,
            str(Path(__file__).resolve()),
            f"--worker={step}",
            f"--submissions={args.submissions}",
            f"--members={args.members}",
            f"--requests={args.requests}",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=4 * 3600,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"step {step} failed:\n{result.stdout[-4000:]}\n{result.stderr[-8000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _mb(kib: float) -> str:
    return f"{kib / 1024:,.0f}"


def _step_row(label: str, figure: dict, per: int | None = None) -> str:
    per_item = ""
    if per:
        per_item = (
            f"{figure['seconds'] * 1000 / per:7.1f} ms {figure['queries'] / per:6.1f} q"
            f"  per {per:,}"
        )
    return (
        f"{label:34} {figure['seconds']:8.1f} s {figure['queries']:9,} {figure['emails']:7,}"
        f" {_mb(figure['peak_rss_kib']):>6} MB (+{_mb(figure['growth_kib'])})  {per_item}"
    )


def _page_row(label: str, figure: dict) -> str:
    return (
        f"{label:34} {figure['p50_ms']:7.1f} {figure['p95_ms']:7.1f} ms"
        f" {figure['queries_first']:6} / {figure['queries']:<4} {figure['rows'] or '':>5}"
        f"   ({figure['runs']} runs)"
    )


def bench_vendor(vendor: str, args) -> None:
    from bench.demo_site import bench_database, site_environment, timed_manage

    print(
        f"\n== {vendor}: {args.count:,} live listings, {args.submissions:,} submissions", flush=True
    )
    repeated: list[str] = []
    with (
        bench_database(vendor, suffix="moderation_bench") as url,
        tempfile.TemporaryDirectory() as work,
    ):
        env = site_environment(database_url=url, media_root=str(Path(work) / "media"))
        # The development settings with DEBUG off, whatever localoffer.settings.dev says,
        # and emails kept in memory: opening a cycle writes one per provider.
        (Path(work) / "moderation_bench_settings.py").write_text(
            "from localoffer.settings.dev import *  # noqa: F403\n"
            "DEBUG = False\n"
            'MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}\n'
        )
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [work, str(ROOT), env.get("PYTHONPATH")]))
        env["DJANGO_SETTINGS_MODULE"] = "moderation_bench_settings"
        seconds = timed_manage("migrate", "--no-input", env=env)
        print(f"{'migrate':34} {seconds:8.1f} s")
        bulk = max(0, args.count - DASHBOARD_LISTINGS)
        seconds = 0.0
        if bulk:
            seconds += timed_manage(
                "generate_listings", f"--count={bulk}", "--no-index", "--verbosity=0", env=env
            )
        seconds += timed_manage(
            "generate_listings",
            f"--count={DASHBOARD_LISTINGS}",
            f"--per-organisation={DASHBOARD_LISTINGS}",
            "--seed=2",
            "--no-index",
            "--verbosity=0",
            env=env,
        )
        print(f"{'generate_listings':34} {seconds:8.1f} s")

        prepared = run_step("prepare", env, args)
        print(
            f"setup: {prepared['organisations']:,} organisations, {prepared['members']:,} members "
            f"in {prepared['members_s']:.1f} s; {prepared['submitted']:,} listings edited "
            f"and submitted (waiting)"
        )
        print(
            f"\n{'step':34} {'wall':>10} {'queries':>9} {'emails':>7} {'peak RSS':>9}"
            f" (+growth)   per listing"
        )
        m = prepared["submitted"]
        print(_step_row("save_revision (edit a listing)", prepared["revise"], m))
        print(_step_row("submit_for_review", prepared["submit"], m))
        repeated += _repeats("prepare", prepared)

        results: dict[str, dict] = {}
        for step in STEPS[1:]:
            results[step] = run_step(step, env, args)
            repeated += _repeats(step, results[step])
            if step == "pages":
                continue
            figure = results[step]["step"]
            kind, number = step.split(":")
            # Per listing unpublished or flagged by a close, per live listing for an opening.
            per = (
                (figure["unpublished"] or figure["flagged"])
                if kind == "close"
                else figure["listings"]
            )
            print(_step_row(f"{kind}_cycle {number}", figure, per or None))
            for note in figure.get("notes", []):
                print(f"    {note}")

        pages = results["pages"]
        print(f"\n{'page (signed in)':34} {'p50':>7} {'p95':>7}    queries 1st/rep  rows")
        for key, label in (
            ("queue", "/admin/moderation/ (queue)"),
            ("queue_one_org", "  same, one organisation"),
            ("review", "/admin/moderation/review/<id>/"),
            ("figures", "/admin/moderation/figures/"),
            ("provider_home", f"/admin/ provider, {DASHBOARD_LISTINGS} listings"),
            ("provider_home_20", "/admin/ provider, 20 listings"),
            ("moderator_home", "/admin/ moderator"),
        ):
            print(_page_row(label, pages[key]))
    if repeated:
        print(
            f"\nstatements run {REPEATED} times or more in a step, {PAGE_REPEATED} in a page "
            "request (count, step, SQL):"
        )
        for line in repeated:
            print(line)


def _repeats(step: str, figures: dict) -> list[str]:
    lines = []
    for name, figure in figures.items():
        if isinstance(figure, dict) and "repeated" in figure:
            for count, sql in figure["repeated"]:
                lines.append(f"  {count:7,}  {step}/{name}: {sql}")
    return lines


# --- the worker: one step, in-process, with the site's settings ------------------------------


class StatementCounter:
    """Counts statements by their SQL (with placeholders), without keeping the queries.

    Django's CaptureQueriesContext keeps at most 9,000 queries with their SQL: a cycle of
    thousands of listings runs more than that.
    """

    def __init__(self) -> None:
        self.statements: Counter[str] = Counter()

    def __call__(self, execute, sql, params, many, context):
        self.statements[sql] += 1
        return execute(sql, params, many, context)

    @property
    def total(self) -> int:
        return sum(self.statements.values())

    def repeated(self, at_least: int = REPEATED) -> list[tuple[int, str]]:
        return [
            (count, _short_sql(sql))
            for sql, count in self.statements.most_common(4)
            if count >= at_least
        ]


def _short_sql(sql: str) -> str:
    sql = re.sub(r"^SELECT .*? FROM ", "SELECT … FROM ", sql, flags=re.S)
    sql = re.sub(r"\((%s|\?)(, (%s|\?))+\)", "(…)", sql)
    sql = " ".join(sql.split())
    return sql if len(sql) <= 150 else sql[:149] + "…"


def _rss_kib() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def _outbox_size() -> int:
    from django.core import mail

    return len(getattr(mail, "outbox", []))


def measure_step(run) -> tuple[dict, object]:
    """Wall time, statements, emails and memory of one call (its on-commit emails included)."""
    from django.db import connection

    counter = StatementCounter()
    rss_before = _rss_kib()
    emails_before = _outbox_size()
    started = time.perf_counter()
    with connection.execute_wrapper(counter):
        value = run()
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return (
        {
            "seconds": seconds,
            "queries": counter.total,
            "emails": _outbox_size() - emails_before,
            "peak_rss_kib": peak,
            "growth_kib": max(0, peak - rss_before),
            "repeated": counter.repeated(),
        },
        value,
    )


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[int(pct) - 1]


def _cycle(number: int):
    from providers.moderation.models import SubmissionCycle

    return SubmissionCycle.objects.get(name=CYCLES[number - 1])


def _organisation_members() -> dict[str, list]:
    """{organisation path: its bench members, admin first}."""
    from django.contrib.auth import get_user_model

    members: dict[str, list] = {}
    for user in (
        get_user_model().objects.filter(email__endswith="@org.bench.example").order_by("pk")
    ):
        members.setdefault(user.last_name, []).append(user)
    return members


def prepare(submissions: int, members_per_organisation: int) -> dict:
    import datetime as dt

    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from localoffer.accounts.services import set_up_authenticator_app
    from localoffer.models import HomePage
    from localoffer.roles import MODERATORS, ensure_roles
    from providers.models import OrganisationIndexPage, OrganisationPage, ServicePage
    from providers.moderation.reports.enums import ReportKind
    from providers.moderation.reports.services import submit_report
    from providers.moderation.services import schedule_cycle, submit_for_review
    from providers.organisations.access import grant_organisation_access

    user_model = get_user_model()
    out: dict = {}
    groups = ensure_roles(
        home_pages=HomePage.objects.all(), directory_roots=OrganisationIndexPage.objects.all()
    )
    moderator = user_model.objects.create(
        email=MODERATOR_EMAIL,
        first_name="Bench",
        last_name="Moderator",
        password=make_password(None),
    )
    moderator.groups.add(groups[MODERATORS])
    set_up_authenticator_app(user=moderator, secret=TOTP_SECRET)

    # People who keep each organisation's listings: they are who the cycle emails. No
    # passwords (hashing one takes a third of a second; force_login needs none). The
    # organisation's path is kept in last_name to find them again in the other steps.
    started = time.perf_counter()
    organisations = list(OrganisationPage.objects.order_by("path"))
    users = user_model.objects.bulk_create(
        [
            user_model(
                email=f"o{organisation.pk}-{n}@org.bench.example",
                first_name="Admin" if n == 0 else f"Member {n}",
                last_name=organisation.path,
                password=make_password(None),
            )
            for organisation in organisations
            for n in range(members_per_organisation)
        ]
    )
    if not all(user.pk for user in users):  # SQLite before 3.35 returns no ids
        users = list(user_model.objects.filter(email__endswith="@org.bench.example"))
    by_path = {organisation.path: organisation for organisation in organisations}
    for user in users:
        grant_organisation_access(
            organisation=by_path[user.last_name], user=user, admin=user.first_name == "Admin"
        )
    out["members_s"] = time.perf_counter() - started
    out["organisations"] = len(organisations)
    out["members"] = len(users)

    today = timezone.localdate()
    for number, name in enumerate(CYCLES):
        opens_on = today + dt.timedelta(days=3 * number)
        schedule_cycle(
            name=name,
            opens_on=opens_on,
            deadline=opens_on + dt.timedelta(days=1),
            review_by=opens_on + dt.timedelta(days=2),
            user=moderator,
        )

    # M listings spread over the directory, each edited by its organisation's admin (a new
    # revision) and submitted. No cycle is open, so they wait for the next one.
    members = _organisation_members()
    ids = list(ServicePage.objects.live().order_by("pk").values_list("pk", flat=True))
    step = max(1, len(ids) // max(1, submissions))
    sample = ids[::step][:submissions]
    steplen = ServicePage.steplen

    def revise() -> list:
        revised = []
        for page in ServicePage.objects.filter(pk__in=sample).order_by("pk"):
            editor = members[page.path[:-steplen]][0]
            page.title = f"{page.title} (new opening times)"
            page.save_revision(user=editor)
            revised.append((page.pk, editor))
        return revised

    out["revise"], revised = measure_step(revise)

    def submit() -> int:
        from wagtail.models import Page

        for page_id, editor in revised:
            submit_for_review(
                page=Page.objects.get(pk=page_id),
                user=editor,
                note="Our opening times change next term.",
            )
        return len(revised)

    out["submit"], out["submitted"] = measure_step(submit)

    dashboard = OrganisationPage.objects.filter(numchild=DASHBOARD_LISTINGS).order_by("pk").last()
    for page in ServicePage.objects.child_of(dashboard).live().order_by("pk")[:REPORTS]:
        submit_report(
            page=page,
            kind=ReportKind.WRONG_DETAILS,
            details="The phone number on the listing is no longer answered.",
            name="A parent",
            email="parent@family.bench.example",
        )
    return out


def cycle_step(kind: str, number: int) -> dict:
    from providers.models import ServicePage
    from providers.moderation.freshness.models import ListingFreshness
    from providers.moderation.services import close_cycle, open_cycle

    notes: list[str] = []

    class Collect:
        """A progress reporter (providers.moderation.progress) that keeps the notes."""

        @contextmanager
        def bar(self, description, total):
            yield lambda n=1: None

        def note(self, message):
            notes.append(message)

    cycle = _cycle(number)
    live_before = ServicePage.objects.live().count()
    flagged_before = ListingFreshness.objects.flagged().count()
    # As the daily job runs it (user=None). Opening sends the confirmation requests as a
    # task once it commits (the immediate backend runs it then, inside the measurement).
    if kind == "open":
        figure, _ = measure_step(lambda: open_cycle(cycle=cycle))
    else:
        figure, _ = measure_step(lambda: close_cycle(cycle=cycle, progress=Collect()))
    figure["notes"] = notes
    figure["listings"] = live_before
    figure["unpublished"] = live_before - ServicePage.objects.live().count()
    figure["flagged"] = max(0, ListingFreshness.objects.flagged().count() - flagged_before)
    return {"step": figure}


def pages(requests: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from providers.models import OrganisationPage
    from providers.moderation.enums import SubmissionStatus
    from providers.moderation.models import Submission

    user_model = get_user_model()
    moderator = user_model.objects.get(email=MODERATOR_EMAIL)
    members = _organisation_members()
    dashboard = OrganisationPage.objects.filter(numchild=DASHBOARD_LISTINGS).order_by("pk").last()
    of_twenty = OrganisationPage.objects.filter(numchild=20).order_by("pk").first()
    in_review = Submission.objects.filter(status=SubmissionStatus.IN_REVIEW)
    fewest = in_review.values_list("organisation_id", flat=True).order_by("organisation_id").first()
    one = in_review.order_by("submitted_at", "pk").first()

    def measure(user, path: str, runs: int) -> dict:
        client = Client(SERVER_NAME="127.0.0.1")
        client.force_login(user)
        counts, timings = [], []
        counter = StatementCounter()
        for i in range(3 + runs):  # the first three warm caches and are not timed
            counter = StatementCounter()
            started = time.perf_counter()
            with connection.execute_wrapper(counter):
                response = client.get(path)
            elapsed = time.perf_counter() - started
            if response.status_code != 200:
                raise RuntimeError(
                    f"{path} answered {response.status_code} {response.get('Location', '')}"
                )
            counts.append(counter.total)
            if i >= 3:
                timings.append(elapsed)
        text = response.content.decode()
        return {
            "runs": runs,
            "p50_ms": percentile(timings, 50) * 1000,
            "p95_ms": percentile(timings, 95) * 1000,
            "queries_first": counts[0],
            "queries": counts[-1],
            "rows": len(set(re.findall(r"/admin/moderation/review/(\d+)/", text)))
            or len(set(re.findall(r"/admin/pages/(\d+)/edit/", text))),
            "repeated": counter.repeated(PAGE_REPEATED),
        }

    fewer = max(5, requests // 3)
    return {
        "queue": measure(moderator, "/admin/moderation/", requests),
        "queue_one_org": measure(moderator, f"/admin/moderation/?organisation={fewest}", fewer),
        "review": measure(moderator, f"/admin/moderation/review/{one.pk}/", requests),
        "figures": measure(moderator, "/admin/moderation/figures/", requests),
        "provider_home": measure(members[dashboard.path][0], "/admin/", requests),
        "provider_home_20": measure(members[of_twenty.path][0], "/admin/", fewer),
        "moderator_home": measure(moderator, "/admin/", fewer),
    }


def worker(step: str, args) -> None:
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False  # no query log: measure what a council runs
    if step == "prepare":
        out = prepare(args.submissions, args.members)
    elif step == "pages":
        out = pages(args.requests)
    else:
        kind, number = step.split(":")
        out = cycle_step(kind, int(number))
    print(json.dumps(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=5000, help="live listings (5,000)")
    parser.add_argument(
        "--submissions", type=int, default=500, help="listings submitted for review (500)"
    )
    parser.add_argument("--members", type=int, default=2, help="people per organisation (2)")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page (30)")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args)
        return
    for vendor in [name.strip() for name in args.databases.split(",") if name.strip()]:
        try:
            bench_vendor(vendor, args)
        except RuntimeError as error:
            print(f"{vendor}: skipped: {error}")


if __name__ == "__main__":
    main()
