"""Reads for shared bookings: the sessions a group can book, the deadlines to choose
from, and the group's page as one member of it sees it.

Families see each other only by first name, and how much and how another family pays
only if they set the amounts (the organiser): never anything about anyone's budget.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from localoffer.core.money import format_pounds
from pricing.bookings.services.common import price
from pricing.budgets.enums import ApprovalStatus, ShareStatus
from pricing.budgets.models import BookingFunding
from pricing.checkout.selectors import SessionChoice, session_choices
from pricing.offers.models import BookableOffer, Session
from pricing.payments.models import PaymentMethod, PaymentStatus
from pricing.sharing.models import Share, SharedBooking
from pricing.sharing.services.common import MIN_HOURS_TO_DEADLINE, default_deadline, latest_deadline

# Days before the session a deadline may be set, besides "when booking closes".
DEADLINE_DAYS = (7, 3, 2, 1)


@dataclass(frozen=True)
class DeadlineChoice:
    key: str
    label: str
    at: dt.datetime


def _local(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return (
        f"{local:%-I:%M%p on %A %-d %B}".replace(":00", "").replace("AM", "am").replace("PM", "pm")
    )


def deadline_choices(session: Session, now: dt.datetime) -> list[DeadlineChoice]:
    """The deadlines the organiser may choose: some days before, or when booking closes;
    each at least an hour away and no later than booking closes."""
    latest = latest_deadline(session)
    earliest = now + dt.timedelta(hours=MIN_HOURS_TO_DEADLINE)
    choices: list[DeadlineChoice] = []
    for days in DEADLINE_DAYS:
        at = session.starts_at - dt.timedelta(days=days)
        if earliest <= at <= latest:
            label = f"{days} day{'s' if days > 1 else ''} before: by {_local(at)}"
            choices.append(DeadlineChoice(f"{days}d", label, at))
    if earliest <= latest and all(choice.at != latest for choice in choices):
        choices.append(DeadlineChoice("close", f"When booking closes: by {_local(latest)}", latest))
    return choices


def default_deadline_key(choices: list[DeadlineChoice], session: Session) -> str:
    wanted = default_deadline(session)
    for choice in choices:
        if choice.at == wanted:
            return choice.key
    return choices[-1].key if choices else ""


def group_sessions(offer: BookableOffer, now: dt.datetime) -> list[SessionChoice]:
    """Sessions a group can book now: open, at least two places left, time to pay."""
    return [
        choice
        for choice in session_choices(offer, now)
        if not choice.problem and choice.places_left >= 2 and deadline_choices(choice.session, now)
    ]


def shared_of_member(user: Any, reference: str) -> SharedBooking | None:
    """A shared booking its organiser or a family in it asks for (None for anyone else)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        SharedBooking.objects.filter(reference=reference)
        .filter(Q(organiser=user) | Q(shares__family=user))
        .select_related("offer__service", "offer__organisation", "session__location", "organiser")
        .distinct()
        .first()
    )


def shared_of_family(user: Any) -> QuerySet[SharedBooking]:
    return (
        SharedBooking.objects.filter(Q(organiser=user) | Q(shares__family=user))
        .select_related("offer__service", "session")
        .distinct()
    )


@dataclass(frozen=True)
class ShareRow:
    """One share on the group's page."""

    who: str
    child: str  # only the viewer's own children are named
    amount: str  # shown to the family paying it, and to the organiser ("" to others)
    state: str
    mine: bool
    pay_reference: str  # the viewer's own booking to pay by card, if it is still to pay


def _state(share: Share, mine: bool) -> str:
    if share.status == ShareStatus.INVITED:
        return "Kept for an invited family" if share.email else "Not joined yet"
    booking = share.booking
    if share.status == ShareStatus.PAID:
        if booking is not None and booking.method == PaymentMethod.INVOICE:
            return "Paying on invoice"
        return "Paid"
    if share.status == ShareStatus.REFUNDED:
        return "Refunded"
    if mine and booking is not None:
        # Only the family itself learns that its share waits for its budget's approval.
        waiting = BookingFunding.objects.filter(
            booking_id=booking.pk, approval=ApprovalStatus.PENDING
        ).exists()
        if waiting:
            return "Waiting for approval to pay from your child's personal budget"
    return "Not paid yet"


def share_total(share: Share, offer: BookableOffer) -> Decimal:
    """What the family pays for the share: its booking's total, or the share priced the
    way the booking will be (VAT added to a listing's price is added to a share too)."""
    if share.booking is not None:
        return share.booking.total
    return price(offer, 1, unit_price=share.amount)


def share_rows(shared: SharedBooking, viewer: Any) -> list[ShareRow]:
    rows = []
    organiser = viewer.pk == shared.organiser_id
    shares = shared.shares.select_related("family", "child", "booking__payment").order_by("pk")
    for share in shares:
        mine = share.family_id == viewer.pk
        booking = share.booking
        payable = (
            mine
            and share.status == ShareStatus.JOINED
            and booking is not None
            and booking.method == PaymentMethod.CARD
            and booking.payment is not None
            and booking.payment.status not in (PaymentStatus.SUCCEEDED, PaymentStatus.CANCELLED)
        )
        if mine:
            who = "You"
        elif share.family is not None:
            who = (share.family.first_name or "").strip() or "Another family"
        else:
            who = "Not joined yet"
        rows.append(
            ShareRow(
                who=who,
                child=share.child.first_name if mine and share.child else "",
                amount=format_pounds(share_total(share, shared.offer)) if mine or organiser else "",
                state=_state(share, mine),
                mine=mine,
                pay_reference=booking.reference if payable and booking else "",
            )
        )
    return rows


def free_share_for(shared: SharedBooking, family: Any) -> tuple[Share | None, str]:
    """The share a family joining now would take, or why there is none.

    A share kept for an invited email address goes to the family signed in with it;
    the shares kept for nobody in particular go in order.
    """
    free = Share.objects.filter(shared=shared, status=ShareStatus.INVITED, booking__isnull=True)
    email = (getattr(family, "email", "") or "").strip()
    share = free.filter(email__iexact=email).order_by("pk").first() if email else None
    share = share or free.filter(email="").order_by("pk").first()
    if share is not None:
        return share, ""
    if free.exists():
        return None, (
            "The places left in this group are kept for the families who were invited by "
            "email. Ask the family who sent you the link to invite you."
        )
    return None, "Every place in this group has been taken."
