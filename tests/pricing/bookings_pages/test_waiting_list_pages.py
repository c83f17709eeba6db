"""The waiting list: join a full session, leave, and take up an emailed offer."""

import datetime as dt

import pytest
import time_machine
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
from pricing.payments.models import ConnectedAccount
from tests.html import get, soup_of, text_of
from tests.pricing.bookings_pages.pages import button, link
from tests.pricing.factories import ChildFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def full(session, now):
    """`session` (3 places) filled by another family, confirmed on invoice."""
    other = ChildFactory(first_name="Dev")
    booking = hold_places(
        family=other.family, child=other, session=session, places=3, method="invoice", now=now
    )
    return confirm_booking(booking=booking, now=now).booking


def join_url(session) -> str:
    return reverse("bookings:join_waiting_list", kwargs={"session": session.pk})


def test_joining_a_full_session(family, child, family_client, session, full) -> None:
    page = get(family_client, join_url(session))
    assert text_of(page.find("h1")) == "Join the waiting list"
    response = family_client.post(join_url(session), {"child": str(child.pk), "places": "1"})
    assert response.url == reverse("bookings:list")
    entry = WaitingListEntry.objects.get(family=family)
    assert entry.child == child and entry.status == WaitingStatus.WAITING
    page = get(family_client, response.url)
    assert "number 1 in line" in text_of(page.select_one(".govuk-notification-banner"))
    assert "Number 1 in line" in text_of(page)


def test_joining_twice_or_with_nonsense_is_refused(
    family, child, family_client, session, full, other_child
) -> None:
    family_client.post(join_url(session), {"child": str(child.pk), "places": "1"})
    response = family_client.post(join_url(session), {"child": str(child.pk), "places": "1"})
    assert "Amira is already on the waiting list." in text_of(soup_of(response))
    for data in (
        {"child": str(other_child.pk), "places": "1"},
        {"child": str(child.pk), "places": "0"},
        {"child": str(child.pk), "places": "many"},
        {"child": str(child.pk), "places": "11"},
    ):
        response = family_client.post(join_url(session), data)
        assert response.status_code == 200
        assert soup_of(response).select_one(".govuk-error-summary"), data
    assert WaitingListEntry.objects.filter(family=family).count() == 1


def test_a_session_with_places_points_to_booking(family_client, child, session) -> None:
    page = get(family_client, join_url(session))
    assert text_of(page.find("h1")) == "There are places left on this session"
    assert link(page, "Book a place")["href"] == f"/book/{session.offer.service_id}/"
    family_client.post(join_url(session), {"child": str(child.pk), "places": "1"})
    assert not WaitingListEntry.objects.exists()


def test_leaving_the_waiting_list(family, child, family_client, session, full, now) -> None:
    entry = join_waiting_list(family=family, child=child, session=session, places=1, now=now)
    url = reverse("bookings:leave_waiting_list", kwargs={"entry": entry.pk})
    page = get(family_client, url)
    assert button(page, "Leave the waiting list")
    response = family_client.post(url)
    assert response.url == reverse("bookings:list")
    entry.refresh_from_db()
    assert entry.status == WaitingStatus.WITHDRAWN
    assert "Number 1 in line" not in text_of(get(family_client, response.url))


@pytest.fixture
def offered(family, child, session, full, now):
    """The family on the waiting list, offered the places the other family gave up."""
    entry = join_waiting_list(family=family, child=child, session=session, places=1, now=now)
    cancel_by_family(booking=full, family=full.family, now=now)
    entry.refresh_from_db()
    assert entry.status == WaitingStatus.OFFERED
    return entry


def offer_url(entry) -> str:
    return OFFER_PATH.format(token=offer_token(entry))


def test_offer_link_in_the_email_is_this_page(offered) -> None:
    assert reverse("waiting_offer:offer", kwargs={"token": "x"}) == OFFER_PATH.format(token="x")


def test_taking_up_an_offer_by_card_goes_to_payment(
    family, family_client, offered, organisation
) -> None:
    ConnectedAccount.objects.create(
        organisation=organisation,
        stripe_account_id="acct_local_1",
        is_local_test=True,
        charges_enabled=True,
        payouts_enabled=True,
        details_submitted=True,
    )
    page = get(family_client, offer_url(offered))
    text = text_of(page)
    assert "A place has come up" in text_of(page.find("h1"))
    assert "We are keeping it for Amira until Tuesday 3 March 2026, 09:00" in text
    assert "£24" in text
    response = family_client.post(offer_url(offered), {"method": "card"})
    booking = Booking.objects.get(family=family)
    assert booking.status == BookingStatus.HELD
    assert response.url == f"/book/pay/{booking.reference}/"
    # The link again: the place is already booked.
    page = get(family_client, offer_url(offered))
    assert "You have already booked this place." in text_of(page)
    family_client.post(offer_url(offered), {"method": "card"})
    assert Booking.objects.filter(family=family).count() == 1


def test_taking_up_an_offer_paying_later_confirms_it(family, family_client, offered) -> None:
    response = family_client.post(offer_url(offered), {"method": "invoice"})
    booking = Booking.objects.get(family=family)
    assert booking.status == BookingStatus.CONFIRMED
    assert response.url == reverse("bookings:detail", kwargs={"reference": booking.reference})


def test_a_lapsed_or_forged_link_says_so(family, family_client, offered, now) -> None:
    with time_machine.travel(now + dt.timedelta(hours=25), tick=False):
        page = get(family_client, offer_url(offered))
        assert "This offer is no longer open" in text_of(page.find("h1"))
        family_client.post(offer_url(offered), {"method": "invoice"})
    page = get(family_client, OFFER_PATH.format(token="forged:token"))
    assert "This link is not valid or has expired." in text_of(page)
    assert not Booking.objects.filter(family=family).exists()
