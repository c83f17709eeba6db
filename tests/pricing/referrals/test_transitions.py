"""Every referral move, from every status: allowed exactly where the transitions table
says, by the person the rule names, and refused otherwise with nothing changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction
from wagtail.models import ModelLogEntry

from pricing.referrals import services
from pricing.referrals.enums import CLOSED, OPEN, REFERRAL_TRANSITIONS, ReferralStatus
from pricing.referrals.models import Referral
from tests.pricing.factories import NOW, SessionFactory
from tests.pricing.referrals.conftest import World, book

pytestmark = pytest.mark.django_db

S = ReferralStatus


class RolledBack(Exception):
    """Raised to undo a move that succeeded, so the next one starts from the same state."""


def actions(world: World, booking: Any) -> dict[str, Callable[[Referral], Referral]]:
    """Each service, called by the person allowed to call it, keyed by where it moves to."""
    return {
        S.SENT: lambda r: services.give_consent(referral=r, by=world.family, share_profile=False),
        S.DECLINED_BY_FAMILY: lambda r: services.refuse_consent(referral=r, by=world.family),
        S.ACCEPTED: lambda r: services.accept_referral(referral=r, by=world.receiver_member),
        S.DECLINED: lambda r: services.decline_referral(
            referral=r, by=world.receiver_member, reason="No places left this term."
        ),
        S.WITHDRAWN: lambda r: services.withdraw_referral(referral=r, by=world.family),
        S.CANCELLED: lambda r: services.cancel_referral(referral=r, by=world.provider),
        S.BOOKED: lambda r: services.mark_booked(referral=r, booking=booking),
    }


def test_the_groups_cover_every_status_once() -> None:
    assert set(S.values) == OPEN | CLOSED
    assert not OPEN & CLOSED
    assert set(REFERRAL_TRANSITIONS) == set(S.values)
    for status in CLOSED:
        assert not REFERRAL_TRANSITIONS[status], f"{status} is closed but can still move"


@pytest.mark.parametrize("start", S.values)
def test_each_move_is_allowed_only_where_the_table_says(world, at, start) -> None:
    # A confirmed booking of the child at the listing, made before the referral exists.
    earlier = SessionFactory(offer=world.target_session.offer, starts_at=NOW + dt.timedelta(days=2))
    booking = book(world.family, world.child, earlier)
    referral = at(start)
    assert referral.status == start
    for target, act in actions(world, booking).items():
        allowed = target in REFERRAL_TRANSITIONS[start]
        logged = ModelLogEntry.objects.count()
        try:
            with transaction.atomic():
                moved = act(Referral.objects.get(pk=referral.pk))
                assert allowed, f"{start} -> {target} was allowed"
                assert moved.status == target
                assert ModelLogEntry.objects.count() > logged, "the move was not audited"
                raise RolledBack
        except RolledBack:
            pass
        except services.ReferralError as error:
            assert not allowed, f"{start} -> {target} was refused: {error}"
            assert str(error)
        referral.refresh_from_db()
        assert referral.status == start


@pytest.mark.parametrize(
    ("start", "who", "act"),
    [
        (S.AWAITING_CONSENT, "provider", "give_consent"),
        (S.AWAITING_CONSENT, "receiver_member", "give_consent"),
        (S.AWAITING_CONSENT, "stranger", "give_consent"),
        (S.AWAITING_CONSENT, "provider", "refuse_consent"),
        (S.SENT, "provider", "withdraw_referral"),
        (S.SENT, "receiver_member", "withdraw_referral"),
        (S.SENT, "provider", "accept_referral"),
        (S.SENT, "outsider", "accept_referral"),
        (S.SENT, "family", "accept_referral"),
        (S.SENT, "provider", "decline_referral"),
        (S.SENT, "receiver_member", "cancel_referral"),
        (S.SENT, "family", "cancel_referral"),
        (S.SENT, "outsider", "cancel_referral"),
    ],
)
def test_only_the_person_the_rule_names_can_move_it(world, at, start, who, act) -> None:
    referral = at(start)
    person = getattr(world, who)
    arguments: dict[str, Any] = {"referral": referral, "by": person}
    if act == "give_consent":
        arguments["share_profile"] = False
    if act == "decline_referral":
        arguments["reason"] = "No."
    with pytest.raises(services.ReferralError, match="Only"):
        getattr(services, act)(**arguments)
    referral.refresh_from_db()
    assert referral.status == start


def test_an_inactive_family_account_cannot_answer(world, at) -> None:
    referral = at(S.AWAITING_CONSENT)
    world.family.is_active = False
    world.family.save(update_fields=["is_active"])
    with pytest.raises(services.ReferralError):
        services.give_consent(referral=referral, by=world.family, share_profile=False)


def test_declining_needs_a_reason(world, at) -> None:
    referral = at(S.SENT)
    with pytest.raises(services.ReferralError) as refused:
        services.decline_referral(referral=referral, by=world.receiver_member, reason="  ")
    assert refused.value.field == "reason"
    referral.refresh_from_db()
    assert referral.status == S.SENT


def test_accepting_keeps_the_message_and_who_answered(world, at) -> None:
    referral = services.accept_referral(
        referral=at(S.SENT),
        by=world.receiver_member,
        message="  Wednesday afternoons suit best.  ",
    )
    assert referral.status == S.ACCEPTED
    assert referral.answer == "Wednesday afternoons suit best."
    assert referral.answered_by == world.receiver_member
    assert referral.answered_at is not None


def test_a_refused_move_sends_no_email(
    world, at, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    referral = at(S.DECLINED)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(services.ReferralError),
    ):
        services.withdraw_referral(referral=referral, by=world.family)
    assert not callbacks
    assert not mailoutbox
