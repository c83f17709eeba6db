"""Starting a shared booking: the organiser's own place, and the group's other places kept.

The organiser chooses the session, their child, how many children share it (2 to the
listing's group size), how the group price is split, the deadline and who to invite. In
one transaction, with the session locked, the group's places are checked and taken: the
organiser's booking holds one place until the deadline, and the shares nobody has joined
yet keep theirs (`selectors.places_kept`, which every capacity check counts), so the
group never finds the session full when a family joins. An organiser paying its share
from its child's personal budget commits the money in that same transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from localoffer.core.money import format_pounds, round_money, split_evenly
from pricing.bookings.models import Booking
from pricing.bookings.selectors import places_taken
from pricing.bookings.services.common import lock_session
from pricing.bookings.services.holding import check_child
from pricing.budgets.enums import ShareStatus
from pricing.families.models import Child
from pricing.offers.enums import OfferKind
from pricing.offers.models import BookableOffer, Session
from pricing.offers.selectors import window_problem
from pricing.sharing import notifications
from pricing.sharing.models import Share, SharedBooking, SplitRule
from pricing.sharing.services.collecting import commit_share, share_in_now
from pricing.sharing.services.common import (
    PayFrom,
    SharingError,
    audit,
    check_deadline,
    fund_share,
    hold_share_place,
    new_link_token,
    new_reference,
)

MAX_GROUP_SIZE = 30


@dataclass(frozen=True)
class Started:
    """The shared booking, the organiser's own booking, and the invitation link's token
    (empty when the same form was sent twice: the link was given the first time)."""

    shared: SharedBooking
    booking: Booking
    token: str


def group_terms(offer: BookableOffer) -> tuple[Decimal, int]:
    """The listing's group price and size, or a refusal if it has none."""
    if offer.kind != OfferKind.SESSIONS or offer.group_price is None or not offer.group_size:
        raise SharingError("This activity does not offer a price for a group.")
    return offer.group_price, offer.group_size


def share_amounts(
    *, group_price: Decimal, children: int, split: str, amounts: list[Any] | None = None
) -> list[Decimal]:
    """What each child's family pays, the organiser's first; they add up to the price.

    Split equally, the odd pennies fall on the first shares (`split_evenly`). Agreed
    amounts must be one for each child, each more than £0, adding up exactly.
    """
    if split == SplitRule.EQUAL:
        return split_evenly(group_price, children)
    if split != SplitRule.AGREED:
        raise SharingError("Choose how to split the cost.", field="split")
    typed = [a for a in (amounts or []) if a not in (None, "")]
    if len(typed) != children:
        raise SharingError(f"Enter an amount for each of the {children} children.", field="amounts")
    parsed = []
    for amount in typed:
        try:
            typed_text = str(amount).strip().lstrip("£").replace(",", "")
            value = amount if isinstance(amount, Decimal) else Decimal(typed_text)
        except InvalidOperation as error:
            raise SharingError(
                "Enter each amount in pounds, like 20 or 20.50.", field="amounts"
            ) from error
        if not value.is_finite() or value != round_money(value):
            raise SharingError("Enter each amount in pounds, like 20 or 20.50.", field="amounts")
        if value <= 0:
            raise SharingError("Each amount must be more than £0.", field="amounts")
        parsed.append(value)
    total = sum(parsed, Decimal("0.00"))
    if total != group_price:
        raise SharingError(
            f"The amounts add up to {format_pounds(total)}. They must add up to the "
            f"group price, {format_pounds(group_price)}.",
            field="amounts",
        )
    return parsed


def check_invitees(emails: list[str], *, organiser: Any, children: int) -> list[str]:
    """The addresses to invite: real, different, not the organiser's, one a family."""
    cleaned: list[str] = []
    for email in emails:
        email = email.strip().lower()
        if not email:
            continue
        try:
            validate_email(email)
        except ValidationError as error:
            raise SharingError(
                f"Enter email addresses like name@example.com ({email} is not one).",
                field="invite",
            ) from error
        if email == (organiser.email or "").lower():
            raise SharingError("You do not need to invite yourself.", field="invite")
        if email not in cleaned:
            cleaned.append(email)
    if len(cleaned) > children - 1:
        raise SharingError(
            f"You can invite up to {children - 1} other "
            f"{'family' if children == 2 else 'families'} for {children} children.",
            field="invite",
        )
    return cleaned


