"""The money side of recovery: what each listing's bookings were invoiced, credited and
paid in the year so far, in one query over the organisation's documents.

Documents name their booking by reference (`Document.booking_reference`), not by a foreign
key, so the ORM can only reach the listing with a correlated subquery per document.
Over 20,000 invoices that made PostgreSQL estimate the query so dear that it compiled it
with JIT first (4 seconds, for a query that then ran in 0.4), and SQLite evaluated the
subquery twice per document (once to select, once to group). Written as joins, both
engines read each document once: the organisation's documents of the year through the
index on organisation, kind and issue date, each booking through its unique reference,
and the payments and credit notes summed per invoice first. Plain SQL that both engines
run (CASE, not LEAST or FILTER); parameters are passed, never formatted in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection

from localoffer.core.money import round_money
from pricing.bookings.models import Booking
from pricing.invoices.enums import DocumentKind
from pricing.invoices.models import Document, InvoicePayment
from pricing.offers.models import BookableOffer

ZERO = Decimal("0.00")

SQL = """
SELECT o.service_id,
       SUM(CASE WHEN d.kind = %(invoice)s THEN d.net_total ELSE 0 END),
       SUM(CASE WHEN d.kind = %(invoice)s THEN d.gross_total ELSE 0 END),
       SUM(CASE WHEN d.kind = %(credit_note)s THEN d.net_total ELSE 0 END),
       SUM(CASE WHEN d.kind = %(credit_note)s THEN d.gross_total ELSE 0 END),
       SUM(CASE
             WHEN d.kind <> %(invoice)s THEN 0
             WHEN COALESCE(p.received, 0) < d.gross_total - COALESCE(c.credited, 0)
               THEN COALESCE(p.received, 0)
             ELSE d.gross_total - COALESCE(c.credited, 0)
           END)
  FROM {document} d
  JOIN {booking} b ON b.reference = d.booking_reference
  JOIN {offer} o ON o.id = b.offer_id AND o.organisation_id = d.organisation_id
  LEFT JOIN (SELECT ip.invoice_id, SUM(ip.amount) AS received
               FROM {payment} ip
               JOIN {document} i ON i.id = ip.invoice_id
              WHERE i.organisation_id = %(organisation)s AND i.kind = %(invoice)s
                AND i.issued_at >= %(since)s AND i.issued_at < %(until)s
                AND ip.received_on <= %(last_day)s
              GROUP BY ip.invoice_id) p ON p.invoice_id = d.id
  LEFT JOIN (SELECT cn.corrects_id, SUM(cn.gross_total) AS credited
               FROM {document} cn
              WHERE cn.organisation_id = %(organisation)s AND cn.kind = %(credit_note)s
                AND cn.issued_at < %(until)s
              GROUP BY cn.corrects_id) c ON c.corrects_id = d.id
 WHERE d.organisation_id = %(organisation)s
   AND d.issued_at >= %(since)s AND d.issued_at < %(until)s
   AND d.kind IN (%(invoice)s, %(credit_note)s)
   AND d.booking_reference <> ''
 GROUP BY o.service_id
"""


@dataclass(frozen=True)
class Money:
    """One listing's documents of the year so far; `kept` is gross (with VAT)."""

    invoiced_net: Decimal = ZERO
    invoiced_gross: Decimal = ZERO
    credited_net: Decimal = ZERO
    credited_gross: Decimal = ZERO
    kept: Decimal = ZERO


def _pounds(total: Any) -> Decimal:
    """A sum from the database as pounds and pence (SQLite sums decimals as floats)."""
    return round_money(Decimal(str(total))) if total is not None else ZERO


def money_by_listing(
    *, organisation_id: int, since: dt.datetime, until: dt.datetime, last_day: dt.date
) -> dict[int, Money]:
    """Per listing of the organisation: its bookings' invoices and credit notes issued in
    [since, until), net and gross, and the money kept on those invoices: received by
    `last_day`, less what was credited on each by `until` (a refund is credited, so it
    is not kept), never more than the invoice."""
    ops = connection.ops
    sql = SQL.format(
        document=connection.ops.quote_name(Document._meta.db_table),
        booking=ops.quote_name(Booking._meta.db_table),
        offer=ops.quote_name(BookableOffer._meta.db_table),
        payment=ops.quote_name(InvoicePayment._meta.db_table),
    )
    params = {
        "organisation": organisation_id,
        "since": ops.adapt_datetimefield_value(since),
        "until": ops.adapt_datetimefield_value(until),
        "last_day": ops.adapt_datefield_value(last_day),
        "invoice": DocumentKind.INVOICE.value,
        "credit_note": DocumentKind.CREDIT_NOTE.value,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return {row[0]: Money(*(_pounds(total) for total in row[1:])) for row in rows}
