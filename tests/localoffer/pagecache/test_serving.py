"""Anonymous visitors get public pages from the cache, with no cookie; others never do."""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from localoffer.core import spam
from localoffer.pagecache.middleware import CACHE_HEADER, FORM_TOKEN_PLACEHOLDER
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_no_anonymous_public_page_sets_a_cookie_or_varies_on_cookies(public_pages):
    for name, path in public_pages.items():
        response = Client().get(path)
        assert response.status_code == 200, name
        assert not response.cookies, f"{name} set {list(response.cookies)}"
        assert "cookie" not in response.get("Vary", "").lower(), name
        assert b"csrfmiddlewaretoken" not in response.content, name
        assert response[CACHE_HEADER] == "miss", name


def test_the_second_request_is_served_from_the_cache_without_a_query(
    public_pages, django_assert_num_queries
):
    client = Client()
    for name, path in public_pages.items():
        first = client.get(path)
        with django_assert_num_queries(0):
            second = client.get(path)
        assert second[CACHE_HEADER] == "hit", name
        assert not second.cookies, name
        assert "cookie" not in second.get("Vary", "").lower(), name
        # The security headers are added to a cached page too.
        assert second["Content-Security-Policy"] == first["Content-Security-Policy"], name


def test_each_visitor_gets_a_freshly_signed_feedback_form(public_pages):
    response = Client().get(public_pages["information page"])
    again = Client().get(public_pages["information page"])
    assert again[CACHE_HEADER] == "hit"
    for page in (response, again):
        assert FORM_TOKEN_PLACEHOLDER.encode() not in page.content
        token = page.content.split(b'name="started" value="', 1)[1].split(b'"', 1)[0]
        assert spam.token_rendered_at(token.decode()) is not None
        assert int(page["Content-Length"]) == len(page.content)


def test_query_strings_are_cached_apart(public_pages):
    client = Client()
    client.get(public_pages["you said, we did"])
    filtered = client.get(public_pages["you said, we did"] + "?topic=health")
    assert filtered[CACHE_HEADER] == "miss"


def test_a_signed_in_visitor_bypasses_the_cache(public_pages):
    Client().get(public_pages["listing"])  # cached for anonymous visitors
    client = Client()
    client.force_login(UserFactory())
    response = client.get(public_pages["listing"])
    assert CACHE_HEADER not in response
    assert b"Sign out" in response.content
    # Their forms keep Django's CSRF token.
    assert b"csrfmiddlewaretoken" in response.content


def test_a_visitor_with_a_shortlist_bypasses_the_cache(public_pages, service):
    Client().get(public_pages["listing"])
    client = Client()
    added = client.post(
        "/services/shortlist/add/",
        {"service": service.pk, "next": public_pages["listing"]},
        headers={"Sec-Fetch-Site": "same-origin"},
    )
    assert added.status_code == 302
    response = client.get(public_pages["listing"])
    assert CACHE_HEADER not in response
    assert b"On your shortlist" in response.content


def test_a_page_that_is_not_public_is_not_stored(home):
    assert CACHE_HEADER not in Client().get("/services/")
    assert CACHE_HEADER not in Client().get("/no-such-page/")


def test_nothing_is_stored_when_the_cache_is_off(settings, public_pages):
    settings.PAGE_CACHE_SECONDS = 0
    Client().get(public_pages["home"])
    response = Client().get(public_pages["home"])
    assert CACHE_HEADER not in response
    assert not response.cookies


def test_a_page_behind_a_sign_in_is_not_stored(public_pages, information_page):
    PageViewRestriction.objects.create(
        page=information_page, restriction_type=PageViewRestriction.LOGIN
    )
    for _ in range(2):
        response = Client().get(public_pages["information page"])
        assert response.status_code == 302
        assert CACHE_HEADER not in response
