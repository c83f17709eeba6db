"""Insert tens of thousands of live listings at once, for benchmarks.

Creating a Wagtail page with `add_child` and publishing it costs tens of milliseconds
(tree locking, validation, a revision, signals, search and reference indexing): 50,000
listings would take the best part of an hour. Here the rows are written directly:

- Organisation and service pages get treebeard materialised paths computed here (steps
  numbered on from the organisation index's last child), `url_path`s that Wagtail's
  router follows, `numchild`, the default locale and first/last published dates.
- Django refuses `bulk_create` on multi-table models (OrganisationPage and ServicePage
  extend Page), and building model instances and compiling every value through the ORM
  costs more than the inserts themselves. So each table gets one executemany of INSERTs,
  its SQL built from the model's `_meta` and its values converted by the model's fields
  (`RowInserter`): the same statements `save()` would send, on SQLite and PostgreSQL.
  The page ids are read back by their unique paths, then the page-type rows (sharing the
  page's id through `page_ptr`), child rows (costs, locations, schedules, contacts,
  pictures) and many-to-many rows follow.

No revisions, log entries or signals are written, so Wagtail's own search and reference
indexes do not see these pages; the directory's search index is updated explicitly at the
end (see `index_services`). `Page.find_problems()` finds nothing wrong with the tree.
Paths are numbered in this process, so nothing else may add organisations meanwhile.
"""

import datetime as dt
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F, ManyToManyField, Model
from django.utils import timezone
from wagtail.models import Locale, Page

from localoffer.demo.directory.images import DEMO_PICTURES
from localoffer.demo.directory.listings import (
    OrganisationSpec,
    Place,
    ServiceSpec,
    generate_organisation,
)
from providers.enums import VerificationStatus
from providers.models import (
    AccessibilityFeature,
    Category,
    CostOption,
    Need,
    OrganisationIndexPage,
    OrganisationPage,
    Outcome,
    ServiceContact,
    ServiceImage,
    ServiceLocation,
    ServicePage,
    ServiceSchedule,
)
from search.backends import get_backend

SERVICES_PER_ORGANISATION = 20


@dataclass
class BulkResult:
    organisations: int = 0
    services: int = 0
    seconds: float = 0.0
    service_ids: list[int] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.services / self.seconds if self.seconds else 0.0


class _Lookups:
    """Ids the rows point at, read once."""

    def __init__(self) -> None:
        self.categories = dict(Category.objects.values_list("slug", "pk"))
        self.needs = dict(Need.objects.values_list("slug", "pk"))
        self.outcomes = dict(Outcome.objects.values_list("slug", "pk"))
        self.features = dict(AccessibilityFeature.objects.values_list("slug", "pk"))
        self.organisation_type = ContentType.objects.get_for_model(OrganisationPage).pk
        self.service_type = ContentType.objects.get_for_model(ServicePage).pk
        self.pictures = _demo_picture_ids()


def _demo_picture_ids() -> dict[str, int]:
    """The demo's pictures by slug, if load_demo has drawn them (galleries reuse them)."""
    from wagtail.images import get_image_model

    by_title = dict(
        get_image_model()
        .objects.filter(title__in=[p.title for p in DEMO_PICTURES])
        .values_list("title", "pk")
    )
    return {p.slug: by_title[p.title] for p in DEMO_PICTURES if p.title in by_title}


def _through(field_name: str, model: type[Model] = ServicePage) -> tuple[Any, str, str]:
    """The through model of a many-to-many field and its two column names."""
    m2m = model._meta.get_field(field_name)
    if not isinstance(m2m, ManyToManyField):
        raise TypeError(f"{model.__name__}.{field_name} is not a many-to-many field")
    return (
        m2m.remote_field.through,
        f"{m2m.m2m_field_name()}_id",
        f"{m2m.m2m_reverse_field_name()}_id",
    )


