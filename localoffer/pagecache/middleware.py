"""Serve anonymous visitors' public pages from a shared full-page cache.

Who is served from the cache: a GET with no session cookie and no messages cookie. A
signed-in visitor has a session, and so does anyone with a shortlist (search.shortlist
keeps it in the session); their pages show them, so they are always rendered.

What is stored: a 200 HTML response of a view that said it is a public page (a live
Wagtail page without view restrictions, a directory category; see `mark_public`), that set
no cookie and is not marked private. Its `Vary: Cookie` is dropped: Django adds it as
soon as anything looks at the session (the header asks whether someone is signed in),
but a page stored here was rendered for nobody in particular, and every visitor with a
session bypasses it. Visitors who may be served from the cache are shown forms without a
CSRF token (localoffer.core.origin explains why they are safe without one), so they
never get a cookie.

The feedback form's signed render time (localoffer.core.spam) must be fresh for every
visitor, cached page or not: candidates' pages carry a placeholder that is replaced with
a newly signed time on every response (`FORM_TOKEN_PLACEHOLDER`).

Placed before the session, CSRF and authentication middleware so that a hit skips them;
the security headers and the content security policy are added outside it on every
response, hit or not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.utils.cache import patch_cache_control

from localoffer.core import spam
from localoffer.pagecache import store

# Written into the page instead of the feedback form's signed render time, and replaced on
# the way out (never stored replaced). Only letters and dashes: nothing for HTML to escape.
FORM_TOKEN_PLACEHOLDER = "page-cache-form-rendered-at"  # noqa: S105 (not a secret)
CACHE_HEADER = "X-Page-Cache"
# Views other than Wagtail's page serving whose pages are public and purged on change.
PUBLIC_VIEW_NAMES = frozenset({"providers:category", "provision:map"})
UNCACHEABLE_DIRECTIVES = ("private", "no-cache", "no-store")


def is_candidate(request: HttpRequest) -> bool:
    """True when this request could be answered from the cache: anonymous and sessionless."""
    if request.method != "GET" or "HTTP_AUTHORIZATION" in request.META:
        return False
    cookies = request.COOKIES
    message_cookie = getattr(settings, "MESSAGE_COOKIE_NAME", "messages")
    return settings.SESSION_COOKIE_NAME not in cookies and message_cookie not in cookies


def mark_public(request: HttpRequest) -> None:
    """Say that this request's page is public, the same for every anonymous visitor."""
    request.page_cache_public = True  # type: ignore[attr-defined]


def form_token(request: HttpRequest) -> str:
    """The feedback form's render time for this request: a placeholder on a candidate."""
    if getattr(request, "page_cache_candidate", False):
        return FORM_TOKEN_PLACEHOLDER
    return spam.make_form_token()


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    if not getattr(request, "page_cache_public", False) or store.seconds() <= 0:
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if get_nonce(request):
        # The page holds this request's CSP nonce: another visitor's header would not match.
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(directive in cache_control for directive in UNCACHEABLE_DIRECTIVES):
        return False
    vary = [value.strip() for value in response.get("Vary", "").split(",") if value.strip()]
    # Anything the page varies on besides the session is not in the key: do not store it.
    return all(value.lower() == "cookie" for value in vary)


def _fill_form_token(response: HttpResponse) -> None:
    placeholder = FORM_TOKEN_PLACEHOLDER.encode()
    if not response.streaming and placeholder in response.content:
        response.content = response.content.replace(placeholder, spam.make_form_token().encode())
        if "Content-Length" in response:
            # CommonMiddleware measured the page with the placeholder in it.
            response["Content-Length"] = str(len(response.content))


def _public_headers(response: HttpResponse) -> None:
    if "Vary" in response:
        del response["Vary"]
    cdn_seconds = int(getattr(settings, "PAGE_CACHE_CDN_SECONDS", 0))
    if cdn_seconds > 0 and store.cdn_configured():
        # Browsers check back every time (a visitor who signs in must see it at once); the
        # CDN keeps the page until it is purged or the time runs out.
        patch_cache_control(response, public=True, max_age=0, s_maxage=cdn_seconds)


def _freeze(response: HttpResponse) -> dict[str, Any]:
    return {"content": response.content, "headers": list(response.items())}


def _thaw(stored: dict[str, Any]) -> HttpResponse:
    response = HttpResponse(stored["content"])
    for name, value in stored["headers"]:
        response[name] = value
    return response


class PublicPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_candidate(request):
            return self.get_response(request)
        request.page_cache_candidate = True  # type: ignore[attr-defined]
        key = store.page_key(request) if store.seconds() > 0 else ""
        stored = store.get(key) if key else None
        if stored is not None:
            response = _thaw(stored)
            response[CACHE_HEADER] = "hit"
        else:
            response = self.get_response(request)
            if key and _storable(request, response):
                _public_headers(response)
                response[CACHE_HEADER] = "miss"
                store.put(key, _freeze(response))
        _fill_form_token(response)
        return response

    def process_view(self, request: HttpRequest, view_func: Any, args: Any, kwargs: Any) -> None:
        match = request.resolver_match
        if match is not None and match.view_name in PUBLIC_VIEW_NAMES:
            mark_public(request)
        return None
