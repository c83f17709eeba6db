"""Finding a feed from the secret part of its address."""

from __future__ import annotations

from typing import Any

from pricing.calendars.models import LOOKUP_LENGTH, CalendarFeed


def feed_for_token(token: str) -> CalendarFeed | None:
    """The feed whose address carries `token`, or None.

    Found by the lookup key, then the secret compared in constant time. A family feed
    whose owner can no longer sign in answers nothing, like a wrong address.
    """
    lookup, secret = token[:LOOKUP_LENGTH], token[LOOKUP_LENGTH:]
    if len(lookup) != LOOKUP_LENGTH or not secret:
        return None
    feed = CalendarFeed.objects.select_related("user", "organisation").filter(lookup=lookup).first()
    if feed is None or not feed.secret_matches(secret):
        return None
    if feed.user is not None and not feed.user.is_active:
        return None
    return feed


def feed_name(feed: CalendarFeed) -> str:
    """The calendar's name as calendar programs show it."""
    if feed.organisation is not None:
        return f"{feed.organisation.title}: bookings"
    return "Your family's bookings"


def family_feed(user: Any) -> CalendarFeed | None:
    """The signed-in family's own feed, if they have made one."""
    return CalendarFeed.objects.filter(user=user).first()
