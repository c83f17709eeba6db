"""Attendance: the provider records who came. Delivered units are counted from it
(`pricing.bookings.selectors.delivered_units`) for invoices, budgets and cost recovery."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from wagtail.log_actions import log

from pricing.bookings.enums import Attendance, BookingStatus
from pricing.bookings.models import Appointment, Booking
from pricing.bookings.services.common import ACTION, BookingError, require_member


def record_attendance(
    *,
    outcome: str,
    by: Any,
    now: dt.datetime,
    booking: Booking | None = None,
    appointment: Appointment | None = None,
) -> Booking | Appointment:
    """Record attended, did not attend or cancelled late, for a session booking or one
    appointment, once it has started. Recording again corrects it (the audit keeps both).
    """
    if (booking is None) == (appointment is None):
        raise ValueError("Pass a booking or an appointment")
    if outcome not in Attendance.values:
        raise BookingError("Choose attended, did not attend or cancelled late.", field="attendance")
    parent = booking if booking is not None else appointment.booking  # type: ignore[union-attr]
    require_member(by, parent)
    with transaction.atomic():
        current_booking = Booking.objects.select_for_update().get(pk=parent.pk)
        if current_booking.status != BookingStatus.CONFIRMED:
            raise BookingError("Attendance is recorded on confirmed bookings only.")
        target: Booking | Appointment
        if appointment is not None:
            target = Appointment.objects.select_for_update().get(pk=appointment.pk)
            starts_at = target.starts_at
        else:
            session = current_booking.session
            if session is None:
                raise BookingError("Record attendance on each appointment of this booking.")
            target = current_booking
            starts_at = session.starts_at
        if now < starts_at:
            raise BookingError("Attendance can be recorded once it has started.")
        target.attendance = outcome
        target.attendance_recorded_at = now
        target.attendance_recorded_by = by
        target.save(
            update_fields=["attendance", "attendance_recorded_at", "attendance_recorded_by"]
        )
        log(
            instance=current_booking,
            action=ACTION + "attendance",
            user=by,
            data={
                "reference": current_booking.reference,
                "outcome": outcome,
                "appointment": appointment.pk if appointment is not None else None,
            },
        )
        return target