class RowInserter:
    """Executemany INSERTs into one model's table from plain dicts, without model instances.

    The SQL is built from the model's `_meta` (table, columns, quoting); values that the
    database adapter cannot take as they are (dates, times, decimals, UUIDs) are converted
    by the field, as the ORM would. Columns missing from a row get the field's default.
    Making ~20 model instances per listing and compiling each value through the ORM costs
    more than the inserts themselves, hence this.
    """

    CONVERTED = {
        "DateField",
        "DateTimeField",
        "TimeField",
        "DecimalField",
        "UUIDField",
        "JSONField",
    }

    def __init__(self, model: type[Model], *, local_only: bool = False) -> None:
        meta = model._meta
        fields = meta.local_concrete_fields if local_only else meta.concrete_fields
        # The auto primary key is left to the database; a parent link (page_ptr) is kept.
        self.fields = [
            f for f in fields if f.get_internal_type() not in ("AutoField", "BigAutoField")
        ]
        quote = connection.ops.quote_name
        # A concrete field is one with a column, so this names every field's column.
        columns = ", ".join(quote(f.column) for f in self.fields if f.column is not None)
        marks = ", ".join(["%s"] * len(self.fields))
        # Only quoted identifiers from the model's _meta go in the SQL; values are parameters.
        self.sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
        self.plan = []
        for f in self.fields:
            convert = None
            if f.get_internal_type() in self.CONVERTED:
                convert = partial(f.get_db_prep_save, connection=connection)
            default = f.default if f.has_default() else (None if f.null else f.get_default())
            self.plan.append((f.attname, convert, default))

    def insert(self, rows: Iterable[dict]) -> int:
        values = []
        for row in rows:
            record = []
            for name, convert, default in self.plan:
                value = row.get(name, default)
                if value is default and callable(default):
                    value = default()
                if convert is not None and value is not None:
                    value = convert(value)
                record.append(value)
            values.append(record)
        if values:
            with connection.cursor() as cursor:
                cursor.executemany(self.sql, values)
        return len(values)


def _ids_by(model: type[Model], key: str, keys: list, *, chunk: int = 500) -> dict[Any, int]:
    """Primary keys of rows just inserted, found by a unique column (executemany returns none)."""
    found: dict[Any, int] = {}
    for start in range(0, len(keys), chunk):
        found.update(
            model._base_manager.filter(**{f"{key}__in": keys[start : start + chunk]}).values_list(
                key, "pk"
            )
        )
    return found


def _page_fields(
    *,
    title: str,
    slug: str,
    path: str,
    depth: int,
    numchild: int,
    url_path: str,
    content_type_id: int,
    locale_id: int,
    live: bool,
    now: dt.datetime,
) -> dict:
    return {
        "title": title,
        "draft_title": title,
        "slug": slug,
        "path": path,
        "depth": depth,
        "numchild": numchild,
        "url_path": url_path,
        "content_type_id": content_type_id,
        "locale_id": locale_id,
        "live": live,
        "has_unpublished_changes": False,
        "first_published_at": now if live else None,
        "last_published_at": now if live else None,
        "show_in_menus": False,
    }


def _service_fields(spec: ServiceSpec) -> dict:
    return {
        "summary": spec.summary,
        "description": spec.description,
        "min_age_months": spec.min_age_months,
        "max_age_months": spec.max_age_months,
        "eligibility": spec.eligibility,
        "ehc_plan_required": spec.ehc_plan_required,
        "referral_required": spec.referral_required,
        "area_served": spec.area_served,
        "delivered_in_person": spec.delivered_in_person,
        "delivered_online": spec.delivered_online,
        "delivered_at_home": spec.delivered_at_home,
        "languages": spec.languages,
        "how_to_access": spec.how_to_access,
        "send_adjustments": spec.send_adjustments,
        "send_staff_training": spec.send_staff_training,
        "send_communication": spec.send_communication,
        "send_involvement": spec.send_involvement,
        "send_transitions": spec.send_transitions,
        "last_reviewed": spec.last_reviewed,
    }


def _organisation_fields(spec: OrganisationSpec, now: dt.datetime) -> dict:
    return {
        "organisation_type": spec.organisation_type,
        "description": spec.description,
        "charity_number": spec.charity_number,
        "company_number": spec.company_number,
        "website": spec.website,
        "email": spec.email,
        "phone": spec.phone,
        "address_line_1": spec.address_line_1,
        "address_line_2": spec.address_line_2,
        "town": spec.town,
        "postcode": spec.postcode,
        "verification_status": VerificationStatus.VERIFIED,
        "verified_at": now,
    }


