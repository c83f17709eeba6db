"""One booking's page says whether the provider can read the child's one-page profile,
shares it (after a confirmation page) and links to stopping it; only for the family's own
bookings."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from pricing.bookings.services import cancel_by_family, confirm_booking, hold_places
from pricing.families.models import ProfileShare
from pricing.families.services import ACTION_SHARE
from tests.factories import UserFactory
from tests.html import get, text_of
from tests.pricing.bookings_pages.pages import button, link
from tests.pricing.factories import ChildFactory, OnePageProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile(child):
    return OnePageProfileFactory(child=child)


def detail_url(booking) -> str:
    return reverse("bookings:detail", kwargs={"reference": booking.reference})


def share_url(booking) -> str:
    return reverse("bookings:share_profile", kwargs={"reference": booking.reference})


def profile_row(page) -> str:
    row = next(
        r
        for r in page.select(".govuk-summary-list__row")
        if text_of(r.select_one("dt")) == "One-page profile"
    )
    return text_of(row)


def test_a_booking_says_the_profile_is_not_shared_and_offers_to_share_it(
    family_client, invoice_booking, profile
) -> None:
    page = get(family_client, detail_url(invoice_booking))
    assert "Not shared with Northbridge Play Club" in profile_row(page)
    share = link(page, "Share Amira's profile with Northbridge Play Club")
    assert share is not None and share["href"] == share_url(invoice_booking)


def test_sharing_from_the_booking_asks_first_then_records_the_consent(
    family, family_client, invoice_booking, profile, organisation, now
) -> None:
    page = get(family_client, share_url(invoice_booking))
    assert text_of(page.select_one("h1")) == (
        "Share Amira's one-page profile with Northbridge Play Club?"
    )
    words = text_of(page.select_one("main"))
    assert "only while they have a booking for Amira" in words
    assert "every bus route in town" in words  # what they would see
    assert link(page, "Who can see your children's profiles")["href"] == reverse("families:sharing")
    assert link(page, "Do not share it")["href"] == detail_url(invoice_booking)
    assert button(page, "Share the profile") is not None
    assert not ProfileShare.objects.exists()  # opening the page shares nothing

    response = family_client.post(share_url(invoice_booking))
    assert response.status_code == 302 and response.url == detail_url(invoice_booking)
    share = ProfileShare.objects.get()
    assert (share.child, share.organisation, share.granted_by) == (
        invoice_booking.child,
        organisation,
        family,
    )
    assert share.granted_at == now and share.purpose == f"Booking {invoice_booking.reference}"
    assert ModelLogEntry.objects.filter(action=ACTION_SHARE, user_id=family.pk).count() == 1

    page = get(family_client, detail_url(invoice_booking))
    assert "can now read Amira's one-page profile" in text_of(page)
    assert "Shared with Northbridge Play Club since 2 March 2026" in profile_row(page)
    stop = link(page, "Stop sharing Amira's profile with Northbridge Play Club")
    assert stop["href"] == reverse("families:withdraw_share", kwargs={"pk": share.pk})
    assert link(page, "Share Amira's profile") is None

    # A second press (or a second tab) records nothing more.
    again = family_client.post(share_url(invoice_booking))
    assert again.url == detail_url(invoice_booking)
    assert ProfileShare.objects.count() == 1


def test_stopping_from_the_booking_uses_the_sharing_page(
    family_client, invoice_booking, profile
) -> None:
    family_client.post(share_url(invoice_booking))
    stop = link(get(family_client, detail_url(invoice_booking)), "Stop sharing")["href"]
    assert "Stop sharing Amira's profile with Northbridge Play Club?" in text_of(
        get(family_client, stop)
    )
    family_client.post(stop)
    assert not ProfileShare.objects.active().exists()
    page = get(family_client, detail_url(invoice_booking))
    assert "Not shared with Northbridge Play Club" in profile_row(page)


def test_a_child_without_a_profile_is_offered_to_write_one(
    family_client, invoice_booking, child
) -> None:
    page = get(family_client, detail_url(invoice_booking))
    assert "Amira does not have a one-page profile yet" in profile_row(page)
    assert link(page, "Write the profile for Amira")["href"] == reverse(
        "families:profile", kwargs={"pk": child.pk}
    )
    response = family_client.post(share_url(invoice_booking))
    assert response.url == detail_url(invoice_booking)
    assert not ProfileShare.objects.exists()


def test_a_cancelled_booking_offers_no_sharing(
    family, family_client, invoice_booking, profile, now
) -> None:
    cancel_by_family(booking=invoice_booking, family=family, now=now)
    page = get(family_client, detail_url(invoice_booking))
    assert "Not shared with Northbridge Play Club" in profile_row(page)
    assert link(page, "Share Amira's profile") is None
    family_client.post(share_url(invoice_booking))
    assert not ProfileShare.objects.exists()


def test_another_familys_booking_is_not_found(family_client, session, now) -> None:
    other = UserFactory(email="other-family@example.org")
    kid = ChildFactory(family=other, first_name="Jo-Ann")
    OnePageProfileFactory(child=kid)
    theirs = confirm_booking(
        booking=hold_places(
            family=other, child=kid, session=session, places=1, method="invoice", now=now
        ),
        now=now,
    ).booking
    for url in (detail_url(theirs), share_url(theirs)):
        assert family_client.get(url).status_code == 404, url
        assert family_client.post(url).status_code == 404, url
    assert not ProfileShare.objects.exists()
    # Their own family can.
    client = Client()
    client.force_login(other)
    assert client.get(share_url(theirs)).status_code == 200
