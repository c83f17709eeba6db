"""The wrapper every API view goes through: JSON errors, methods, CORS and a rate limit.

- Read-only: GET and HEAD are answered, OPTIONS is a CORS preflight, anything else is
  405 with `Allow`. Views are CSRF-exempt so that a POST gets that 405 (the CSRF check
  would otherwise answer 403 first); nothing here changes state.
- CORS: any origin may read, because the data is public and no cookie or credential is
  ever honoured (`Access-Control-Allow-Credentials` is never sent).
- Rate limit: a fixed window per client address (localoffer.core.ratelimit, which reads
  the address the way allauth does, honouring `TRUSTED_PROXY_COUNT`),
  `ORUK_RATE_LIMIT` requests (default 120; 0 turns it off) per
  `ORUK_RATE_LIMIT_WINDOW` seconds (default 60), answering 429 with `Retry-After`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from localoffer.core import ratelimit
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


def _count_request(request: HttpRequest) -> ratelimit.Usage | None:
    """This request counted against its address's window, or None when the limit is off."""
    limit = int(getattr(settings, "ORUK_RATE_LIMIT", DEFAULT_RATE_LIMIT) or 0)
    if limit <= 0:
        return None
    window = max(1, int(getattr(settings, "ORUK_RATE_LIMIT_WINDOW", DEFAULT_RATE_WINDOW)))
    key = f"oruk-api:{ratelimit.client_address(request)}"
    return ratelimit.hit(key, limit=limit, window=window)


def api_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Make a function answering GET into a public, read-only, rate-limited JSON view."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "OPTIONS":
            return _cors(_preflight(request))
        counted = _count_request(request)
        response: HttpResponse
        if counted is not None and counted.exceeded:
            response = error(
                429,
                f"Too many requests: at most {counted.limit} every {counted.window} seconds. "
                "Try again soon.",
            )
            response["Retry-After"] = str(counted.retry_after)
        elif request.method not in ("GET", "HEAD"):
            response = error(405, f"{request.method} is not allowed: this API is read-only.")
            response["Allow"] = ALLOWED_METHODS
        else:
            try:
                response = view(request, *args, **kwargs)
            except ApiError as problem:
                response = error(problem.status, problem.detail)
        if counted is not None:
            response["X-RateLimit-Limit"] = str(counted.limit)
            response["X-RateLimit-Remaining"] = str(counted.remaining)
        return _cors(response)

    return wrapper
