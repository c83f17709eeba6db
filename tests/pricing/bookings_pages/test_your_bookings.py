"""Your bookings and one booking: what, when, for whom, status, money, the calendar file."""

import datetime as dt

import pytest
from django.urls import reverse
from icalendar import Calendar

from pricing.bookings.services import hold_places, join_waiting_list, request_hours
from tests.html import get, text_of
from tests.pricing.bookings_pages.pages import link
from tests.pricing.factories import ChildFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_account_page_links_to_your_bookings(family_client) -> None:
    page = get(family_client, reverse("account_home"))
    assert page.find("a", string="Your bookings")["href"] == "/account/bookings/"


def test_work_accounts_have_no_bookings_link(client_for) -> None:
    page = get(client_for("provider"), reverse("account_home"))
    assert page.find("a", string="Your bookings") is None


def test_list_shows_upcoming_requests_waiting_lists_and_past(
    family, family_client, child, offer, paid_booking, hours_offer, now
) -> None:
    request_hours(
        family=family,
        child=child,
        offer=hours_offer,
        units=3,
        suitable_times="Weekday afternoons",
        method="invoice",
        now=now,
    )
    full = SessionFactory(offer=offer, capacity=1, starts_at=now + dt.timedelta(days=5))
    other = ChildFactory(first_name="Cal")
    hold_places(family=other.family, child=other, session=full, places=1, method="invoice", now=now)
    join_waiting_list(family=family, child=child, session=full, places=1, now=now)
    page = get(family_client, reverse("bookings:list"))
    text = text_of(page)
    assert "Waiting for the provider" in text
    assert "One-to-one tutoring" in text
    cards = page.select(".govuk-summary-card")
    upcoming = [c for c in cards if paid_booking.reference in text_of(c)][0]
    assert "Saturday sensory club" in text_of(upcoming)
    assert "Amira" in text_of(upcoming)
    assert "Confirmed" in text_of(upcoming)
    assert "£24" in text_of(upcoming) and "Paid by card" in text_of(upcoming)
    assert "Number 1 in line" in text
    assert link(page, "Leave the waiting list")


def test_detail_shows_everything_and_the_refund_if_cancelled_now(
    family_client, paid_booking
) -> None:
    page = get(
        family_client, reverse("bookings:detail", kwargs={"reference": paid_booking.reference})
    )
    text = text_of(page)
    assert paid_booking.reference in text
    assert "Paid by card" in text
    assert "Free to cancel until 48 hours before, then no refund" in text
    assert "If you cancel now you get back £24" in text
    assert page.find("a", string="Cancel this booking")
    assert page.find("a", string="Change to another session")
    assert link(page, "Add to your calendar")


def test_detail_after_the_cutoff_says_nothing_comes_back(
    family_client, make_paid, offer, now
) -> None:
    soon = SessionFactory(offer=offer, starts_at=now + dt.timedelta(hours=30))
    booking = make_paid(session=soon)
    page = get(family_client, reverse("bookings:detail", kwargs={"reference": booking.reference}))
    assert "If you cancel now you get back nothing" in text_of(page)


def test_held_card_booking_links_to_the_payment_page(family, child, session, family_client, now):
    held = hold_places(
        family=family,
        child=child,
        session=session,
        places=1,
        method="card",
        now=now,
        card_ready=True,
    )
    page = get(family_client, reverse("bookings:detail", kwargs={"reference": held.reference}))
    assert page.find("a", string="Pay £24 now")["href"] == f"/book/pay/{held.reference}/"


def test_calendar_file_parses(family_client, paid_booking) -> None:
    response = family_client.get(
        reverse("bookings:calendar", kwargs={"reference": paid_booking.reference})
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    assert paid_booking.reference in str(events[0]["DESCRIPTION"])
    assert events[0]["DTSTART"].dt == paid_booking.session.starts_at


def test_calendar_of_a_request_without_dates_is_404(family, child, hours_offer, family_client, now):
    booking = request_hours(
        family=family,
        child=child,
        offer=hours_offer,
        units=2,
        suitable_times="Any",
        method="invoice",
        now=now,
    )
    url = reverse("bookings:calendar", kwargs={"reference": booking.reference})
    assert family_client.get(url).status_code == 404


def test_booking_emails_link_to_the_booking_page(
    mailoutbox, make_paid, session, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        paid_booking = make_paid(session=session)
    # Emails about the booking (its invoice and receipt link to the documents page).
    family_mail = [
        m
        for m in mailoutbox
        if m.to == ["parent@example.org"] and paid_booking.reference in m.subject
    ]
    assert family_mail
    path = f"/account/bookings/{paid_booking.reference}/"
    assert all(path in m.body for m in family_mail)
    provider_mail = [m for m in mailoutbox if m.to != ["parent@example.org"]]
    assert all(path not in m.body for m in provider_mail)
