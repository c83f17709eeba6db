"""Writes of bookings, one module per use case; the names are gathered here for callers.

- `holding`: hold places on a session, confirm (card paid or pay later), payment failed,
  expire holds;
- `hours`: ask for hours of support; the provider accepts, offers other times or declines;
- `cancelling`: cancel by family or provider, cancel a session, refund part, record a
  refund made by the payments layer;
- `moving`: move to another session of the same offer;
- `waiting`: the waiting list and its emailed offers (`release` offers freed places);
- `attendance`: record who came; `reminders`: the email the day before.

Every function takes keyword arguments, checks who is acting and the booking's state,
locks the session before the booking, audits, and mails once the transaction commits.
"""

from pricing.bookings.services.attendance import record_attendance
from pricing.bookings.services.cancelling import (
    cancel_by_family,
    cancel_by_provider,
    cancel_session,
    cancel_unfunded,
    record_refund,
    refund_part,
)
from pricing.bookings.services.common import BookingError, RefundDue
from pricing.bookings.services.holding import (
    Confirmation,
    Expired,
    confirm_booking,
    expire_holds,
    hold_places,
    payment_failed,
)
from pricing.bookings.services.hours import (
    accept_proposal,
    accept_request,
    decline_request,
    propose_times,
    request_hours,
)
from pricing.bookings.services.moving import move_booking
from pricing.bookings.services.release import OFFER_PATH, entry_for_token, offer_freed_places
from pricing.bookings.services.reminders import send_booking_reminders
from pricing.bookings.services.waiting import (
    accept_waiting_list_offer,
    join_waiting_list,
    leave_waiting_list,
)

__all__ = [
    "OFFER_PATH",
    "BookingError",
    "Confirmation",
    "Expired",
    "RefundDue",
    "accept_proposal",
    "accept_request",
    "accept_waiting_list_offer",
    "cancel_by_family",
    "cancel_by_provider",
    "cancel_session",
    "cancel_unfunded",
    "confirm_booking",
    "decline_request",
    "entry_for_token",
    "expire_holds",
    "hold_places",
    "join_waiting_list",
    "leave_waiting_list",
    "move_booking",
    "offer_freed_places",
    "payment_failed",
    "propose_times",
    "record_attendance",
    "record_refund",
    "refund_part",
    "request_hours",
    "send_booking_reminders",
]