class BulkWriter:
    """Writes batches of planned organisations under one organisation index."""

    def __init__(self, index: OrganisationIndexPage) -> None:
        self.index = index
        self.lookups = _Lookups()
        self.locale_id = index.locale_id or Locale.get_default().pk
        last_child = index.get_last_child()
        self.next_step = (Page._str2int(last_child.path[-Page.steplen :]) + 1) if last_child else 1
        self.pages = RowInserter(Page)
        self.organisation_rows = RowInserter(OrganisationPage, local_only=True)
        self.service_rows = RowInserter(ServicePage, local_only=True)
        self.costs = RowInserter(CostOption)
        self.schedules = RowInserter(ServiceSchedule)
        self.contacts = RowInserter(ServiceContact)
        self.images = RowInserter(ServiceImage)
        self.locations = RowInserter(ServiceLocation)
        self.links = {name: _through(name) for name in ("categories", "needs", "outcomes")}
        self.accessibility = _through("accessibility", ServiceLocation)
        self.link_rows = {
            name: RowInserter(through) for name, (through, _s, _t) in self.links.items()
        }
        self.accessibility_rows = RowInserter(self.accessibility[0])

    def take_step(self) -> int:
        step = self.next_step
        self.next_step += 1
        return step

    @transaction.atomic
    def write(self, numbered: list[tuple[int, OrganisationSpec]]) -> list[int]:
        """Insert organisations, each with its path step from `take_step`, and their services.

        Returns the new services' ids.
        """
        now = timezone.now()
        lookups = self.lookups
        index = self.index
        org_rows: list[dict] = []
        service_rows: list[dict] = []
        service_specs: list[ServiceSpec] = []
        for step, org in numbered:
            org_path = Page._get_path(index.path, index.depth + 1, step)
            org_url = f"{index.url_path}{org.slug}/"
            org_rows.append(
                _page_fields(
                    title=org.name,
                    slug=org.slug,
                    path=org_path,
                    depth=index.depth + 1,
                    numchild=len(org.services),
                    url_path=org_url,
                    content_type_id=lookups.organisation_type,
                    locale_id=self.locale_id,
                    live=True,
                    now=now,
                )
            )
            for position, service in enumerate(org.services, start=1):
                service_rows.append(
                    _page_fields(
                        title=service.title,
                        slug=service.slug,
                        path=Page._get_path(org_path, index.depth + 2, position),
                        depth=index.depth + 2,
                        numchild=0,
                        url_path=f"{org_url}{service.slug}/",
                        content_type_id=lookups.service_type,
                        locale_id=self.locale_id,
                        live=service.live,
                        now=now,
                    )
                )
                service_specs.append(service)
        self.pages.insert(org_rows)
        self.pages.insert(service_rows)
        ids = _ids_by(Page, "path", [row["path"] for row in org_rows + service_rows])
        self.organisation_rows.insert(
            {"page_ptr_id": ids[row["path"]], **_organisation_fields(spec, now)}
            for row, (_step, spec) in zip(org_rows, numbered, strict=True)
        )
        service_ids = [ids[row["path"]] for row in service_rows]
        self.service_rows.insert(
            {"page_ptr_id": service_id, **_service_fields(spec)}
            for service_id, spec in zip(service_ids, service_specs, strict=True)
        )
        self._write_children(service_ids, service_specs)
        return service_ids

    def _write_children(self, service_ids: list[int], specs: list[ServiceSpec]) -> None:
        lookups = self.lookups
        costs: list[dict[str, Any]] = []
        schedules: list[dict[str, Any]] = []
        contacts: list[dict[str, Any]] = []
        images: list[dict[str, Any]] = []
        locations: list[dict[str, Any]] = []
        features: dict[tuple[int, int], list[str]] = {}
        links: dict[str, list[dict]] = {name: [] for name in self.links}
        for service_id, spec in zip(service_ids, specs, strict=True):
            costs.extend(
                {
                    "service_id": service_id,
                    "sort_order": order,
                    "label": c.label,
                    "is_free": c.is_free,
                    "amount": c.amount,
                    "unit": c.unit,
                    "direct_payment_eligible": c.direct_payment_eligible,
                    "vat_treatment": c.vat_treatment,
                }
                for order, c in enumerate(spec.costs)
            )
            schedules.extend(
                {
                    "service_id": service_id,
                    "sort_order": order,
                    "kind": s.kind,
                    "weekday": s.weekday,
                    "date": s.date,
                    "start_time": s.start_time,
                    "end_time": s.end_time,
                    "period": s.period,
                    "notes": s.notes,
                }
                for order, s in enumerate(spec.schedules)
            )
            contacts.extend(
                {
                    "service_id": service_id,
                    "sort_order": order,
                    "name": c.name,
                    "role": c.role,
                    "phone": c.phone,
                    "email": c.email,
                }
                for order, c in enumerate(spec.contacts)
            )
            images.extend(
                {
                    "service_id": service_id,
                    "sort_order": order,
                    "image_id": lookups.pictures[p.picture_slug],
                    "alt_text": p.alt_text,
                    "caption": p.caption,
                }
                for order, p in enumerate(spec.pictures)
                if p.picture_slug in lookups.pictures
            )
            for order, loc in enumerate(spec.locations):
                locations.append(
                    {
                        "service_id": service_id,
                        "sort_order": order,
                        "name": loc.name,
                        "address_line_1": loc.address_line_1,
                        "address_line_2": loc.address_line_2,
                        "town": loc.town[:60],
                        "postcode": loc.postcode,
                        "latitude": loc.latitude,
                        "longitude": loc.longitude,
                        "hide_exact_address": loc.hide_exact_address,
                        "accessibility_notes": loc.accessibility_notes,
                    }
                )
                features[(service_id, order)] = loc.accessibility
            for name, slugs, ids in (
                ("categories", spec.category_slugs, lookups.categories),
                ("needs", spec.need_slugs, lookups.needs),
                ("outcomes", spec.outcome_slugs, lookups.outcomes),
            ):
                _through_model, source, target = self.links[name]
                links[name].extend({source: service_id, target: ids[slug]} for slug in slugs)
        self.costs.insert(costs)
        self.schedules.insert(schedules)
        self.contacts.insert(contacts)
        self.images.insert(images)
        self.locations.insert(locations)
        for name, rows in links.items():
            self.link_rows[name].insert(rows)
        # Location ids, for their accessibility features: (service, position) is unique.
        location_ids: dict[tuple[int, int], int] = {}
        for start in range(0, len(service_ids), 500):
            location_ids.update(
                ((service_id, order), pk)
                for service_id, order, pk in ServiceLocation.objects.filter(
                    service_id__in=service_ids[start : start + 500]
                ).values_list("service_id", "sort_order", "pk")
            )
        _through_model, source, target = self.accessibility
        self.accessibility_rows.insert(
            {source: location_ids[key], target: lookups.features[slug]}
            for key, slugs in features.items()
            for slug in slugs
        )

    def finish(self, organisations_added: int) -> None:
        """The index page's child count, which treebeard reads to place the next child."""
        Page.objects.filter(pk=self.index.pk).update(numchild=F("numchild") + organisations_added)


