"""Every address of the provider's bookings area, tried by people who must not use it:
another organisation's team member (404: it does not confirm the record exists), council
staff outside any team (refused as Wagtail refuses: back to the dashboard), a family and
a visitor (sent away as by the rest of the admin). A refused POST changes nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine
from django.test import Client

from pricing.bookings.enums import BookingStatus
from pricing.bookings.models import Booking
from pricing.bookings.services import confirm_booking, hold_places, request_hours
from pricing.families.models import ProfileView
from pricing.families.services import share_profile, withdraw_share
from pricing.offers.enums import SessionStatus
from pricing.offers.models import BookableOffer, Session
from pricing.payments.models import PaymentMethod, PaymentStatus
from providers.organisations.access import grant_organisation_access
from tests.factories import OrganisationPageFactory, ServicePageFactory, UserFactory
from tests.pricing.factories import NOW, BookableOfferFactory, OnePageProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def records(family, child, organisation, service, offer, session):
    OnePageProfileFactory(child=child)
    share_profile(child=child, organisation=organisation, by=family)
    booking = hold_places(
        family=family,
        child=child,
        session=session,
        places=1,
        method=PaymentMethod.INVOICE,
        now=NOW,
    )
    booking = confirm_booking(booking=booking, now=NOW).booking
    hours_service = ServicePageFactory(parent=organisation, title="Tutoring")
    hours = BookableOfferFactory(service=hours_service, hours=True)
    request = request_hours(
        family=family,
        child=child,
        offer=hours,
        units=1,
        suitable_times="Mornings",
        method=PaymentMethod.INVOICE,
        now=NOW,
    )
    return {
        "service": service,
        "offer": offer,
        "session": session,
        "booking": booking,
        "request": request,
    }


def urls(r) -> list[tuple[str, dict]]:
    """(address, a POST that would change something if it were allowed)."""
    b, s, o = r["booking"].pk, r["session"].pk, r["offer"].pk
    return [
        ("/admin/bookings/", {}),
        ("/admin/bookings/requests/", {}),
        (
            f"/admin/bookings/listings/{r['service'].pk}/",
            {
                "kind": "sessions",
                "cost_option": r["service"].cost_options.first().pk,
                "accepts_invoice": "on",
                "booking_opens_days_before": "1",
                "booking_closes_hours_before": "1",
                "cancellation_policy": "free24_none",
            },
        ),
        (f"/admin/bookings/offers/{o}/", {}),
        (f"/admin/bookings/offers/{o}/sessions/", {}),
        (
            f"/admin/bookings/offers/{o}/sessions/add/",
            {
                "date": "2026-03-20",
                "starts": "10:00",
                "ends": "11:00",
                "place": "online",
                "capacity": "5",
            },
        ),
        (
            f"/admin/bookings/offers/{o}/sessions/weekly/",
            {
                "weekdays": ["0"],
                "first_day": "2026-03-09",
                "last_day": "2026-03-30",
                "starts": "10:00",
                "ends": "11:00",
                "place": "online",
                "capacity": "5",
            },
        ),
        (f"/admin/bookings/sessions/{s}/", {f"booking-{b}": "attended"}),
        (f"/admin/bookings/sessions/{s}/cancel/", {"reason": "No"}),
        (f"/admin/bookings/{b}/", {}),
        (
            f"/admin/bookings/{r['request'].pk}/answer/",
            {"answer": "decline", "decline-reason": "No"},
        ),
        (f"/admin/bookings/{b}/cancel/", {"reason": "No"}),
        (f"/admin/bookings/{b}/refund/", {"amount": "1.00", "reason": "No", "token": "x"}),
        (f"/admin/bookings/{b}/payment-received/", {"received_on": "2026-03-01"}),
        (f"/admin/bookings/{b}/profile/", {}),
    ]


def assert_nothing_changed(r) -> None:
    r["booking"].refresh_from_db()
    assert r["booking"].status == BookingStatus.CONFIRMED
    assert r["booking"].payment.status != PaymentStatus.SUCCEEDED
    assert r["booking"].refund_owed == 0
    assert Booking.objects.get(pk=r["request"].pk).status == BookingStatus.REQUESTED
    r["session"].refresh_from_db()
    assert r["session"].status == SessionStatus.SCHEDULED
    assert Session.objects.count() == 1
    assert BookableOffer.objects.get(pk=r["offer"].pk).booking_opens_days_before == 56
    assert not ProfileView.objects.exists()


def client_of(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_every_url_answers_its_own_team(records, provider):
    client = client_of(provider)
    for url, _ in urls(records):
        assert client.get(url).status_code == 200, url


def test_another_organisations_member_gets_404_everywhere(records, organisation_index):
    other = OrganisationPageFactory(parent=organisation_index, title="Elsewhere", verified=True)
    stranger = UserFactory(email="admin@elsewhere.example.org")
    grant_organisation_access(organisation=other, user=stranger, admin=True)
    client = client_of(stranger)
    for url, data in urls(records)[2:]:
        assert client.get(url).status_code == 404, url
        assert client.post(url, data).status_code == 404, url
    # Their own front page and requests list show nothing of the other organisation.
    front = client.get("/admin/bookings/")
    assert front.status_code == 200 and records["service"].title.encode() not in front.content
    assert b"Mornings" not in client.get("/admin/bookings/requests/").content
    assert_nothing_changed(records)


@pytest.mark.parametrize("role", ["moderator", "content_editor", "finance_officer", "superuser"])
def test_council_staff_outside_the_team_are_refused(records, users_by_role, role):
    client = client_of(users_by_role[role])
    for url, data in urls(records):
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
    for url, data in urls(records):
        for response in (client.get(url), client.post(url, data)):
            assert response.status_code in (302, 403), (who, url)
            if response.status_code == 302:
                assert not response.url.startswith("/admin/bookings/"), (who, url)
    assert_nothing_changed(records)


def test_the_profile_is_never_shown_without_a_current_share(records, provider, family):
    share = records["booking"].child.profile_shares.get()
    withdraw_share(share=share, by=family)
    page = client_of(provider).get(f"/admin/bookings/{records['booking'].pk}/profile/")
    assert page.status_code == 200 and b"every bus route" not in page.content
    assert not ProfileView.objects.exists()
