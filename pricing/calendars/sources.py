"""Where a feed's events come from: functions the features with dated things register.

The calendar feed knows nothing of bookings (it is written before them and sits beside
them). A feature registers a function that, given a feed, returns the `CalendarEvent`s
its owner should see: the bookings feature registers one that returns a family's
confirmed bookings for a family's feed and an organisation's sessions for an
organisation's feed, for example in `PricingConfig.ready()`:

    from pricing.calendars.sources import feed_events
    feed_events.register(booking_events_for_feed)

A function must return only what belongs to `feed.user` or `feed.organisation` (the feed
view trusts it to) and must not write. With none registered a feed is an empty calendar,
which calendar programs accept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from pricing.calendar import CalendarEvent

if TYPE_CHECKING:
    from pricing.calendars.models import CalendarFeed

FeedEventSource = Callable[["CalendarFeed"], Iterable[CalendarEvent]]


class FeedEventRegistry:
    """An ordered set of event sources; registering the same function twice is harmless."""

    def __init__(self) -> None:
        self._sources: list[FeedEventSource] = []

    def register(self, source: FeedEventSource) -> FeedEventSource:
        if source not in self._sources:
            self._sources.append(source)
        return source

    def unregister(self, source: FeedEventSource) -> None:
        if source in self._sources:
            self._sources.remove(source)

    def events_for(self, feed: CalendarFeed) -> list[CalendarEvent]:
        return [event for source in self._sources for event in source(feed)]


feed_events = FeedEventRegistry()
