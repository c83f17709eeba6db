"""Answering requests for hours of support in the workspace: accept with appointments,
offer other times, decline with a reason; bad rows are shown, nothing half-written."""

from __future__ import annotations

import pytest
from django.core import mail

from pricing.bookings.enums import BookingStatus
from pricing.bookings.models import Appointment

pytestmark = pytest.mark.django_db


def answer(client, booking, answer: str, rows=(), note: str = "", reason: str = ""):
    data = {
        "appointments-TOTAL_FORMS": "5",
        "appointments-INITIAL_FORMS": "1",
        "appointments-MIN_NUM_FORMS": "0",
        "appointments-MAX_NUM_FORMS": "5",
        "note": note,
        "decline-reason": reason,
        "answer": answer,
    }
    for number, (date, starts, ends, units) in enumerate(rows):
        data.update(
            {
                f"appointments-{number}-date": date,
                f"appointments-{number}-starts": starts,
                f"appointments-{number}-ends": ends,
                f"appointments-{number}-units": units,
            }
        )
    return client.post(f"/admin/bookings/{booking.pk}/answer/", data)


def test_the_list_shows_requests_waiting(provider_client, hours_request):
    page = provider_client.get("/admin/bookings/requests/")
    assert b"Tuesday afternoons" in page.content
    assert f"/admin/bookings/{hours_request.pk}/answer/".encode() in page.content
    index = provider_client.get("/admin/bookings/")
    assert b"1 request for hours is" in index.content


def test_accepting_with_two_appointments_confirms_a_pay_later_request(
    provider_client, hours_request, django_capture_on_commit_callbacks
):
    page = provider_client.get(f"/admin/bookings/{hours_request.pk}/answer/")
    assert b"Tuesday afternoons" in page.content and b'value="2"' in page.content
    with django_capture_on_commit_callbacks(execute=True):
        response = answer(
            provider_client,
            hours_request,
            "accept",
            [("2026-03-10", "15:00", "16:00", "1"), ("2026-03-17", "15:00", "16:00", "1")],
            note="See you at home.",
        )
    assert response.status_code == 302
    assert response.url == f"/admin/bookings/{hours_request.pk}/"
    hours_request.refresh_from_db()
    assert hours_request.status == BookingStatus.CONFIRMED  # pay later: confirmed at once
    assert hours_request.appointments.count() == 2
    assert hours_request.hours_request.provider_note == "See you at home."
    assert mail.outbox
    assert b"No requests are waiting" in provider_client.get("/admin/bookings/requests/").content


def test_accepting_fewer_units_than_asked_is_refused(provider_client, hours_request):
    response = answer(
        provider_client, hours_request, "accept", [("2026-03-10", "15:00", "16:00", "1")]
    )
    assert response.status_code == 200
    assert b"must add up to the 2 asked for" in response.content
    hours_request.refresh_from_db()
    assert hours_request.status == BookingStatus.REQUESTED
    assert not Appointment.objects.exists()


def test_a_half_filled_row_and_a_past_date_are_shown(provider_client, hours_request):
    response = answer(provider_client, hours_request, "accept", [("2026-03-10", "", "16:00", "2")])
    assert b"Appointment 1: Enter the start time" in response.content
    past = answer(provider_client, hours_request, "accept", [("2026-02-10", "15:00", "16:00", "2")])
    assert b"Appointments must be in the future" in past.content
    nothing = answer(provider_client, hours_request, "accept", [])
    assert b"at least one appointment" in nothing.content
    hours_request.refresh_from_db()
    assert hours_request.status == BookingStatus.REQUESTED


def test_offering_other_times(provider_client, hours_request):
    response = answer(
        provider_client,
        hours_request,
        "propose",
        [("2026-03-12", "10:00", "13:00", "3")],
        note="Thursdays are all I have.",
    )
    assert response.status_code == 302
    hours_request.refresh_from_db()
    assert hours_request.status == BookingStatus.PROPOSED and hours_request.places == 3


def test_declining_needs_a_reason(provider_client, hours_request):
    empty = answer(provider_client, hours_request, "decline", reason=" ")
    assert b"Give a reason" in empty.content
    response = answer(provider_client, hours_request, "decline", reason="We are full until June.")
    assert response.status_code == 302
    hours_request.refresh_from_db()
    assert hours_request.status == BookingStatus.DECLINED
    assert hours_request.reason == "We are full until June."
    again = provider_client.get(f"/admin/bookings/{hours_request.pk}/answer/")
    assert b"This request has been answered" in again.content
    assert b"Decline the request" not in again.content
