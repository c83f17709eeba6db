"""What the search index knows about a service, built from its published (live) version.

A listing is a Wagtail page: while a provider edits, the draft lives only in revisions and
the page row and its child rows (cost options, locations, schedules, choices) keep what
is published. So the index reads `ServicePage.objects.live().public()` and the database
rows under it, never a revision: a draft can never leak into search, and a service that
is unpublished, made private or deleted has no document and is removed.

`build_documents()` turns a batch of service ids into `ServiceDocument`s for the published
ones: plain data that any backend can store (the database backend's `ServiceIndex` rows,
an Elasticsearch document). It costs the same dozen queries for one service or a
thousand: one per table for the whole batch.

Rules families rely on, kept in one place so every backend agrees:
- After school: a weekly schedule on a weekday (Monday to Friday) that ends after 3pm,
  which includes one that starts at or after 3pm.
- Weekends: a weekly schedule on Saturday or Sunday, or a one-off date on a weekend.
- School holidays: a schedule whose period is school holidays or all year (an all-year
  service runs in the holidays too).
- Free: at least one cost option is free. `min_price` is 0 when one is free, else the
  lowest paid amount, else None (no cost option at all).
- Direct payment: at least one cost option can be paid for with a direct payment.
- Accessibility: the features of any of its locations.
- Coordinates: a location's own, else its postcode's (or its district's) from the
  gazetteer, so a listing without a map pin is still found by distance.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from providers.enums import ScheduleKind, SchedulePeriod
from providers.models import (
    AccessibilityFeature,
    Category,
    CostOption,
    Need,
    Outcome,
    ServiceLocation,
    ServicePage,
    ServiceSchedule,
)
from search.models import Postcode

BATCH_SIZE = 1000
AFTER_SCHOOL_FROM = dt.time(15, 0)
WEEKDAYS = frozenset(range(0, 5))  # providers.enums.Weekday: Monday 0 ... Friday 4
WEEKEND_DAYS = frozenset((5, 6))
HOLIDAY_PERIODS = frozenset((SchedulePeriod.HOLIDAYS, SchedulePeriod.ALL_YEAR))


@dataclass
class ServiceDocument:
    """One published service as the search index sees it."""

    service_id: int
    title: str
    organisation_id: int | None
    organisation_name: str
    url_path: str
    summary: str
    body: str
    min_age_months: int
    max_age_months: int
    is_free: bool
    min_price: Decimal | None
    direct_payment: bool
    in_person: bool
    online: bool
    home_visit: bool
    after_school: bool
    weekends: bool
    holidays: bool
    last_reviewed: dt.date | None
    modified: dt.datetime
    category_ids: list[int] = field(default_factory=list)  # as filed (not their parents)
    category_slugs: list[str] = field(default_factory=list)  # as filed, plus their parents
    need_ids: list[int] = field(default_factory=list)
    need_slugs: list[str] = field(default_factory=list)
    accessibility_ids: list[int] = field(default_factory=list)
    accessibility_slugs: list[str] = field(default_factory=list)
    locations: list[tuple[float, float]] = field(default_factory=list)  # (latitude, longitude)
    # (amount or None, is_free, unit, direct_payment) for each cost option
    cost_options: list[tuple[Decimal | None, bool, str, bool]] = field(default_factory=list)

    @property
    def delivery(self) -> list[str]:
        """search.backends.base.Delivery values."""
        flags = (
            ("in_person", self.in_person),
            ("online", self.online),
            ("home_visit", self.home_visit),
        )
        return [value for value, flag in flags if flag]

    @property
    def times(self) -> list[str]:
        """search.backends.base.TimeOfDay values."""
        flags = (
            ("after_school", self.after_school),
            ("weekends", self.weekends),
            ("holidays", self.holidays),
        )
        return [value for value, flag in flags if flag]


# --- pure rules -----------------------------------------------------------------------------


_TAG = re.compile(r"<[^>]*>")


def html_to_text(value: str) -> str:
    """Rich text as plain words: tags removed, entities decoded, blocks kept apart.

    A regular expression rather than an HTML parser: this is Wagtail's own well-formed
    rich text, the result is only ever indexed (never shown), and the parser was the
    slowest step of a rebuild.
    """
    if not value:
        return ""
    return " ".join(html.unescape(_TAG.sub(" ", value)).split())


def time_flags(schedules: Iterable) -> tuple[bool, bool, bool]:
    """(after_school, weekends, holidays) from ServiceSchedule rows; see the module docstring."""
    after_school = weekends = holidays = False
    for schedule in schedules:
        if schedule.kind == ScheduleKind.WEEKLY and schedule.weekday is not None:
            if schedule.weekday in WEEKDAYS and (
                schedule.end_time > AFTER_SCHOOL_FROM or schedule.start_time >= AFTER_SCHOOL_FROM
            ):
                after_school = True
            if schedule.weekday in WEEKEND_DAYS:
                weekends = True
        elif (
            schedule.kind == ScheduleKind.ONE_OFF
            and schedule.date is not None
            and schedule.date.weekday() in WEEKEND_DAYS
        ):
            weekends = True
        if schedule.period in HOLIDAY_PERIODS:
            holidays = True
    return after_school, weekends, holidays


def cost_summary(cost_options: Iterable) -> tuple[bool, Decimal | None, bool]:
    """(is_free, min_price, direct_payment) from CostOption rows; see the module docstring."""
    options = list(cost_options)
    is_free = any(option.is_free for option in options)
    paid = [option.amount for option in options if not option.is_free and option.amount]
    min_price = Decimal("0.00") if is_free else (min(paid) if paid else None)
    direct_payment = any(option.direct_payment_eligible for option in options)
    return is_free, min_price, direct_payment


# --- reading live services --------------------------------------------------------------


def live_service_ids() -> list[int]:
    """Every published service: live, and not restricted to signed-in users or a password."""
    return list(ServicePage.objects.live().public().order_by("pk").values_list("pk", flat=True))


_PAGE_FIELDS = (
    "pk",
    "title",
    "path",
    "url_path",
    "summary",
    "description",
    "eligibility",
    "languages",
    "min_age_months",
    "max_age_months",
    "delivered_in_person",
    "delivered_online",
    "delivered_at_home",
    "last_reviewed",
    "last_published_at",
    "latest_revision_created_at",
    "first_published_at",
    *(
        "send_adjustments",
        "send_staff_training",
        "send_communication",
        "send_involvement",
        "send_transitions",
    ),
)


@dataclass
class _Taxonomy:
    """Every category, need, outcome and accessibility feature: a few hundred rows."""

    categories: dict[int, tuple[str, str, int | None]]  # id: (slug, name, parent id)
    needs: dict[int, tuple[str, str, str]]  # id: (slug, name, synonyms)
    outcomes: dict[int, str]
    features: dict[int, tuple[str, str]]  # id: (slug, name)

    @classmethod
    def load(cls) -> _Taxonomy:

        return cls(
            categories={
                pk: (slug, name, parent)
                for pk, slug, name, parent in Category.objects.values_list(
                    "pk", "slug", "name", "parent_id"
                )
            },
            needs={
                pk: (slug, name, synonyms)
                for pk, slug, name, synonyms in Need.objects.values_list(
                    "pk", "slug", "name", "synonyms"
                )
            },
            outcomes=dict(Outcome.objects.values_list("pk", "name")),
            features={
                pk: (slug, name)
                for pk, slug, name in AccessibilityFeature.objects.values_list("pk", "slug", "name")
            },
        )


def _grouped(rows: Iterable[Any], key: int = 0) -> dict[int, list[Any]]:
    # Rows are named tuples from values_list(named=True); their fields are read by name.
    grouped: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[row[key]].append(row)
    return grouped


def _gazetteer(postcodes: Iterable[str]) -> dict[str, tuple[float, float]]:
    """Coordinates for these postcodes and their districts, from the Postcode table."""

    wanted: set[str] = set()
    for postcode in postcodes:
        code = " ".join(postcode.upper().split())
        if code:
            wanted.update({code, code.split(" ")[0]})
    if not wanted:
        return {}
    return {
        code: (latitude, longitude)
        for code, latitude, longitude in Postcode.objects.filter(postcode__in=wanted).values_list(
            "postcode", "latitude", "longitude"
        )
    }


def _coordinates(
    latitude: float | None,
    longitude: float | None,
    postcode: str,
    gazetteer: dict[str, tuple[float, float]],
) -> tuple[float, float] | None:
    if latitude is not None and longitude is not None:
        return (latitude, longitude)
    code = " ".join((postcode or "").upper().split())
    return gazetteer.get(code) or gazetteer.get(code.split(" ")[0] if code else "")


def build_documents(ids: Iterable[int]) -> list[ServiceDocument]:
    """Documents for the published services among `ids` (a batch), in id order.

    Reads plain rows (values_list), one query per table for the whole batch: building
    thousands of Wagtail page and child-row instances just to read a few columns cost
    more than everything else in a rebuild (measured: bench/README.md).
    """
    ids = list(ids)
    pages = list(
        ServicePage.objects.live()
        .public()
        .filter(pk__in=ids)
        .with_organisation()
        .order_by("pk")
        .values_list(*_PAGE_FIELDS, "organisation_id", "organisation_title", named=True)
    )
    if not pages:
        return []
    live_ids = [page.pk for page in pages]
    taxonomy = _Taxonomy.load()
    costs = _grouped(
        CostOption.objects.filter(service_id__in=live_ids)
        .order_by("sort_order", "pk")
        .values_list(
            "service_id", "is_free", "amount", "unit", "direct_payment_eligible", named=True
        )
    )
    schedules = _grouped(
        ServiceSchedule.objects.filter(service_id__in=live_ids).values_list(
            "service_id", "kind", "weekday", "date", "start_time", "end_time", "period", named=True
        )
    )
    locations = _grouped(
        ServiceLocation.objects.filter(service_id__in=live_ids)
        .order_by("sort_order", "pk")
        .values_list("service_id", "pk", "name", "town", "postcode", "latitude", "longitude")
    )
    location_features = _grouped(
        ServiceLocation.accessibility.through.objects.filter(
            servicelocation__service_id__in=live_ids
        ).values_list("servicelocation_id", "accessibilityfeature_id")
    )
    links = {
        name: _grouped(
            getattr(ServicePage, name)
            .through.objects.filter(servicepage_id__in=live_ids)
            .order_by("pk")
            .values_list("servicepage_id", column)
        )
        for name, column in (
            ("categories", "category_id"),
            ("needs", "need_id"),
            ("outcomes", "outcome_id"),
        )
    }
    gazetteer = _gazetteer(
        row[4] for rows in locations.values() for row in rows if row[5] is None and row[4]
    )

    documents = []
    for page in pages:
        organisation_id, organisation_name = page.organisation_id, page.organisation_title or ""
        category_ids = [row[1] for row in links["categories"].get(page.pk, [])]
        need_ids = [row[1] for row in links["needs"].get(page.pk, [])]
        outcome_ids = [row[1] for row in links["outcomes"].get(page.pk, [])]
        its_locations = locations.get(page.pk, [])
        feature_ids = sorted(
            {
                feature
                for location in its_locations
                for _, feature in location_features.get(location[1], [])
            }
        )
        is_free, min_price, direct_payment = cost_summary(costs.get(page.pk, []))
        after_school, weekends, holidays = time_flags(schedules.get(page.pk, []))
        categories = [taxonomy.categories[pk] for pk in category_ids if pk in taxonomy.categories]
        parents = [taxonomy.categories[c[2]] for c in categories if c[2] in taxonomy.categories]
        needs = [taxonomy.needs[pk] for pk in need_ids if pk in taxonomy.needs]
        features = [taxonomy.features[pk] for pk in feature_ids if pk in taxonomy.features]
        # Words a family might search for that the listing's own prose may not use.
        body_parts = [
            html_to_text(page.description),
            page.eligibility,
            organisation_name,
            *dict.fromkeys(name for _, name, _ in [*categories, *parents]),
            *(name for _, name, _ in needs),
            *(synonyms for _, _, synonyms in needs),
            *(taxonomy.outcomes.get(pk, "") for pk in outcome_ids),
            *(name for _, name in features),
            *(f"{location[2]} {location[3]}" for location in its_locations),
            page.languages,
            *(getattr(page, name) for name in _SEND_FIELDS),
        ]
        documents.append(
            ServiceDocument(
                service_id=page.pk,
                title=page.title,
                organisation_id=organisation_id,
                organisation_name=organisation_name,
                url_path=page.url_path,
                summary=page.summary,
                body=" ".join(part for part in body_parts if part),
                min_age_months=page.min_age_months,
                max_age_months=page.max_age_months,
                is_free=is_free,
                min_price=min_price,
                direct_payment=direct_payment,
                in_person=page.delivered_in_person,
                online=page.delivered_online,
                home_visit=page.delivered_at_home,
                after_school=after_school,
                weekends=weekends,
                holidays=holidays,
                last_reviewed=page.last_reviewed,
                modified=page.last_published_at
                or page.latest_revision_created_at
                or page.first_published_at
                or timezone.now(),
                category_ids=category_ids,
                category_slugs=list(dict.fromkeys(slug for slug, _, _ in [*categories, *parents])),
                need_ids=need_ids,
                need_slugs=[slug for slug, _, _ in needs],
                accessibility_ids=feature_ids,
                accessibility_slugs=sorted(slug for slug, _ in features),
                locations=[
                    point
                    for _, _, _, _, postcode, latitude, longitude in its_locations
                    if (point := _coordinates(latitude, longitude, postcode, gazetteer))
                ],
                cost_options=[
                    (row.amount, row.is_free, row.unit, row.direct_payment_eligible)
                    for row in costs.get(page.pk, [])
                ],
            )
        )
    return documents


_SEND_FIELDS = (
    "send_adjustments",
    "send_staff_training",
    "send_communication",
    "send_involvement",
    "send_transitions",
)


def batched(ids: Sequence[int], size: int = BATCH_SIZE) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])


def documents_for(ids: Iterable[int]) -> tuple[list[ServiceDocument], set[int]]:
    """Documents for the published services among `ids`, and the ids that are not."""
    wanted = set(ids)
    documents = build_documents(sorted(wanted))
    return documents, wanted - {document.service_id for document in documents}
