"""Full-text search structures the models cannot describe, for each database.

- PostgreSQL: a GIN index on ServiceIndex.search_vector, so `search_vector @@ query`
  reads the index instead of every row's vector.
- SQLite: the FTS5 table search_serviceindex_fts (Porter stemmer over unicode61; columns
  title, summary, body; rowid = service id), written by the database backend beside
  ServiceIndex.
- Both: search_vocabulary, the indexed words the backend corrects typos towards.

Each step runs only on the database it is for (the other gets nothing), so the same
migration history works on both. Neither table is a Django model: only the database
backend reads them (search/backends/database/engines.py and vocabulary.py).
"""

from django.db import migrations

POSTGRES_FORWARD = [
    "CREATE INDEX IF NOT EXISTS search_serviceindex_vector_gin "
    "ON search_serviceindex USING GIN (search_vector)",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS search_serviceindex_vector_gin"]

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_serviceindex_fts USING fts5("
    "title, summary, body, tokenize = 'porter unicode61')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS search_serviceindex_fts"]

VOCABULARY_FORWARD = [
    "CREATE TABLE IF NOT EXISTS search_vocabulary ("
    "word VARCHAR(40) NOT NULL PRIMARY KEY, documents INTEGER NOT NULL)",
]
VOCABULARY_BACKWARD = ["DROP TABLE IF EXISTS search_vocabulary"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_default_synonyms")]

    operations = [
        migrations.RunPython(
            _run(
                {
                    "postgresql": POSTGRES_FORWARD + VOCABULARY_FORWARD,
                    "sqlite": SQLITE_FORWARD + VOCABULARY_FORWARD,
                }
            ),
            _run(
                {
                    "postgresql": POSTGRES_BACKWARD + VOCABULARY_BACKWARD,
                    "sqlite": SQLITE_BACKWARD + VOCABULARY_BACKWARD,
                }
            ),
        ),
    ]
