"""The site's content security policies, and the hooks that widen them for one view.

Django sends `SECURE_CSP` on every response (`ContentSecurityPolicyMiddleware`). The public
site's policy is strict: scripts and styles only from the site's own files (an inline
script needs the request's nonce), no plugins, no `<base>`, no framing, forms post only
to the site, and frames only from the two video hosts the video block accepts.

Wagtail's admin cannot live under that policy: its inline panels and date widgets write
inline `<script>` elements and its templates use `style` attributes, image uploads show
`blob:` previews, and page previews are framed by the admin itself. `PathPolicyMiddleware`
gives every response under a path prefix its own policy (`CSP_PATH_POLICIES`), so the
admin's looser policy never reaches a public page.

A view that needs more than the public policy (the payment pages load Stripe.js, which
talks to Stripe's API and opens Stripe's frames) widens it for itself alone with
`csp_extend()` or `stripe_csp`, rather than every page trusting Stripe's hosts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.csp import CSP

Policy = Mapping[str, Any]

# The players the video block embeds (WAGTAILEMBEDS_FINDERS: YouTube and Vimeo only).
VIDEO_FRAME_SOURCES = (
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
)

PUBLIC_POLICY: dict[str, list[str]] = {
    "default-src": [CSP.SELF],
    # The nonce appears in the header only on a page whose template used {{ csp_nonce }}.
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "media-src": [CSP.SELF],
    "frame-src": list(VIDEO_FRAME_SOURCES),
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# What Wagtail 8's admin needs, found by running its pages in Chromium under the policy.
ADMIN_POLICY: dict[str, list[str]] = {
    **PUBLIC_POLICY,
    # Inline panels, date and time widgets and a few views write inline <script> elements.
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    # Image and document upload previews are blob: URLs; icons and avatars may be data:.
    "img-src": [CSP.SELF, "data:", "blob:"],
    "media-src": [CSP.SELF, "blob:"],
    # Page previews and the embed chooser's preview are framed by the admin page.
    "frame-src": [CSP.SELF, *VIDEO_FRAME_SOURCES],
    "frame-ancestors": [CSP.SELF],
}

# Stripe.js and the frames it opens (card fields, 3-D Secure), per Stripe's CSP guidance.
STRIPE_SOURCES: dict[str, list[str]] = {
    "script-src": ["https://js.stripe.com"],
    "connect-src": ["https://api.stripe.com"],
    "frame-src": ["https://js.stripe.com", "https://hooks.stripe.com"],
}
_LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


def extend_policy(base: Policy, additions: Mapping[str, Iterable[str]]) -> dict[str, Any]:
    """A copy of `base` with each directive's sources followed by `additions`' sources.

    A directive `base` lacks starts from `default-src`, as browsers read it, so adding
    a host never drops the sources the page already relied on.
    """
    policy: dict[str, Any] = {directive: list(values) for directive, values in base.items()}
    for directive, sources in additions.items():
        current = policy.get(directive, policy.get("default-src", []))
        policy[directive] = [*current, *(s for s in sources if s not in current)]
    return policy


def csp_extend(
    additions: Mapping[str, Iterable[str]] | Callable[[], Mapping[str, Iterable[str]]],
) -> Callable:
    """Decorate a view so its responses carry `SECURE_CSP` widened by `additions`.

    `additions` may be a function, called per request, so the hosts can depend on the
    settings of the moment (a development stand-in, a test's override).
    """

    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            response = view(request, *args, **kwargs)
            extra = additions() if callable(additions) else additions
            response._csp_config = extend_policy(settings.SECURE_CSP, extra)  # type: ignore[attr-defined]
            return response

        return wrapped

    return decorator


def stripe_sources() -> dict[str, list[str]]:
    """Stripe's hosts, plus the local Stripe stand-in when `STRIPE_API_BASE` is on loopback.

    The stand-in (localstripe) serves both the API and a fake Stripe.js from one origin in
    development and the browser tests; an address off this machine is never trusted here.
    """
    sources = {directive: list(hosts) for directive, hosts in STRIPE_SOURCES.items()}
    base = urlsplit(getattr(settings, "STRIPE_API_BASE", "") or "")
    if base.scheme in ("http", "https") and base.hostname in _LOOPBACK_HOSTS:
        origin = f"{base.scheme}://{base.netloc}"
        for hosts in sources.values():
            hosts.append(origin)
    return sources


# The payment pages' decorator: Stripe's hosts on that view's responses only.
stripe_csp = csp_extend(stripe_sources)


class PathPolicyMiddleware:
    """Give responses under a path prefix their own policy (`CSP_PATH_POLICIES`).

    Listed after Django's `ContentSecurityPolicyMiddleware`, so the policy chosen here is
    the one it writes. A view's own `csp_override`/`csp_extend` still wins.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.policies: list[tuple[str, Policy]] = sorted(
            getattr(settings, "CSP_PATH_POLICIES", {}).items(),
            key=lambda item: len(item[0]),
            reverse=True,
        )

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if not hasattr(response, "_csp_config"):
            for prefix, policy in self.policies:
                if request.path_info.startswith(prefix):
                    response._csp_config = policy  # type: ignore[attr-defined]
                    break
        return response
