"""On SQLite too, the database refuses to delete an issued document, its lines, a payment
recorded against an invoice, a ledger entry or the written working of a budget.

PostgreSQL's triggers (0003, 0004, 0005) refuse UPDATE and DELETE of these tables; on
SQLite they refused UPDATE only, because Django's test runner and `manage.py flush` empty
SQLite tables with DELETE FROM. The triggers made here are named `<table>_refuse_delete`,
by which the project's SQLite backend (`localoffer.core.db.sqlite3`) finds and lifts them
while it flushes, the one time every table is emptied at once. Nothing on PostgreSQL.
"""

from django.db import migrations

from localoffer.core.immutable import refuse_deletes_on_sqlite


class Migration(migrations.Migration):
    dependencies = [("pricing", "0007_referrals")]

    operations = [
        refuse_deletes_on_sqlite(
            [
                # 0003: issued documents
                "pricing_document",
                "pricing_documentline",
                "pricing_invoicepayment",
                # 0004: the personal budgets' ledger
                "pricing_ledgerentry",
                # 0005: the working, the decisions and the letters of a budget
                "pricing_domainscore",
                "pricing_streamresult",
                "pricing_costedadjustment",
                "pricing_streamdecision",
                "pricing_decisionletter",
            ]
        ),
    ]
