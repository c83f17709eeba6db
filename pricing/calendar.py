"""RFC 5545 calendars from plain event data: one event for an email, many for a feed.

Bookings, requests and cancellations turn into `CalendarEvent`s (plain data, no models),
so this module knows nothing of bookings and can be tested on its own. Two outputs:

- `event_attachment()`: the `.ics` file attached to a booking email. It is an iTIP message
  (RFC 5546): `METHOD:REQUEST` adds or updates the event in the family's or provider's
  calendar, `METHOD:CANCEL` removes it. Calendar programs match the two by `UID` and keep
  the one with the higher `SEQUENCE`, so a booking keeps one UID for life and its sequence
  goes up with every change (moved, cancelled).
- `calendar_feed()`: a whole calendar for a private subscription address
  (`pricing.calendars`), `METHOD:PUBLISH`, with the refresh interval calendar programs
  honour (RFC 7986 `REFRESH-INTERVAL`, Outlook's `X-PUBLISHED-TTL`).

Times are written in UTC (`DTSTART:20260314T100000Z`): every calendar program converts
UTC to the reader's own zone, and UTC needs no `VTIMEZONE` block, which is where
hand-written calendars most often go wrong. Naive datetimes are refused, since a time
without a zone is ambiguous twice a year in Europe/London.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from icalendar import Calendar, Event, vCalAddress, vDuration, vText

PRODUCT_ID = "-//Local Offer//Bookings//EN"
CALENDAR_CONTENT_TYPE = "text/calendar"
# How often a subscribed calendar program should fetch the feed again.
FEED_REFRESH = dt.timedelta(hours=1)


class EventStatus(StrEnum):
    CONFIRMED = "CONFIRMED"
    TENTATIVE = "TENTATIVE"  # a place held while the family pays
    CANCELLED = "CANCELLED"


@dataclass(frozen=True, kw_only=True)
class CalendarEvent:
    """One appointment or session as a calendar shows it.

    `uid` must be unique across the site and stable for the thing it describes (for
    example "booking-123-2026-03-14@<site host>"), `sequence` must go up each time the
    event changes, and `start` and `end` must be timezone-aware.
    """

    uid: str
    start: dt.datetime
    end: dt.datetime
    summary: str
    location: str = ""
    description: str = ""
    url: str = ""
    status: EventStatus = EventStatus.CONFIRMED
    sequence: int = 0

    def __post_init__(self) -> None:
        if not self.uid.strip():
            raise ValueError("A calendar event needs a UID")
        for name in ("start", "end"):
            value = getattr(self, name)
            if value.tzinfo is None or value.utcoffset() is None:
                raise ValueError(f"The event's {name} must be timezone-aware")
        if self.end <= self.start:
            raise ValueError("A calendar event must end after it starts")
        if self.sequence < 0:
            raise ValueError("A calendar event's sequence cannot be negative")


@dataclass(frozen=True, kw_only=True)
class Organizer:
    """Who sends an invitation (RFC 5546 requires one on REQUEST and CANCEL)."""

    email: str
    name: str = ""


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC)


def _calendar(*, method: str, name: str = "") -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name:
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
    return calendar


def _event(
    event: CalendarEvent,
    *,
    stamp: dt.datetime,
    organizer: Organizer | None = None,
    attendees: Iterable[str] = (),
) -> Event:
    component = Event()
    component.add("uid", event.uid)
    component.add("dtstamp", _utc(stamp))
    component.add("dtstart", _utc(event.start))
    component.add("dtend", _utc(event.end))
    component.add("summary", event.summary)
    component.add("sequence", event.sequence)
    component.add("status", str(event.status))
    if event.location:
        component.add("location", event.location)
    if event.description:
        component.add("description", event.description)
    if event.url:
        component.add("url", event.url)
    if organizer is not None:
        address = vCalAddress(f"mailto:{organizer.email}")
        if organizer.name:
            address.params["cn"] = vText(organizer.name)
        component.add("organizer", address)
    for email in attendees:
        attendee = vCalAddress(f"mailto:{email}")
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        component.add("attendee", attendee)
    return component


def attachment_method(event: CalendarEvent) -> str:
    """The iTIP method an email attachment for `event` uses: CANCEL once cancelled."""
    return "CANCEL" if event.status == EventStatus.CANCELLED else "REQUEST"


def attachment_content_type(event: CalendarEvent) -> str:
    """The MIME type of the attachment; mail programs read the method from it too."""
    return f"{CALENDAR_CONTENT_TYPE}; method={attachment_method(event)}; charset=utf-8"


def event_attachment(
    event: CalendarEvent,
    *,
    organizer: Organizer,
    attendees: Iterable[str] = (),
    stamp: dt.datetime | None = None,
) -> bytes:
    """The `.ics` file for an email about one event: a REQUEST, or a CANCEL if cancelled.

    `stamp` (DTSTAMP, when this message was made) defaults to now; pass it to make the
    output repeatable.
    """
    return events_attachment([event], organizer=organizer, attendees=attendees, stamp=stamp)


def events_attachment(
    events: Sequence[CalendarEvent],
    *,
    organizer: Organizer,
    attendees: Iterable[str] = (),
    stamp: dt.datetime | None = None,
) -> bytes:
    """One `.ics` file for an email about several events of one thing (the appointments
    of a booking): a CANCEL when every one is cancelled, otherwise a REQUEST."""
    if not events:
        raise ValueError("A calendar attachment needs at least one event")
    cancelled = all(event.status == EventStatus.CANCELLED for event in events)
    calendar = _calendar(method="CANCEL" if cancelled else "REQUEST")
    now = stamp or dt.datetime.now(dt.UTC)
    attendees = list(attendees)
    for event in events:
        calendar.add_component(_event(event, stamp=now, organizer=organizer, attendees=attendees))
    return calendar.to_ical()


def calendar_feed(
    events: Iterable[CalendarEvent], *, name: str, stamp: dt.datetime | None = None
) -> bytes:
    """A subscription calendar of `events` (cancelled ones stay, marked, so subscribers
    drop them rather than keep a stale copy), in order of start."""
    calendar = _calendar(method="PUBLISH", name=name)
    calendar.add("refresh-interval", FEED_REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(FEED_REFRESH))
    now = stamp or dt.datetime.now(dt.UTC)
    for event in sorted(events, key=lambda item: (item.start, item.uid)):
        calendar.add_component(_event(event, stamp=now))
    return calendar.to_ical()
