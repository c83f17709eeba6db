"""Who is told what, in plain English, once each change commits: the family, the
referring team, and the receiving team only once the family has agreed (and then
without the child's name or the note: those are behind the sign-in)."""

from __future__ import annotations

import re

import pytest

from pricing.referrals import services
from pricing.referrals.enums import ReferralStatus
from tests.pricing.referrals.conftest import book

pytestmark = pytest.mark.django_db

S = ReferralStatus
ABOUT_REFERRALS = re.compile(r"\brefer(ral|red)?\b", re.IGNORECASE)


def plain(message) -> None:
    """A plain-text email a person can read: no markup, no escaped characters."""
    for text in (message.subject, message.body):
        assert not re.search(r"&[#a-z0-9]+;|<[a-z/]", text), text
    assert "\n" not in message.subject
    assert message.body.startswith("Hello,")


def test_every_step_tells_the_right_people(
    world, refer, mailoutbox, django_capture_on_commit_callbacks
):
    family, referrer, receiver = (
        world.family.email,
        world.provider.email,
        world.receiver_member.email,
    )

    def step(action):
        """What the action sent about referrals (a booking sends its own emails too)."""
        mailoutbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            result = action()
        ours = [m for m in mailoutbox if ABOUT_REFERRALS.search(m.subject + m.body)]
        for message in ours:
            plain(message)
        return result, {(m.to[0], m.subject) for m in ours}

    referral, told = step(refer)
    assert told == {(family, "Northbridge Play Club would like to refer Amira to another service")}
    body = mailoutbox[0].body
    assert "Nothing is sent to Splash Swimming unless you agree" in body
    assert f"/account/referrals/{referral.reference}/" in body

    referral, told = step(
        lambda: services.give_consent(referral=referral, by=world.family, share_profile=True)
    )
    assert told == {
        (receiver, f"A family has been referred to you: {referral.reference}"),
        (referrer, f"Amira's family agreed: referral {referral.reference} sent"),
    }
    to_receiver = next(m for m in mailoutbox if m.to == [receiver])
    assert "Amira" not in to_receiver.body and "calm pool" not in to_receiver.body
    assert f"/admin/referrals/{referral.pk}/" in to_receiver.body

    referral, told = step(
        lambda: services.accept_referral(
            referral=referral, by=world.receiver_member, message="Wednesdays suit best."
        )
    )
    assert told == {
        (family, "Splash Swimming can help Amira: you can book now"),
        (referrer, f"Referral {referral.reference} accepted by Splash Swimming"),
    }
    to_family = next(m for m in mailoutbox if m.to == [family])
    assert "Their message: Wednesdays suit best." in to_family.body

    _, told = step(lambda: book(world.family, world.child, world.target_session))
    assert told == {(referrer, f"Referral {referral.reference}: the family has booked")}


def test_declining_tells_the_family_the_reason(
    world, at, mailoutbox, django_capture_on_commit_callbacks
):
    referral = at(S.SENT)
    with django_capture_on_commit_callbacks(execute=True):
        services.decline_referral(
            referral=referral, by=world.receiver_member, reason="Our pool is closed for repairs."
        )
    to = {m.to[0]: m for m in mailoutbox}
    assert set(to) == {world.family.email, world.provider.email}
    assert "Their reason: Our pool is closed for repairs." in to[world.family.email].body
    assert to[world.family.email].subject == "Splash Swimming cannot take the referral of Amira"
    for message in mailoutbox:
        plain(message)


def test_saying_no_tells_only_the_referrer(
    world, refer, mailoutbox, django_capture_on_commit_callbacks
):
    referral = refer()
    with django_capture_on_commit_callbacks(execute=True):
        services.refuse_consent(referral=referral, by=world.family)
    assert [m.to for m in mailoutbox] == [[world.provider.email]]
    assert "Nothing was sent to Splash Swimming" in mailoutbox[0].body
    plain(mailoutbox[0])


@pytest.mark.parametrize("start", [S.AWAITING_CONSENT, S.SENT])
def test_withdrawing_tells_both_providers_that_had_it(
    world, at, start, mailoutbox, django_capture_on_commit_callbacks
):
    referral = at(start)
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_referral(referral=referral, by=world.family)
    told = sorted(m.to[0] for m in mailoutbox)
    expected = [world.provider.email]
    if start == S.SENT:
        expected.append(world.receiver_member.email)
    assert told == sorted(expected)
    assert all(
        m.subject == f"Referral {referral.reference} withdrawn by the family" for m in mailoutbox
    )


def test_cancelling_tells_the_family(world, at, mailoutbox, django_capture_on_commit_callbacks):
    referral = at(S.SENT)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_referral(referral=referral, by=world.provider)
    told = {m.to[0]: m.subject for m in mailoutbox}
    assert told == {
        world.family.email: "Northbridge Play Club has cancelled the referral of Amira",
        world.receiver_member.email: (
            f"Referral {referral.reference} cancelled by Northbridge Play Club"
        ),
    }
