"""Booking settings of a listing: made bookable with one of its own prices, card only when
the organisation's Stripe account is ready, and stopping bookings."""

from __future__ import annotations

import pytest

from pricing.offers.enums import CancellationPolicy, OfferKind
from pricing.offers.models import BookableOffer
from tests.factories import CostOptionFactory, ServicePageFactory

pytestmark = pytest.mark.django_db


def url(service) -> str:
    return f"/admin/bookings/listings/{service.pk}/"


def settings_form(service, **changes) -> dict:
    data = {
        "kind": OfferKind.SESSIONS,
        "cost_option": service.cost_options.first().pk,
        "accepts_card": "on",
        "accepts_invoice": "on",
        "booking_opens_days_before": "28",
        "booking_closes_hours_before": "4",
        "cancellation_policy": CancellationPolicy.FREE_24_HALF,
        "is_active": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_a_member_makes_a_listing_bookable_with_card_when_ready(
    provider_client, service, ready_organisation
):
    page = provider_client.get(url(service))
    assert b"Make bookable" not in page.content and b"Save booking settings" in page.content
    assert "£24 per hour".encode() in page.content
    response = provider_client.post(url(service), settings_form(service))
    offer = BookableOffer.objects.get(service=service)
    assert response.status_code == 302
    assert response.url == f"/admin/bookings/offers/{offer.pk}/sessions/"
    assert offer.cost_option == service.cost_options.first()
    assert offer.accepts_card and offer.accepts_invoice
    assert offer.booking_opens_days_before == 28 and offer.booking_closes_hours_before == 4
    assert offer.cancellation_policy == CancellationPolicy.FREE_24_HALF
    assert offer.is_bookable


def test_without_a_ready_stripe_account_card_is_off_and_payments_is_named(
    client_for, service, organisation
):
    admin = client_for("provider_admin")
    page = admin.get(url(service))
    assert f"/admin/payments/{organisation.pk}/".encode() in page.content
    # A card box forced on in the request is not taken.
    admin.post(url(service), settings_form(service))
    offer = BookableOffer.objects.get(service=service)
    assert not offer.accepts_card and offer.accepts_invoice


def test_a_member_who_cannot_manage_payments_is_told_to_ask_an_admin(provider_client, service):
    page = provider_client.get(url(service))
    assert b"An admin of" in page.content and b"/admin/payments/" not in page.content


def test_a_payment_way_is_required(provider_client, service):
    response = provider_client.post(url(service), settings_form(service, accepts_invoice=None))
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert b"Choose at least one way families can pay" in response.content
    assert not BookableOffer.objects.exists()


def test_a_price_of_another_listing_is_refused(provider_client, service, organisation):
    elsewhere = ServicePageFactory(parent=organisation, title="Other")
    foreign = CostOptionFactory(service=elsewhere)
    response = provider_client.post(url(service), settings_form(service, cost_option=foreign.pk))
    assert response.status_code == 200
    assert b"Choose one of this listing&#x27;s prices" in response.content
    assert not BookableOffer.objects.exists()


def test_stopping_bookings_and_the_kind_stays(provider_client, service, offer):
    response = provider_client.post(
        url(service), settings_form(service, kind=OfferKind.HOURS, is_active=None)
    )
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.kind == OfferKind.SESSIONS  # the kind cannot change: the field is fixed
    assert not offer.is_active and not offer.is_bookable
    page = provider_client.get("/admin/bookings/")
    assert b"Not taking bookings" in page.content


def test_a_listing_without_costs_says_to_add_one(provider_client, organisation):
    bare = ServicePageFactory(parent=organisation, title="Bare", cost_options=[])
    page = provider_client.get(url(bare))
    assert b"This listing has no costs yet" in page.content


def test_the_listing_editor_has_a_booking_settings_button(provider_client, service):
    page = provider_client.get(f"/admin/pages/{service.pk}/edit/")
    assert url(service).encode() in page.content


def test_the_bookings_area_lists_the_organisations_listings(
    provider_client, client_for, service, offer
):
    page = provider_client.get("/admin/bookings/")
    assert page.status_code == 200
    assert service.title.encode() in page.content
    assert f"/admin/bookings/offers/{offer.pk}/sessions/".encode() in page.content
    # The sidebar is drawn from JSON in the page: the item's address appears there.
    assert b"/admin/bookings/" in provider_client.get("/admin/").content
    assert b"/admin/bookings/" not in client_for("moderator").get("/admin/").content
