"""Keep cached page furniture fresh when pages are published, unpublished or moved."""

from wagtail.signals import page_published, page_unpublished, post_page_move

from localoffer.navigation import clear_navigation_cache


def register() -> None:
    page_published.connect(clear_navigation_cache, dispatch_uid="nav-published")
    page_unpublished.connect(clear_navigation_cache, dispatch_uid="nav-unpublished")
    post_page_move.connect(clear_navigation_cache, dispatch_uid="nav-moved")
