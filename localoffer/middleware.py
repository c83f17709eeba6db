"""Refuse a request that says it is bigger than the site accepts, before reading its body.

Django only limits the size of a body's form fields (`DATA_UPLOAD_MAX_MEMORY_SIZE`);
uploaded files are streamed to a temporary file whatever their size, so a 2 GB "picture"
would fill the disk before Wagtail's form said it was too big. This middleware answers
413 from the `Content-Length` header alone. It is a second line: the web server in front
(nginx `client_max_body_size`) should refuse such a request even earlier, with the same limit.

A request without `Content-Length` (chunked) passes: Django's WSGI handler reads no body
at all for one (it treats the length as 0), so nothing of it is parsed or stored.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat


def max_request_size() -> int | None:
    """The largest body the site accepts, in bytes (None: no limit)."""
    return getattr(settings, "MAX_REQUEST_BODY_SIZE", None)


class RequestSizeLimitMiddleware:
    """Answer 413 Content Too Large, with a page saying what to do, for an oversized body."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = max_request_size()
        if limit is not None and _declared_length(request) > limit:
            return too_large(request, limit)
        return self.get_response(request)


def _declared_length(request: HttpRequest) -> int:
    # Read from the header only: touching request.body or request.POST would read it.
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0  # Django treats a malformed length as no body, and so reads none


def too_large(request: HttpRequest, limit: int) -> HttpResponse:
    context = {
        "limit": filesizeformat(limit),
        "image_limit": filesizeformat(getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", 0)),
        "document_limit": filesizeformat(getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", 0)),
        "hide_feedback_form": True,
    }
    return render(request, "413.html", context, status=413)
