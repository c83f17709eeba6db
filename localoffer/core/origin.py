"""Refuse cross-site POSTs by what the browser says about where a request came from.

Used instead of Django's CSRF token by the few anonymous forms that sit on cached public
pages (the feedback form, "Add to shortlist"): a token is a per-visitor cookie, and a page
that sets one cannot be shared from a cache. Browsers tell the server where a POST came
from themselves, in headers a page cannot set:

- `Sec-Fetch-Site` (every current browser): "same-origin" for our own pages, "none" for
  something the person did (a bookmark), "same-site" or "cross-site" otherwise;
- `Origin` (every browser since about 2020 on a POST): the scheme, host and port of the
  page that sent it, "null" from sandboxed frames and some redirects.

A POST is accepted when `Sec-Fetch-Site` says same-origin or none; without that header,
when `Origin` is this site; with neither header, because it is not from a browser that a
forger could borrow (a script posting directly needs no victim, and is met by the spam
checks instead). An `Origin` in CSRF_TRUSTED_ORIGINS is accepted as Django accepts it.
This is the check Go 1.25's CrossOriginProtection makes; Django 6.1's CsrfViewMiddleware
checks `Origin` but still requires its cookie, and does not read `Sec-Fetch-Site`.

Signed-in visitors never see cached pages, so their forms carry the normal token and the
view still checks it for them (`same_origin_post`): nothing they can do is weakened.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.urls import get_callable
from django.views.decorators.csrf import csrf_exempt, csrf_protect

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")
ALLOWED_FETCH_SITES = ("same-origin", "none")


def own_origin(request: HttpRequest) -> str | None:
    """This site's origin as the browser would write it, or None for a host we do not serve."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    return f"{'https' if request.is_secure() else 'http'}://{host}"


def cross_origin_reason(request: HttpRequest) -> str | None:
    """Why this request must be refused as cross-site, or None when it may go on."""
    origin = request.META.get("HTTP_ORIGIN")
    if origin is not None and origin in getattr(settings, "CSRF_TRUSTED_ORIGINS", []):
        return None
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site is not None:
        if fetch_site.strip().lower() in ALLOWED_FETCH_SITES:
            return None
        return f"Sec-Fetch-Site is {fetch_site!r}"
    if origin is None:
        return None
    if origin == own_origin(request):
        return None
    return f"Origin {origin!r} is not this site"


def refuse(request: HttpRequest, reason: str) -> HttpResponse:
    """Django's CSRF failure page (a 403), so a refusal looks like any other CSRF refusal."""
    failure_view = get_callable(settings.CSRF_FAILURE_VIEW)
    return failure_view(request, reason=reason)


def same_origin_post(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Exempt a view from the CSRF cookie check, refusing cross-site POSTs by their headers.

    A signed-in visitor's POST still has its CSRF token checked as usual: the token is on
    every page they see, because their pages are never served from the cache.
    """
    protected = csrf_protect(view)

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method in SAFE_METHODS:
            return view(request, *args, **kwargs)
        reason = cross_origin_reason(request)
        if reason is not None:
            return refuse(request, reason)
        if request.user.is_authenticated:
            return protected(request, *args, **kwargs)
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapped)
