"""Writes of offers: make a listing bookable, add sessions one at a time or by a pattern.

Only the listing's own organisation may do these; each is audited on the offer. Cancelling
a session touches its bookings, so it lives with them (`pricing.bookings.services`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Site

from localoffer.core.money import round_money
from localoffer.core.transitions import DomainError
from pricing.offers.enums import CancellationPolicy, OfferKind
from pricing.offers.models import BookableOffer, Session
from pricing.offers.selectors import pattern_dates, term_time_days
from providers.models import CostOption, ServiceLocation, ServicePage
from providers.organisations.access import is_organisation_member

ACTION_OFFER_SAVE = "pricing.offer_save"
ACTION_SESSIONS_ADD = "pricing.sessions_add"

# A pattern longer than this is almost certainly a typo in a year.
MAX_SESSIONS_PER_PATTERN = 200
MAX_CAPACITY = 500
MIN_GROUP_SIZE = 2
MAX_GROUP_SIZE = 30


class OfferError(DomainError):
    """An offer or session change the rules refuse; the message is for the provider."""


def require_member(user: Any, organisation: Any) -> None:
    # Views check this too; the service checks again so no other caller can skip it.
    if not is_organisation_member(user, organisation):
        raise OfferError("Only the organisation's own team can change its bookings.")


def save_offer(
    *,
    service: ServicePage,
    kind: str,
    cost_option: CostOption,
    by: Any,
    accepts_card: bool = True,
    accepts_invoice: bool = False,
    booking_opens_days_before: int = 56,
    booking_closes_hours_before: int = 2,
    cancellation_policy: str = CancellationPolicy.FREE_48_NONE,
    is_active: bool = True,
    group_price: Decimal | None = None,
    group_size: int | None = None,
) -> BookableOffer:
    """Make a listing bookable, or change how it is booked (one offer per listing).

    The price is the chosen cost option of this same listing: it is never typed here, so
    it cannot differ from what the listing shows. A kind cannot change once the offer
    exists (sessions and requests for hours have different bookings). A group price (a
    session for up to `group_size` children, families sharing the cost) is typed here:
    it is an offer of this booking page, not a cost of the listing.
    """
    organisation = service.organisation
    if organisation is None:
        raise OfferError("This listing has no organisation.")
    require_member(by, organisation)
    if kind not in OfferKind.values:
        raise OfferError("Choose sessions or hours of support.", field="kind")
    if cost_option.service_id != service.pk:
        raise OfferError("Choose one of this listing's prices.", field="cost_option")
    if cancellation_policy not in CancellationPolicy.values:
        raise OfferError("Choose a cancellation policy.", field="cancellation_policy")
    if not (accepts_card or accepts_invoice):
        raise OfferError("Choose at least one way families can pay.", field="accepts_card")
    if not 0 <= booking_opens_days_before <= 366:
        raise OfferError("Booking can open up to a year ahead.", field="booking_opens_days_before")
    if not 0 <= booking_closes_hours_before <= 24 * 14:
        raise OfferError(
            "Booking can close up to 14 days before.", field="booking_closes_hours_before"
        )
    check_group_price(kind, group_price, group_size)
    fields = {
        "kind": kind,
        "cost_option": cost_option,
        "accepts_card": accepts_card,
        "accepts_invoice": accepts_invoice,
        "booking_opens_days_before": booking_opens_days_before,
        "booking_closes_hours_before": booking_closes_hours_before,
        "cancellation_policy": cancellation_policy,
        "is_active": is_active,
        "group_price": group_price,
        "group_size": group_size,
    }
    with transaction.atomic():
        offer = BookableOffer.objects.select_for_update().filter(service=service).first()
        if offer is None:
            offer = BookableOffer.objects.create(
                service=service, organisation=organisation, **fields
            )
        else:
            if offer.kind != kind:
                raise OfferError("An offer cannot change between sessions and hours.", field="kind")
            for name, value in fields.items():
                setattr(offer, name, value)
            offer.save(update_fields=list(fields))
        log(
            instance=offer,
            action=ACTION_OFFER_SAVE,
            user=by,
            data={"cost_option": cost_option.pk, "active": is_active},
        )
    return offer


def check_group_price(kind: str, price: Decimal | None, size: int | None) -> None:
    """Both or neither; sessions only; a price above £0 in pence; 2 to 30 children."""
    if price is None and size is None:
        return
    if kind != OfferKind.SESSIONS:
        raise OfferError("Only sessions can have a group price.", field="group_price")
    if price is None:
        raise OfferError("Enter the group price, or remove the group size.", field="group_price")
    if size is None:
        raise OfferError("Enter how many children a group can have.", field="group_size")
    if not isinstance(price, Decimal) or price <= 0 or price != round_money(price):
        raise OfferError("Enter a group price in pounds, like 80 or 79.50.", field="group_price")
    if not MIN_GROUP_SIZE <= size <= MAX_GROUP_SIZE:
        raise OfferError(
            f"Enter a group size from {MIN_GROUP_SIZE} to {MAX_GROUP_SIZE} children.",
            field="group_size",
        )


def add_session(
    *,
    offer: BookableOffer,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    capacity: int,
    by: Any,
    location: ServiceLocation | None = None,
    online: bool = False,
) -> Session:
    """Add one dated session with a number of places."""
    return add_sessions(
        offer=offer,
        times=[(starts_at, ends_at)],
        capacity=capacity,
        by=by,
        location=location,
        online=online,
    )[0]


def add_sessions_from_pattern(
    *,
    offer: BookableOffer,
    first_day: dt.date,
    last_day: dt.date,
    weekdays: Iterable[int],
    start_time: dt.time,
    end_time: dt.time,
    capacity: int,
    by: Any,
    location: ServiceLocation | None = None,
    online: bool = False,
    term_time_only: bool = False,
    council: Site | None = None,
) -> list[Session]:
    """Add a session on each chosen weekday (Monday is 0) from `first_day` to `last_day`.

    Times are local (Europe/London), so a 10:00 club stays at 10:00 across the clock
    change. Term time only keeps the days inside the council's terms and outside its
    breaks; the council is the Wagtail Site whose term dates apply.
    """
    weekdays = sorted(set(weekdays))
    if not weekdays or any(day not in range(7) for day in weekdays):
        raise OfferError("Choose at least one day of the week.", field="weekdays")
    if last_day < first_day:
        raise OfferError("The last date must be on or after the first.", field="last_day")
    if end_time <= start_time:
        raise OfferError("The end time must be after the start time.", field="end_time")
    only_on = None
    if term_time_only:
        if council is None:
            raise OfferError("Term time needs the council's term dates.", field="term_time_only")
        only_on = term_time_days(council, first_day, last_day)
    days = pattern_dates(first_day, last_day, weekdays, only_on=only_on)
    if not days:
        raise OfferError("No dates match those days.", field="weekdays")
    times = [(_local(day, start_time), _local(day, end_time)) for day in days]
    return add_sessions(
        offer=offer, times=times, capacity=capacity, by=by, location=location, online=online
    )


def add_sessions(
    *,
    offer: BookableOffer,
    times: list[tuple[dt.datetime, dt.datetime]],
    capacity: int,
    by: Any,
    location: ServiceLocation | None = None,
    online: bool = False,
) -> list[Session]:
    """Add sessions at the given (start, end) times, all or none."""
    require_member(by, offer.organisation)
    if offer.kind != OfferKind.SESSIONS:
        raise OfferError("Hours of support are booked on request, not in sessions.")
    if not 1 <= capacity <= MAX_CAPACITY:
        raise OfferError(f"Enter a number of places from 1 to {MAX_CAPACITY}.", field="capacity")
    if len(times) > MAX_SESSIONS_PER_PATTERN:
        raise OfferError(
            f"Add at most {MAX_SESSIONS_PER_PATTERN} sessions at once.", field="last_day"
        )
    if location is not None and location.service_id != offer.service_id:
        raise OfferError("Choose one of this listing's places.", field="location")
    if location is None and not online:
        raise OfferError("Choose where the session happens, or online.", field="location")
    for starts_at, ends_at in times:
        if ends_at <= starts_at:
            raise OfferError("The end time must be after the start time.", field="ends_at")
    with transaction.atomic():
        sessions = Session.objects.bulk_create(
            Session(
                offer=offer,
                starts_at=starts_at,
                ends_at=ends_at,
                capacity=capacity,
                location=location,
                online=online,
            )
            for starts_at, ends_at in times
        )
        log(
            instance=offer,
            action=ACTION_SESSIONS_ADD,
            user=by,
            data={"count": len(sessions), "first": times[0][0].isoformat()},
        )
    return sessions


def _local(day: dt.date, at: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, at))
