"""An index for the directory's default order (title A to Z, case-insensitively).

Browsing or filtering without words lists services by LOWER(title); without this index
the database sorts every matching row to show the first twenty (about 100 ms at 50,000
services on PostgreSQL, bench/README.md). An expression index, which both databases
support, written as SQL because the ServiceIndex model does not declare it.
"""

from django.db import migrations

FORWARD = (
    "CREATE INDEX IF NOT EXISTS search_serviceindex_title_lower "
    "ON search_serviceindex (LOWER(title), service_id)"
)
BACKWARD = "DROP INDEX IF EXISTS search_serviceindex_title_lower"


class Migration(migrations.Migration):
    dependencies = [("search", "0003_fulltext")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