def start_shared_booking(
    *,
    organiser: Any,
    child: Child,
    session: Session,
    children: int,
    split: str,
    deadline: dt.datetime,
    method: str,
    now: dt.datetime,
    amounts: list[Any] | None = None,
    invitees: list[str] | None = None,
    card_ready: bool = False,
    idempotency_key: str | None = None,
    pay_from: PayFrom | None = None,
) -> Started:
    """Start sharing the cost of `session` for `children` children, the organiser's first.

    Refuses another family's child, a listing with no group price, a number of children
    outside 2 to the group size, agreed amounts that do not add up, a deadline after
    booking closes, a session that cannot be booked or has too few places, a way of
    paying the provider does not take, and a share its child's budget cannot pay for
    (`pay_from`). The same form sent twice (`idempotency_key`) returns what the first
    one started.
    """
    check_child(organiser, child)
    offer = session.offer
    group_price, group_size = group_terms(offer)
    if isinstance(children, bool) or not isinstance(children, int):
        raise SharingError("Enter how many children, like 3.", field="children")
    if not 2 <= children <= min(group_size, MAX_GROUP_SIZE):
        raise SharingError(f"Enter a number of children from 2 to {group_size}.", field="children")
    shares = share_amounts(group_price=group_price, children=children, split=split, amounts=amounts)
    emails = check_invitees(invitees or [], organiser=organiser, children=children)
    try:
        with transaction.atomic():
            locked = lock_session(session.pk)
            assert locked is not None
            if idempotency_key:
                made = _made_before(idempotency_key, organiser)
                if made is not None:
                    return made
            return _start(
                organiser, child, locked, children, split, shares, deadline, method, now,
                emails, card_ready, idempotency_key, pay_from,
            )  # fmt: skip
    except IntegrityError:
        # Two sends of one form raced past the check (without row locks, on SQLite).
        made = _made_before(idempotency_key, organiser) if idempotency_key else None
        if made is None:
            raise
        return made


def _made_before(key: str, organiser: Any) -> Started | None:
    booking = Booking.objects.filter(idempotency_key=key).first()
    if booking is None:
        return None
    share = Share.objects.filter(booking=booking).select_related("shared").first()
    if booking.family_id != organiser.pk or share is None:
        raise SharingError("This form has already been used.")
    return Started(shared=share.shared, booking=booking, token="")


def _start(
    organiser: Any,
    child: Child,
    session: Session,
    children: int,
    split: str,
    amounts: list[Decimal],
    deadline: dt.datetime,
    method: str,
    now: dt.datetime,
    emails: list[str],
    card_ready: bool,
    idempotency_key: str | None,
    pay_from: PayFrom | None,
) -> Started:
    offer = session.offer
    problem = window_problem(session, now)
    if problem:
        raise SharingError(problem, field="session")
    check_deadline(session, deadline, now)
    left = session.capacity - places_taken(session, now)
    if children > left:
        raise SharingError(
            f"There {'is' if left == 1 else 'are'} only {max(left, 0)} "
            f"place{'' if left == 1 else 's'} left on this session.",
            field="children",
        )
    token, token_hash = new_link_token()
    assert offer.group_price is not None and offer.group_size is not None
    shared = SharedBooking.objects.create(
        reference=new_reference(),
        offer=offer,
        session=session,
        organiser=organiser,
        group_price=offer.group_price,
        group_size=offer.group_size,
        split=split,
        deadline=deadline,
        link_token_hash=token_hash,
        created_at=now,
    )
    booking = hold_share_place(
        shared=shared,
        family=organiser,
        child=child,
        amount=amounts[0],
        method=method,
        card_ready=card_ready,
        now=now,
        idempotency_key=idempotency_key,
    )
    fund_share(booking, pay_from, by=organiser)
    own = Share.objects.create(
        shared=shared,
        email=organiser.email,
        family=organiser,
        child=child,
        amount=amounts[0],
        status=ShareStatus.JOINED,
        booking=booking,
        invited_at=now,
        joined_at=now,
    )
    invited = [
        Share.objects.create(
            shared=shared,
            email=emails[index - 1] if index - 1 < len(emails) else "",
            amount=amount,
            invited_at=now,
        )
        for index, amount in enumerate(amounts[1:], start=1)
    ]
    audit(
        shared,
        "started",
        by=organiser,
        data={
            "session": session.pk,
            "children": children,
            "split": split,
            "amounts": [str(a) for a in amounts],
            "deadline": deadline.isoformat(),
            "invited": len(emails),
        },
    )
    notifications.tell_started(shared, own, token)
    for share in invited:
        notifications.tell_invited(shared, share, token)
    if share_in_now(booking):
        commit_share(shared, own, now=now, by=organiser)
    return Started(shared=shared, booking=booking, token=token)
