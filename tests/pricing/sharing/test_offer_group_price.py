"""The provider's booking settings take a group price: both or neither, 2 to 30 children,
more than £0, sessions only."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pricing.offers.enums import CancellationPolicy, OfferKind
from pricing.offers.models import BookableOffer
from pricing.offers.services import OfferError, save_offer
from tests.pricing.sharing.conftest import signed_in

pytestmark = pytest.mark.django_db


def url(service) -> str:
    return f"/admin/bookings/listings/{service.pk}/"


def settings_form(service, **changes) -> dict:
    data = {
        "kind": OfferKind.SESSIONS,
        "cost_option": service.cost_options.first().pk,
        "accepts_invoice": "on",
        "booking_opens_days_before": "28",
        "booking_closes_hours_before": "4",
        "cancellation_policy": CancellationPolicy.FREE_48_NONE,
        "is_active": "on",
        "group_price": "",
        "group_size": "",
    }
    data.update(changes)
    return data


def test_a_provider_sets_and_removes_a_group_price(provider, service):
    client = signed_in(provider)
    page = client.get(url(service)).content.decode()
    assert "Group price (optional)" in page and "Most children in a group" in page
    answer = client.post(url(service), settings_form(service, group_price="80", group_size="4"))
    assert answer.status_code == 302
    offer = BookableOffer.objects.get(service=service)
    assert offer.group_price == Decimal("80.00") and offer.group_size == 4
    assert 'value="80.00"' in client.get(url(service)).content.decode()
    client.post(url(service), settings_form(service))
    offer.refresh_from_db()
    assert offer.group_price is None and offer.group_size is None


@pytest.mark.parametrize(
    ("price", "size", "message"),
    [
        ("80", "", "Enter the most children a group can have"),
        ("", "4", "Enter the group price, or remove the group size"),
        ("0", "4", "Enter a group price of more than £0"),
        ("80", "1", "Enter a number of children from 2 to 30"),
        ("80", "31", "Enter a number of children from 2 to 30"),
        ("eighty", "4", "Enter the group price in pounds"),
    ],
)
def test_a_group_price_the_rules_refuse_is_shown_on_the_form(
    provider, service, price, size, message
):
    client = signed_in(provider)
    answer = client.post(url(service), settings_form(service, group_price=price, group_size=size))
    assert answer.status_code == 200
    assert message in answer.content.decode()
    assert not BookableOffer.objects.filter(service=service).exists()


def test_hours_of_support_cannot_have_a_group_price(provider, service):
    client = signed_in(provider)
    answer = client.post(
        url(service),
        settings_form(service, kind=OfferKind.HOURS, group_price="80", group_size="4"),
    )
    assert "Only sessions can have a group price" in answer.content.decode()
    with pytest.raises(OfferError, match="Only sessions"):
        save_offer(
            service=service,
            kind=OfferKind.HOURS,
            cost_option=service.cost_options.first(),
            by=provider,
            group_price=Decimal("80.00"),
            group_size=4,
        )
