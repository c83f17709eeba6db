"""Each index row's facet keys (ServiceIndex.facet_keys), for an index written before them.

The writer sets the keys with the rest of the row from now on (search/backends/database/
writer.py); the rows already indexed get theirs here, worked out from the index tables
as they are with the rules of search/backends/database/counts.py (which new code may
change; this copy stays as it was): four comma-separated lists joined by ";", the
sorted category ids, need ids and accessibility feature ids, and the yes/no flags that
are on ("3,12;5,7;2;is_free,online"). A rebuild (`rebuild_search_index`) writes them
again as well.

On SQLite, Django adds (and removes) a NOT NULL column by copying the table into a new
one, which keeps only the indexes the model declares: the LOWER(title) index of
search/0004 is made again after each copy.

On PostgreSQL the rows are kept small (`toast_tuple_target`): the description and the
vectors, which a search reads for a few rows at most, are stored out of line, so that
reading the facet keys of 25,000 matches reads a table of 22 MB rather than 81 MB (at
50,000 services; bench/README.md). Rows take it when written: the keys' UPDATE below.
"""

from django.db import migrations, models

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
LINKS = (
    ("categories", "category_id"),
    ("needs", "need_id"),
    ("accessibility", "accessibilityfeature_id"),
)
BATCH = 1000
SMALL_ROWS = "ALTER TABLE search_serviceindex SET (toast_tuple_target = 512)"
DEFAULT_ROWS = "ALTER TABLE search_serviceindex RESET (toast_tuple_target)"
TITLE_INDEX = (  # as search/0004
    "CREATE INDEX IF NOT EXISTS search_serviceindex_title_lower "
    "ON search_serviceindex (LOWER(title), service_id)"
)


def write_the_keys(apps, schema_editor):
    ServiceIndex = apps.get_model("search", "ServiceIndex")
    alias = schema_editor.connection.alias
    linked: list[dict[int, set[int]]] = []
    for field, column in LINKS:
        through = getattr(ServiceIndex, field).through.objects.using(alias)
        by_service: dict[int, set[int]] = {}
        for service_id, pk in through.values_list("serviceindex_id", column).iterator():
            by_service.setdefault(service_id, set()).add(pk)
        linked.append(by_service)
    rows = []
    for pk, *flags in ServiceIndex.objects.using(alias).values_list("pk", *FLAG_FIELDS).iterator():
        lists = [",".join(str(id_) for id_ in sorted(ids.get(pk, ()))) for ids in linked]
        lists.append(",".join(name for name, on in zip(FLAG_FIELDS, flags, strict=True) if on))
        rows.append((";".join(lists), pk))
    table = ServiceIndex._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(
                f"UPDATE {table} SET facet_keys = %s WHERE service_id = %s",  # noqa: S608
                rows[start : start + BATCH],
            )


def keep_rows_small(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SMALL_ROWS)


def default_rows(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DEFAULT_ROWS)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_count_the_existing_index")]

    operations = [
        # Reversed last, after the column is removed again.
        migrations.RunSQL(migrations.RunSQL.noop, TITLE_INDEX),
        migrations.AddField(
            model_name="serviceindex",
            name="facet_keys",
            field=models.TextField(default=""),
        ),
        migrations.RunSQL(TITLE_INDEX, migrations.RunSQL.noop),
        migrations.RunPython(keep_rows_small, default_rows),
        migrations.RunPython(write_the_keys, migrations.RunPython.noop),
    ]
