"""The booking state machine: its statuses, the one table of moves, and named groups.

Read as a table in docs/decisions/0013-bookings.md. Sessions go HELD -> CONFIRMED (a place
is held while the family pays); hours of support go REQUESTED -> ACCEPTED -> CONFIRMED
(the provider agrees dated appointments first, or PROPOSED when it offers other times).
"""

from __future__ import annotations

from django.db import models


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", "Waiting for the provider"
    PROPOSED = "proposed", "Other times offered"
    ACCEPTED = "accepted", "Accepted, waiting for payment"
    DECLINED = "declined", "Declined"
    HELD = "held", "Place held while paying"
    CONFIRMED = "confirmed", "Confirmed"
    EXPIRED = "expired", "Hold expired"
    PAYMENT_FAILED = "payment_failed", "Payment failed"
    # A card payment that succeeded after its hold expired, when the session had filled in
    # the meantime: the family has paid for a place nobody can give them, so the payment
    # is refunded in full (the payments layer reads `refund_owed`).
    NO_PLACE = "no_place", "Paid too late: no place left, refunded"
    CANCELLED = "cancelled", "Cancelled"


S = BookingStatus

BOOKING_TRANSITIONS: dict[str, frozenset[str]] = {
    S.REQUESTED: frozenset({S.ACCEPTED, S.PROPOSED, S.DECLINED, S.CANCELLED}),
    S.PROPOSED: frozenset({S.ACCEPTED, S.CANCELLED}),
    # Accepted hours to pay by card are released if not paid in time (`expire_holds`).
    S.ACCEPTED: frozenset({S.CONFIRMED, S.PAYMENT_FAILED, S.EXPIRED, S.CANCELLED}),
    S.HELD: frozenset({S.CONFIRMED, S.EXPIRED, S.PAYMENT_FAILED, S.NO_PLACE, S.CANCELLED}),
    # A payment can succeed after the hold lapsed or after a first card was refused (the
    # family tried again): confirmed if a place is still free, otherwise refunded.
    S.EXPIRED: frozenset({S.CONFIRMED, S.NO_PLACE}),
    S.PAYMENT_FAILED: frozenset({S.CONFIRMED, S.NO_PLACE}),
    S.CONFIRMED: frozenset({S.CANCELLED}),
    S.DECLINED: frozenset(),
    S.NO_PLACE: frozenset(),
    S.CANCELLED: frozenset(),
}

# Named groups (with matching queryset methods on Booking.objects).
TAKES_PLACE = frozenset({S.HELD, S.CONFIRMED})
ACTIVE = frozenset({S.REQUESTED, S.PROPOSED, S.ACCEPTED, S.HELD, S.CONFIRMED})
AWAITING_PROVIDER = frozenset({S.REQUESTED})
AWAITING_FAMILY = frozenset({S.PROPOSED, S.ACCEPTED, S.HELD})
AWAITING_PAYMENT = frozenset({S.ACCEPTED, S.HELD})
FINISHED = frozenset({S.DECLINED, S.EXPIRED, S.PAYMENT_FAILED, S.NO_PLACE, S.CANCELLED})


class Attendance(models.TextChoices):
    ATTENDED = "attended", "Attended"
    DID_NOT_ATTEND = "did_not_attend", "Did not attend"
    CANCELLED_LATE = "cancelled_late", "Cancelled late"


class WaitingStatus(models.TextChoices):
    WAITING = "waiting", "Waiting"
    OFFERED = "offered", "Offered a place"
    ACCEPTED = "accepted", "Took the place"
    LAPSED = "lapsed", "Offer lapsed"
    WITHDRAWN = "withdrawn", "Left the waiting list"


W = WaitingStatus
WAITING_TRANSITIONS: dict[str, frozenset[str]] = {
    W.WAITING: frozenset({W.OFFERED, W.WITHDRAWN}),
    W.OFFERED: frozenset({W.ACCEPTED, W.LAPSED, W.WITHDRAWN}),
    W.ACCEPTED: frozenset(),
    W.LAPSED: frozenset(),
    W.WITHDRAWN: frozenset(),
}


class CancelledBy(models.TextChoices):
    FAMILY = "family", "The family"
    PROVIDER = "provider", "The provider"
