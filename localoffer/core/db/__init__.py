"""Database backends of our own, and the trigger names they share with migrations.

A SQLite trigger that refuses DELETE of rows written once is named
`<table>_refuse_delete` (made by `localoffer.core.immutable.refuse_deletes_on_sqlite`);
the SQLite backend (`localoffer.core.db.sqlite3`) finds them by that ending alone, so it
names no table of ours.
"""

REFUSE_DELETE_SUFFIX = "_refuse_delete"
