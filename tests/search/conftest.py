"""Fixtures for the search tests: backends to run the contract against, and a small directory.

    search_backend   each backend in BACKENDS, as a parametrised fixture: the database
                     backend always (twice: facets counted in Python, as for most
                     searches, and by aggregate queries, as for broad ones at scale);
                     Elasticsearch only when ELASTICSEARCH_URL is set (skipped with the
                     reason otherwise)
    make_service     make_service(title=..., ...) -> a published ServicePage with the cost
                     options, locations and schedules asked for (see ServiceSpec)

Helpers:
    miles_north(n)   a point n miles north of ORIGIN, for distance tests
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


class AggregatingDatabaseBackend(DatabaseBackend):
    """The database backend counting facets with aggregate queries whatever the size, as it
    does for broad searches at scale, so the contract checks that way of counting too."""

    name = "database-aggregates"
    python_pass_limit = 0


# (name, dotted path, why it may be skipped)
BACKENDS = [
    ("database", "search.backends.database.DatabaseBackend", None),
    ("database-aggregates", "tests.search.conftest.AggregatingDatabaseBackend", None),
    (
        "elasticsearch",
        "search.backends.elasticsearch.ElasticsearchBackend",
        "ELASTICSEARCH_URL is not set: no Elasticsearch server to run the contract against",
    ),
]


def backend_params():
    params = []
    for name, path, skip_reason in BACKENDS:
        marks = []
        if name == "elasticsearch" and not os.environ.get("ELASTICSEARCH_URL"):
            marks.append(pytest.mark.skip(reason=skip_reason))
        params.append(pytest.param(path, id=name, marks=marks))
    return params


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
    with override_settings(SEARCH_BACKEND=path):
        get_backend.cache_clear()
        yield import_string(path)()
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
