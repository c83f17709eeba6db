"""Reads for the Open Referral API: which published services match, in what order, one page.

Where the filters are ones the directory search backend understands (keywords, the ORUK
age range, modified after, category and need terms) the backend answers the whole page:
the API never branches on which backend runs, and keyword matching (stemming, synonyms,
typos) is the same as on the search page. The standard's other filters (day and times of
a schedule, outcome terms, whole taxonomies, an organisation) are ORM filters on the
published pages; a keyword search combined with them takes the backend's best
`MAX_KEYWORD_MATCHES` matches and keeps those the filters allow, in relevance order.

Whatever the backend says, rows are always read back through `published_services()`,
so a stale index can never make a draft or unpublished listing appear.

Every page costs the same number of queries however many items it holds: the rows one
page shows are fetched together with their relations prefetched once.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Lower

from providers import selectors as providers_selectors
from providers.enums import ScheduleKind
from providers.models import (
    AccessibilityFeature,
    Category,
    CostOption,
    OrganisationPage,
    ServiceContact,
    ServiceLocation,
    ServicePage,
    ServiceSchedule,
)
from search.api.params import Paging
from search.api.taxonomies import CATEGORIES, NEEDS, OUTCOMES
from search.backends import get_backend
from search.backends.base import MAX_PER_PAGE, GeoPoint, SearchQuery
from search.gazetteer import distance_miles, normalise
from search.models import Postcode

MAX_KEYWORD_MATCHES = 2000
ID_CHUNK = 5000  # primary keys per IN list: far below SQLite's limit on parameters
MILES_PER_DEGREE_LATITUDE = 69.05


@dataclass(frozen=True)
class ServiceFilters:
    """The standard's filters on services, checked and resolved to our keys."""

    text: str = ""
    minimum_age: int | None = None
    maximum_age: int | None = None
    modified_after: dt.datetime | None = None
    category_ids: tuple[int, ...] = ()  # a term and its sub-categories
    category_slugs: tuple[str, ...] = ()
    need_ids: tuple[int, ...] = ()
    need_slugs: tuple[str, ...] = ()
    outcome_ids: tuple[int, ...] = ()
    taxonomy: str | None = None  # services with any term of this taxonomy
    day: int | None = None  # providers.enums.Weekday
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    organisation_path: str | None = None

    @property
    def orm_only(self) -> bool:
        """Filters the search backend has no notion of."""
        return bool(
            self.outcome_ids
            or self.taxonomy
            or self.day is not None
            or self.start_time is not None
            or self.end_time is not None
            or self.organisation_path
        )


# --- which services -----------------------------------------------------------------------


def published_services() -> QuerySet[ServicePage]:
    """Live services anyone may see: the only ones the API ever shows."""
    return ServicePage.objects.live().public()


def _category_link(ids: Sequence[int]) -> Exists:
    return Exists(Category.objects.filter(services=OuterRef("pk"), pk__in=ids))


def filter_services(queryset: QuerySet[ServicePage], filters: ServiceFilters) -> QuerySet:
    """Every filter except the keywords, as SQL on published pages."""
    if filters.minimum_age is not None:
        # ORUK ages are years; a service for "8 to 16" takes a child until their 17th
        # birthday, so [min, max] years overlaps [min*12, max*12 + 11] months.
        queryset = queryset.filter(max_age_months__gte=filters.minimum_age * 12)
    if filters.maximum_age is not None:
        queryset = queryset.filter(min_age_months__lte=filters.maximum_age * 12 + 11)
    if filters.modified_after is not None:
        queryset = queryset.filter(last_published_at__gte=filters.modified_after)
    if filters.category_ids:
        queryset = queryset.filter(_category_link(filters.category_ids))
    if filters.need_ids:
        queryset = queryset.filter(
            Exists(
                ServicePage.needs.through.objects.filter(
                    servicepage_id=OuterRef("pk"), need_id__in=filters.need_ids
                )
            )
        )
    if filters.outcome_ids:
        queryset = queryset.filter(
            Exists(
                ServicePage.outcomes.through.objects.filter(
                    servicepage_id=OuterRef("pk"), outcome_id__in=filters.outcome_ids
                )
            )
        )
    if filters.taxonomy:
        through = {
            CATEGORIES: ServicePage.categories.through,
            NEEDS: ServicePage.needs.through,
            OUTCOMES: ServicePage.outcomes.through,
        }[filters.taxonomy]
        queryset = queryset.filter(Exists(through.objects.filter(servicepage_id=OuterRef("pk"))))
    if filters.day is not None or filters.start_time or filters.end_time:
        queryset = queryset.filter(Exists(_matching_schedules(filters)))
    if filters.organisation_path:
        queryset = queryset.filter(
            path__startswith=filters.organisation_path,
            depth=len(filters.organisation_path) // ServicePage.steplen + 1,
        )
    return queryset


