"""Private calendar feeds list bookings: a family's own, an organisation's made with it."""

import pytest
import time_machine
from icalendar import Calendar

from pricing.bookings.services import confirm_booking, hold_places
from pricing.calendars import services as feeds
from pricing.payments.models import PaymentMethod

pytestmark = pytest.mark.django_db


def _uids(client, feed) -> set[str]:
    response = client.get(f"/calendar/{feed.token}.ics")
    assert response.status_code == 200
    return {str(event["uid"]) for event in Calendar.from_ical(response.content).walk("VEVENT")}


def _confirmed(family, child, session, now):
    booking = hold_places(
        family=family,
        child=child,
        session=session,
        places=1,
        method=PaymentMethod.INVOICE,
        now=now,
    )
    return confirm_booking(booking=booking, now=now).booking


def test_feeds_list_confirmed_bookings_of_their_owner_only(
    client, family, child, other_child, session, provider, organisation, now
):
    with time_machine.travel(now, tick=False):
        ours = _confirmed(family, child, session, now)
        theirs = _confirmed(other_child.family, other_child, session, now)
        held = hold_places(
            family=family, child=child, session=session, places=1, method="invoice", now=now
        )
        family_feed = feeds.feed_for_family(user=family)
        organisation_feed = feeds.feed_for_organisation(organisation=organisation, by=provider)
        family_uids = _uids(client, family_feed)
        organisation_uids = _uids(client, organisation_feed)
    assert any(ours.reference in uid for uid in family_uids)
    assert not any(theirs.reference in uid for uid in family_uids)
    assert not any(held.reference in uid for uid in family_uids)  # not confirmed yet
    assert {
        r for r in (ours.reference, theirs.reference) if any(r in u for u in organisation_uids)
    } == {
        ours.reference,
        theirs.reference,
    }
