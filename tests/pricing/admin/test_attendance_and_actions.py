"""Attendance on a past session and on an hours booking's past appointments; a booking's
page: cancelling with a full refund, refunding part, recording a payment received."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from pricing.bookings.enums import Attendance, BookingStatus
from pricing.bookings.selectors import delivered_units
from pricing.bookings.services import accept_request
from pricing.payments.models import PaymentStatus, Refund
from tests.pricing.factories import NOW

pytestmark = pytest.mark.django_db


def test_attendance_is_recorded_once_the_session_has_started(
    provider_client, session, paid_booking, other_child, organisation, time_machine
):
    came = paid_booking(session, places=2)
    missed = paid_booking(session, places=1, for_child=other_child)
    url = f"/admin/bookings/sessions/{session.pk}/"
    before = provider_client.get(url)
    assert b"Save attendance" not in before.content
    refused = provider_client.post(url, {f"booking-{came.pk}": Attendance.ATTENDED})
    assert refused.status_code == 302
    came.refresh_from_db()
    assert came.attendance == ""

    time_machine.move_to(session.ends_at + dt.timedelta(hours=1), tick=False)
    page = provider_client.get(url)
    assert b"Save attendance" in page.content
    response = provider_client.post(
        url,
        {f"booking-{came.pk}": Attendance.ATTENDED, f"booking-{missed.pk}": "did_not_attend"},
    )
    assert response.status_code == 302
    came.refresh_from_db()
    missed.refresh_from_db()
    assert came.attendance == Attendance.ATTENDED and missed.attendance == "did_not_attend"
    assert delivered_units(organisation=organisation) == 2
    shown = provider_client.get(url)
    assert shown.context["form"].initial == {}  # what is recorded is each field's own initial
    assert shown.context["form"][f"booking-{missed.pk}"].initial == "did_not_attend"
    assert b"<br>Did not attend" in shown.content and b"<br>Attended" in shown.content


def test_a_nonsense_attendance_is_refused(provider_client, session, paid_booking, time_machine):
    booking = paid_booking(session)
    time_machine.move_to(session.ends_at, tick=False)
    response = provider_client.post(
        f"/admin/bookings/sessions/{session.pk}/", {f"booking-{booking.pk}": "stayed_home"}
    )
    assert response.status_code == 200 and b"There is a problem" in response.content
    booking.refresh_from_db()
    assert booking.attendance == ""


def test_attendance_on_an_hours_bookings_past_appointments(
    provider_client, provider, hours_request, time_machine
):
    first = (NOW + dt.timedelta(days=1), NOW + dt.timedelta(days=1, hours=1), 1)
    later = (NOW + dt.timedelta(days=8), NOW + dt.timedelta(days=8, hours=1), 1)
    accept_request(booking=hours_request, appointments=[first, later], by=provider, now=NOW)
    time_machine.move_to(NOW + dt.timedelta(days=2), tick=False)
    appointments = list(hours_request.appointments.order_by("starts_at"))
    url = f"/admin/bookings/{hours_request.pk}/"
    page = provider_client.get(url)
    assert f"appointment-{appointments[0].pk}".encode() in page.content
    assert f"appointment-{appointments[1].pk}".encode() not in page.content  # still to come
    response = provider_client.post(
        url,
        {
            f"appointment-{appointments[0].pk}": Attendance.ATTENDED,
            # A changed id, or the future one, records nothing.
            f"appointment-{appointments[1].pk}": Attendance.ATTENDED,
        },
    )
    assert response.status_code == 302
    appointments[0].refresh_from_db()
    appointments[1].refresh_from_db()
    assert appointments[0].attendance == Attendance.ATTENDED
    assert appointments[1].attendance == ""


def test_the_provider_cancels_a_paid_booking_with_a_full_refund(
    provider_client, session, paid_booking
):
    booking = paid_booking(session, places=2)
    url = f"/admin/bookings/{booking.pk}/cancel/"
    assert "£48".encode() in provider_client.get(url).content
    assert b"Give a reason" in provider_client.post(url, {"reason": ""}).content
    response = provider_client.post(url, {"reason": "Our leader is ill."})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert booking.amount_refunded == Decimal("48.00")
    assert Refund.objects.get(idempotency_key=f"booking-{booking.pk}-cancel").amount == 48
    again = provider_client.get(url)
    assert b"cannot be changed that way now" in again.content


def test_refunding_part_is_validated_and_never_more_than_paid(
    provider_client, session, paid_booking
):
    booking = paid_booking(session)  # £24
    url = f"/admin/bookings/{booking.pk}/refund/"
    form = provider_client.get(url)
    token = form.context["form"].initial["token"]
    for amount, message in (
        ("ten", b"Enter an amount in pounds and pence"),
        ("1.234", b"Enter an amount in pounds and pence"),
        ("0", b"at least"),
        ("25.00", "You can refund up to £24".encode()),
    ):
        response = provider_client.post(
            url, {"amount": amount, "reason": "Shorter session", "token": token}
        )
        assert response.status_code == 200 and message in response.content, amount
    assert not Refund.objects.exists()

    data = {"amount": "10.50", "reason": "Shorter session", "token": token}
    assert provider_client.post(url, data).status_code == 302
    assert provider_client.post(url, data).status_code == 302  # sent twice: one refund
    booking.refresh_from_db()
    assert booking.amount_refunded == Decimal("10.50") and booking.refund_owed == 0
    assert booking.status == BookingStatus.CONFIRMED
    assert Refund.objects.count() == 1
    assert "£13.50".encode() in provider_client.get(url).content


def test_recording_a_bank_transfer_for_a_pay_later_booking(
    provider_client, provider, session, invoice_booking
):
    booking = invoice_booking(session)
    page = provider_client.get(f"/admin/bookings/{booking.pk}/")
    assert b"Record a payment received" in page.content
    assert b"Refund part" not in page.content  # nothing paid yet
    url = f"/admin/bookings/{booking.pk}/payment-received/"
    future = provider_client.post(url, {"received_on": "2026-03-09", "reference": ""})
    assert b"today or in the past" in future.content
    response = provider_client.post(url, {"received_on": "2026-03-01", "reference": "BACS 123"})
    assert response.status_code == 302
    booking.payment.refresh_from_db()
    assert booking.payment.status == PaymentStatus.SUCCEEDED
    assert booking.payment.offline_reference == "BACS 123"
    assert booking.payment.recorded_by == provider
    page = provider_client.get(f"/admin/bookings/{booking.pk}/")
    assert b"Record a payment received" not in page.content and b"Refund part" in page.content
    assert b"cannot be changed that way now" in provider_client.get(url).content


def test_a_card_booking_has_no_payment_to_record(provider_client, session, paid_booking):
    booking = paid_booking(session)
    url = f"/admin/bookings/{booking.pk}/payment-received/"
    response = provider_client.post(url, {"received_on": "2026-03-01"})
    assert response.status_code == 302
    assert booking.payment.status == PaymentStatus.SUCCEEDED


def test_the_offers_bookings_list_links_each_booking(provider_client, offer, session, paid_booking):
    booking = paid_booking(session)
    page = provider_client.get(f"/admin/bookings/offers/{offer.pk}/")
    assert f"/admin/bookings/{booking.pk}/".encode() in page.content