def _matching_schedules(filters: ServiceFilters) -> QuerySet[ServiceSchedule]:
    """One schedule must meet the day and both times together (the same session)."""
    schedules = ServiceSchedule.objects.filter(service=OuterRef("pk"))
    if filters.day is not None:
        # Django's week_day counts from Sunday = 1; ours from Monday = 0.
        week_day = (filters.day + 1) % 7 + 1
        schedules = schedules.filter(
            Q(kind=ScheduleKind.WEEKLY, weekday=filters.day)
            | Q(kind=ScheduleKind.ONE_OFF, date__week_day=week_day)
        )
    if filters.start_time is not None:
        schedules = schedules.filter(start_time__gte=filters.start_time)
    if filters.end_time is not None:
        schedules = schedules.filter(end_time__lte=filters.end_time)
    return schedules


def backend_query(filters: ServiceFilters, paging: Paging) -> SearchQuery:
    return SearchQuery(
        text=filters.text,
        categories=filters.category_slugs,
        needs=filters.need_slugs,
        minimum_age=filters.minimum_age,
        maximum_age=filters.maximum_age,
        modified_after=filters.modified_after,
        page=paging.page,
        per_page=paging.per_page,
        with_facets=False,
    )


def keyword_ranking(filters: ServiceFilters) -> list[int]:
    """The backend's matches for the keywords (and its filters), best first, capped."""
    backend = get_backend()
    ranked: list[int] = []
    query = backend_query(filters, Paging(page=1, per_page=MAX_PER_PAGE))
    while len(ranked) < MAX_KEYWORD_MATCHES:
        results = backend.search(query)
        ranked.extend(hit.service_id for hit in results.hits)
        if not results.hits or query.page >= results.pages:
            break
        query = replace(query, page=query.page + 1)
    return list(dict.fromkeys(ranked))[:MAX_KEYWORD_MATCHES]


def _allowed(ids: Sequence[int], filters: ServiceFilters) -> set[int]:
    """Which of these services are published and pass the ORM filters."""
    allowed: set[int] = set()
    for start in range(0, len(ids), ID_CHUNK):
        chunk = ids[start : start + ID_CHUNK]
        queryset = filter_services(published_services().filter(pk__in=chunk), filters)
        allowed.update(queryset.values_list("pk", flat=True))
    return allowed


def ranked_service_ids(filters: ServiceFilters) -> list[int]:
    """Published services matching keywords and every filter, in relevance order."""
    ranked = keyword_ranking(filters)
    allowed = _allowed(ranked, filters)
    return [pk for pk in ranked if pk in allowed]


def service_page(filters: ServiceFilters, paging: Paging) -> tuple[list[int], int]:
    """The ids of one page of services, in order, and how many match in all."""
    if not filters.orm_only:
        results = get_backend().search(backend_query(filters, paging))
        return [hit.service_id for hit in results.hits], results.total
    if filters.text:
        ranked = ranked_service_ids(filters)
        return ranked[paging.offset : paging.offset + paging.per_page], len(ranked)
    queryset = filter_services(published_services(), filters).order_by(Lower("title"), "pk")
    total = queryset.count()
    if paging.offset >= total:
        return [], total
    ids = list(
        queryset.values_list("pk", flat=True)[paging.offset : paging.offset + paging.per_page]
    )
    return ids, total


