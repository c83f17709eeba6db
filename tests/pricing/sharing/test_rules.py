"""The rules of starting and joining a shared booking: amounts that add up, one's own
children, places on the session, the deadline, and the invitation link."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from pricing.bookings.services import BookingError, hold_places
from pricing.budgets.enums import ShareStatus
from pricing.payments.models import PaymentMethod
from pricing.sharing.services import SharingError, new_link, share_amounts
from tests.pricing.factories import NOW, SessionFactory

pytestmark = pytest.mark.django_db

PRICE = Decimal("80.00")


def test_equal_shares_carry_the_odd_pennies_first():
    assert share_amounts(group_price=PRICE, children=3, split="equal") == [
        Decimal("26.67"),
        Decimal("26.67"),
        Decimal("26.66"),
    ]


@pytest.mark.parametrize(
    ("amounts", "message"),
    [
        (["30", "40"], "add up to £70. They must add up to the group price, £80"),
        (["30", "40", "10"], "an amount for each of the 2 children"),
        (["80", "0"], "more than £0"),
        (["79.999", "0.001"], "in pounds"),
        (["£30", "eighty"], "in pounds"),
    ],
)
def test_agreed_amounts_must_add_up_to_the_group_price(amounts, message):
    with pytest.raises(SharingError, match=message) as refused:
        share_amounts(group_price=PRICE, children=2, split="agreed", amounts=amounts)
    assert refused.value.field == "amounts"


def test_agreed_amounts_that_add_up_are_each_familys_share(family, child, start):
    started = start(family, child, children=2, split="agreed", amounts=["£30", "50.00", ""])
    shares = list(started.shared.shares.order_by("pk"))
    assert [s.amount for s in shares] == [Decimal("30.00"), Decimal("50.00")]
    assert started.booking.total == Decimal("30.00")


def test_starting_or_joining_with_another_familys_child_is_refused(
    family, child, other, start, join
):
    ruth, tobi = other
    with pytest.raises(BookingError, match="your own children") as refused:
        start(family, tobi, children=2)
    assert refused.value.field == "child"
    started = start(family, child, children=2)
    with pytest.raises(BookingError, match="your own children"):
        join(started, ruth, child)
    assert started.shared.shares.filter(status=ShareStatus.INVITED).count() == 1


def test_a_full_session_is_refused_and_kept_places_count_as_taken(
    family, child, other, third, group_offer, start
):
    ruth, tobi = other
    dan, isla = third
    small = SessionFactory(offer=group_offer, capacity=3)
    hold_places(
        family=dan, child=isla, session=small, places=2, method=PaymentMethod.INVOICE, now=NOW
    )
    with pytest.raises(SharingError, match="only 1 place left") as refused:
        start(family, child, children=2, session=small)
    assert refused.value.field == "children"

    roomy = SessionFactory(offer=group_offer, capacity=3)
    start(family, child, children=3, session=roomy)
    # Nobody has joined yet, but the group's places are kept: the session is full.
    with pytest.raises(BookingError, match="full"):
        hold_places(
            family=ruth, child=tobi, session=roomy, places=1, method=PaymentMethod.INVOICE, now=NOW
        )


def test_the_number_of_children_and_the_deadline_are_checked(family, child, group_session, start):
    with pytest.raises(SharingError, match="from 2 to 4"):
        start(family, child, children=5)
    with pytest.raises(SharingError, match="from 2 to 4"):
        start(family, child, children=1)
    too_late = group_session.starts_at - dt.timedelta(hours=1)  # booking closes 2 h before
    with pytest.raises(SharingError, match="no later than when booking for the session closes"):
        start(family, child, deadline=too_late)
    with pytest.raises(SharingError, match="need time to pay"):
        start(family, child, deadline=NOW + dt.timedelta(minutes=30))


def test_a_listing_without_a_group_price_cannot_be_shared(family, child, offer, start):
    offer.group_price = offer.group_size = None
    offer.save()
    session = SessionFactory(offer=offer)
    with pytest.raises(SharingError, match="does not offer a price for a group"):
        start(family, child, session=session)


def test_invited_places_are_kept_for_the_invited_families(family, child, other, third, start, join):
    ruth, tobi = other
    dan, isla = third
    started = start(family, child, children=2, invitees=["Ruth@Example.org"])
    with pytest.raises(SharingError, match="kept for the families who were invited"):
        join(started, dan, isla)
    share = join(started, ruth, tobi)
    assert share.family == ruth and share.email == "ruth@example.org"
    # Joining again with the same child is the same share, not a second one.
    assert join(started, ruth, tobi) == share
    with pytest.raises(SharingError, match="Every place in this group has been taken"):
        join(started, dan, isla)


def test_inviting_too_many_or_oneself_is_refused(family, child, start):
    with pytest.raises(SharingError, match="up to 1 other family"):
        start(family, child, children=2, invitees=["a@example.org", "b@example.org"])
    with pytest.raises(SharingError, match="invite yourself"):
        start(family, child, children=2, invitees=[family.email])
    with pytest.raises(SharingError, match="not one"):
        start(family, child, children=2, invitees=["not an email"])


def test_a_new_link_replaces_the_old_one_and_joining_ends_at_the_deadline(
    family, child, other, start, join
):
    ruth, tobi = other
    started = start(family, child, children=2)
    with pytest.raises(SharingError, match="Only the family who started"):
        new_link(shared=started.shared, by=ruth)
    token = new_link(shared=started.shared, by=family)
    with pytest.raises(SharingError, match="not valid"):
        join(started, ruth, tobi)
    late = started.shared.deadline + dt.timedelta(seconds=1)
    started_again = type(started)(shared=started.shared, booking=started.booking, token=token)
    with pytest.raises(SharingError, match="deadline to join"):
        join(started_again, ruth, tobi, now=late)
    assert join(started_again, ruth, tobi).family == ruth


def test_the_same_form_sent_twice_starts_one_shared_booking(family, child, start):
    first = start(family, child, children=2, idempotency_key="form-1")
    again = start(family, child, children=2, idempotency_key="form-1")
    assert again.shared == first.shared and again.token == ""
