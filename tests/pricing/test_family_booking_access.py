"""Every address of the family's bookings pages, tried by someone it is not for.

Another family: 404 for every booking, waiting-list place and offer link, as for ones
that do not exist, and nothing changes. A provider's team and council staff: the "This
is a work account" page (403). Anonymous visitors: sent to sign in.
"""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from pricing.bookings.enums import BookingStatus, WaitingStatus
from pricing.bookings.models import Booking, WaitingListEntry
from pricing.bookings.services import (
    cancel_by_family,
    confirm_booking,
    hold_places,
    join_waiting_list,
)
from pricing.bookings.services.release import OFFER_PATH, offer_token
from tests.factories import ServicePageFactory, UserFactory
from tests.pricing.factories import NOW, BookableOfferFactory, ChildFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _at_now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def theirs(organisation, session, offer, now):
    """Another family's confirmed booking, waiting-list place and offered place."""
    other = UserFactory(email="other-family@example.org")
    kid = ChildFactory(family=other, first_name="Jo-Ann")
    later = SessionFactory(offer=offer, starts_at=now + dt.timedelta(days=9))
    booking = confirm_booking(
        booking=hold_places(
            family=other, child=kid, session=session, places=3, method="invoice", now=now
        ),
        now=now,
    ).booking
    full = SessionFactory(offer=offer, capacity=1, starts_at=now + dt.timedelta(days=5))
    blocker = ChildFactory(first_name="Kit")
    blocking = confirm_booking(
        booking=hold_places(
            family=blocker.family, child=blocker, session=full, places=1, method="invoice", now=now
        ),
        now=now,
    ).booking
    entry = join_waiting_list(family=other, child=kid, session=full, places=1, now=now)
    cancel_by_family(booking=blocking, family=blocker.family, now=now)
    entry.refresh_from_db()
    assert entry.status == WaitingStatus.OFFERED
    waiting = join_waiting_list(family=other, child=kid, session=session, places=1, now=now)
    hours = BookableOfferFactory(service=ServicePageFactory(parent=organisation), hours=True)
    return {
        "booking": booking,
        "later": later,
        "full": full,
        "entry": entry,
        "waiting": waiting,
        "hours": hours,
    }


def family_urls(theirs) -> list[str]:
    reference = theirs["booking"].reference
    return [
        reverse("bookings:detail", kwargs={"reference": reference}),
        reverse("bookings:calendar", kwargs={"reference": reference}),
        reverse("bookings:cancel", kwargs={"reference": reference}),
        reverse("bookings:move", kwargs={"reference": reference}),
        reverse("bookings:answer_proposal", kwargs={"reference": reference}),
        reverse("bookings:request_sent", kwargs={"reference": reference}),
        reverse("bookings:share_profile", kwargs={"reference": reference}),
        reverse("bookings:leave_waiting_list", kwargs={"entry": theirs["waiting"].pk}),
        OFFER_PATH.format(token=offer_token(theirs["entry"])),
    ]


def every_url(theirs) -> list[str]:
    return [
        reverse("bookings:list"),
        reverse("bookings:ask", kwargs={"service": theirs["hours"].service_id}),
        reverse("bookings:ask_units", kwargs={"service": theirs["hours"].service_id}),
        reverse("bookings:ask_times", kwargs={"service": theirs["hours"].service_id}),
        reverse("bookings:ask_budget", kwargs={"service": theirs["hours"].service_id}),
        reverse("bookings:ask_outcome", kwargs={"service": theirs["hours"].service_id}),
        reverse("bookings:ask_method", kwargs={"service": theirs["hours"].service_id}),
        reverse("bookings:ask_check", kwargs={"service": theirs["hours"].service_id}),
        reverse("bookings:join_waiting_list", kwargs={"session": theirs["full"].pk}),
        *family_urls(theirs),
    ]


def assert_unchanged(theirs) -> None:
    booking = Booking.objects.get(pk=theirs["booking"].pk)
    assert booking.status == BookingStatus.CONFIRMED
    assert booking.session_id != theirs["later"].pk
    assert WaitingListEntry.objects.get(pk=theirs["waiting"].pk).status == WaitingStatus.WAITING
    assert WaitingListEntry.objects.get(pk=theirs["entry"].pk).status == WaitingStatus.OFFERED
    assert Booking.objects.filter(family=booking.family).count() == 1


def test_another_family_gets_404_and_changes_nothing(theirs, family, child) -> None:
    client = Client()
    client.force_login(family)
    for url in family_urls(theirs):
        assert client.get(url).status_code == 404, url
        response = client.post(url, {"session": str(theirs["later"].pk), "method": "invoice"})
        assert response.status_code == 404, url
    assert_unchanged(theirs)
    listing = client.get(reverse("bookings:list")).content.decode()
    assert theirs["booking"].reference not in listing and "Jo-Ann" not in listing


def test_a_reference_that_does_not_exist_is_404(family) -> None:
    client = Client()
    client.force_login(family)
    assert client.get("/account/bookings/NB-XXXXXX/").status_code == 404
    assert (
        client.get("/account/bookings/waiting-list/99999999999999999999/leave/").status_code == 404
    )


@pytest.mark.parametrize(
    "role", ["provider", "provider_admin", "moderator", "finance_officer", "superuser"]
)
def test_work_accounts_get_the_work_account_page(client_for, theirs, role) -> None:
    client = client_for(role)
    for url in every_url(theirs):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "This is a work account" in response.content.decode()
        assert client.post(url, {"session": str(theirs["later"].pk)}).status_code == 403, url
    assert_unchanged(theirs)


def test_the_providers_own_member_cannot_use_the_family_pages(theirs, provider) -> None:
    client = Client()
    client.force_login(provider)
    for url in every_url(theirs):
        assert client.get(url).status_code == 403, url
        assert client.post(url).status_code == 403, url
    assert_unchanged(theirs)


def test_anonymous_visitors_are_sent_to_sign_in(client, theirs) -> None:
    for url in every_url(theirs):
        for response in (client.get(url), client.post(url)):
            assert response.status_code == 302, url
            assert response.url.startswith(reverse("account_login")), url
    assert_unchanged(theirs)
