"""Mark the live Wagtail pages that anonymous visitors are served as public, for the cache.

Imported by localoffer/wagtail_hooks.py, the module Wagtail discovers for the app.
"""

from wagtail import hooks

from localoffer.pagecache.middleware import mark_public


@hooks.register("before_serve_page")
def mark_public_page(page, request, serve_args, serve_kwargs) -> None:
    # Only visitors without any cookie that could tell them apart reach here as candidates,
    # so whatever such a visitor is shown, every one of them is shown. A page behind a
    # password or a sign-in answers them with a redirect or a form with a CSRF cookie,
    # neither of which is stored; no further check (and query) is needed.
    if getattr(request, "page_cache_candidate", False):
        mark_public(request)
