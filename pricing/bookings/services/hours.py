"""Hours of support: a family asks, the provider agrees dated appointments, offers other
times, or declines with a reason; an accepted request is paid for and confirmed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from wagtail.log_actions import log

from pricing.bookings.enums import BookingStatus
from pricing.bookings.listeners import check_proposal
from pricing.bookings.models import Appointment, Booking, HoursRequest
from pricing.bookings.notifications import tell
from pricing.bookings.services.common import (
    ACTION,
    MAX_UNITS_PER_REQUEST,
    BookingError,
    accepted_pay_hours,
    move,
    new_reference,
    price,
    require_family,
    require_member,
    vat_treatment_of,
)
from pricing.bookings.services.holding import check_child, check_method, create_payment
from pricing.bookings.services.invoicing import invoice_confirmed
from pricing.families.models import Child
from pricing.offers.enums import OfferKind
from pricing.offers.models import BookableOffer
from pricing.payments.models import PaymentMethod

S = BookingStatus
# (starts_at, ends_at, units) of one appointment the provider offers.
Slot = tuple[dt.datetime, dt.datetime, int]


def request_hours(
    *,
    family: Any,
    child: Child,
    offer: BookableOffer,
    units: int,
    suitable_times: str,
    method: str,
    now: dt.datetime,
    message: str = "",
    card_ready: bool = False,
    idempotency_key: str | None = None,
) -> Booking:
    """A family asks for `units` of support at times that suit; the provider answers."""
    check_child(family, child)
    if offer.kind != OfferKind.HOURS:
        raise BookingError("Choose a session to book instead.")
    if not offer.is_bookable:
        raise BookingError("This service is not taking requests at the moment.")
    if isinstance(units, bool) or not isinstance(units, int) or units < 1:
        raise BookingError("Enter how many you need, 1 or more.", field="units")
    if units > MAX_UNITS_PER_REQUEST:
        raise BookingError(f"Ask for up to {MAX_UNITS_PER_REQUEST} at once.", field="units")
    suitable_times = suitable_times.strip()
    if not suitable_times:
        raise BookingError(
            "Tell the provider which days and times suit you.", field="suitable_times"
        )
    if len(suitable_times) > 1000 or len(message) > 2000:
        raise BookingError("Your answer is too long.", field="suitable_times")
    unit_price = offer.unit_price
    assert unit_price is not None
    total = price(offer, units)
    with transaction.atomic():
        if idempotency_key:
            existing = Booking.objects.filter(idempotency_key=idempotency_key).first()
            if existing is not None and existing.family_id == family.pk:
                return existing
        booking = Booking.objects.create(
            reference=new_reference(),
            family=family,
            child=child,
            offer=offer,
            places=units,
            unit_price=unit_price,
            total=total,
            vat_treatment=vat_treatment_of(offer),
            method=check_method(offer, method, total, card_ready=card_ready),
            status=S.REQUESTED,
            idempotency_key=idempotency_key or None,
            created_at=now,
        )
        HoursRequest.objects.create(
            booking=booking,
            units_asked=units,
            suitable_times=suitable_times,
            message=message.strip(),
        )
        log(
            instance=booking,
            action=ACTION + "requested",
            user=family,
            data={"reference": booking.reference, "units": units},
        )
        tell(booking, "requested")
    return booking


def _check_slots(slots: Iterable[Slot], now: dt.datetime) -> list[Slot]:
    slots = sorted(slots)
    if not slots:
        raise BookingError("Add at least one appointment.", field="appointments")
    for starts_at, ends_at, units in slots:
        if starts_at <= now:
            raise BookingError("Appointments must be in the future.", field="appointments")
        if ends_at <= starts_at:
            raise BookingError("Each appointment must end after it starts.", field="appointments")
        if isinstance(units, bool) or not isinstance(units, int) or units < 1:
            raise BookingError("Each appointment is at least 1 unit.", field="appointments")
    return slots


def _set_appointments(booking: Booking, slots: list[Slot]) -> int:
    booking.appointments.all().delete()
    Appointment.objects.bulk_create(
        Appointment(booking=booking, starts_at=s, ends_at=e, units=u) for s, e, u in slots
    )
    return sum(units for _, _, units in slots)


def _accepted(booking: Booking, *, by: Any, now: dt.datetime) -> Booking:
    """Make the payment record; pay later and free bookings are confirmed at once."""
    booking.payment = create_payment(booking)
    if booking.payment is not None:
        booking.save(update_fields=["payment"])
    if booking.total == 0 or booking.method == PaymentMethod.INVOICE:
        confirmed = move(
            booking, S.CONFIRMED, by=by, event="confirmed", changes={"confirmed_at": now}
        )
        tell(confirmed, "confirmed")
        invoice_confirmed(confirmed, now=now)
        return confirmed
    # Paid by card: the agreed times are kept for the family for a while, then released.
    first = booking.appointments.order_by("starts_at").values_list("starts_at", flat=True).first()
    deadline = now + dt.timedelta(hours=accepted_pay_hours())
    booking.hold_expires_at = min(deadline, first) if first else deadline
    booking.save(update_fields=["hold_expires_at"])
    tell(booking, "accepted")
    return booking


def accept_request(
    *, booking: Booking, appointments: Iterable[Slot], by: Any, now: dt.datetime, note: str = ""
) -> Booking:
    """The provider agrees dated appointments for exactly the units the family asked for."""
    require_member(by, booking)
    slots = _check_slots(appointments, now)
    with transaction.atomic():
        current = Booking.objects.select_for_update().get(pk=booking.pk)
        if sum(u for _, _, u in slots) != current.places:
            raise BookingError(
                f"The appointments must add up to the {current.places} asked for, or offer "
                "other times.",
                field="appointments",
            )
        current = move(current, S.ACCEPTED, by=by, event="accepted")
        _set_appointments(current, slots)
        HoursRequest.objects.filter(booking=current).update(provider_note=note.strip()[:2000])
        return _accepted(current, by=by, now=now)


def propose_times(
    *, booking: Booking, appointments: Iterable[Slot], by: Any, now: dt.datetime, note: str = ""
) -> Booking:
    """The provider offers other appointments (and so perhaps another number of units)."""
    require_member(by, booking)
    slots = _check_slots(appointments, now)
    with transaction.atomic():
        current = Booking.objects.select_for_update().get(pk=booking.pk)
        units = sum(u for _, _, u in slots)
        current = move(
            current,
            S.PROPOSED,
            by=by,
            event="proposed",
            changes={
                "places": units,
                "total": price(current.offer, units, unit_price=current.unit_price),
            },
        )
        _set_appointments(current, slots)
        HoursRequest.objects.filter(booking=current).update(provider_note=note.strip()[:2000])
        tell(current, "proposed", extra=note.strip())
        return current


def accept_proposal(*, booking: Booking, family: Any, now: dt.datetime) -> Booking:
    """The family accepts the other times the provider offered.

    The layer paying for the booking may refuse first (`check_proposal`): a personal
    budget that cannot cover what the other times cost.
    """
    require_family(family, booking)
    with transaction.atomic():
        current = Booking.objects.select_for_update().get(pk=booking.pk)
        if current.status == S.PROPOSED and current.appointments.filter(starts_at__lte=now):
            raise BookingError("Some of these times have passed. Ask the provider again.")
        if current.status == S.PROPOSED:
            check_proposal(current)
        current = move(current, S.ACCEPTED, by=family, event="proposal_accepted")
        return _accepted(current, by=family, now=now)


def decline_request(*, booking: Booking, by: Any, now: dt.datetime, reason: str) -> Booking:
    """The provider cannot help; the family is told why."""
    require_member(by, booking)
    reason = reason.strip()
    if not reason:
        raise BookingError("Give a reason: the family will read it.", field="reason")
    with transaction.atomic():
        declined = move(
            booking, S.DECLINED, by=by, event="declined", changes={"reason": reason[:1000]}
        )
        tell(declined, "declined")
        return declined
