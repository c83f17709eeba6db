"""Making and renewing private calendar feeds."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from localoffer.core.transitions import lock
from pricing.calendars.models import CalendarFeed, new_lookup, new_secret

ACTION_CREATE = "pricing.create_calendar_feed"
ACTION_RENEW = "pricing.renew_calendar_feed"


def _get_or_create(by: Any, **owner: Any) -> CalendarFeed:
    feed = CalendarFeed.objects.filter(**owner).first()
    if feed is not None:
        return feed
    try:
        # A savepoint: two first visits at once make one feed; the loser reads it.
        with transaction.atomic():
            feed = CalendarFeed.objects.create(**owner)
    except IntegrityError:
        return CalendarFeed.objects.get(**owner)
    log(instance=feed, action=ACTION_CREATE, user=by)
    return feed


def feed_for_family(*, user: Any) -> CalendarFeed:
    """The family's feed, made the first time they ask for it."""
    with transaction.atomic():
        return _get_or_create(user, user=user)


def feed_for_organisation(*, organisation: Any, by: Any) -> CalendarFeed:
    """The organisation's feed (one shared by its team), made the first time."""
    with transaction.atomic():
        return _get_or_create(by, organisation=organisation)


def renew_feed(*, feed: CalendarFeed, by: Any) -> CalendarFeed:
    """Give the feed a new address; the old one stops working at once.

    For when an address has been shared by mistake or a device is lost: both the lookup
    key and the secret change, so nothing of the old address still finds the feed.
    """
    with transaction.atomic():
        locked = lock(feed)
        locked.lookup = new_lookup()
        locked.secret = new_secret()
        locked.renewed_at = timezone.now()
        locked.save(update_fields=["lookup", "secret", "renewed_at"])
        log(instance=locked, action=ACTION_RENEW, user=by)
    return locked
