"""Facet counts and lead vectors for an index written before they existed (search/0005).

PostgreSQL: the lead vector (title A, summary B) of every indexed service, and its GIN
index, as search/backends/database/engines.py writes and reads them.

The indexer keeps FacetCount in step from now on by adding and subtracting; it needs
the counts of what is already indexed to start from. Worked out here from the index
tables as they are, with the rules of search/backends/database/counts.py (which new
code may change; this copy stays as it was). An empty index gets its "total" of 0.
"""

from collections import Counter

from django.db import migrations

FLAG_FIELDS = (
    "is_free",
    "direct_payment",
    "in_person",
    "online",
    "home_visit",
    "after_school",
    "weekends",
    "holidays",
)


def count_the_index(apps, schema_editor):
    ServiceIndex = apps.get_model("search", "ServiceIndex")
    FacetCount = apps.get_model("search", "FacetCount")
    alias = schema_editor.connection.alias
    rows = ServiceIndex.objects.using(alias).values_list("pk", *FLAG_FIELDS)
    counts: Counter = Counter()
    categories: dict[int, set[int]] = {}
    for pk, *flags in rows.iterator():
        counts["total", ""] += 1
        categories[pk] = set()
        for name, on in zip(FLAG_FIELDS, flags, strict=True):
            if on:
                counts["flags", name] += 1
    links = ServiceIndex.categories.through.objects.using(alias)
    for service_id, category_id in links.values_list("serviceindex_id", "category_id").iterator():
        categories.setdefault(service_id, set()).add(category_id)
    for ids in categories.values():
        if ids:
            counts["categories", ",".join(str(pk) for pk in sorted(ids))] += 1
    for facet, field, column in (
        ("needs", "needs", "need_id"),
        ("accessibility", "accessibility", "accessibilityfeature_id"),
    ):
        through = getattr(ServiceIndex, field).through.objects.using(alias)
        for linked in through.values_list(column, flat=True).iterator():
            counts[facet, str(linked)] += 1
    if not counts:
        counts["total", ""] = 0
    FacetCount.objects.using(alias).all().delete()
    FacetCount.objects.using(alias).bulk_create(
        FacetCount(facet=facet, option=option, services=n)
        for (facet, option), n in counts.items()
    )


LEAD_VECTOR = (
    "UPDATE search_serviceindex SET lead_vector = "
    "setweight(to_tsvector('english'::regconfig, COALESCE(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(summary, '')), 'B')"
)
LEAD_INDEX = (
    "CREATE INDEX IF NOT EXISTS search_serviceindex_lead_gin "
    "ON search_serviceindex USING GIN (lead_vector)"
)


def index_the_lead_vectors(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(LEAD_VECTOR)
        schema_editor.execute(LEAD_INDEX)


def drop_the_lead_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_serviceindex_lead_gin")


class Migration(migrations.Migration):
    dependencies = [("search", "0005_facet_counts_and_lead_vector")]

    operations = [
        migrations.RunPython(count_the_index, migrations.RunPython.noop),
        migrations.RunPython(index_the_lead_vectors, drop_the_lead_index),
    ]
