"""The wrapper every API view goes through: JSON errors, methods, CORS and a rate limit.

- Read-only: GET and HEAD are answered, OPTIONS is a CORS preflight, anything else is
  405 with `Allow`. Views are CSRF-exempt so that a POST gets that 405 (the CSRF check
  would otherwise answer 403 first); nothing here changes state.
- CORS: any origin may read, because the data is public and no cookie or credential is
  ever honoured (`Access-Control-Allow-Credentials` is never sent).
- Rate limit: a fixed window per client IP address in Django's cache,
  `ORUK_RATE_LIMIT` requests (default 120; 0 turns it off) per
  `ORUK_RATE_LIMIT_WINDOW` seconds (default 60), answering 429 with `Retry-After`. The
  address is REMOTE_ADDR: behind a proxy, have the proxy or the WSGI server set it to
  the client's (a forwarded header would let any client pick its own bucket). The
  default in-memory cache counts per worker process; use a shared cache in production.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from search.api.params import ApiError

ALLOWED_METHODS = "GET, HEAD, OPTIONS"
DEFAULT_RATE_LIMIT = 120
DEFAULT_RATE_WINDOW = 60


def json_response(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def error(status: int, detail: str) -> JsonResponse:
    return json_response({"detail": detail}, status=status)


def _cors(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = (
        "Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining"
    )
    return response


def _preflight(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
    response["Access-Control-Allow-Headers"] = request.headers.get(
        "Access-Control-Request-Headers", "Accept, Content-Type"
    )[:500]
    response["Access-Control-Max-Age"] = "86400"
    response["Allow"] = ALLOWED_METHODS
    return response


def _count_request(request: HttpRequest) -> tuple[int, int, int, int] | None:
    """(requests so far in this window, the limit, seconds until it resets, the window
    in seconds), or None when the limit is off."""
    limit = int(getattr(settings, "ORUK_RATE_LIMIT", DEFAULT_RATE_LIMIT) or 0)
    if limit <= 0:
        return None
    window = max(1, int(getattr(settings, "ORUK_RATE_LIMIT_WINDOW", DEFAULT_RATE_WINDOW)))
    now = time.time()
    slot = int(now // window)
    address = request.META.get("REMOTE_ADDR") or "unknown"
    key = f"oruk-api:rate:{address}:{slot}"
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 5)
        count = 1
    reset = max(1, math.ceil((slot + 1) * window - now))
    return count, limit, reset, window


def api_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Make a function answering GET into a public, read-only, rate-limited JSON view."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "OPTIONS":
            return _cors(_preflight(request))
        counted = _count_request(request)
        response: HttpResponse
        if counted is not None and counted[0] > counted[1]:
            _, limit, reset, window = counted
            response = error(
                429, f"Too many requests: at most {limit} every {window} seconds. Try again soon."
            )
            response["Retry-After"] = str(reset)
        elif request.method not in ("GET", "HEAD"):
            response = error(405, f"{request.method} is not allowed: this API is read-only.")
            response["Allow"] = ALLOWED_METHODS
        else:
            try:
                response = view(request, *args, **kwargs)
            except ApiError as problem:
                response = error(problem.status, problem.detail)
        if counted is not None:
            response["X-RateLimit-Limit"] = str(counted[1])
            response["X-RateLimit-Remaining"] = str(max(0, counted[1] - counted[0]))
        return _cors(response)

    return wrapper
