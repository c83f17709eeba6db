"""Reads of offers: term-time days, the dates a weekly pattern falls on, booking windows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils import timezone
from wagtail.models import Site

from pricing.offers.enums import SessionStatus, TermKind
from pricing.offers.models import BookableOffer, Session, TermDates


def offer_for_service(service) -> BookableOffer | None:
    """The listing's bookable offer, if the provider has made it bookable."""
    return BookableOffer.objects.filter(service=service).select_related("cost_option").first()


def term_dates_of(council: Site) -> QuerySet[TermDates]:
    return TermDates.objects.filter(council=council)


def term_time_days(council: Site, first: dt.date, last: dt.date) -> set[dt.date]:
    """Every day from `first` to `last` inside one of the council's terms and no break."""
    rows = list(TermDates.objects.filter(council=council, starts_on__lte=last, ends_on__gte=first))
    days: set[dt.date] = set()
    for row in rows:
        if row.kind == TermKind.TERM:
            days.update(_days(max(row.starts_on, first), min(row.ends_on, last)))
    for row in rows:
        if row.kind == TermKind.BREAK:
            days.difference_update(_days(row.starts_on, row.ends_on))
    return days


def pattern_dates(
    first: dt.date,
    last: dt.date,
    weekdays: Iterable[int],
    *,
    only_on: set[dt.date] | None = None,
) -> list[dt.date]:
    """The dates from `first` to `last` (both included) that fall on `weekdays`
    (Monday is 0), limited to `only_on` when given (the term-time days)."""
    wanted = set(weekdays)
    return [
        day
        for day in _days(first, last)
        if day.weekday() in wanted and (only_on is None or day in only_on)
    ]


def window_problem(session: Session, now: dt.datetime) -> str | None:
    """Why the session cannot be booked at `now` (plain English), or None if it can."""
    offer = session.offer
    if session.status == SessionStatus.CANCELLED:
        return "This session has been cancelled."
    if not offer.is_active:
        return "This activity is not taking bookings."
    if offer.unit_price is None:
        return "This activity is not taking bookings at the moment."
    if session.starts_at <= now:
        return "This session has already started."
    opens, closes = offer.window_for(session.starts_at)
    if now < opens:
        return f"Booking for this session opens on {_when(opens)}."
    if now > closes:
        return "Booking for this session has closed."
    return None


def upcoming_sessions(offer: BookableOffer, now: dt.datetime) -> QuerySet[Session]:
    return offer.sessions.filter(status=SessionStatus.SCHEDULED, starts_at__gt=now)


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def _when(moment: dt.datetime) -> str:
    return f"{timezone.localtime(moment):%-d %B %Y at %H:%M}"
