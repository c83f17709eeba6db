"""RFC 5545 calendar files and feeds from plain event data, read back with icalendar."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from pricing.calendar import (
    CalendarEvent,
    EventStatus,
    Organizer,
    attachment_content_type,
    calendar_feed,
    event_attachment,
)

LONDON = ZoneInfo("Europe/London")
STAMP = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


def session(**changes) -> CalendarEvent:
    values = {
        "uid": "booking-17-20260328@localoffer.example",
        # 10:00 London time in winter (GMT), before the clocks go forward on 29 March.
        "start": dt.datetime(2026, 3, 28, 10, 0, tzinfo=LONDON),
        "end": dt.datetime(2026, 3, 28, 12, 0, tzinfo=LONDON),
        "summary": "Saturday sensory club: Sam",
        "location": "Northbridge Leisure Centre, High Street, NB1 2AA",
        "description": "Booking reference LO-17. Bring a towel; the pool is warm.",
        "url": "https://localoffer.example/account/bookings/17/",
    }
    return CalendarEvent(**{**values, **changes})


def parse(body: bytes) -> Calendar:
    assert body.endswith(b"\r\n") and b"\r\n" in body, "RFC 5545 lines end with CRLF"
    assert all(len(line) <= 75 for line in body.split(b"\r\n")), "lines are folded at 75 octets"
    return Calendar.from_ical(body)


def assert_rfc5545_essentials(calendar: Calendar) -> None:
    assert calendar["VERSION"] == "2.0"
    assert str(calendar["PRODID"]).startswith("-//")
    for event in calendar.walk("VEVENT"):
        assert str(event["UID"])
        assert event["DTSTAMP"].dt.tzinfo is not None
        for name in ("DTSTART", "DTEND"):
            value = event[name].dt
            assert value.utcoffset() == dt.timedelta(0), f"{name} is written in UTC"
        assert event["DTEND"].dt > event["DTSTART"].dt


def test_an_invitation_is_a_request_with_the_event_in_utc() -> None:
    body = event_attachment(
        session(),
        organizer=Organizer(email="bookings@playclub.example.org", name="Northbridge, Play Club"),
        attendees=["family@example.org"],
        stamp=STAMP,
    )
    calendar = parse(body)
    assert_rfc5545_essentials(calendar)
    assert calendar["METHOD"] == "REQUEST"
    [event] = calendar.walk("VEVENT")
    assert event["UID"] == "booking-17-20260328@localoffer.example"
    assert event["DTSTART"].dt == dt.datetime(2026, 3, 28, 10, 0, tzinfo=dt.UTC)
    assert b"DTSTART:20260328T100000Z" in body
    assert event["DTSTAMP"].dt == STAMP
    assert event["STATUS"] == "CONFIRMED"
    assert event["SEQUENCE"] == 0
    assert event["SUMMARY"] == "Saturday sensory club: Sam"
    assert event["LOCATION"] == "Northbridge Leisure Centre, High Street, NB1 2AA"
    assert str(event["ORGANIZER"]) == "mailto:bookings@playclub.example.org"
    assert event["ORGANIZER"].params["CN"] == "Northbridge, Play Club"
    assert str(event["ATTENDEE"]) == "mailto:family@example.org"
    assert str(event["URL"]) == "https://localoffer.example/account/bookings/17/"


def test_summer_time_is_converted_to_utc() -> None:
    start = dt.datetime(2026, 7, 4, 10, 0, tzinfo=LONDON)  # BST, an hour ahead of UTC
    body = event_attachment(
        session(start=start, end=start + dt.timedelta(hours=1)),
        organizer=Organizer(email="bookings@playclub.example.org"),
        stamp=STAMP,
    )
    assert b"DTSTART:20260704T090000Z" in body
    [event] = parse(body).walk("VEVENT")
    assert event["DTSTART"].dt.astimezone(LONDON) == start


def test_a_cancellation_is_a_cancel_with_the_same_uid_and_a_higher_sequence() -> None:
    cancelled = session(status=EventStatus.CANCELLED, sequence=2)
    body = event_attachment(
        cancelled, organizer=Organizer(email="bookings@playclub.example.org"), stamp=STAMP
    )
    calendar = parse(body)
    assert_rfc5545_essentials(calendar)
    assert calendar["METHOD"] == "CANCEL"
    [event] = calendar.walk("VEVENT")
    assert event["UID"] == session().uid
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 2
    assert attachment_content_type(cancelled) == "text/calendar; method=CANCEL; charset=utf-8"
    assert attachment_content_type(session()) == "text/calendar; method=REQUEST; charset=utf-8"


def test_a_feed_publishes_every_event_in_order_with_a_refresh_interval() -> None:
    later = session(
        uid="booking-18@localoffer.example",
        start=dt.datetime(2026, 4, 4, 10, 0, tzinfo=LONDON),
        end=dt.datetime(2026, 4, 4, 11, 0, tzinfo=LONDON),
        summary="Swimming; lane 2, shallow end",
    )
    gone = session(uid="booking-19@localoffer.example", status=EventStatus.CANCELLED, sequence=1)
    body = calendar_feed([later, session(), gone], name="Your family's bookings", stamp=STAMP)
    calendar = parse(body)
    assert_rfc5545_essentials(calendar)
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["X-WR-CALNAME"] == "Your family's bookings"
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H" in body
    assert b"X-PUBLISHED-TTL:PT1H" in body
    events = calendar.walk("VEVENT")
    assert [str(event["UID"]) for event in events] == [
        "booking-17-20260328@localoffer.example",
        "booking-19@localoffer.example",
        "booking-18@localoffer.example",
    ]
    assert events[2]["SUMMARY"] == "Swimming; lane 2, shallow end"  # escaped and read back
    assert events[1]["STATUS"] == "CANCELLED"
    assert all("ORGANIZER" not in event for event in events)


def test_an_empty_feed_is_still_a_valid_calendar() -> None:
    calendar = parse(calendar_feed([], name="Northbridge Play Club: bookings"))
    assert_rfc5545_essentials(calendar)
    assert calendar.walk("VEVENT") == []


def test_a_long_description_is_folded_and_read_back_whole() -> None:
    description = "Please arrive ten minutes early. " * 20
    body = calendar_feed([session(description=description)], name="Bookings", stamp=STAMP)
    [event] = parse(body).walk("VEVENT")
    assert event["DESCRIPTION"] == description


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"uid": " "}, "needs a UID"),
        ({"start": dt.datetime(2026, 3, 28, 10, 0)}, "timezone-aware"),
        ({"end": dt.datetime(2026, 3, 28, 9, 0, tzinfo=LONDON)}, "must end after it starts"),
        ({"sequence": -1}, "cannot be negative"),
    ],
)
def test_an_event_that_cannot_be_written_correctly_is_refused(changes, message) -> None:
    with pytest.raises(ValueError, match=message):
        session(**changes)