# --- which locations ----------------------------------------------------------------------


@dataclass(frozen=True)
class Near:
    point: GeoPoint
    radius_miles: float | None = None


def location_page(
    filters: ServiceFilters, paging: Paging, near: Near | None = None
) -> tuple[list[int], int]:
    """The ids of one page of service-at-locations (ServiceLocation rows), and the total.

    Ordered by distance from `near` (nearest first; locations with no known position
    last), else by keyword relevance, else by service name.
    """
    locations = ServiceLocation.objects.all()
    rank: dict[int, int] | None = None
    if filters.text:
        ranked = ranked_service_ids(filters)
        rank = {pk: position for position, pk in enumerate(ranked)}
        rows = _rows_for_services(locations, ranked)
    else:
        services = filter_services(published_services(), filters)
        locations = locations.filter(service__in=services.values("pk"))
        if near is None:
            ordered = locations.order_by(Lower("service__title"), "service_id", "sort_order", "pk")
            total = ordered.count()
            if paging.offset >= total:
                return [], total
            window = ordered[paging.offset : paging.offset + paging.per_page]
            return list(window.values_list("pk", flat=True)), total
        rows = list(_location_values(_near_box(locations, near)))
    if near is not None:
        ordered_ids = _by_distance(rows, near, rank)
    else:
        ranks = rank or {}
        rows.sort(key=lambda row: (ranks[row["service_id"]], row["sort_order"] or 0, row["pk"]))
        ordered_ids = [row["pk"] for row in rows]
    return ordered_ids[paging.offset : paging.offset + paging.per_page], len(ordered_ids)


def _location_values(locations: QuerySet) -> Iterable[dict]:
    return locations.values(
        "pk", "service_id", "sort_order", "latitude", "longitude", "postcode", "service__title"
    )


def _rows_for_services(locations: QuerySet, service_ids: Sequence[int]) -> list[dict]:
    rows: list[dict] = []
    for start in range(0, len(service_ids), ID_CHUNK):
        chunk = service_ids[start : start + ID_CHUNK]
        rows.extend(_location_values(locations.filter(service_id__in=chunk)))
    return rows


def _near_box(locations: QuerySet, near: Near) -> QuerySet:
    """A latitude/longitude box around the point: a cheap necessary condition in SQL.

    Locations without their own coordinates stay in: their postcode may place them.
    """
    if near.radius_miles is None:
        return locations
    degrees_lat = near.radius_miles / MILES_PER_DEGREE_LATITUDE
    cos_lat = max(0.01, math.cos(math.radians(near.point.latitude)))
    degrees_lon = degrees_lat / cos_lat
    return locations.filter(
        Q(
            latitude__gte=near.point.latitude - degrees_lat,
            latitude__lte=near.point.latitude + degrees_lat,
            longitude__gte=near.point.longitude - degrees_lon,
            longitude__lte=near.point.longitude + degrees_lon,
        )
        | Q(latitude__isnull=True)
        | Q(longitude__isnull=True)
    )


def _by_distance(rows: list[dict], near: Near, rank: dict[int, int] | None) -> list[int]:
    """Location ids nearest first, within the radius when there is one.

    A location's position is its own pin, else its postcode's (or district's) from the
    gazetteer: the same rule the search index uses, so both agree on distances.
    """
    gazetteer = _gazetteer(row["postcode"] for row in rows if row["latitude"] is None)
    measured: list[tuple[float, tuple, int]] = []
    unplaced: list[tuple[tuple, int]] = []
    for row in rows:
        tie: tuple
        if rank is not None:
            tie = (rank[row["service_id"]], row["sort_order"] or 0, row["pk"])
        else:
            tie = ((row["service__title"] or "").lower(), row["service_id"], row["pk"])
        point = _position(row, gazetteer)
        if point is None:
            unplaced.append((tie, row["pk"]))
            continue
        miles = distance_miles(near.point, point)
        if near.radius_miles is None or miles <= near.radius_miles:
            measured.append((miles, tie, row["pk"]))
    measured.sort()
    ordered = [pk for _, _, pk in measured]
    if near.radius_miles is None:
        # Without a radius nothing is left out: locations we cannot place come last.
        ordered.extend(pk for _, pk in sorted(unplaced))
    return ordered


