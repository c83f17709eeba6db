"""The family's consent: recorded with who, when and the words shown; the one-page
profile shared with the receiving organisation only when the family agrees to share it;
a share made for the referral ends with it, one given before stays."""

from __future__ import annotations

import pytest
from django.utils import timezone

from pricing.families.models import ProfileShare, ProfileView
from pricing.families.selectors import profile_for_provider
from pricing.families.services import share_profile
from pricing.referrals import selectors, services
from pricing.referrals.enums import ReferralStatus
from tests.pricing.factories import NOW

pytestmark = pytest.mark.django_db

S = ReferralStatus


def test_a_new_referral_waits_for_the_family_and_the_receiver_sees_nothing(world, refer):
    referral = refer()
    assert referral.status == S.AWAITING_CONSENT
    assert referral.reference.startswith("RF-") and len(referral.reference) == 9
    assert referral.consented_at is None and referral.consent_words == ""
    assert not selectors.received_by(world.receiver).exists()
    assert not selectors.visible_to(world.receiver_member).exists()
    assert list(selectors.sent_by(world.referrer)) == [referral]
    assert list(selectors.for_family(world.family)) == [referral]
    assert not ProfileShare.objects.filter(organisation=world.receiver).exists()


def test_agreeing_records_the_consent_and_shares_the_profile_when_asked(world, refer):
    referral = refer(ask_to_share_profile=True)
    shown = services.consent_statement(referral) + " " + services.profile_statement(referral)
    sent = services.give_consent(referral=referral, by=world.family, share_profile=True)
    assert sent.status == S.SENT
    assert sent.consented_by == world.family
    assert sent.consented_at == NOW
    assert sent.consent_words == shown
    assert "Northbridge Play Club may refer Amira to Splash Swimming" in shown
    assert "share Amira's one-page profile with Splash Swimming" in shown
    share = ProfileShare.objects.active().get(child=world.child, organisation=world.receiver)
    assert sent.profile_shared_with == share
    assert sent.profile_share_made
    assert share.granted_by == world.family
    assert share.purpose == f"Referral {referral.reference}"
    assert list(selectors.received_by(world.receiver)) == [sent]


def test_agreeing_without_sharing_shares_nothing(world, refer):
    referral = refer(ask_to_share_profile=True)
    sent = services.give_consent(referral=referral, by=world.family, share_profile=False)
    assert sent.status == S.SENT
    assert sent.consent_words == services.consent_statement(referral)
    assert sent.profile_shared_with is None
    assert not ProfileShare.objects.filter(organisation=world.receiver).exists()
    assert not selectors.profile_readable(sent)


def test_the_profile_is_not_shared_when_the_provider_did_not_ask(world, refer):
    referral = refer(ask_to_share_profile=False)
    with pytest.raises(services.ReferralError) as refused:
        services.give_consent(referral=referral, by=world.family, share_profile=True)
    assert refused.value.field == "share_profile"
    referral.refresh_from_db()
    assert referral.status == S.AWAITING_CONSENT
    assert not ProfileShare.objects.filter(organisation=world.receiver).exists()


def test_saying_no_shares_nothing_and_the_receiver_never_sees_it(world, refer):
    referral = refer(ask_to_share_profile=True)
    refused = services.refuse_consent(referral=referral, by=world.family)
    assert refused.status == S.DECLINED_BY_FAMILY
    assert refused.consented_at is None and refused.consent_words == ""
    assert refused.ended_by == world.family
    assert not ProfileShare.objects.filter(organisation=world.receiver).exists()
    assert not selectors.received_by(world.receiver).exists()
    assert not selectors.visible_to(world.receiver_member).exists()


def test_withdrawing_ends_the_share_made_for_the_referral(world, at):
    referral = at(S.SENT)
    share = referral.profile_shared_with
    assert share is not None and share.is_active
    withdrawn = services.withdraw_referral(referral=referral, by=world.family)
    assert withdrawn.status == S.WITHDRAWN
    share.refresh_from_db()
    assert share.withdrawn_at is not None and share.withdrawn_by == world.family
    assert not selectors.profile_readable(withdrawn)


def test_withdrawing_keeps_a_share_the_family_gave_before(world, refer):
    earlier = share_profile(
        child=world.child, organisation=world.receiver, by=world.family, purpose="Bookings"
    )
    referral = services.give_consent(referral=refer(), by=world.family, share_profile=True)
    assert referral.profile_shared_with == earlier
    assert not referral.profile_share_made
    services.withdraw_referral(referral=referral, by=world.family)
    earlier.refresh_from_db()
    assert earlier.is_active


def test_the_receiver_reads_the_profile_only_while_the_referral_is_open(world, at):
    referral = at(S.SENT)
    read = profile_for_provider(
        child=world.child,
        organisation=world.receiver,
        viewer=world.receiver_member,
        has_current_booking=lambda: selectors.profile_readable(referral),
    )
    assert read is not None and "bus route" in read.like_and_admire
    assert (
        ProfileView.objects.filter(
            child=world.child, organisation=world.receiver, viewer=world.receiver_member
        ).count()
        == 1
    )
    declined = services.decline_referral(
        referral=referral, by=world.receiver_member, reason="We are full."
    )
    assert not selectors.profile_readable(declined)


def test_consent_answered_twice_is_refused(world, at):
    referral = at(S.SENT)
    with pytest.raises(services.ReferralError, match="already answered"):
        services.give_consent(referral=referral, by=world.family, share_profile=False)
    with pytest.raises(services.ReferralError, match="already answered"):
        services.refuse_consent(referral=referral, by=world.family)
    referral.refresh_from_db()
    assert referral.consented_at <= timezone.now()
