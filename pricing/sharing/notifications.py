"""Emails about shared bookings, in plain English, sent once the change behind them commits.

Each family is written to on its own (`send_email` sends one message per address), with
only what it needs: its own share, the group's state, and the organiser's first name.
Nobody is told another family's email address or how another family pays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import timezone

from localoffer.core.mail import send_email, site_url
from localoffer.core.money import format_pounds
from pricing.payments.models import PaymentMethod
from pricing.sharing.models import Share, SharedBooking

TEMPLATES = "sharing/email/"


def when(moment: dt.datetime) -> str:
    return f"{timezone.localtime(moment):%A %-d %B %Y at %-I:%M%p}".replace("AM", "am").replace(
        "PM", "pm"
    )


def absolute(path: str) -> str:
    return site_url() + path


def join_link(token: str) -> str:
    return absolute(reverse("sharing:join", args=[token]))


def first_name(user: Any) -> str:
    return (getattr(user, "first_name", "") or "").strip() or "A family"


def _about(shared: SharedBooking) -> dict[str, Any]:
    session = shared.session
    return {
        "reference": shared.reference,
        "activity": shared.offer.service.title,
        "organisation": shared.offer.organisation.title,
        "when": when(session.starts_at),
        "where": session.place_description,
        "deadline": when(shared.deadline),
        "group_price": format_pounds(shared.group_price),
        "children": shared.shares.count(),
        "organiser": first_name(shared.organiser),
        "group_link": absolute(reverse("sharing:detail", args=[shared.reference])),
    }


def _to_share(share: Share) -> dict[str, Any]:
    booking = share.booking
    return {
        "amount": format_pounds(booking.total if booking else share.amount),
        "child": share.child.first_name if share.child else "",
        "on_invoice": booking is not None and booking.method == PaymentMethod.INVOICE,
        "pay_link": (
            absolute(reverse("checkout:pay", args=[booking.reference]))
            if booking is not None and booking.method == PaymentMethod.CARD
            else ""
        ),
    }


def _send(template: str, to: Iterable[str], context: dict[str, Any]) -> None:
    send_email(to=list(to), template=TEMPLATES + template, context=context)


def tell_started(shared: SharedBooking, share: Share, token: str) -> None:
    """The organiser: what they started, their own share, and the link to pass on."""
    _send(
        "started",
        [shared.organiser.email],
        {**_about(shared), **_to_share(share), "join_link": join_link(token)},
    )


def tell_invited(shared: SharedBooking, share: Share, token: str) -> None:
    if share.email:
        _send(
            "invited",
            [share.email],
            {
                **_about(shared),
                "amount": format_pounds(share.amount),
                "join_link": join_link(token),
            },
        )


def tell_joined(shared: SharedBooking, share: Share) -> None:
    """The family that joined (how to pay its share) and the organiser (who joined)."""
    assert share.family is not None
    about = _about(shared)
    _send("joined", [share.family.email], {**about, **_to_share(share)})
    if share.family_id != shared.organiser_id:
        _send(
            "someone_joined",
            [shared.organiser.email],
            {**about, "who": first_name(share.family), "left": shares_left(shared)},
        )


def shares_left(shared: SharedBooking) -> int:
    return shared.shares.filter(booking__isnull=True).count()


def tell_share_paid(shared: SharedBooking, share: Share) -> None:
    assert share.family is not None
    _send("share_paid", [share.family.email], {**_about(shared), **_to_share(share)})


def tell_card_failed(shared: SharedBooking, share: Share, message: str) -> None:
    assert share.family is not None
    _send(
        "card_failed",
        [share.family.email],
        {**_about(shared), **_to_share(share), "message": message},
    )


def tell_confirmed(shared: SharedBooking) -> None:
    about = _about(shared)
    for share in shared.shares.select_related("family", "child", "booking"):
        if share.family is not None:
            _send("confirmed", [share.family.email], {**about, **_to_share(share)})


def tell_ended(shared: SharedBooking, *, refunds: dict[int, Decimal], reason: str = "") -> None:
    """Everyone who joined: the shared booking was released (not everyone paid in time),
    cancelled by its organiser, or ended with its session; and what comes back to them."""
    about = {**_about(shared), "status": shared.status, "reason": reason}
    for share in shared.shares.select_related("family", "child", "booking"):
        if share.family is None:
            continue
        refund = refunds.get(share.pk, Decimal("0.00"))
        _send(
            "ended",
            [share.family.email],
            {**about, **_to_share(share), "refund": format_pounds(refund) if refund else ""},
        )


def tell_share_freed(shared: SharedBooking, share: Share, *, family: Any, child: Any) -> None:
    """The family whose share the personal budget will not pay: its place is still kept."""
    _send(
        "share_freed",
        [family.email],
        {
            **_about(shared),
            "amount": format_pounds(share.amount),
            "child": child.first_name if child else "",
            "organiser_is_you": family.pk == shared.organiser_id,
        },
    )
