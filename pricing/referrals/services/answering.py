"""The receiving organisation's answer, and the booking that completes a referral."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from pricing.bookings.enums import BookingStatus
from pricing.bookings.models import Booking
from pricing.referrals import notifications
from pricing.referrals.enums import ReferralStatus
from pricing.referrals.models import ANSWER_MAX_LENGTH, Referral
from pricing.referrals.services.common import ReferralError, check_member, moment, move

NOT_WAITING = "This referral is not waiting for an answer: it has been answered or closed"


def _answer_text(text: str, *, field: str) -> str:
    text = text.strip()
    if len(text) > ANSWER_MAX_LENGTH:
        raise ReferralError(f"Use {ANSWER_MAX_LENGTH} characters or fewer", field=field)
    return text


def accept_referral(
    *, referral: Referral, by: Any, message: str = "", now: dt.datetime | None = None
) -> Referral:
    """The receiving organisation can help: the family is told and can book."""
    check_member(referral.receiving_organisation, by)
    message = _answer_text(message, field="message")
    with transaction.atomic():
        accepted = move(
            referral,
            ReferralStatus.ACCEPTED,
            by=by,
            event="accepted",
            changes={"answered_at": moment(now), "answered_by": by, "answer": message},
            message=NOT_WAITING,
        )
        notifications.tell_accepted(accepted)
    return accepted


def decline_referral(
    *, referral: Referral, by: Any, reason: str, now: dt.datetime | None = None
) -> Referral:
    """The receiving organisation cannot help, and says why (the family reads it)."""
    check_member(referral.receiving_organisation, by)
    reason = _answer_text(reason, field="reason")
    if not reason:
        raise ReferralError("Enter why you cannot take the referral", field="reason")
    with transaction.atomic():
        declined = move(
            referral,
            ReferralStatus.DECLINED,
            by=by,
            event="declined",
            changes={"answered_at": moment(now), "answered_by": by, "answer": reason},
            message=NOT_WAITING,
        )
        notifications.tell_declined(declined)
    return declined


def mark_booked(
    *, referral: Referral, booking: Booking, now: dt.datetime | None = None
) -> Referral:
    """An accepted referral is booked: the family's confirmed booking for the child at the
    listing. Called by the booking listener below; any other booking is refused."""
    if (
        booking.child_id != referral.child_id
        or booking.offer.service_id != referral.service_id
        or booking.status != BookingStatus.CONFIRMED
    ):
        raise ReferralError("That booking is not a confirmed booking of this referral")
    with transaction.atomic():
        booked = move(
            referral,
            ReferralStatus.BOOKED,
            by=booking.family,
            event="booked",
            changes={"booking": booking, "booked_at": moment(now)},
            message="Only an accepted referral can be marked as booked",
        )
        notifications.tell_booked(booked)
    return booked


def booking_changed(booking: Booking) -> None:
    """Booking listener (registered in PricingConfig.ready): a confirmed booking of a
    child at a listing it was referred to and accepted for books the referral.

    Runs inside the booking's transaction, so the referral moves with the booking or
    not at all. Most moves are not confirmations, and they cost no query. A referral the
    family withdrew at the same moment is left as it is (its move is refused on the
    locked row before anything is written): a referral never stops a booking.
    """
    if booking.status != BookingStatus.CONFIRMED:
        return
    for referral in Referral.objects.filter(
        status=ReferralStatus.ACCEPTED,
        child_id=booking.child_id,
        service__bookable_offer__id=booking.offer_id,
    ):
        try:
            mark_booked(referral=referral, booking=booking, now=booking.confirmed_at)
        except ReferralError:
            continue
