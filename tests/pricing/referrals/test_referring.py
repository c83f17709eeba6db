"""Who the referring provider can refer, and to what: a child it has a booking for, to a
live listing of another organisation, once at a time, with a note."""

from __future__ import annotations

import pytest
from wagtail.models import ModelLogEntry

from pricing.referrals import selectors, services
from pricing.referrals.enums import ReferralStatus
from tests.factories import ServicePageFactory

pytestmark = pytest.mark.django_db

S = ReferralStatus


def test_only_children_with_a_booking_at_the_organisation_can_be_referred(world, refer):
    assert list(selectors.children_known_to(world.referrer)) == [world.child]
    with pytest.raises(services.ReferralError) as refused:
        refer(child=world.stranger_child)
    assert refused.value.field == "child"
    assert not selectors.visible_to(world.provider).exists()


def test_a_child_known_to_another_organisation_only_is_refused(world, refer):
    # Amira is known to the referrer, not to the receiver: the receiver cannot refer her.
    with pytest.raises(services.ReferralError, match="Only the team"):
        refer(organisation=world.receiver)
    with pytest.raises(services.ReferralError) as refused:
        refer(
            organisation=world.receiver,
            by=world.receiver_member,
            service=world.third.get_children().first().specific,
        )
    assert refused.value.field == "child"


def test_a_family_cannot_be_referred_to_the_organisations_own_listing(world, refer, service):
    with pytest.raises(services.ReferralError, match="your own organisation") as refused:
        refer(service=service)
    assert refused.value.field == "service"
    assert service not in selectors.listings_to_refer_to(world.referrer, "club")


def test_only_live_listings_can_be_chosen(world, refer):
    draft = ServicePageFactory(parent=world.receiver, title="Swimming club draft", draft=True)
    with pytest.raises(services.ReferralError, match="published"):
        refer(service=draft)
    found = selectors.listings_to_refer_to(world.referrer, "swimming")
    assert [s.title for s in found] == ["Holiday swimming club"]
    assert found[0].organisation_page == world.receiver


def test_someone_outside_the_team_cannot_refer(world, refer):
    for person in (world.outsider, world.family, world.stranger):
        with pytest.raises(services.ReferralError, match="Only the team"):
            refer(by=person)


def test_a_note_is_needed(world, refer):
    with pytest.raises(services.ReferralError) as refused:
        refer(note="   ")
    assert refused.value.field == "note"


def test_one_open_referral_per_child_and_listing(world, refer):
    first = refer()
    with pytest.raises(services.ReferralError, match=first.reference):
        refer()
    services.cancel_referral(referral=first, by=world.provider)
    second = refer()
    assert second.status == S.AWAITING_CONSENT and second.reference != first.reference


def test_a_referral_is_audited_without_the_childs_name(world, refer):
    referral = refer()
    entry = ModelLogEntry.objects.get(action="pricing.referral_made")
    assert entry.object_id == str(referral.pk)
    assert entry.user == world.provider
    assert "Amira" not in entry.label and "Amira" not in str(entry.data)
