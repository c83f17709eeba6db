"""The permission matrix of referrals, tried by typing addresses: a referral is seen only
by its two organisations' teams (the receiving one only once the family agreed) and the
family. Everyone else is refused every address, by GET and by POST, and nothing changes.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from pricing.referrals.enums import ReferralStatus
from pricing.referrals.models import Referral

pytestmark = pytest.mark.django_db

S = ReferralStatus


def client_of(user: Any | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def admin_urls(referral: Referral) -> dict[str, str]:
    return {
        name: reverse(f"provider_referrals:{name}", args=[referral.pk])
        for name in ("detail", "answer", "cancel", "profile")
    }


def family_urls(referral: Referral) -> dict[str, str]:
    return {
        name: reverse(f"referrals:{name}", args=[referral.reference])
        for name in ("detail", "withdraw")
    }


def refer_urls(world) -> dict[str, str]:
    org, child, service = world.referrer.pk, world.child.pk, world.target.pk
    return {
        "find": reverse("provider_referrals:find", args=[org, child]),
        "note": reverse("provider_referrals:note", args=[org, child, service]),
        "check": reverse("provider_referrals:check", args=[org, child, service]),
    }


POST = {
    "answer": "accept",
    "accept-message": "Taken over",
    "decline-reason": "x",
    "agree": "yes",
    "share_profile": "yes",
    "note": "x",
    "ask_to_share_profile": "yes",
}


def snapshot(referral: Referral) -> tuple:
    referral.refresh_from_db()
    return (
        referral.status,
        referral.consented_at,
        referral.answer,
        Referral.objects.count(),
        ModelLogEntry.objects.count(),
    )


def is_refused(response, url: str) -> bool:
    """Forbidden, not found, or sent away (to sign in); never the page itself."""
    if response.status_code in (403, 404):
        return True
    return response.status_code == 302 and not response["Location"].startswith(url)


def tried(client: Client, urls: dict[str, str], referral: Referral) -> None:
    before = snapshot(referral)
    for what, url in urls.items():
        assert is_refused(client.get(url), url), f"GET {what} ({url}) was not refused"
        assert is_refused(client.post(url, POST), url), f"POST {what} ({url}) was not refused"
    assert snapshot(referral) == before


def test_another_organisations_team_finds_nothing(world, at):
    referral = at(S.SENT)
    client = client_of(world.outsider)
    for url in [*admin_urls(referral).values(), *refer_urls(world).values()]:
        assert client.get(url).status_code == 404, url
    tried(client, {**admin_urls(referral), **refer_urls(world)}, referral)
    index = client.get(reverse("provider_referrals:index"))
    assert index.status_code == 200 and referral.reference not in index.text
    sent = client.get(reverse("provider_referrals:index") + "?tab=sent")
    assert referral.reference not in sent.text
    # A provider's team is not a family: the family's pages say so (403).
    for url in family_urls(referral).values():
        assert client.get(url).status_code == 403, url


def test_another_family_finds_nothing(world, at):
    referral = at(S.SENT)
    client = client_of(world.stranger)
    for url in family_urls(referral).values():
        assert client.get(url).status_code == 404, url
    tried(client, {**family_urls(referral), **admin_urls(referral), **refer_urls(world)}, referral)
    assert referral.reference not in client.get(reverse("referrals:list")).text


def test_a_visitor_is_sent_to_sign_in(world, at):
    referral = at(S.SENT)
    client = client_of(None)
    for url in [*family_urls(referral).values(), *admin_urls(referral).values()]:
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url
    tried(client, {**family_urls(referral), **admin_urls(referral)}, referral)


@pytest.mark.parametrize("role", ["moderator", "finance_officer", "content_editor", "superuser"])
def test_council_staff_are_refused(world, at, users_by_role, role):
    referral = at(S.SENT)
    client = client_of(users_by_role[role])
    urls = {**family_urls(referral), **admin_urls(referral), **refer_urls(world)}
    for what, url in urls.items():
        assert client.get(url).status_code in (302, 403), f"{role} {what}"
    tried(client, urls, referral)


def test_the_receiver_sees_nothing_before_the_family_agrees(world, at):
    referral = at(S.AWAITING_CONSENT)
    client = client_of(world.receiver_member)
    for url in admin_urls(referral).values():
        assert client.get(url).status_code == 404, url
    tried(client, admin_urls(referral), referral)
    assert referral.reference not in client.get(reverse("provider_referrals:index")).text


def test_each_side_reaches_only_its_own_actions(world, at):
    referral = at(S.SENT)
    urls = admin_urls(referral)
    receiver, referrer = client_of(world.receiver_member), client_of(world.provider)
    for client in (receiver, referrer):
        assert client.get(urls["detail"]).status_code == 200
    assert receiver.get(urls["answer"]).status_code == 200
    assert receiver.get(urls["profile"]).status_code == 200
    assert receiver.get(urls["cancel"]).status_code == 404
    assert referrer.get(urls["cancel"]).status_code == 200
    tried(referrer, {"answer": urls["answer"], "profile": urls["profile"]}, referral)
    tried(receiver, {"cancel": urls["cancel"]}, referral)


def test_the_referrer_cannot_reach_another_child_or_its_own_listing_by_address(
    world, service, refer
):
    client = client_of(world.provider)
    org = world.referrer.pk
    refused = {
        "a child with no booking": reverse(
            "provider_referrals:find", args=[org, world.stranger_child.pk]
        ),
        "its own listing": reverse(
            "provider_referrals:note", args=[org, world.child.pk, service.pk]
        ),
        "another organisation as referrer": reverse(
            "provider_referrals:find", args=[world.receiver.pk, world.child.pk]
        ),
    }
    for what, url in refused.items():
        assert client.get(url).status_code == 404, what
        assert client.post(url, POST).status_code == 404, what
    assert not Referral.objects.exists()
    page = client.get(reverse("provider_referrals:new"))
    assert "Amira" in page.text and "Zed" not in page.text
