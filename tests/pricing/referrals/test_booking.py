"""An accepted referral becomes booked when the family's booking of the child at that
listing is confirmed, and not for any other booking."""

from __future__ import annotations

import datetime as dt

import pytest

from pricing.bookings.enums import BookingStatus
from pricing.bookings.services import hold_places
from pricing.referrals.enums import ReferralStatus
from tests.pricing.factories import NOW, ChildFactory, SessionFactory
from tests.pricing.referrals.conftest import book

pytestmark = pytest.mark.django_db

S = ReferralStatus


def test_confirming_the_booking_books_the_referral(
    world, at, mailoutbox, django_capture_on_commit_callbacks
):
    referral = at(S.ACCEPTED)
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(world.family, world.child, world.target_session)
    referral.refresh_from_db()
    assert referral.status == S.BOOKED
    assert referral.booking == booking
    assert referral.booked_at == NOW
    told = [m for m in mailoutbox if "the family has booked" in m.subject]
    assert [m.to for m in told] == [[world.provider.email]]


def test_a_booking_held_but_not_confirmed_does_not_count(world, at):
    referral = at(S.ACCEPTED)
    held = hold_places(
        family=world.family,
        child=world.child,
        session=world.target_session,
        places=1,
        method="invoice",
        now=NOW,
    )
    assert held.status == BookingStatus.HELD
    referral.refresh_from_db()
    assert referral.status == S.ACCEPTED


def test_another_childs_booking_does_not_count(world, at):
    referral = at(S.ACCEPTED)
    sibling = ChildFactory(family=world.family, first_name="Omar")
    book(world.family, sibling, world.target_session)
    referral.refresh_from_db()
    assert referral.status == S.ACCEPTED


def test_a_booking_of_another_listing_does_not_count(world, at, session):
    referral = at(S.ACCEPTED)
    later = SessionFactory(offer=session.offer, starts_at=NOW + dt.timedelta(days=6))
    book(world.family, world.child, later)
    referral.refresh_from_db()
    assert referral.status == S.ACCEPTED


def test_a_referral_not_yet_accepted_is_not_booked(world, at):
    referral = at(S.SENT)
    book(world.family, world.child, world.target_session)
    referral.refresh_from_db()
    assert referral.status == S.SENT
