"""The provider workspace's Payments page: the organisation's admins only."""

from __future__ import annotations

import pytest

from pricing.payments.models import ConnectedAccount
from providers.organisations.access import grant_organisation_access
from tests.factories import OrganisationPageFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_an_admin_connects_a_local_test_account_in_development(client_for, organisation):
    client = client_for("provider_admin")
    index = client.get("/admin/payments/")
    assert index.status_code == 302 and index.url == f"/admin/payments/{organisation.pk}/"
    page = client.get(f"/admin/payments/{organisation.pk}/")
    assert page.status_code == 200
    assert b"Connect with Stripe" in page.content
    response = client.post(f"/admin/payments/{organisation.pk}/")
    assert response.status_code == 302
    assert response.url.endswith(f"/admin/payments/{organisation.pk}/return/")
    done = client.get(response.url, follow=True)
    assert b"can now take card payments" in done.content
    assert ConnectedAccount.objects.get(organisation=organisation).is_local_test


def test_the_page_says_what_stripe_still_needs(client_for, organisation):
    ConnectedAccount.objects.create(
        organisation=organisation,
        stripe_account_id="acct_1Needs",
        requirements_currently_due=["external_account"],
    )
    page = client_for("provider_admin").get(f"/admin/payments/{organisation.pk}/")
    assert b"the bank account to pay money into" in page.content
    assert b"Continue setting up on Stripe" in page.content


@pytest.mark.parametrize("role", ["provider", "family"])
def test_members_and_families_are_refused(client_for, organisation, role):
    client = client_for(role)
    for url in (
        f"/admin/payments/{organisation.pk}/",
        f"/admin/payments/{organisation.pk}/return/",
        f"/admin/payments/{organisation.pk}/refresh/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert not response.headers.get("Location", "").startswith("/admin/payments/")
    assert client.post(f"/admin/payments/{organisation.pk}/").status_code in (302, 403)
    assert not ConnectedAccount.objects.exists()


def test_another_organisations_admin_is_refused(client_for, organisation, organisation_index):
    other = OrganisationPageFactory(parent=organisation_index, title="Other club", verified=True)
    stranger = UserFactory(email="admin@other.example.org")
    grant_organisation_access(organisation=other, user=stranger, admin=True)
    from django.test import Client

    client = Client()
    client.force_login(stranger)
    response = client.get(f"/admin/payments/{organisation.pk}/")
    assert response.status_code in (302, 403)
    assert client.post(f"/admin/payments/{organisation.pk}/").status_code in (302, 403)
    assert not ConnectedAccount.objects.filter(organisation=organisation).exists()
    assert client.get("/admin/payments/").url == f"/admin/payments/{other.pk}/"


def test_the_menu_shows_payments_to_admins_only(client_for):
    # The sidebar is drawn from JSON in the page: the item's address appears there.
    assert b"/admin/payments/" in client_for("provider_admin").get("/admin/").content
    assert b"/admin/payments/" not in client_for("provider").get("/admin/").content
