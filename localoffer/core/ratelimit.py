"""One rate limiter for the public forms and the API, counting people rather than proxies.

A fixed window per key in Django's cache: the first hit starts the window, and the count
is kept with `add` then `incr`, so two requests racing on a shared cache (Redis,
Memcached) are both counted. The window cannot be held open by a bot hitting it again,
because its length is set by the first hit only. The default in-memory cache counts per
worker process; production should use a shared cache (CACHE_URL).

Counts are keyed on the client's address as allauth works it out (the same address its
own sign-in limits use): REMOTE_ADDR, or, behind `TRUSTED_PROXY_COUNT` proxies, the entry
that many places from the right of X-Forwarded-For. Without trusted proxies the header is
ignored, since any client can send it and choose a new "address" for every request.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from allauth.account.adapter import get_adapter
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest

KEY_PREFIX = "ratelimit"
UNKNOWN_ADDRESS = "unknown"


def client_address(request: HttpRequest) -> str:
    """The address of the person making the request, as allauth works it out.

    A request with no usable address (or a forwarded header shorter than the configured
    proxy chain) is counted under one shared "unknown" key rather than refused outright.
    """
    try:
        return get_adapter(request).get_client_ip(request)
    except (PermissionDenied, ImproperlyConfigured):
        return UNKNOWN_ADDRESS


@dataclass(frozen=True)
class Usage:
    """How much of a window one key has used, after counting a hit (or not)."""

    count: int
    limit: int
    window: int
    retry_after: int  # whole seconds until the window ends, at least 1

    @property
    def exceeded(self) -> bool:
        """True when the count is over the limit: the hit that made it so is refused."""
        return self.count > self.limit

    @property
    def used_up(self) -> bool:
        """True when no further hit would be allowed in this window."""
        return self.count >= self.limit

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.count)


def _keys(key: str) -> tuple[str, str]:
    return f"{KEY_PREFIX}:{key}", f"{KEY_PREFIX}:{key}:start"


def _usage(count: int, started: float | None, *, limit: int, window: int, now: float) -> Usage:
    start = now if started is None else started
    retry_after = max(1, math.ceil(start + window - now))
    return Usage(count=count, limit=limit, window=window, retry_after=retry_after)


def hit(key: str, *, limit: int, window: int) -> Usage:
    """Count one hit against `key` and return the window's usage including it."""
    count_key, start_key = _keys(key)
    now = time.time()
    # The start is only written by the first hit of a window (add never overwrites), so a
    # Retry-After is measured from the same moment the count's expiry is.
    cache.add(start_key, now, timeout=window)
    cache.add(count_key, 0, timeout=window)
    try:
        count = cache.incr(count_key)
    except ValueError:  # the window ended between add and incr: this hit starts a new one
        cache.set_many({count_key: 1, start_key: now}, timeout=window)
        count = 1
    return _usage(count, cache.get(start_key), limit=limit, window=window, now=now)


def peek(key: str, *, limit: int, window: int) -> Usage:
    """The window's usage for `key` without counting a hit (to refuse before doing work)."""
    count_key, start_key = _keys(key)
    stored = cache.get_many([count_key, start_key])
    return _usage(
        int(stored.get(count_key, 0)),
        stored.get(start_key),
        limit=limit,
        window=window,
        now=time.time(),
    )
