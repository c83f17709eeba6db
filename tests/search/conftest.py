"""Fixtures for the search tests: backends to run the contract against, and a small directory.

    search_backend   each backend in BACKENDS, as a parametrised fixture: the database
                     backend always (twice: facets counted from the rows' facet keys,
                     as for most searches, and in one pass in Python over every
                     candidate, as with a radius, with only a lead ranked, as for
                     broad keywords at scale);
                     Elasticsearch against `elasticsearch_server` (skipped with the
                     reason when there is none)
    elasticsearch_server
                     the server of the Elasticsearch leg, once per test process: the one
                     at ELASTICSEARCH_URL when that is set (a real Elasticsearch), else
                     an osmem-server the suite starts on a free 127.0.0.1 port and stops
                     at the end (in memory, nothing written to disk; each xdist worker
                     starts its own)
    make_service     make_service(title=..., ...) -> a published ServicePage with the cost
                     options, locations and schedules asked for (see ServiceSpec)

Helpers:
    miles_north(n)   a point n miles north of ORIGIN, for distance tests
    backend_settings(request, path)
                     the settings that point a backend at the leg's server

Marker:
    needs_real_elasticsearch(reason=...)
                     the test depends on what osmem-server does not model (text
                     analysis, synonyms): skipped on its Elasticsearch leg when that runs
                     against osmem-server, run when ELASTICSEARCH_URL names a real server
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils.module_loading import import_string

from providers.enums import CostUnit, ScheduleKind, SchedulePeriod
from providers.models import CostOption, ServiceLocation, ServicePage, ServiceSchedule
from search.backends import get_backend
from search.backends.base import GeoPoint, SearchBackend
from search.backends.database import DatabaseBackend, vocabulary
from search.synonyms import clear_synonym_cache
from tests.factories import ServicePageFactory

ORIGIN = GeoPoint(latitude=52.60, longitude=-1.45)
MILES_PER_DEGREE_LATITUDE = 69.05  # haversine with R = 3958.8 miles


def miles_north(miles: float, origin: GeoPoint = ORIGIN) -> tuple[float, float]:
    return (origin.latitude + miles / MILES_PER_DEGREE_LATITUDE, origin.longitude)


class PythonPassDatabaseBackend(DatabaseBackend):
    """The database backend counting every search's facets in one pass in Python, as it
    does with a radius, and ranking only the lead of every keyword, as it does for broad
    ones at scale: the contract checks those ways too."""

    name = "database-python-pass"
    counts_from_keys = False
    rank_limit = 0


ELASTICSEARCH = "search.backends.elasticsearch.ElasticsearchBackend"

# (name, dotted path)
BACKENDS = [
    ("database", "search.backends.database.DatabaseBackend"),
    ("database-python-pass", "tests.search.conftest.PythonPassDatabaseBackend"),
    ("elasticsearch", ELASTICSEARCH),
]


def backend_params():
    params = []
    for name, path in BACKENDS:
        marks = []
        if path == ELASTICSEARCH and (reason := elasticsearch_leg_missing()):
            marks.append(pytest.mark.skip(reason=reason))
        params.append(pytest.param(path, id=name, marks=marks))
    return params


# --- the Elasticsearch leg's server -------------------------------------------------------


@dataclass(frozen=True)
class ElasticsearchServer:
    url: str
    # osmem-server: OpenSearch-compatible, in memory, no text analysis or synonyms, and
    # it answers 406 to the client's versioned media types.
    is_osmem: bool


def real_elasticsearch_url() -> str:
    return os.environ.get("ELASTICSEARCH_URL", "")


def elasticsearch_leg_missing() -> str | None:
    """Why the Elasticsearch leg cannot run here, or None when it can."""
    if real_elasticsearch_url():
        return None
    try:
        from osmem_server import OsmemError, resolve_binary
    except ImportError:
        return "ELASTICSEARCH_URL is not set and osmem-server is not installed"
    try:
        resolve_binary()
    except OsmemError as error:
        return f"ELASTICSEARCH_URL is not set and {error}"
    return None


@pytest.fixture(scope="session")
def elasticsearch_server() -> Iterator[ElasticsearchServer]:
    """ELASTICSEARCH_URL when set; else an osmem-server of this process's own.

    The server listens on 127.0.0.1 on a port the system picks, keeps everything in
    memory, and exits when this process ends even if it is killed (`--parent-pid`),
    so parallel workers and parallel runs never share one or leave one behind.
    """
    if url := real_elasticsearch_url():
        yield ElasticsearchServer(url=url, is_osmem=False)
        return
    from osmem_server import OsmemServer

    server = OsmemServer.start(addr="127.0.0.1:0", japanese=False)
    try:
        yield ElasticsearchServer(url=server.url, is_osmem=True)
    finally:
        server.close()


def index_prefix() -> str:
    """An index prefix per xdist worker, so workers sharing one real server never meet."""
    return f"localoffer-test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"


def backend_settings(request: pytest.FixtureRequest, path: str) -> dict:
    """The settings that make `path` the backend, on the leg's server for Elasticsearch."""
    values: dict = {"SEARCH_BACKEND": path}
    if path == ELASTICSEARCH:
        server: ElasticsearchServer = request.getfixturevalue("elasticsearch_server")
        values.update(
            ELASTICSEARCH_URL=server.url,
            ELASTICSEARCH_INDEX_PREFIX=index_prefix(),
            ELASTICSEARCH_REPLICAS=0,
            ELASTICSEARCH_COMPAT_HEADERS=not server.is_osmem,
        )
    return values


