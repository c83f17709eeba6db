"""Mark live Wagtail pages as public for the page cache, unless they have view restrictions.

Imported by localoffer/wagtail_hooks.py, the module Wagtail discovers for the app.
"""

from wagtail import hooks

from localoffer.pagecache.middleware import mark_public


@hooks.register("before_serve_page")
def mark_public_page(page, request, serve_args, serve_kwargs) -> None:
    # A page behind a password or a sign-in (on it or an ancestor) differs by visitor:
    # Wagtail answers it with a form or a redirect, and it must never be shared.
    if getattr(request, "page_cache_candidate", False) and not page.get_view_restrictions():
        mark_public(request)
