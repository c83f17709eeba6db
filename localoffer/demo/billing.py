"""The demo provider's billing details, and its invoices settled: one paid (a receipt),
one credited in part (a credit note). Invoices themselves come from the bookings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from localoffer.demo.clock import on
from pricing.bookings.models import Booking
from pricing.invoices import selectors as invoice_selectors
from pricing.invoices import services as invoices
from pricing.payments.services import record_offline_payment
from providers.models import OrganisationPage


def billing_details(organisation: OrganisationPage, provider) -> None:
    """What the demo provider prints on its invoices: a charity, not registered for VAT."""
    invoices.save_billing_details(
        organisation=organisation,
        by=provider,
        legal_name=f"{organisation.title} (registered charity)",
        address="The Old School House\n14 Mill Lane\nNorthbridge\nNB1 4QT",
        email="accounts@northbridge-sensory.example",
        phone="01632 960 123",
        charity_number="1187654",
        invoice_prefix="NSP",
        payment_terms_days=14,
        bank_account_name="Northbridge Sensory Play",
        bank_sort_code="30-94-57",
        bank_account_number="12345678",
        footer="Thank you. Every payment keeps our sessions running.",
    )


def settle_invoices(past: list[Booking], provider, when: dt.datetime) -> None:
    """The family paid its invoice by bank transfer (a receipt); another family was
    credited part of theirs because the session finished early (a credit note)."""
    paid, credited = past[0], past[1]
    assert paid.payment is not None  # a priced booking paid later has its payment record
    with on(when):
        record_offline_payment(payment=paid.payment, by=provider, reference="BACS MAYA")
        invoice = invoice_selectors.booking_invoice(
            credited.offer.organisation_id, credited.reference
        )
        if invoice is not None:
            invoices.credit_invoice(
                invoice=invoice,
                amount=Decimal("2.00"),
                reason="The session finished half an hour early.",
                now=when,
                source_key="demo:finished-early",
                by=provider,
            )
