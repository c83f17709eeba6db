"""Django's SQLite backend, except that flushing lifts the triggers that refuse DELETE.

Rows written once (issued documents, recorded payments, ledger entries, the working of a
budget) are refused DELETE by triggers named `<table>_refuse_delete`. Flushing is the one
exception: it empties every table at once, which only a test run (Django's
TransactionTestCase, pytest-django's `transactional_db`) or a deliberate reset of a whole
database (`manage.py flush`) does, never the removal of a single record. PostgreSQL
flushes with TRUNCATE, which fires no row triggers; SQLite has no TRUNCATE and flushes
with DELETE FROM, which the triggers would refuse. So the flush drops the triggers of the
tables it empties, deletes, and creates them again from the SQL SQLite kept for them.
Django runs all of a flush's statements in one transaction (SQLite can roll DDL back), so
a flush that fails leaves every trigger where it was, and no other connection can write
while the triggers are lifted (the flush holds SQLite's one write lock).

The settings use this engine wherever Django's sqlite3 would be (localoffer/settings/base.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.management.color import Style
from django.db.backends.sqlite3 import base, operations

from localoffer.core.db import REFUSE_DELETE_SUFFIX


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(
        self,
        style: Style,
        tables: Sequence[str],
        *,
        reset_sequences: bool = False,
        allow_cascade: bool = False,
    ) -> list[str]:
        """Django's DELETE statements, between dropping and recreating the refusing triggers."""
        statements = super().sql_flush(
            style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
        if not statements:
            return statements
        # With allow_cascade Django also empties every table that references these. Lifting
        # all the refusing triggers then is simpler than working out which tables those
        # are, and changes nothing: each one is back before the flush commits.
        lifted = [
            (name, sql)
            for name, table, sql in self.refuse_delete_triggers()
            if allow_cascade or table in tables
        ]
        drops = [
            f"{style.SQL_KEYWORD('DROP TRIGGER')} {style.SQL_FIELD(self.quote_name(name))};"
            for name, _ in lifted
        ]
        creates = [f"{sql};" for _, sql in lifted]
        return [*drops, *statements, *creates]

    def refuse_delete_triggers(self) -> list[tuple[str, str, str]]:
        """(name, table, CREATE statement) of each trigger that refuses DELETE, by name."""
        with self.connection.cursor() as cursor:
            # GLOB, not LIKE: its "_" is a plain underscore, not "any one character".
            cursor.execute(
                "SELECT name, tbl_name, sql FROM sqlite_master "
                "WHERE type = 'trigger' AND name GLOB %s ORDER BY name",
                [f"*{REFUSE_DELETE_SUFFIX}"],
            )
            return [(name, table, sql) for name, table, sql in cursor.fetchall()]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
