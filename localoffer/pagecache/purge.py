"""Which cached pages a content change makes stale, and purging them once it is committed.

A page shows itself, and is listed by its ancestors (the home page lists sections, a
section its information pages, an organisation its services). A directory listing or an
organisation is also shown on the category pages and on the pages whose "services in
topic" blocks list categories (found through Wagtail's reference index, which records a
page's references to categories). A change that shows on every page (site settings, the
navigation built from the top-level menu pages, categories) purges everything.

Purges run on commit: purging before the change is committed would let a request in
between cache the old content again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from wagtail.models import Page, ReferenceIndex, Site

from localoffer.pagecache import store
from providers.models import Category, OrganisationPage, ServicePage


@dataclass
class Targets:
    """Site-relative paths to purge, and the same pages as full URLs for a CDN."""

    paths: set[str] = field(default_factory=set)
    urls: set[str] = field(default_factory=set)

    def add_page(self, page: Page) -> None:
        parts = page.get_url_parts()
        if parts is None:
            return
        _site_id, root_url, path = parts
        self.add(path, root_url)

    def add(self, path: str | None, root_url: str | None = None) -> None:
        if not path:
            return
        self.paths.add(path)
        for root in [root_url] if root_url else _root_urls():
            self.urls.add(f"{root.rstrip('/')}{path}")


def _root_urls() -> list[str]:
    return [site.root_url for site in Site.objects.all()]


def _site_root_ids() -> set[int]:
    return set(Site.objects.values_list("root_page_id", flat=True))


def _relative_path(url_path: str) -> str | None:
    """The site-relative path of a page from its tree url_path (for pages since moved)."""
    for site in Site.objects.select_related("root_page"):
        root = site.root_page.url_path
        if url_path.startswith(root):
            return "/" + url_path[len(root) :]
    return None


def changes_navigation(page: Page) -> bool:
    """A top-level menu page is in the header of every page."""
    return page.show_in_menus and page.get_parent().pk in _site_root_ids()


def directory_targets(targets: Targets) -> None:
    """The category pages, and the pages whose blocks list services by category."""
    for slug in Category.objects.values_list("slug", flat=True):
        targets.add(reverse("providers:category", kwargs={"slug": slug}))
    page_ids = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(Category),
        base_content_type=ContentType.objects.get_for_model(Page),
    ).values_list("object_id", flat=True)
    for page in Page.objects.live().filter(pk__in=[int(pk) for pk in page_ids]):
        targets.add_page(page)


def page_targets(page: Page, *, with_descendants: bool = False) -> Targets:
    """A page, its ancestors, and where the directory shows it."""
    targets = Targets()
    targets.add_page(page)
    for ancestor in page.get_ancestors().filter(depth__gt=1):
        targets.add_page(ancestor)
    if with_descendants or isinstance(page.specific_deferred, OrganisationPage):
        # An organisation's name and details are on each of its listings.
        for descendant in page.get_descendants():
            targets.add_page(descendant)
    if isinstance(page.specific_deferred, (ServicePage, OrganisationPage)):
        directory_targets(targets)
    return targets


def moved_targets(page: Page, *, url_path_before: str, url_path_after: str) -> Targets:
    """Where the page and its descendants were and are, and both sets of ancestors."""
    targets = page_targets(page, with_descendants=True)
    for moved in [page, *page.get_descendants()]:
        old = _relative_path(moved.url_path.replace(url_path_after, url_path_before, 1))
        targets.add(old)
    old_parent_path = url_path_before.rstrip("/").rsplit("/", 1)[0] + "/"
    for ancestor in Page.objects.filter(url_path__in=_prefixes(old_parent_path)):
        targets.add_page(ancestor)
    return targets


def _prefixes(url_path: str) -> list[str]:
    parts = [part for part in url_path.split("/") if part]
    return ["/" + "/".join(parts[:index]) + "/" for index in range(1, len(parts) + 1)]


def listing_targets(page_id: int) -> Targets:
    page = Page.objects.filter(pk=page_id).first()
    return page_targets(page) if page is not None else Targets()


def all_page_urls() -> list[str]:
    """Every live page and category as full URLs: a CDN purges by URL."""
    targets = Targets()
    for page in Page.objects.live().filter(depth__gt=1):
        targets.add_page(page)
    directory_targets(targets)
    return sorted(targets.urls)


def purge_on_commit(targets: Targets) -> None:
    paths, urls = set(targets.paths), set(targets.urls)
    if paths:
        transaction.on_commit(lambda: store.purge_paths(paths, urls=urls))


def purge_all_on_commit() -> None:
    def purge() -> None:
        store.purge_all(urls=all_page_urls() if store.cdn_configured() else ())

    transaction.on_commit(purge)


def purge_pages_on_commit(pages: Iterable[Page]) -> None:
    targets = Targets()
    for page in pages:
        found = page_targets(page)
        targets.paths |= found.paths
        targets.urls |= found.urls
    purge_on_commit(targets)
