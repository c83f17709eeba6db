"""Private calendar feeds: the secret address, renewing it, and what the feed serves."""

import datetime as dt

import pytest
from django.urls import reverse
from icalendar import Calendar
from wagtail.models import ModelLogEntry

from pricing.calendar import CalendarEvent
from pricing.calendars import services
from pricing.calendars.models import CalendarFeed
from pricing.calendars.selectors import feed_for_token
from pricing.calendars.sources import feed_events
from tests.html import get, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(users_by_role):
    return users_by_role["family"]


@pytest.fixture
def family_events(family):
    """A source that gives the family's feed one event, as the bookings feature will."""

    def source(feed: CalendarFeed):
        if feed.user_id == family.pk:
            start = dt.datetime(2026, 3, 28, 10, tzinfo=dt.UTC)
            yield CalendarEvent(
                uid="booking-1@localoffer.example",
                start=start,
                end=start + dt.timedelta(hours=2),
                summary="Saturday sensory club",
            )

    feed_events.register(source)
    yield source
    feed_events.unregister(source)


def fetch(client, feed: CalendarFeed, token: str | None = None):
    return client.get(f"/calendar/{token or feed.token}.ics")


def test_a_feed_is_text_calendar_and_parses(client, family) -> None:
    feed = services.feed_for_family(user=family)
    response = fetch(client, feed)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    # Nothing is booked yet and nothing is made up: an empty, valid calendar.
    assert calendar.walk("VEVENT") == []


def test_a_feed_lists_the_events_its_sources_give_its_owner(
    client, family, family_events, organisation
) -> None:
    mine = services.feed_for_family(user=family)
    [event] = Calendar.from_ical(fetch(client, mine).content).walk("VEVENT")
    assert event["UID"] == "booking-1@localoffer.example"
    assert event["DTSTAMP"] and event["DTSTART"].dt.utcoffset() == dt.timedelta(0)
    theirs = services.feed_for_organisation(organisation=organisation, by=None)
    calendar = Calendar.from_ical(fetch(client, theirs).content)
    assert calendar.walk("VEVENT") == []
    assert calendar["X-WR-CALNAME"] == f"{organisation.title}: bookings"


def test_one_feed_per_owner_with_an_unguessable_token(family, organisation) -> None:
    feed = services.feed_for_family(user=family)
    assert services.feed_for_family(user=family).pk == feed.pk
    assert len(feed.secret) >= 43
    org_feed = services.feed_for_organisation(organisation=organisation, by=None)
    assert org_feed.pk != feed.pk and org_feed.token != feed.token
    assert ModelLogEntry.objects.filter(action=services.ACTION_CREATE).count() == 2


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # one character off
        lambda token: token[:12],  # the lookup key alone
        lambda token: token[:12] + "x",
        lambda token: "0" * 12 + token[12:],  # the secret with another key
        lambda token: "nonsense",
    ],
)
def test_a_wrong_address_is_404(client, family, mangle) -> None:
    feed = services.feed_for_family(user=family)
    assert feed_for_token(mangle(feed.token)) is None
    assert fetch(client, feed, mangle(feed.token)).status_code == 404


def test_renewing_invalidates_the_old_address(client, family) -> None:
    feed = services.feed_for_family(user=family)
    old = feed.token
    renewed = services.renew_feed(feed=feed, by=family)
    assert renewed.token != old and renewed.lookup != old[:12]
    assert client.get(f"/calendar/{old}.ics").status_code == 404
    assert fetch(client, renewed).status_code == 200
    entry = ModelLogEntry.objects.get(action=services.ACTION_RENEW)
    assert entry.user_id == family.pk and renewed.secret not in str(entry.data)


def test_a_deactivated_family_feed_answers_nothing(client, family) -> None:
    feed = services.feed_for_family(user=family)
    family.is_active = False
    family.save(update_fields=["is_active"])
    assert fetch(client, feed).status_code == 404


def test_the_family_makes_and_renews_their_address_on_their_page(client_for, family) -> None:
    client = client_for("family")
    url = reverse("calendars:family")
    page = get(client, url)
    assert "Make my calendar address" in text_of(page.select_one("main form"))
    assert not CalendarFeed.objects.exists()
    response = client.post(url, {"action": "create"})
    assert response.status_code == 302
    feed = CalendarFeed.objects.get(user=family)
    page = get(client, url)
    assert f"/calendar/{feed.token}.ics" in text_of(page.find("code"))
    assert page.find("a", string="Open in your calendar program")["href"].startswith("webcal://")
    client.post(url, {"action": "renew"})
    renewed = CalendarFeed.objects.get(user=family)
    assert renewed.token != feed.token
    page = get(client, url)
    assert f"/calendar/{renewed.token}.ics" in text_of(page.find("code"))
    assert "The old address no longer works" in text_of(page)
