"""Billing details: prefilled from the organisation's page, saved by its admins through
the service (errors in the summary, what was typed kept), seen but not changed by other
members, and printed on the invoices issued afterwards."""

from __future__ import annotations

import pytest

from pricing.invoices.models import BillingDetails
from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db


def url(organisation) -> str:
    return f"/admin/invoices/{organisation.pk}/billing/"


def billing_form(**changes: str | None) -> dict[str, str]:
    data: dict[str, str | None] = {
        "legal_name": "Northbridge Play Club CIO",
        "address": "1 High Street\nNorthbridge\nNB1 4AA",
        "email": "accounts@playclub.example.org",
        "phone": "01632 960 001",
        "charity_number": "1100001",
        "company_number": "",
        "vat_registered": None,
        "vat_number": "",
        "invoice_prefix": "play",
        "payment_terms_days": "30",
        "bank_account_name": "Northbridge Play Club",
        "bank_sort_code": "30 94 57",
        "bank_account_number": "1234 5678",
        "footer": "Thank you for playing with us.",
        "hours_invoicing": "confirmation",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_first_time_the_form_shows_the_organisation_pages_details(boss_client, organisation):
    page = soup_of(boss_client.get(url(organisation)))
    assert page.find("input", {"name": "legal_name"})["value"] == "Northbridge Play Club"
    assert page.find("textarea", {"name": "address"}).text.strip() == (
        "1 High Street\nNorthbridge\nNB1 4AA"
    )
    assert page.find("input", {"name": "email"})["value"] == organisation.email
    assert page.find("input", {"name": "invoice_prefix"})["value"] == f"NPC{organisation.pk}"
    assert "come from your organisation's page" in text_of(page)
    assert not BillingDetails.objects.exists()


def test_an_admin_saves_the_details_tidied(boss_client, organisation, boss):
    response = boss_client.post(
        url(organisation),
        billing_form(vat_registered="on", vat_number="gb 123 4567 89"),
    )
    assert response.status_code == 302 and response.url == url(organisation)
    details = BillingDetails.objects.get(organisation=organisation)
    assert details.legal_name == "Northbridge Play Club CIO"
    assert details.vat_registered and details.vat_number == "GB123456789"
    assert details.invoice_prefix == "PLAY"
    assert details.bank_sort_code == "30-94-57" and details.bank_account_number == "12345678"
    assert details.payment_terms_days == 30
    shown = boss_client.get(url(organisation))
    assert b"Billing details saved" in shown.content
    assert b"come from your organisation" not in shown.content


def test_registered_for_vat_without_a_number_is_refused_keeping_what_was_typed(
    boss_client, organisation
):
    response = boss_client.post(
        url(organisation),
        billing_form(vat_registered="on", vat_number="", legal_name="Play Club Typed Name"),
    )
    assert response.status_code == 200
    page = soup_of(response)
    summary = page.find(class_="help-critical")
    link = summary.find("a", href="#id_vat_number")
    assert "Enter your VAT registration number" in text_of(link)
    assert "registered for VAT" in text_of(link)
    assert page.find("input", {"name": "legal_name"})["value"] == "Play Club Typed Name"
    assert page.find("input", {"name": "vat_registered"}).has_attr("checked")
    assert page.find("input", {"name": "bank_sort_code"})["value"] == "30 94 57"  # as typed
    assert not BillingDetails.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"vat_registered": "on", "vat_number": "GB12345"}, "vat_number", "GB123456789"),
        ({"invoice_prefix": "PLAY-CLUB"}, "invoice_prefix", "capital letters or digits"),
        ({"payment_terms_days": "120"}, "payment_terms_days", "at most 90 days"),
        ({"bank_sort_code": "", "bank_account_number": "12345678"}, "bank_sort_code", "sort code"),
        ({"legal_name": ""}, "legal_name", "Enter the name to print"),
    ],
)
def test_each_mistake_is_named_beside_its_field(boss_client, organisation, changes, field, message):
    response = boss_client.post(url(organisation), billing_form(**changes))
    assert response.status_code == 200
    summary = soup_of(response).find(class_="help-critical")
    assert message in text_of(summary.find("a", href=f"#id_{field}"))
    assert not BillingDetails.objects.exists()


def test_a_member_who_is_not_an_admin_sees_the_details_but_cannot_change_them(
    provider_client, organisation
):
    page = soup_of(provider_client.get(url(organisation)))
    assert page.find("input", {"name": "legal_name"}).has_attr("disabled")
    assert page.find("button", string="Save billing details") is None
    assert "Only your organisation's admins" in text_of(page)
    response = provider_client.post(url(organisation), billing_form())
    assert response.status_code == 302 and response.url == url(organisation)
    assert not BillingDetails.objects.exists()
    after = provider_client.get(url(organisation))
    assert b"Only your organisation&#x27;s admins can change" in after.content


def test_saved_details_are_printed_on_the_next_invoice(boss_client, organisation, issue):
    boss_client.post(url(organisation), billing_form(vat_registered="on", vat_number="GB123456789"))
    invoice = issue()
    assert invoice.number == "PLAY-0001"
    assert invoice.supplier_name == "Northbridge Play Club CIO"
    assert invoice.vat_number == "GB123456789"
    assert "sort code 30-94-57, account 12345678" in invoice.payment_instructions
