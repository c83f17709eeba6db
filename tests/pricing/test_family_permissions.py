"""The family pages by URL: another family's records answer 404, work accounts 403,
anonymous visitors are sent to sign in; every refusal leaves everything as it was."""

import pytest
from django.urls import reverse

from pricing.calendars import services as calendar_services
from pricing.families import services
from pricing.families.models import Child, OnePageProfile, ProfileShare
from tests.factories import UserFactory
from tests.pricing.factories import OnePageProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def theirs(organisation):
    """Another family's child, with a profile shared with the organisation, and a feed."""
    other = UserFactory(email="other-family@example.org")
    # A hyphenated name: a random CSRF token (letters and digits) can never contain it.
    profile = OnePageProfileFactory(child__family=other, child__first_name="Jo-Ann")
    share = services.share_profile(child=profile.child, organisation=organisation, by=other)
    feed = calendar_services.feed_for_family(user=other)
    return profile.child, share, feed


def object_urls(child, share) -> list[str]:
    return [
        reverse("families:child", kwargs={"pk": child.pk}),
        reverse("families:change", kwargs={"pk": child.pk}),
        reverse("families:remove", kwargs={"pk": child.pk}),
        reverse("families:profile", kwargs={"pk": child.pk}),
        reverse("families:withdraw_share", kwargs={"pk": share.pk}),
    ]


def assert_unchanged(child, share, feed) -> None:
    child.refresh_from_db()
    share.refresh_from_db()
    feed.refresh_from_db()
    assert child.first_name == "Jo-Ann"
    assert OnePageProfile.objects.get(child=child).like_and_admire.startswith("I am funny")
    assert share.is_active
    assert feed.renewed_at is None


def test_a_family_cannot_reach_another_familys_child_profile_or_share(client_for, theirs) -> None:
    child, share, feed = theirs
    client = client_for("family")
    for url in object_urls(child, share):
        assert client.get(url).status_code == 404, url
        assert (
            client.post(url, {"first_name": "Changed", "like_and_admire": "x"}).status_code == 404
        ), url
    assert_unchanged(child, share, feed)
    assert "Jo-Ann" not in client.get(reverse("families:children")).content.decode()
    sharing = client.get(reverse("families:sharing")).content.decode()
    assert "Jo-Ann" not in sharing


def test_a_family_cannot_see_or_renew_another_familys_feed(client_for, theirs) -> None:
    child, share, feed = theirs
    client = client_for("family")
    page = client.get(reverse("calendars:family")).content.decode()
    assert feed.token not in page
    client.post(reverse("calendars:family"), {"action": "renew"})
    assert_unchanged(child, share, feed)


@pytest.mark.parametrize(
    "role", ["provider", "provider_admin", "moderator", "content_editor", "superuser"]
)
def test_work_accounts_cannot_use_the_family_pages(client_for, theirs, role) -> None:
    child, share, feed = theirs
    client = client_for(role)
    for url in [
        reverse("families:children"),
        reverse("families:add"),
        reverse("families:sharing"),
        reverse("calendars:family"),
    ]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "This is a work account" in response.content.decode()
    for url in object_urls(child, share):
        assert client.get(url).status_code == 403, url
        assert client.post(url).status_code == 403, url
    assert client.post(reverse("families:add"), {"first_name": "Kid"}).status_code == 403
    assert client.post(reverse("calendars:family"), {"action": "create"}).status_code == 403
    assert_unchanged(child, share, feed)
    assert Child.objects.count() == 1


def test_anonymous_visitors_are_sent_to_sign_in(client, theirs) -> None:
    child, share, feed = theirs
    urls = [
        reverse("families:children"),
        reverse("families:add"),
        reverse("families:sharing"),
        reverse("calendars:family"),
        *object_urls(child, share),
    ]
    for url in urls:
        for response in (client.get(url), client.post(url)):
            assert response.status_code == 302, url
            assert response.url.startswith(reverse("account_login") + "?next="), url
    assert_unchanged(child, share, feed)
    assert ProfileShare.objects.active().count() == 1
