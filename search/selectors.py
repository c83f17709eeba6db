"""Reads for the directory search page and the shortlist.

A search backend answers with service ids (search.backends.base.SearchHit); the page
shows what a family needs to decide. `result_rows()` turns a page of hits into
ServicePage objects carrying their organisation, cost options, next session or opening
times and distance, in the same handful of queries for 1 result or 100: one for the
pages, one per prefetched relation, one for their organisations. Hits for services that
were unpublished after the index last saw them are dropped, because the page query asks
for live, public pages only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db.models import Prefetch
from django.utils import timezone

from providers.enums import ScheduleKind
from providers.formatting import describe_schedule
from providers.models import (
    AccessibilityFeature,
    Category,
    CostOption,
    Need,
    ServiceContact,
    ServicePage,
    ServiceSchedule,
)
from providers.selectors import MAY_BE_OUT_OF_DATE, attach_organisations
from search.backends.base import SearchHit
from search.forms import Taxonomy, Term


def search_taxonomy() -> Taxonomy:
    """The filter vocabularies in display order: each top-level category followed by its
    sub-categories, then needs and accessibility features A to Z. Three small queries."""
    rows = list(Category.objects.values_list("slug", "name", "parent__slug", "sort_order"))
    tops = sorted((row for row in rows if row[2] is None), key=lambda row: (row[3], row[1]))
    categories: list[Term] = []
    for slug, name, _, _ in tops:
        categories.append(Term(slug, name))
        children = sorted((row for row in rows if row[2] == slug), key=lambda r: (r[3], r[1]))
        categories.extend(Term(child, child_name, slug) for child, child_name, _, _ in children)
    return Taxonomy(
        categories=tuple(categories),
        needs=tuple(
            Term(s, n) for s, n in Need.objects.order_by("name").values_list("slug", "name")
        ),
        accessibility=tuple(
            Term(s, n)
            for s, n in AccessibilityFeature.objects.order_by("name").values_list("slug", "name")
        ),
    )


def _services(ids: Iterable[int], *, with_contacts: bool = False):
    prefetches = [
        Prefetch("cost_options", queryset=CostOption.objects.order_by("sort_order", "pk")),
        Prefetch("schedules", queryset=ServiceSchedule.objects.order_by("sort_order", "pk")),
    ]
    if with_contacts:
        prefetches.append(
            Prefetch("contacts", queryset=ServiceContact.objects.order_by("sort_order", "pk"))
        )
    return (
        ServicePage.objects.live()
        .public()
        .filter(pk__in=list(ids))
        .select_related("locale")
        .annotate(may_be_out_of_date=MAY_BE_OUT_OF_DATE)
        .prefetch_related(*prefetches)
    )


def when_it_runs(
    schedules: Sequence[ServiceSchedule], today: dt.date | None = None
) -> tuple[str, str]:
    """("Next session", text) for the next one-off date from today, else ("When", text)
    for the first weekly time; ("", "") when the listing gives no times."""
    today = today or timezone.localdate()
    upcoming = sorted(
        (s for s in schedules if s.kind == ScheduleKind.ONE_OFF and s.date and s.date >= today),
        key=lambda s: (s.date, s.start_time),
    )
    if upcoming:
        return "Next session", describe_schedule(upcoming[0])
    weekly = [s for s in schedules if s.kind == ScheduleKind.WEEKLY]
    if weekly:
        return "When", describe_schedule(weekly[0])
    return "", ""


def describe_distance(miles: float | None) -> str:
    """'2.3 miles away', '1 mile away', 'Less than 0.1 miles away'."""
    if miles is None:
        return ""
    if miles < 0.05:
        return "Less than 0.1 miles away"
    text = f"{miles:.1f}".removesuffix(".0")
    return f"{text} mile{'' if text == '1' else 's'} away"


def _decorate(services: list[ServicePage], today: dt.date) -> None:
    for service in services:
        schedules = list(service.schedules.all())  # prefetched: no query
        service.when_label, service.when_text = when_it_runs(schedules, today)


def result_rows(hits: Sequence[SearchHit]) -> list[ServicePage]:
    """The services of a page of hits, in the hits' order, ready for the results list.

    Each has `.organisation_page`, `.when_label`/`.when_text`, `.distance_miles`,
    `.distance_text` and `.may_be_out_of_date`, and its cost options prefetched (for
    price_summary and the direct payment tag). A constant number of queries whatever the
    number of hits.
    """
    if not hits:
        return []
    by_id = {service.pk: service for service in _services(hit.service_id for hit in hits)}
    rows = []
    for hit in hits:
        service = by_id.get(hit.service_id)
        if service is None:  # unpublished since it was indexed
            continue
        service.distance_miles = hit.distance_miles
        service.distance_text = describe_distance(hit.distance_miles)
        rows.append(service)
    attach_organisations(rows)
    _decorate(rows, timezone.localdate())
    return rows


def shortlist_services(ids: Sequence[int]) -> list[ServicePage]:
    """The shortlisted services still published, in the order they were added, with their
    contacts as well as what a result shows. A constant number of queries."""
    by_id = {service.pk: service for service in _services(ids, with_contacts=True)}
    services = [by_id[pk] for pk in ids if pk in by_id]
    attach_organisations(services)
    _decorate(services, timezone.localdate())
    return services


def service_titles(ids: Iterable[int]) -> list[str]:
    """Titles of services by id, whatever their state (for "no longer listed" notes)."""
    ids = list(ids)
    if not ids:
        return []
    titles = dict(ServicePage.objects.filter(pk__in=ids).values_list("pk", "title"))
    return [titles[pk] for pk in ids if pk in titles]


def is_published_service(service_id: int) -> bool:
    return ServicePage.objects.live().public().filter(pk=service_id).exists()
