"""Every address of the provider's invoices area, tried by people who must not use it:
another organisation's team member (404 with this organisation's ids: it does not
confirm the record exists), council staff outside any team (refused as Wagtail refuses:
back to the dashboard), a family and a visitor (sent away as by the rest of the admin).
A refused POST changes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from pricing.invoices.enums import DocumentKind
from pricing.invoices.models import BillingDetails, Document, InvoicePayment, InvoiceReminder
from tests.pricing.invoices.admin.conftest import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(organisation, family, issue, pay, credit):
    overdue = issue(days_ago=30)
    pay(overdue, "4.00")
    note = credit(overdue, "2.00")
    return {
        "organisation": organisation,
        "family": family,
        "invoice": overdue,
        "receipt": overdue.payments.get().receipt,
        "note": note,
    }


def urls(r) -> list[tuple[str, dict]]:
    """(address, a POST that would change something if it were allowed)."""
    o, i = r["organisation"].pk, r["invoice"].pk
    return [
        (f"/admin/invoices/{o}/", {}),
        (f"/admin/invoices/{o}/?kind=receipt", {}),
        (
            f"/admin/invoices/{o}/billing/",
            {
                "legal_name": "Taken over",
                "address": "Elsewhere",
                "email": "thief@example.org",
                "invoice_prefix": "GRAB",
                "payment_terms_days": "14",
                "hours_invoicing": "confirmation",
            },
        ),
        (f"/admin/invoices/{o}/export/", {}),
        (f"/admin/invoices/{o}/export/?date_from=2026-01-01&date_to=2026-03-31", {}),
        (f"/admin/invoices/{o}/families/{r['family'].pk}/", {}),
        (f"/admin/invoices/documents/{i}/", {}),
        (f"/admin/invoices/documents/{r['receipt'].pk}/", {}),
        (f"/admin/invoices/documents/{r['note'].pk}/", {}),
        (
            f"/admin/invoices/documents/{i}/payment/",
            {
                "amount": "1.00",
                "received_on": "2026-03-01",
                "way": "cash",
                "payments_seen": "1",
            },
        ),
        (
            f"/admin/invoices/documents/{i}/credit/",
            {"amount": "1.00", "reason": "No", "token": "a" * 32},
        ),
        (f"/admin/invoices/documents/{i}/remind/", {}),
    ]


def assert_nothing_changed(r) -> None:
    assert not BillingDetails.objects.exists()
    assert InvoicePayment.objects.count() == 1
    assert Document.objects.filter(kind=DocumentKind.CREDIT_NOTE).count() == 1
    assert not InvoiceReminder.objects.exists()


def client_of(user) -> Client:
    return signed_in(user) if user is not None else Client()


def test_every_url_answers_its_own_team(records, provider):
    client = client_of(provider)
    for url, _ in urls(records):
        assert client.get(url).status_code == 200, url


def test_another_organisations_member_gets_404_everywhere(records, stranger, other_organisation):
    client = client_of(stranger)
    for url, data in urls(records):
        assert client.get(url).status_code == 404, url
        assert client.post(url, data).status_code == 404, url
    assert_nothing_changed(records)
    # Their own area shows nothing of the other organisation.
    own = client.get(f"/admin/invoices/{other_organisation.pk}/")
    assert own.status_code == 200 and records["invoice"].number.encode() not in own.content
    assert client.get("/admin/invoices/").url == f"/admin/invoices/{other_organisation.pk}/"
    empty = client.get(
        f"/admin/invoices/{other_organisation.pk}/export/",
        {"date_from": "2026-01-01", "date_to": "2026-03-31"},
    )
    body = b"".join(empty.streaming_content).decode()
    assert records["invoice"].number not in body and body.splitlines()[-1] == "Total,0.00,0.00,0.00"


@pytest.mark.parametrize("role", ["moderator", "content_editor", "finance_officer", "superuser"])
def test_council_staff_outside_the_team_are_refused(records, users_by_role, role):
    client = client_of(users_by_role[role])
    for url, data in [*urls(records), ("/admin/invoices/", {}), ("/admin/invoices/billing/", {})]:
        for response in (client.get(url), client.post(url, data)):
            # Wagtail answers a refusal in its admin by sending them to the dashboard.
            assert (response.status_code, response.get("Location")) == (302, "/admin/"), (
                role,
                url,
            )
    assert_nothing_changed(records)


@pytest.mark.parametrize("who", ["family", "anonymous"])
def test_families_and_visitors_reach_no_provider_screen(records, family, who):
    client = client_of(family if who == "family" else None)
    for url, data in [*urls(records), ("/admin/invoices/", {})]:
        for response in (client.get(url), client.post(url, data)):
            assert response.status_code in (302, 403), (who, url)
            if response.status_code == 302:
                assert not response.url.startswith("/admin/invoices/"), (who, url)
                assert "/login/" in response.url, (who, url)
    assert_nothing_changed(records)


def test_an_id_of_nothing_is_404(provider_client, records):
    assert provider_client.get("/admin/invoices/documents/999999/").status_code == 404
    assert provider_client.get("/admin/invoices/999999/").status_code == 404
    huge = "9" * 25  # beyond any database id: the address matches nothing
    assert provider_client.get(f"/admin/invoices/documents/{huge}/").status_code == 404
    assert Decimal(records["invoice"].gross_total) == Decimal("24.00")
