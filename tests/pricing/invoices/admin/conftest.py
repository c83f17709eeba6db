"""Fixtures for the provider's invoices area in the workspace.

The clock stands at `NOW` (Monday 2 March 2026, 09:00 London; tests/pricing/factories.py)
for every test here. Documents are issued through the real services.

issue              issue(*amounts, days_ago=0, customer=family, child=child, ...) -> an
                   invoice of `organisation`, one line per amount (VAT included at the
                   listing's treatment, "not_registered" unless given)
pay                pay(invoice, amount) -> the InvoicePayment recorded by bank transfer
credit             credit(invoice, amount) -> the credit note
provider_client    `provider` (a member of `organisation`, not an admin) signed in
boss               an admin of `organisation`; boss_client signed in
stranger           an admin of another organisation (`other_organisation`)
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from pricing.invoices.enums import DocumentKind, PaymentWay
from pricing.invoices.models import Document, InvoicePayment
from pricing.invoices.services import (
    LineInput,
    credit_invoice,
    issue_document,
    record_invoice_payment,
)
from providers.organisations.access import grant_organisation_access
from tests.factories import UserFactory
from tests.pricing.admin.conftest import (  # noqa: F401 (the bookings area's clock and sign-in)
    _clock,
    other_organisation,
    provider_client,
    signed_in,
    stranger,
)
from tests.pricing.factories import NOW


@pytest.fixture
def boss(organisation):
    user = UserFactory(email="boss@playclub.example.org")
    grant_organisation_access(organisation=organisation, user=user, admin=True)
    return user


@pytest.fixture
def boss_client(boss) -> Client:
    return signed_in(boss)


@pytest.fixture
def issue(organisation, family, child) -> Callable[..., Document]:
    counter = itertools.count(1)

    def make(
        *amounts: Decimal,
        days_ago: int = 0,
        customer: Any = None,
        for_child: Any = "default",
        treatment: str = "not_registered",
        organisation_: Any = None,
        descriptions: list[str] | None = None,
        lines: list[LineInput] | None = None,
    ) -> Document:
        number = next(counter)
        return issue_document(
            kind=DocumentKind.INVOICE,
            organisation=organisation_ or organisation,
            customer=customer or family,
            lines=lines
            or [
                LineInput(
                    description=descriptions[i] if descriptions else f"Session {i + 1}",
                    quantity=Decimal("1"),
                    unit_price=amount,
                    vat_treatment=treatment,
                    supply_date=(NOW - dt.timedelta(days=days_ago)).date(),
                )
                for i, amount in enumerate(amounts or [Decimal("24.00")])
            ],
            source_key=f"test:{number}",
            now=NOW - dt.timedelta(days=days_ago),
            child=child if for_child == "default" else for_child,
            booking_reference=f"NB-TEST{number:02d}",
        )

    return make


@pytest.fixture
def pay() -> Callable[..., InvoicePayment]:
    def make(invoice: Document, amount: str, *, days_ago: int = 0) -> InvoicePayment:
        return record_invoice_payment(
            invoice=invoice,
            amount=Decimal(amount),
            received_on=(NOW - dt.timedelta(days=days_ago)).date(),
            way=PaymentWay.BANK_TRANSFER,
            now=NOW - dt.timedelta(days=days_ago),
        )

    return make


@pytest.fixture
def credit() -> Callable[..., Document]:
    counter = itertools.count(1)

    def make(invoice: Document, amount: str, *, days_ago: int = 0) -> Document:
        return credit_invoice(
            invoice=invoice,
            amount=Decimal(amount),
            reason="Session cancelled",
            now=NOW - dt.timedelta(days=days_ago),
            source_key=f"test-credit:{next(counter)}",
        )

    return make
