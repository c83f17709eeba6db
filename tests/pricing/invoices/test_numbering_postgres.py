"""On PostgreSQL, a hundred invoices issued at the same moment for one provider are
numbered 1 to 100: no gap, no number twice (the provider's sequence row is locked)."""

import threading

import pytest
from django.db import connection, connections

from pricing.invoices.enums import DocumentKind
from pricing.invoices.models import BillingDetails, Document
from pricing.invoices.services import issue_document
from tests.factories import (
    OrganisationIndexPageFactory,
    OrganisationPageFactory,
    UserFactory,
    site_tree,
)
from tests.pricing.factories import NOW
from tests.pricing.invoices.conftest import line

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL's row locks and real concurrency (SQLite serialises writes)",
    ),
]


def test_a_hundred_invoices_issued_at_once_are_numbered_one_to_a_hundred():
    organisation = OrganisationPageFactory(
        parent=OrganisationIndexPageFactory(parent=site_tree()), verified=True
    )
    BillingDetails.objects.create(
        organisation=organisation,
        legal_name="Busy Club",
        address="1 Road\nNB1 1AA",
        email="busy@example.org",
        invoice_prefix="BUSY",
    )
    families = [UserFactory() for _ in range(100)]
    start = threading.Barrier(100)
    failures: list[BaseException] = []

    def issue(n: int) -> None:
        try:
            start.wait()
            issue_document(
                kind=DocumentKind.INVOICE,
                organisation=organisation,
                customer=families[n],
                lines=[line("24.00")],
                source_key=f"parallel:{n}",
                now=NOW,
            )
        except BaseException as error:  # noqa: BLE001 - reported below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(n,)) for n in range(100)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    numbers = sorted(
        Document.objects.filter(organisation=organisation).values_list("sequence", flat=True)
    )
    assert numbers == list(range(1, 101))
    assert (
        Document.objects.filter(organisation=organisation).values("number").distinct().count()
        == 100
    )


def test_the_same_invoice_asked_for_at_once_is_issued_once():
    organisation = OrganisationPageFactory(
        parent=OrganisationIndexPageFactory(parent=site_tree()), verified=True
    )
    family = UserFactory()
    start = threading.Barrier(20)
    numbers: list[str] = []
    failures: list[BaseException] = []

    def issue() -> None:
        try:
            start.wait()
            document = issue_document(
                kind=DocumentKind.INVOICE,
                organisation=organisation,
                customer=family,
                lines=[line("24.00")],
                source_key="booking:NB-REPLAY",
                now=NOW,
            )
            numbers.append(document.number)
        except BaseException as error:  # noqa: BLE001 - reported below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert len(set(numbers)) == 1 and len(numbers) == 20
    assert Document.objects.filter(organisation=organisation).count() == 1
