"""Removing a child who has bookings is refused, leaving everything: bookings point at
children with PROTECT, because a provider's register and a family's payments must stay."""

import pytest
from django.urls import reverse

from pricing.bookings.services import hold_places
from pricing.families import services
from pricing.families.models import Child, OnePageProfile, ProfileShare
from pricing.families.services import FamilyError
from pricing.payments.models import PaymentMethod
from tests.pricing.factories import OnePageProfileFactory

pytestmark = pytest.mark.django_db


def _book(child, session, now):
    return hold_places(
        family=child.family,
        child=child,
        session=session,
        places=1,
        method=PaymentMethod.INVOICE,
        now=now,
    )


def test_a_child_with_a_booking_cannot_be_removed(session, organisation, now) -> None:
    profile = OnePageProfileFactory(child__first_name="Sam")
    child = profile.child
    share = services.share_profile(child=child, organisation=organisation, by=child.family)
    _book(child, session, now)
    with pytest.raises(FamilyError, match="You cannot remove Sam because they have bookings"):
        services.remove_child(child=child, by=child.family)
    assert Child.objects.filter(pk=child.pk).exists()
    assert OnePageProfile.objects.filter(child=child).exists()
    assert ProfileShare.objects.filter(pk=share.pk).exists()


def test_the_remove_page_says_why_and_keeps_the_child(client, family, child, session, now):
    _book(child, session, now)
    client.force_login(family)
    response = client.post(reverse("families:remove", kwargs={"pk": child.pk}))
    assert response.status_code == 200
    page = response.content.decode()
    assert f"{child.first_name} cannot be removed" in page
    assert f"You cannot remove {child.first_name} because they have bookings." in page
    assert Child.objects.filter(pk=child.pk).exists()
