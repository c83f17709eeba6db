"""Shared set-up for invoices: a provider's billing details and a quick way to issue."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from pricing.invoices.enums import DocumentKind
from pricing.invoices.models import BillingDetails, Document
from pricing.invoices.services import LineInput, issue_document
from providers.enums import VatTreatment
from tests.pricing.factories import NOW


@pytest.fixture
def billing(organisation) -> BillingDetails:
    return BillingDetails.objects.create(
        organisation=organisation,
        legal_name="Northbridge Play Club CIO",
        address="1 Mill Lane\nNorthbridge\nNB1 2AB",
        email="accounts@playclub.example.org",
        phone="01632 960000",
        charity_number="1234567",
        invoice_prefix="PLAY",
        payment_terms_days=14,
    )


@pytest.fixture
def vat_billing(billing) -> BillingDetails:
    billing.vat_registered = True
    billing.vat_number = "GB123456789"
    billing.save()
    return billing


def line(
    price: str,
    quantity: str = "1",
    treatment: str = VatTreatment.EXEMPT,
    description: str = "Saturday sensory club",
) -> LineInput:
    return LineInput(
        description=description,
        quantity=Decimal(quantity),
        unit_price=Decimal(price),
        vat_treatment=treatment,
        unit="place",
        supply_date=NOW.date(),
    )


@pytest.fixture
def issue(organisation, family) -> Callable[..., Document]:
    """Issue an invoice (by default) for `family` from `organisation` with the given lines."""
    counter = iter(range(1, 100_000))

    def make(*lines: LineInput, kind: str = DocumentKind.INVOICE, **fields: Any) -> Document:
        return issue_document(
            kind=kind,
            organisation=fields.pop("organisation", organisation),
            customer=fields.pop("customer", family),
            lines=list(lines) or [line("24.00")],
            source_key=fields.pop("source_key", f"test:{next(counter)}"),
            now=fields.pop("now", NOW),
            **fields,
        )

    return make