def generate(
    *,
    index: OrganisationIndexPage,
    count: int,
    seed: int,
    batch_size: int,
    places: list[Place],
    per_organisation: int = SERVICES_PER_ORGANISATION,
    progress: Callable[[int], object] | None = None,
) -> BulkResult:
    """Generate `count` live services under new organisations of `per_organisation` each."""
    started = time.perf_counter()
    rng = random.Random(seed)
    today = timezone.localdate()
    writer = BulkWriter(index)
    result = BulkResult()
    sizes = _organisation_sizes(count, per_organisation)
    organisations_per_batch = max(1, batch_size // per_organisation)
    for start in range(0, len(sizes), organisations_per_batch):
        batch = []
        for size in sizes[start : start + organisations_per_batch]:
            # The path step doubles as the number in the slug, so slugs never collide.
            step = writer.take_step()
            batch.append(
                (
                    step,
                    generate_organisation(
                        rng, number=step, service_count=size, places=places, today=today
                    ),
                )
            )
        ids = writer.write(batch)
        result.service_ids.extend(ids)
        result.organisations += len(batch)
        result.services += len(ids)
        if progress:
            progress(len(ids))
    writer.finish(result.organisations)
    result.seconds = time.perf_counter() - started
    return result


def _organisation_sizes(count: int, per_organisation: int) -> list[int]:
    full, rest = divmod(count, per_organisation)
    return [per_organisation] * full + ([rest] if rest else [])


def index_services(ids: Iterable[int]) -> float:
    """Put the new services in the directory's search index; returns the seconds it took.

    Bulk inserts send no publish signals, so the search app is called directly.
    """
    started = time.perf_counter()

    get_backend().index_services(list(ids))
    return time.perf_counter() - started
