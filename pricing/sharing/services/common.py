"""What every shared-booking write shares: its error, references, the invitation link's
token, the locks, audit, and holding one family's place for its share.

Locks are always taken in one order: the shared booking's row, then the session's, then
the bookings' (as every booking write takes the session before the booking), so two
families paying or joining at once, the deadline job and the organiser cancelling are
served one after the other and never wait on each other in opposite orders.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from wagtail.log_actions import log

from localoffer.core.transitions import DomainError, transition
from pricing.bookings.enums import BookingStatus
from pricing.bookings.models import Booking
from pricing.bookings.services.common import (
    REFERENCE_ALPHABET,
    price,
    vat_treatment_of,
)
from pricing.bookings.services.common import (
    new_reference as new_booking_reference,
)
from pricing.bookings.services.holding import check_method, create_payment
from pricing.budgets.enums import SHARED_TRANSITIONS, HeldAs
from pricing.budgets.models import PersonalBudget
from pricing.budgets.services import fund_booking
from pricing.families.models import Child
from pricing.offers.models import Session
from pricing.payments.models import PaymentMethod
from pricing.sharing.models import SharedBooking

ACTION = "pricing.shared_"  # + the event: "pricing.shared_started", ...
REFERENCE_PREFIX = "SH"
# A deadline this close to now leaves nobody time to pay.
MIN_HOURS_TO_DEADLINE = 1
DEFAULT_HOURS_BEFORE = 48


class SharingError(DomainError):
    """A shared-booking step the rules refuse; the message is for the person who tried it."""


def new_reference() -> str:
    """A short reference people can read out, such as "SH-7K3P9Q"."""
    for _ in range(10):
        reference = f"{REFERENCE_PREFIX}-" + "".join(
            secrets.choice(REFERENCE_ALPHABET) for _ in range(6)
        )
        if not SharedBooking.objects.filter(reference=reference).exists():
            return reference
    raise RuntimeError("Could not find a free shared booking reference")


def token_hash(token: str) -> str:
    """Only this is stored: a copy of the database does not give anyone the links."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_link_token() -> tuple[str, str]:
    """A new invitation link's token and its hash."""
    token = secrets.token_urlsafe(24)
    return token, token_hash(token)


def lock_shared(shared: SharedBooking | int) -> SharedBooking:
    """The shared booking's row, locked until the transaction ends (taken first)."""
    pk = shared.pk if isinstance(shared, SharedBooking) else shared
    return (
        SharedBooking.objects.select_for_update(of=("self",))
        .select_related("offer__service", "offer__organisation", "session", "organiser")
        .get(pk=pk)
    )


def audit(
    shared: SharedBooking, event: str, *, by: Any, data: dict[str, Any] | None = None
) -> None:
    log(
        instance=shared,
        action=ACTION + event,
        user=by if getattr(by, "is_authenticated", False) else None,
        data={"reference": shared.reference, **(data or {})},
    )


def move_shared(
    shared: SharedBooking,
    to: str,
    *,
    by: Any,
    event: str,
    changes: dict[str, Any] | None = None,
    data: dict[str, Any] | None = None,
) -> SharedBooking:
    """Lock, check SHARED_TRANSITIONS, save and audit one move of the shared booking."""
    return transition(
        shared,
        table=SHARED_TRANSITIONS,
        to=to,
        user=by if getattr(by, "is_authenticated", False) else None,
        action=ACTION + event,
        changes=changes,
        data={"reference": shared.reference, **(data or {})},
        error=SharingError,
    )


def latest_deadline(session: Session) -> dt.datetime:
    """Every share must be paid by the time booking for the session closes."""
    return session.offer.window_for(session.starts_at)[1]


def default_deadline(session: Session) -> dt.datetime:
    """48 hours before the session, or when booking closes if that is sooner."""
    return min(
        session.starts_at - dt.timedelta(hours=DEFAULT_HOURS_BEFORE), latest_deadline(session)
    )


def check_deadline(session: Session, deadline: dt.datetime, now: dt.datetime) -> None:
    if deadline > latest_deadline(session):
        raise SharingError(
            "Choose a deadline no later than when booking for the session closes.",
            field="deadline",
        )
    if deadline < now + dt.timedelta(hours=MIN_HOURS_TO_DEADLINE):
        raise SharingError(
            "Choose a later deadline: the other families need time to pay.", field="deadline"
        )


def hold_share_place(
    *,
    shared: SharedBooking,
    family: Any,
    child: Child,
    amount: Decimal,
    method: str,
    card_ready: bool,
    now: dt.datetime,
    idempotency_key: str | None = None,
) -> Booking:
    """One family's own booking for its share: one place, held until the deadline.

    It is an ordinary booking (so the family pays it on the ordinary card page, and it is
    invoiced to the family when confirmed), priced at the share as the invoice's line will
    be (VAT added to a listing's price is charged on the share too). The session must be
    locked by the caller, and the place already counted: the shared booking kept it.
    """
    offer = shared.offer
    total = price(offer, 1, unit_price=amount)
    booking = Booking.objects.create(
        reference=new_booking_reference(),
        family=family,
        child=child,
        offer=offer,
        session=shared.session,
        places=1,
        unit_price=amount,
        total=total,
        vat_treatment=vat_treatment_of(offer),
        method=check_method(offer, method, total, card_ready=card_ready),
        status=BookingStatus.HELD,
        hold_expires_at=shared.deadline,
        idempotency_key=idempotency_key or None,
        created_at=now,
    )
    booking.payment = create_payment(booking)
    if booking.payment is not None:
        booking.save(update_fields=["payment"])
    log(
        instance=booking,
        action="pricing.booking_held",
        user=family,
        data={"reference": booking.reference, "places": 1, "shared": shared.reference},
    )
    return booking


@dataclass(frozen=True)
class PayFrom:
    """A family paying its share from its child's personal budget: which budget, which
    part of it (`HeldAs`), and which agreed outcome the share serves."""

    budget: PersonalBudget
    held_as: str
    outcome_key: str


def fund_share(booking: Booking, pay_from: PayFrom | None, *, by: Any) -> None:
    """Pay a share's booking from the budget, in the transaction that holds it (after the
    session's lock, as `fund_booking` needs): a refusal (not enough available, a category
    the budget cannot buy) rolls the share back with it.

    The council or a third party pays on the provider's invoice, so its share's booking
    must be one paid on invoice.
    """
    if pay_from is None:
        return
    if pay_from.held_as != HeldAs.DIRECT_PAYMENT and booking.method != PaymentMethod.INVOICE:
        raise SharingError(
            "The council or the third party pays on the provider's invoice: choose to pay "
            "on invoice.",
            field="method",
        )
    fund_booking(
        booking=booking,
        budget=pay_from.budget,
        held_as=pay_from.held_as,
        outcome_key=pay_from.outcome_key,
        by=by,
    )
