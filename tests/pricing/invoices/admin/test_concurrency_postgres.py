"""On PostgreSQL, the same action twice at the same moment on one invoice: the invoice's
row lock makes the second wait and then see the first, so one reminder is sent and one
payment recorded (a receipt can never be taken back)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import connection, connections

from pricing.invoices.enums import DocumentKind, PaymentWay
from pricing.invoices.models import Document, InvoicePayment, InvoiceReminder
from pricing.invoices.services import (
    InvoiceError,
    LineInput,
    issue_document,
    record_payment_by_hand,
    remind_overdue_invoice,
)
from tests.factories import (
    OrganisationIndexPageFactory,
    OrganisationPageFactory,
    UserFactory,
    site_tree,
)
from tests.pricing.factories import NOW

# serialized_rollback: the flush after a transactional test must give back the rows the
# migrations made (the root page, the groups), which the tests after it on this worker need.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite has no row locks; run with DATABASE_URL pointing at PostgreSQL",
    ),
]


def overdue_invoice() -> Document:
    organisation = OrganisationPageFactory(
        parent=OrganisationIndexPageFactory(parent=site_tree()), verified=True
    )
    return issue_document(
        kind=DocumentKind.INVOICE,
        organisation=organisation,
        customer=UserFactory(),
        lines=[LineInput("Session", Decimal("1"), Decimal("24.00"), "not_registered")],
        source_key="concurrency",
        now=NOW - dt.timedelta(days=30),
    )


def at_once(action: Callable[[], object], times: int = 2) -> list[str]:
    start = threading.Barrier(times)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt() -> None:
        try:
            start.wait()
            action()
            result = "done"
        except InvoiceError:
            result = "refused"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


def test_two_reminders_at_once_send_one():
    invoice = overdue_invoice()
    outcomes = at_once(lambda: remind_overdue_invoice(invoice=invoice, by=None, now=NOW))
    assert outcomes == ["done", "refused"]
    assert InvoiceReminder.objects.filter(invoice=invoice).count() == 1


def test_the_same_payment_form_sent_twice_at_once_records_one_payment():
    invoice = overdue_invoice()
    outcomes = at_once(
        lambda: record_payment_by_hand(
            invoice=invoice,
            payments_seen=0,
            amount=Decimal("5.00"),
            received_on=NOW.date(),
            way=PaymentWay.CASH,
            now=NOW,
        )
    )
    assert outcomes == ["done", "refused"]
    assert InvoicePayment.objects.filter(invoice=invoice).count() == 1