def _gazetteer(postcodes: Iterable[str]) -> dict[str, GeoPoint]:
    wanted: set[str] = set()
    for postcode in postcodes:
        code = normalise(postcode or "")
        if code:
            wanted.update({code, code.split(" ")[0]})
    if not wanted:
        return {}
    return {
        row.postcode: GeoPoint(row.latitude, row.longitude)
        for row in Postcode.objects.filter(postcode__in=wanted)
    }


def _position(row: dict, gazetteer: dict[str, GeoPoint]) -> GeoPoint | None:
    if row["latitude"] is not None and row["longitude"] is not None:
        return GeoPoint(row["latitude"], row["longitude"])
    code = normalise(row["postcode"] or "")
    if not code:
        return None
    return gazetteer.get(code) or gazetteer.get(code.split(" ")[0])


# --- fetching one page --------------------------------------------------------------------


def service_relations() -> list:
    """Everything a fully nested service shows, prefetched once for a whole page."""
    return [
        Prefetch("cost_options", queryset=CostOption.objects.order_by("sort_order", "pk")),
        Prefetch(
            "locations",
            queryset=ServiceLocation.objects.order_by("sort_order", "pk").prefetch_related(
                Prefetch("accessibility", queryset=AccessibilityFeature.objects.order_by("name"))
            ),
        ),
        Prefetch("schedules", queryset=ServiceSchedule.objects.order_by("sort_order", "pk")),
        Prefetch("contacts", queryset=ServiceContact.objects.order_by("sort_order", "pk")),
        Prefetch("categories", queryset=Category.objects.order_by("sort_order", "name", "pk")),
        "needs",
        "outcomes",
    ]


def attach_organisations(services: Sequence[ServicePage]) -> None:
    """Give each service `organisation_page` (its parent page, with its logo) in one query."""
    providers_selectors.attach_organisations(
        services, queryset=OrganisationPage.objects.select_related("logo")
    )


def fetch_services(ids: Sequence[int], *, full: bool) -> list[ServicePage]:
    """Published services with these ids, in this order (ids not published are dropped)."""
    if not ids:
        return []
    queryset = published_services().filter(pk__in=list(ids))
    if full:
        queryset = queryset.prefetch_related(*service_relations())
    else:
        # The list form's email is the first contact's.
        queryset = queryset.prefetch_related(
            Prefetch("contacts", queryset=ServiceContact.objects.order_by("sort_order", "pk"))
        )
    found = {service.pk: service for service in queryset}
    services = [found[pk] for pk in ids if pk in found]
    attach_organisations(services)
    return services


def fetch_locations(ids: Sequence[int], *, full: bool) -> list[ServiceLocation]:
    """Locations of published services with these ids, in this order, each with its service."""
    if not ids:
        return []
    # Only locations whose service fetch_services() returns (published) are kept below.
    queryset = ServiceLocation.objects.filter(pk__in=list(ids))
    if full:
        queryset = queryset.prefetch_related(
            Prefetch("accessibility", queryset=AccessibilityFeature.objects.order_by("name"))
        )
    found = {location.pk: location for location in queryset}
    locations = [found[pk] for pk in ids if pk in found]
    services = {
        service.pk: service
        for service in fetch_services(
            list(dict.fromkeys(location.service_id for location in locations)), full=full
        )
    }
    kept = []
    for location in locations:
        service = services.get(location.service_id)
        if service is not None:
            location.published_service = service
            kept.append(location)
    return kept


def organisation_path(pk: int) -> str | None:
    organisation = OrganisationPage.objects.live().public().filter(pk=pk).first()
    return organisation.path if organisation else None
