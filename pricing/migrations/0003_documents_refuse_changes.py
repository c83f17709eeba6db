"""The database refuses to change or delete an issued document, its lines or a payment
recorded against an invoice, whatever code (or person at a SQL prompt) tries.

PostgreSQL's TRUNCATE (how the test runner empties tables) fires no row triggers, so
tests still start clean there; on SQLite only UPDATE is refused at the database, because
the test runner empties SQLite tables with DELETE (the models refuse deletes on both).
"""

from django.db import migrations

TABLES = ["pricing_document", "pricing_documentline", "pricing_invoicepayment"]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(
                f"""
                CREATE OR REPLACE FUNCTION {table}_refuse_change() RETURNS trigger AS $$
                BEGIN
                    RAISE EXCEPTION 'issued documents cannot be changed or deleted ({table})';
                END;
                $$ LANGUAGE plpgsql;
                """
            )
            schema_editor.execute(
                f"CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {table}_refuse_change();"
            )
        elif vendor == "sqlite":
            schema_editor.execute(
                f"CREATE TRIGGER {table}_immutable BEFORE UPDATE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, 'issued documents cannot be changed ({table})'); END;"
            )


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_immutable ON {table};")
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_refuse_change();")
        elif vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_immutable;")


class Migration(migrations.Migration):
    dependencies = [("pricing", "0002_invoices")]

    operations = [migrations.RunPython(create, drop)]
