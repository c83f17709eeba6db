"""Every kind of response carries a content security policy, and the right one.

The public site's policy forbids inline script and framing; the admin's allows what
Wagtail's admin needs; a view decorated with `stripe_csp` (the payment pages) alone trusts
Stripe's hosts. The browser tests (tests/browser/) fail on any violation in Chromium.
"""

from __future__ import annotations

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import include, path
from django.utils.csp import CSP

from localoffer.core.csp import ADMIN_POLICY, csp_extend, extend_policy, stripe_csp

HEADER = CSP.HEADER_ENFORCE


def directives(response: HttpResponse) -> dict[str, list[str]]:
    """The enforced policy as {directive: [sources]}; fails if the response has none."""
    assert HEADER in response, f"no {HEADER} on {response.status_code} {response}"
    parsed = {}
    for part in response[HEADER].split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def assert_public_policy(response: HttpResponse) -> None:
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert set(policy["frame-src"]) == {
        "https://www.youtube.com",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
    }
    assert not any("stripe" in source for sources in policy.values() for source in sources)


# A small URLconf for what the site's own URLs cannot produce on demand: a server error
# through the site's 500 handler, and a view widened for Stripe as a payment page will be.
def _broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a server error, on purpose")


@stripe_csp
def _pay(request: HttpRequest) -> HttpResponse:
    return HttpResponse("<p>Pay</p>")


@csp_extend({"img-src": ["https://tile.example.org"]})
def _map(request: HttpRequest) -> HttpResponse:
    return HttpResponse("<p>Map</p>")


urlpatterns = [
    path("broken/", _broken),
    path("pay/", _pay),
    path("map/", _map),
    path("", include("localoffer.urls")),
]
handler404 = "localoffer.views.page_not_found"
handler500 = "localoffer.views.server_error"


# --- the public site --------------------------------------------------------------------


def test_a_public_page_has_the_strict_policy_and_no_inline_script(client, service):
    response = client.get(service.url)
    assert response.status_code == 200
    assert_public_policy(response)
    html = response.content.decode()
    # Every <script> has a src: the policy would block an inline one.
    assert html.count("<script") == html.count("<script src=") + html.count(
        '<script type="module" src='
    )


def test_the_home_page_and_search_page_have_the_strict_policy(client, home, service):
    assert_public_policy(client.get("/"))
    response = client.get("/services/", {"q": "sensory"})
    assert response.status_code == 200
    assert_public_policy(response)
    assert_public_policy(client.get("/search/", {"q": "club"}))


def test_a_form_with_errors_has_the_strict_policy(client, home):
    response = client.post("/feedback/", {"topic": "not-a-topic", "comment": ""})
    assert response.status_code in (200, 400)
    assert "govuk-error-summary" in response.content.decode()
    assert_public_policy(response)


def test_not_found_has_the_strict_policy(client, home):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert_public_policy(response)


@pytest.mark.urls("tests.localoffer.test_csp")
def test_the_server_error_page_has_the_strict_policy(db):
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    assert_public_policy(response)


def test_the_api_answers_json_under_the_strict_policy(client, service):
    response = client.get("/api/oruk/services")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert_public_policy(response)
    not_found = client.get("/api/oruk/services/not-a-uuid")
    assert not_found.status_code in (400, 404)
    assert_public_policy(not_found)


def test_static_files_carry_the_policy(client, home):
    """WhiteNoise answers static files inside the policy middleware, so an SVG opened on
    its own runs under the policy too."""
    static = client.get("/static/js/search.js")
    assert static.status_code == 200
    assert_public_policy(static)
    svg = client.get("/static/images/favicon.svg")
    assert svg.status_code == 200
    assert_public_policy(svg)


# --- the admin --------------------------------------------------------------------------


def test_the_admin_has_its_own_policy(client_for, home):
    response = client_for("superuser").get("/admin/")
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]


def test_the_admin_sign_in_redirect_and_page_editor_have_the_admin_policy(client_for, service):
    anonymous = Client().get("/admin/pages/")
    assert anonymous.status_code == 302
    assert directives(anonymous)["frame-ancestors"] == ["'self'"]
    editor = client_for("superuser").get(f"/admin/pages/{service.pk}/edit/")
    assert editor.status_code == 200
    assert directives(editor)["script-src"] == ["'self'", "'unsafe-inline'"]


def test_the_admin_policy_never_reaches_a_public_page(client_for, service):
    """A signed-in editor browsing the public site gets the public policy."""
    assert_public_policy(client_for("superuser").get(service.url))


# --- widening the policy for one view (the payment pages' hook) -------------------------


@pytest.mark.urls("tests.localoffer.test_csp")
def test_stripe_hosts_only_on_the_view_that_asks_for_them(client, settings, home):
    settings.STRIPE_API_BASE = ""
    policy = directives(client.get("/pay/"))
    assert policy["script-src"] == ["'self'", "https://js.stripe.com"]
    assert policy["connect-src"] == ["'self'", "https://api.stripe.com"]
    assert "https://js.stripe.com" in policy["frame-src"]
    assert "https://hooks.stripe.com" in policy["frame-src"]
    assert "https://www.youtube.com" in policy["frame-src"]
    assert policy["frame-ancestors"] == ["'none'"]
    # Every other page, the home page of the same URLconf included, stays strict.
    assert_public_policy(client.get("/"))


@pytest.mark.urls("tests.localoffer.test_csp")
def test_the_local_stripe_stand_in_is_trusted_only_on_loopback(client, settings, db):
    settings.STRIPE_API_BASE = "http://127.0.0.1:8420"
    policy = directives(client.get("/pay/"))
    for directive in ("script-src", "connect-src", "frame-src"):
        assert "http://127.0.0.1:8420" in policy[directive]
    settings.STRIPE_API_BASE = "https://stripe.example.net"
    policy = directives(client.get("/pay/"))
    assert not any("example.net" in source for source in policy["connect-src"])


@pytest.mark.urls("tests.localoffer.test_csp")
def test_a_view_can_add_one_source_to_one_directive(client, db):
    policy = directives(client.get("/map/"))
    assert policy["img-src"] == ["'self'", "data:", "https://tile.example.org"]
    assert policy["script-src"] == ["'self'"]


def test_extending_a_directive_the_policy_lacks_starts_from_default_src():
    widened = extend_policy({"default-src": ["'self'"]}, {"worker-src": ["blob:"]})
    assert widened == {"default-src": ["'self'"], "worker-src": ["'self'", "blob:"]}
    assert extend_policy(ADMIN_POLICY, {"img-src": ["data:"]})["img-src"] == ADMIN_POLICY["img-src"]