def delete_indices(backend: SearchBackend) -> None:
    """Drop the indices a test backend made: a server outlives the test's transaction."""
    if backend.name != "elasticsearch":
        return
    for alias in (backend.alias, backend.building_alias):  # type: ignore[attr-defined]
        for index in backend._indices_behind(alias):  # type: ignore[attr-defined]
            backend.client.indices.delete(index=index, ignore_unavailable=True)  # type: ignore[attr-defined]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip `needs_real_elasticsearch` tests on the Elasticsearch leg run on osmem-server."""
    if real_elasticsearch_url():
        return
    for item in items:
        marker = item.get_closest_marker("needs_real_elasticsearch")
        callspec = getattr(item, "callspec", None)
        if marker is None or callspec is None or ELASTICSEARCH not in callspec.params.values():
            continue
        what = marker.kwargs.get("reason") or (marker.args[0] if marker.args else "")
        item.add_marker(
            pytest.mark.skip(
                reason=f"needs a real Elasticsearch (set ELASTICSEARCH_URL): osmem-server {what}"
            )
        )


@pytest.fixture(autouse=True)
def _fresh_search_caches():
    """Caches outlive a test's rolled-back transaction: start every test without them."""
    clear_synonym_cache()
    vocabulary.clear_cache()
    get_backend.cache_clear()
    yield
    clear_synonym_cache()
    vocabulary.clear_cache()
    get_backend.cache_clear()


@pytest.fixture(params=backend_params())
def search_backend(request) -> Iterator[SearchBackend]:
    """The backend under test, also made the one `get_backend()` returns, so the
    publishing signals and tasks update the same index the test searches."""
    path = request.param
    with override_settings(**backend_settings(request, path)):
        get_backend.cache_clear()
        backend = import_string(path)()
        try:
            yield backend
        finally:
            delete_indices(backend)
    get_backend.cache_clear()


@dataclass
class ServiceSpec:
    """What a test service offers. Prices: (amount or None for free, direct payment)."""

    title: str
    summary: str = "A service for children and young people."
    description: str = "<p>Activities with trained staff.</p>"
    categories: Sequence = ()
    needs: Sequence = ()
    min_age_months: int = 0
    max_age_months: int = 25 * 12
    prices: Sequence[tuple[Decimal | None, bool]] = ((Decimal("24.00"), False),)
    # (latitude, longitude, accessibility features)
    locations: Sequence[tuple[float, float, Sequence]] = ()
    # (kind, weekday or date, start, end, period)
    schedules: Sequence[tuple] = ()
    in_person: bool = True
    online: bool = False
    home_visit: bool = False
    last_reviewed: dt.date | None = None
    live: bool = True
    extra: dict = field(default_factory=dict)


def create_service(organisation, spec: ServiceSpec) -> ServicePage:
    """A service page and its rows in the database, published like one made in the admin."""
    service = ServicePageFactory(
        parent=organisation,
        title=spec.title,
        summary=spec.summary,
        description=spec.description,
        categories=list(spec.categories),
        needs=list(spec.needs),
        min_age_months=spec.min_age_months,
        max_age_months=spec.max_age_months,
        delivered_in_person=spec.in_person,
        delivered_online=spec.online,
        delivered_at_home=spec.home_visit,
        last_reviewed=spec.last_reviewed,
        cost_options=[],
        draft=not spec.live,
        **spec.extra,
    )
    for amount, direct_payment in spec.prices:
        CostOption.objects.create(
            service=service,
            is_free=amount is None,
            amount=amount,
            unit=CostUnit.SESSION,
            direct_payment_eligible=direct_payment,
        )
    for number, (latitude, longitude, features) in enumerate(spec.locations):
        location = ServiceLocation.objects.create(
            service=service,
            name=f"Community centre {number}",
            town="Northbridge",
            postcode="NB1 1AA",
            latitude=latitude,
            longitude=longitude,
        )
        location.accessibility.set(list(features))
        location.save()
    for kind, day, start, end, period in spec.schedules:
        ServiceSchedule.objects.create(
            service=service,
            kind=kind,
            weekday=day if kind == ScheduleKind.WEEKLY else None,
            date=day if kind == ScheduleKind.ONE_OFF else None,
            start_time=start,
            end_time=end,
            period=period,
        )
    return service


def weekly(day: int, start: str, end: str, period=SchedulePeriod.TERM_TIME) -> tuple:
    return (
        ScheduleKind.WEEKLY,
        day,
        dt.time.fromisoformat(start),
        dt.time.fromisoformat(end),
        period,
    )


def one_off(date: dt.date, start: str, end: str, period=SchedulePeriod.TERM_TIME) -> tuple:
    return (
        ScheduleKind.ONE_OFF,
        date,
        dt.time.fromisoformat(start),
        dt.time.fromisoformat(end),
        period,
    )


@pytest.fixture
def make_service(organisation):
    def make(**kwargs) -> ServicePage:
        return create_service(organisation, ServiceSpec(**kwargs))

    return make
