"""The referral screens do what the people using them need: the provider's four steps
and answer forms (errors keep what was typed), the family's consent, "Book now" and
withdrawing, and the lists on each side."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from pricing.families.models import ProfileShare, ProfileView
from pricing.referrals.enums import ReferralStatus
from pricing.referrals.models import Referral

pytestmark = pytest.mark.django_db

S = ReferralStatus


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_provider_refers_a_family_in_four_steps(world):
    client = client_of(world.provider)
    org, child, service = world.referrer.pk, world.child.pk, world.target.pk
    page = client.get(reverse("provider_referrals:new"))
    find = reverse("provider_referrals:find", args=[org, child])
    assert find in page.text

    page = client.get(find, {"q": "swimming"})
    note_url = reverse("provider_referrals:note", args=[org, child, service])
    assert "Holiday swimming club" in page.text and note_url in page.text
    assert "Saturday sensory club" not in client.get(find, {"q": "club"}).text

    # Nothing chosen about the profile: the error summary, and the note kept.
    page = client.post(note_url, {"note": "She loves water."})
    assert page.status_code == 200
    assert "There is a problem" in page.text
    assert "Select yes if the family should be asked to share it" in page.text
    assert "She loves water." in page.text

    check_url = reverse("provider_referrals:check", args=[org, child, service])
    response = client.post(note_url, {"note": "She loves water.", "ask_to_share_profile": "yes"})
    assert response.status_code == 302 and response["Location"] == check_url
    page = client.get(check_url)
    assert "She loves water." in page.text and "Send to the family" in page.text
    # The note is kept for "Change".
    assert "She loves water." in client.get(note_url).text

    response = client.post(check_url)
    referral = Referral.objects.get()
    assert response["Location"] == reverse("provider_referrals:detail", args=[referral.pk])
    assert referral.status == S.AWAITING_CONSENT
    assert referral.note == "She loves water." and referral.ask_to_share_profile
    assert referral.referred_by == world.provider
    # Sent once: the check page again goes back to the note, and nothing more is made.
    assert client.post(check_url)["Location"] == note_url
    assert Referral.objects.count() == 1


def test_the_family_agrees_and_shares_the_profile(world, refer):
    referral = refer()
    client = client_of(world.family)
    listing = client.get(reverse("referrals:list"))
    assert "Waiting for your answer" in listing.text and referral.reference in listing.text
    url = reverse("referrals:detail", args=[referral.reference])
    page = client.get(url)
    assert "Northbridge Play Club would like to refer Amira to Holiday swimming club" in page.text
    assert "calm pool" in page.text
    assert "I agree to share Amira&#x27;s one-page profile with Splash Swimming" in page.text

    page = client.post(url, {"agree": "yes"})
    assert page.status_code == 200
    assert "Select yes if you want to share the one-page profile" in page.text
    referral.refresh_from_db()
    assert referral.status == S.AWAITING_CONSENT

    response = client.post(url, {"agree": "yes", "share_profile": "yes"})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == S.SENT and referral.consented_by == world.family
    assert ProfileShare.objects.active().filter(organisation=world.receiver).exists()
    page = client.get(url)
    assert "We have sent the referral to Splash Swimming" in page.text
    assert "What you agreed" in page.text


def test_the_family_says_no(world, refer):
    referral = refer()
    client = client_of(world.family)
    url = reverse("referrals:detail", args=[referral.reference])
    client.post(url, {"agree": "no"})
    referral.refresh_from_db()
    assert referral.status == S.DECLINED_BY_FAMILY
    assert not ProfileShare.objects.filter(organisation=world.receiver).exists()


def test_the_receiver_answers_and_the_family_can_book(world, at):
    referral = at(S.SENT)
    client = client_of(world.receiver_member)
    received = client.get(reverse("provider_referrals:index"))
    assert referral.reference in received.text and "1 waiting for your answer" in received.text

    detail = client.get(reverse("provider_referrals:detail", args=[referral.pk]))
    assert "Amira, aged 9" in detail.text and "calm pool" in detail.text
    profile_url = reverse("provider_referrals:profile", args=[referral.pk])
    assert profile_url in detail.text
    assert "bus route" in client.get(profile_url).text
    assert ProfileView.objects.filter(viewer=world.receiver_member).count() == 1

    answer_url = reverse("provider_referrals:answer", args=[referral.pk])
    page = client.post(answer_url, {"answer": "decline", "decline-reason": ""})
    assert "Enter why you cannot take the referral" in page.text
    page = client.post(answer_url, {"answer": "accept", "accept-message": "x" * 1001})
    assert "Use 1000 characters or fewer" in page.text and "x" * 1001 in page.text
    response = client.post(answer_url, {"answer": "accept", "accept-message": "Wednesdays."})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == S.ACCEPTED and referral.answer == "Wednesdays."

    family_page = client_of(world.family).get(
        reverse("referrals:detail", args=[referral.reference])
    )
    assert "Splash Swimming can help" in family_page.text
    assert (
        f'href="{reverse("checkout:session", kwargs={"service": world.target.pk})}"'
        in family_page.text
    )
    assert "Wednesdays." in family_page.text

    sent = client_of(world.provider).get(reverse("provider_referrals:index") + "?tab=sent")
    assert referral.reference in sent.text and "Accepted" in sent.text


def test_the_family_withdraws_after_confirming(world, at):
    referral = at(S.ACCEPTED)
    client = client_of(world.family)
    url = reverse("referrals:withdraw", args=[referral.reference])
    page = client.get(url)
    assert "Are you sure you want to withdraw" in page.text
    assert "will no longer be able to read Amira's one-page profile" in page.text
    client.post(url)
    referral.refresh_from_db()
    assert referral.status == S.WITHDRAWN
    assert not referral.profile_shared_with.is_active


def test_the_referrer_cancels_before_it_is_accepted(world, at):
    referral = at(S.SENT)
    client = client_of(world.provider)
    url = reverse("provider_referrals:cancel", args=[referral.pk])
    assert "Cancel the referral" in client.get(url).text
    client.post(url)
    referral.refresh_from_db()
    assert referral.status == S.CANCELLED


def test_a_referral_accepted_cannot_be_cancelled_from_the_page(world, at):
    referral = at(S.ACCEPTED)
    client = client_of(world.provider)
    url = reverse("provider_referrals:cancel", args=[referral.pk])
    assert "cannot be cancelled" in client.get(url).text
    page = client.post(url)
    assert page.status_code == 200 and "There is a problem" in page.text
    referral.refresh_from_db()
    assert referral.status == S.ACCEPTED
