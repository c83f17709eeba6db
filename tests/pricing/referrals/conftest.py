"""Referrals between providers: three organisations, two families, a referral in each state.

The clock stands at NOW (tests/pricing/factories.py) for every test.

world     World: `organisation` (the conftest's "Northbridge Play Club", the referrer) with
          `provider` in its team and a confirmed booking of `child` (Amira) at `service`;
          "Splash Swimming" (the receiver) with its live listing "Holiday swimming club"
          (`target`, bookable in sessions, invoice) and `receiver` in its team; a third
          organisation "Riverside Arts" with `outsider` in its team; another family
          `stranger` with a child of its own
refer     refer(**changes) -> a referral of Amira to the swimming club, waiting for consent
at        at(status) -> a referral moved to `status` through the services
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import time_machine

from pricing.bookings.services import confirm_booking, hold_places
from pricing.families.models import Child
from pricing.referrals import services
from pricing.referrals.enums import ReferralStatus
from pricing.referrals.models import Referral
from providers.models import OrganisationPage, ServicePage
from providers.organisations.access import grant_organisation_access
from tests.factories import OrganisationPageFactory, ServicePageFactory, UserFactory
from tests.pricing.factories import (
    NOW,
    BookableOfferFactory,
    ChildFactory,
    OnePageProfileFactory,
    SessionFactory,
)


@pytest.fixture(autouse=True)
def _clock() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@dataclass
class World:
    referrer: OrganisationPage
    provider: Any
    family: Any
    child: Child
    receiver: OrganisationPage
    receiver_member: Any
    target: ServicePage
    target_session: Any
    third: OrganisationPage
    outsider: Any
    stranger: Any
    stranger_child: Child


def book(family: Any, child: Child, session: Any) -> Any:
    held = hold_places(
        family=family, child=child, session=session, places=1, method="invoice", now=NOW
    )
    return confirm_booking(booking=held, now=NOW, by=family).booking


@pytest.fixture
def world(organisation, service, provider, family, child, session) -> World:
    book(family, child, session)
    OnePageProfileFactory(child=child)
    index = organisation.get_parent()
    receiver = OrganisationPageFactory(parent=index, title="Splash Swimming", verified=True)
    target = ServicePageFactory(parent=receiver, title="Holiday swimming club")
    offer = BookableOfferFactory(service=target)
    target_session = SessionFactory(offer=offer, starts_at=NOW + dt.timedelta(days=4))
    receiver_member = UserFactory(email="team@splash.example.org")
    grant_organisation_access(organisation=receiver, user=receiver_member, admin=False)
    third = OrganisationPageFactory(parent=index, title="Riverside Arts", verified=True)
    ServicePageFactory(parent=third, title="Art club")
    outsider = UserFactory(email="team@riverside.example.org")
    grant_organisation_access(organisation=third, user=outsider, admin=True)
    stranger = UserFactory(email="stranger@example.org")
    return World(
        referrer=organisation,
        provider=provider,
        family=family,
        child=child,
        receiver=receiver,
        receiver_member=receiver_member,
        target=target,
        target_session=target_session,
        third=third,
        outsider=outsider,
        stranger=stranger,
        stranger_child=ChildFactory(family=stranger, first_name="Zed"),
    )


@pytest.fixture
def refer(world: World) -> Callable[..., Referral]:
    def make(**changes: Any) -> Referral:
        arguments: dict[str, Any] = {
            "organisation": world.referrer,
            "child": world.child,
            "service": world.target,
            "note": "Amira loves water and needs a calm pool; the family asked about swimming.",
            "ask_to_share_profile": True,
            "by": world.provider,
            **changes,
        }
        return services.refer_family(**arguments)

    return make


@pytest.fixture
def at(world: World, refer: Callable[..., Referral]) -> Callable[[str], Referral]:
    """A referral taken to `status` by the people who would do it."""
    S = ReferralStatus

    def make(status: str) -> Referral:
        referral = refer()
        if status == S.AWAITING_CONSENT:
            return referral
        if status == S.DECLINED_BY_FAMILY:
            return services.refuse_consent(referral=referral, by=world.family)
        if status == S.CANCELLED:
            return services.cancel_referral(referral=referral, by=world.provider)
        if status == S.WITHDRAWN:
            return services.withdraw_referral(referral=referral, by=world.family)
        referral = services.give_consent(referral=referral, by=world.family, share_profile=True)
        if status == S.SENT:
            return referral
        if status == S.DECLINED:
            return services.decline_referral(
                referral=referral, by=world.receiver_member, reason="We are full until July."
            )
        referral = services.accept_referral(referral=referral, by=world.receiver_member)
        if status == S.ACCEPTED:
            return referral
        assert status == S.BOOKED
        book(world.family, world.child, world.target_session)
        referral.refresh_from_db()
        return referral

    return make
