"""Keep cached navigation and cached pages fresh when what they show changes."""

from wagtail.signals import page_published, page_unpublished, post_page_move

from localoffer.navigation import clear_navigation_cache
from localoffer.pagecache import signal_handlers as page_cache


def register() -> None:
    page_published.connect(clear_navigation_cache, dispatch_uid="nav-published")
    page_unpublished.connect(clear_navigation_cache, dispatch_uid="nav-unpublished")
    post_page_move.connect(clear_navigation_cache, dispatch_uid="nav-moved")
    page_cache.register()
