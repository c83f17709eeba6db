"""Rows written once and never changed: issued documents, recorded payments, ledgers.

Corrections are new rows (a credit note, a reversing entry). The model refuses `save()` of
an existing row and `delete()`, its queryset refuses bulk `update()` and `delete()`, and
`refuse_row_changes` (with `refuse_deletes_on_sqlite` after it) makes migration operations
with which the database refuses them too, whatever code (or person at a SQL prompt) tries.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import migrations, models

from localoffer.core.db import REFUSE_DELETE_SUFFIX


class ChangeRefused(Exception):
    """A row that is written once was about to be changed or deleted."""


class ImmutableQuerySet(models.QuerySet):
    """Bulk writes would step round `save()`: refuse them too."""

    def update(self, **kwargs: Any) -> int:
        raise ChangeRefused(f"{self.model.__name__} rows cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ChangeRefused(f"{self.model.__name__} rows cannot be deleted.")


class ImmutableModel(models.Model):
    """Written once, then never changed: corrections are new rows."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ChangeRefused(f"{type(self).__name__} rows cannot be changed.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ChangeRefused(f"{type(self).__name__} rows cannot be deleted.")


def refuse_row_changes(tables: Sequence[str]) -> migrations.RunPython:
    """A migration operation: database triggers that refuse UPDATE (and DELETE) of rows.

    PostgreSQL refuses UPDATE and DELETE; its TRUNCATE (how the test runner empties tables)
    fires no row triggers, so tests still start clean. SQLite refuses UPDATE only here:
    follow this with `refuse_deletes_on_sqlite` for the same tables (two operations, because
    the migrations that first used this one made SQLite's DELETE triggers later).
    """

    def create(apps: Any, schema_editor: Any) -> None:
        vendor = schema_editor.connection.vendor
        for table in tables:
            if vendor == "postgresql":
                schema_editor.execute(
                    f"CREATE OR REPLACE FUNCTION {table}_refuse_change() RETURNS trigger AS $$ "
                    f"BEGIN RAISE EXCEPTION 'rows of {table} cannot be changed or deleted'; "
                    "END; $$ LANGUAGE plpgsql;"
                )
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table} "
                    f"FOR EACH ROW EXECUTE FUNCTION {table}_refuse_change();"
                )
            elif vendor == "sqlite":
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_immutable BEFORE UPDATE ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, 'rows of {table} cannot be changed'); END;"
                )

    def drop(apps: Any, schema_editor: Any) -> None:
        vendor = schema_editor.connection.vendor
        for table in tables:
            if vendor == "postgresql":
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_immutable ON {table};")
                schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_refuse_change();")
            elif vendor == "sqlite":
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_immutable;")

    return migrations.RunPython(create, drop)


def refuse_deletes_on_sqlite(tables: Sequence[str]) -> migrations.RunPython:
    """A migration operation: on SQLite, triggers that refuse DELETE of rows.

    PostgreSQL's are made by `refuse_row_changes`. The triggers are named
    `<table>_refuse_delete` because the SQLite backend (`localoffer.core.db.sqlite3`) lifts
    the triggers with that ending while it flushes: the test runner and `manage.py flush`
    empty SQLite tables with DELETE, as SQLite has no TRUNCATE.
    """

    def create(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "sqlite":
            return
        for table in tables:
            schema_editor.execute(
                f"CREATE TRIGGER {table}{REFUSE_DELETE_SUFFIX} BEFORE DELETE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, 'rows of {table} cannot be deleted'); END;"
            )

    def drop(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "sqlite":
            return
        for table in tables:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}{REFUSE_DELETE_SUFFIX};")

    return migrations.RunPython(create, drop)
