"""Sessions in the workspace: the list with places, adding one or a weekly pattern (term
time too), the register with the one-page profile only where shared, cancelling one."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from wagtail.models import Site

from pricing.bookings.enums import BookingStatus
from pricing.bookings.services import cancel_by_family, join_waiting_list
from pricing.families.models import ProfileView
from pricing.families.services import share_profile, withdraw_share
from pricing.offers.enums import SessionStatus, TermKind
from pricing.offers.models import Session, TermDates
from tests.factories import NeedFactory, ServiceLocationFactory
from tests.pricing.factories import NOW, ChildFactory, OnePageProfileFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_the_list_shows_places_taken_and_left_and_the_waiting_list(
    provider_client, offer, session, paid_booking, family, other_child
):
    paid_booking(session, places=3)
    join_waiting_list(family=family, child=other_child, session=session, places=1, now=NOW)
    page = provider_client.get(f"/admin/bookings/offers/{offer.pk}/sessions/")
    text = page.content.decode()
    assert "3 of 3" in text and "Full" in text
    assert f"/admin/bookings/sessions/{session.pk}/" in text
    assert "<td>1</td>" in text  # one family waiting


def test_a_member_adds_one_session_at_one_of_the_listings_places(provider_client, offer, service):
    place = ServiceLocationFactory(service=service)
    response = provider_client.post(
        f"/admin/bookings/offers/{offer.pk}/sessions/add/",
        {
            "date": "2026-03-14",
            "starts": "10:00",
            "ends": "11:30",
            "place": place.pk,
            "capacity": "12",
        },
    )
    assert response.status_code == 302
    session = Session.objects.get(offer=offer)
    assert session.location == place and session.capacity == 12 and not session.online
    assert f"{session.starts_at.astimezone(dt.UTC):%H:%M}" == "10:00"  # GMT in March


def test_adding_a_session_shows_each_error_beside_its_field(provider_client, offer):
    response = provider_client.post(
        f"/admin/bookings/offers/{offer.pk}/sessions/add/",
        {"date": "2026-03-14", "starts": "11:00", "ends": "10:00", "place": "", "capacity": "0"},
    )
    text = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in text
    assert "The end time must be after the start time" in text
    assert "Choose where it happens, or online" in text
    assert 'href="#id_ends"' in text
    assert not Session.objects.exists()


def test_another_listings_place_is_refused(provider_client, offer, organisation):
    elsewhere = ServiceLocationFactory()
    response = provider_client.post(
        f"/admin/bookings/offers/{offer.pk}/sessions/add/",
        {
            "date": "2026-03-14",
            "starts": "10:00",
            "ends": "11:00",
            "place": elsewhere.pk,
            "capacity": "5",
        },
    )
    assert response.status_code == 200 and not Session.objects.exists()


def test_a_weekly_pattern_in_term_time_skips_the_half_term(provider_client, offer, service):
    site = Site.objects.get(is_default_site=True)
    TermDates.objects.create(
        council=site, name="Spring", starts_on=dt.date(2026, 1, 5), ends_on=dt.date(2026, 3, 27)
    )
    TermDates.objects.create(
        council=site,
        name="Inset",
        kind=TermKind.BREAK,
        starts_on=dt.date(2026, 3, 16),
        ends_on=dt.date(2026, 3, 20),
    )
    response = provider_client.post(
        f"/admin/bookings/offers/{offer.pk}/sessions/weekly/",
        {
            "weekdays": ["0", "2"],
            "first_day": "2026-03-09",
            "last_day": "2026-04-10",
            "term_time_only": "on",
            "starts": "16:00",
            "ends": "17:00",
            "place": "online",
            "capacity": "8",
        },
    )
    assert response.status_code == 302
    days = [s.starts_at.date() for s in Session.objects.filter(offer=offer)]
    # Mondays and Wednesdays of term: 9, 11, 23, 25 March (16 to 20 March is a break).
    assert days == [dt.date(2026, 3, d) for d in (9, 11, 23, 25)]


def test_the_register_shows_first_name_age_and_needs(provider_client, session, paid_booking, child):
    need = NeedFactory(name="Autism")
    child.needs.add(need)
    booking = paid_booking(session)
    page = provider_client.get(f"/admin/bookings/sessions/{session.pk}/")
    text = page.content.decode()
    assert "Amira" in text and "<td>9</td>" in text and "Autism" in text
    assert booking.reference in text
    assert "One-page profile" not in text  # nothing shared
    assert booking.family.email not in text  # the register names children, not families


def test_the_register_lists_who_is_waiting_in_the_order_places_are_offered(
    provider_client, session, paid_booking, family
):
    paid_booking(session, places=2)
    leaving = paid_booking(
        session, places=1, for_child=ChildFactory(family=family, first_name="Noah")
    )
    first, second = ChildFactory(first_name="Ben"), ChildFactory(first_name="Cora")
    for minutes, child in ((0, first), (5, second)):
        join_waiting_list(
            family=child.family,
            child=child,
            session=session,
            places=1,
            now=NOW + dt.timedelta(minutes=minutes),
        )
    text = provider_client.get(f"/admin/bookings/sessions/{session.pk}/").content.decode()
    listed = text[text.index("Waiting list</h2>") :]
    assert listed.index("<td>Ben</td>") < listed.index("<td>Cora</td>")
    assert listed.count("<td>Waiting</td>") == 2

    cancel_by_family(booking=leaving, family=family, now=NOW + dt.timedelta(minutes=10))
    text = provider_client.get(f"/admin/bookings/sessions/{session.pk}/").content.decode()
    listed = text[text.index("Waiting list</h2>") :]
    # Ben, first in line, is offered the freed place; Cora still waits.
    assert re.search(r"<td>Ben</td>.*?Offered a place until.*?<td>Cora</td>", listed, re.S)
    assert listed.count("<td>Waiting</td>") == 1 and "Noah" not in text


def test_the_profile_is_shown_only_while_shared_and_each_view_is_logged(
    provider_client, provider, session, paid_booking, child, family, organisation
):
    OnePageProfileFactory(child=child)
    booking = paid_booking(session)
    share = share_profile(child=child, organisation=organisation, by=family, purpose="booking")
    register = provider_client.get(f"/admin/bookings/sessions/{session.pk}/")
    assert f"/admin/bookings/{booking.pk}/profile/".encode() in register.content
    assert not ProfileView.objects.exists()  # the register does not read the profile
    page = provider_client.get(f"/admin/bookings/{booking.pk}/profile/")
    assert b"every bus route" in page.content
    assert ProfileView.objects.filter(child=child, viewer=provider).count() == 1

    withdraw_share(share=share, by=family)
    page = provider_client.get(f"/admin/bookings/{booking.pk}/profile/")
    assert b"every bus route" not in page.content
    assert b"not shared with your organisation" in page.content
    register = provider_client.get(f"/admin/bookings/sessions/{session.pk}/")
    assert f"/admin/bookings/{booking.pk}/profile/".encode() not in register.content
    assert ProfileView.objects.count() == 1


def test_the_profile_is_not_shown_for_another_organisations_share(
    provider_client, session, paid_booking, child, family, other_organisation
):
    OnePageProfileFactory(child=child)
    booking = paid_booking(session)
    share_profile(child=child, organisation=other_organisation, by=family)
    page = provider_client.get(f"/admin/bookings/{booking.pk}/profile/")
    assert b"every bus route" not in page.content
    assert not ProfileView.objects.exists()


def test_the_profile_is_not_shown_once_the_booking_is_over(
    provider_client, offer, paid_booking, child, family, organisation, time_machine
):
    OnePageProfileFactory(child=child)
    session = SessionFactory(offer=offer, capacity=3)
    booking = paid_booking(session)
    share_profile(child=child, organisation=organisation, by=family)
    time_machine.move_to(session.ends_at + dt.timedelta(days=1), tick=False)
    page = provider_client.get(f"/admin/bookings/{booking.pk}/profile/")
    assert b"every bus route" not in page.content
    assert not ProfileView.objects.exists()


def test_cancelling_a_session_cancels_and_refunds_everyone(
    provider_client, session, paid_booking, family, other_child
):
    first = paid_booking(session, places=2)
    second = paid_booking(session, places=1, for_child=other_child)
    confirm = provider_client.get(f"/admin/bookings/sessions/{session.pk}/cancel/")
    assert b"2 bookings" in confirm.content and b"refunded in full" in confirm.content
    empty = provider_client.post(f"/admin/bookings/sessions/{session.pk}/cancel/", {"reason": ""})
    assert b"Give a reason" in empty.content
    session.refresh_from_db()
    assert session.status == SessionStatus.SCHEDULED

    response = provider_client.post(
        f"/admin/bookings/sessions/{session.pk}/cancel/", {"reason": "The hall is flooded."}
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED
    for booking in (first, second):
        booking.refresh_from_db()
        assert booking.status == BookingStatus.CANCELLED
        assert booking.amount_refunded == booking.total and booking.refund_owed == 0
        assert booking.reason == "The hall is flooded."


def test_a_started_session_cannot_be_cancelled(
    provider_client, session, paid_booking, time_machine
):
    booking = paid_booking(session)
    time_machine.move_to(session.starts_at + dt.timedelta(minutes=5), tick=False)
    url = f"/admin/bookings/sessions/{session.pk}/cancel/"
    page = provider_client.get(url)
    assert b"has already started" in page.content and b"Cancel the session" not in page.content
    response = provider_client.post(url, {"reason": "Too late"})
    assert b"This session has already started." in response.content
    session.refresh_from_db()
    booking.refresh_from_db()
    assert session.status == SessionStatus.SCHEDULED
    assert booking.status == BookingStatus.CONFIRMED
