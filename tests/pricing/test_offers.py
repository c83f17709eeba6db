"""Making a listing bookable, sessions one at a time or from a pattern, term time only."""

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.models import Site

from pricing.offers.enums import TermKind
from pricing.offers.models import TermDates
from pricing.offers.services import (
    OfferError,
    add_session,
    add_sessions_from_pattern,
    save_offer,
)
from tests.factories import CostOptionFactory, ServicePageFactory

pytestmark = pytest.mark.django_db


def test_save_offer_uses_one_of_the_listings_own_prices(service, provider, organisation):
    option = service.cost_options.first()
    offer = save_offer(service=service, kind="sessions", cost_option=option, by=provider)
    assert offer.organisation.pk == organisation.pk and offer.unit_price == option.amount
    elsewhere = CostOptionFactory(service=ServicePageFactory(parent=organisation))
    with pytest.raises(OfferError, match="this listing's prices"):
        save_offer(service=service, kind="sessions", cost_option=elsewhere, by=provider)
    with pytest.raises(OfferError, match="sessions and hours"):
        save_offer(service=service, kind="hours", cost_option=option, by=provider)


def test_only_the_organisations_team_can_make_it_bookable(service, family):
    with pytest.raises(OfferError, match="own team"):
        save_offer(
            service=service, kind="sessions", cost_option=service.cost_options.first(), by=family
        )


def test_add_one_session_and_refuse_bad_ones(offer, provider, now):
    start = now + dt.timedelta(days=1)
    session = add_session(
        offer=offer,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        capacity=8,
        by=provider,
        online=True,
    )
    assert session.capacity == 8
    with pytest.raises(OfferError, match="places"):
        add_session(
            offer=offer,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
            capacity=0,
            by=provider,
            online=True,
        )
    with pytest.raises(OfferError, match="after the start"):
        add_session(
            offer=offer, starts_at=start, ends_at=start, capacity=8, by=provider, online=True
        )


def test_weekly_pattern_term_time_only(offer, provider, home):
    council = Site.objects.get(is_default_site=True)
    TermDates.objects.create(
        council=council,
        name="Spring term",
        kind=TermKind.TERM,
        starts_on=dt.date(2026, 1, 5),
        ends_on=dt.date(2026, 3, 27),
    )
    TermDates.objects.create(
        council=council,
        name="Half term",
        kind=TermKind.BREAK,
        starts_on=dt.date(2026, 2, 16),
        ends_on=dt.date(2026, 2, 20),
    )
    sessions = add_sessions_from_pattern(
        offer=offer,
        first_day=dt.date(2026, 2, 2),
        last_day=dt.date(2026, 4, 10),
        weekdays=[0, 2],
        start_time=dt.time(16),
        end_time=dt.time(17, 30),
        capacity=6,
        by=provider,
        online=True,
        term_time_only=True,
        council=council,
    )
    days = [s.starts_at.date() for s in sessions]
    # Mondays and Wednesdays of February and March, less half term, none after 27 March.
    assert dt.date(2026, 2, 16) not in days and dt.date(2026, 2, 18) not in days
    assert days[0] == dt.date(2026, 2, 2) and days[-1] == dt.date(2026, 3, 25)
    assert len(days) == 14
    # Times are London times, whatever the offset that day.
    assert {timezone.localtime(s.starts_at).time() for s in sessions} == {dt.time(16)}
