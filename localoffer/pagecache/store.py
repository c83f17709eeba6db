"""Where cached pages live, and how purging reaches every server process at once.

Pages are kept in Django's default cache (CACHE_URL: Redis in production, shared by every
worker and server). A page's key holds two version tokens, both read from the cache on
every request:

- the site's generation, replaced to purge everything (site settings, navigation);
- the version of the page's path, replaced to purge that path (every query string of it).

Purging writes a new random token, so every process sees it at its next request and the
old entries are never read again (they expire on their own). A token missing from the
cache (evicted, or a fresh cache) is replaced by a new random one, never a default, so an
eviction cannot bring an old entry back. A render that started before a purge is stored
under the tokens it read at its start, so it cannot put stale content back either.

Parts of a page that are the same for every visitor (a listing's details) are kept too, as
fragments under the same two tokens of the page's path (`fragment_key`): a purge that
reaches the page reaches its fragments, so a signed-in visitor, whose page is always
rendered, is shown nothing the anonymous visitors' cached copy would not show.

Purges also go to a CDN when `WAGTAILFRONTENDCACHE` is configured (Wagtail's front-end
cache invalidator), with the same paths as full URLs.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

logger = logging.getLogger(__name__)

DEFAULT_SECONDS = 600
GENERATION_KEY = "pagecache:generation"
PATH_KEY = "pagecache:path:{digest}"
PAGE_KEY = "pagecache:page:{generation}:{version}:{digest}"
FRAGMENT_KEY = "pagecache:fragment:{generation}:{version}:{digest}"


def seconds() -> int:
    """How long a page is kept: a bound on anything that changes without a purge."""
    return int(getattr(settings, "PAGE_CACHE_SECONDS", DEFAULT_SECONDS))


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def _path_key(path: str) -> str:
    return PATH_KEY.format(digest=_digest(path))


def _tokens(keys: list[str]) -> dict[str, str]:
    """The current token of each key, minting one where the cache has none."""
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            # add, not set: two processes minting at once agree on the first one's token.
            cache.add(key, uuid.uuid4().hex, timeout=None)
            found[key] = cache.get(key) or uuid.uuid4().hex
    return found


def _request_tokens(request: HttpRequest) -> tuple[str, str]:
    """The site's generation and the version of this request's path, read once a request:
    the page and its fragments are stored under the tokens its render read at its start."""
    tokens = getattr(request, "_page_cache_tokens", None)
    if tokens is None:
        path_key = _path_key(request.path)
        found = _tokens([GENERATION_KEY, path_key])
        tokens = (found[GENERATION_KEY], found[path_key])
        request._page_cache_tokens = tokens  # type: ignore[attr-defined]
    return tokens


def page_key(request: HttpRequest) -> str:
    """The key of this request's page: host, path and query string under current tokens."""
    generation, version = _request_tokens(request)
    address = f"{request.get_host()}{request.get_full_path()}"
    return PAGE_KEY.format(generation=generation, version=version, digest=_digest(address))


def fragment_seconds() -> int:
    """How long a fragment is kept (0: fragments are off). The same bound as pages, and off
    without a shared cache for the same reason (PAGE_FRAGMENT_SECONDS)."""
    return int(getattr(settings, "PAGE_FRAGMENT_SECONDS", 0))


def fragment_key(request: HttpRequest, name: str, *parts: object) -> str:
    """The key of fragment `name` of this request's page, under its path's current tokens.

    `parts` say which state of the page it was rendered from (its `cache_key`, say).
    """
    generation, version = _request_tokens(request)
    identity = "|".join([request.get_host(), request.path, name, *map(str, parts)])
    return FRAGMENT_KEY.format(generation=generation, version=version, digest=_digest(identity))


def get(key: str) -> Any:
    return cache.get(key)


def put(key: str, value: Any, *, timeout: int | None = None) -> None:
    cache.set(key, value, timeout=seconds() if timeout is None else timeout)


def purge_paths(paths: Iterable[str], *, urls: Iterable[str] = ()) -> None:
    """Forget every cached copy of these site-relative paths, in every process.

    `urls` are the same pages as full URLs, for the CDN.
    """
    unique = sorted({path for path in paths if path})
    if not unique:
        return
    cache.set_many({_path_key(path): uuid.uuid4().hex for path in unique}, timeout=None)
    purge_cdn(list(urls))


def purge_all(*, urls: Iterable[str] = ()) -> None:
    """Forget every cached page (site settings, navigation: things on every page)."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    purge_cdn(list(urls))


def cdn_configured() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def purge_cdn(urls: list[str]) -> None:
    """Tell the CDN (if any) to drop these URLs. A CDN that fails is logged, not raised:
    the content change that asked for the purge has already been saved."""
    if not urls or not cdn_configured():
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    try:
        purge_urls_from_cache(sorted(set(urls)))
    except Exception:
        logger.exception("The CDN could not be told to purge %d URLs", len(urls))
