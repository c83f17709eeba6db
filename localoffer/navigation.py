"""The service navigation in the header: the home page's sections plus the directory."""

from django.core.cache import cache
from django.http import HttpRequest
from django.urls import reverse
from wagtail.models import Site

NAVIGATION_CACHE_KEY = "localoffer:service-navigation:{site_id}"


def service_navigation(request: HttpRequest) -> list[dict]:
    """Links to the directory and the menu pages under the site root, current one marked.

    Cached because it is on every page; publishing a page clears it (signal_handlers.py).
    """
    site = Site.find_for_request(request)
    if site is None:
        return []
    key = NAVIGATION_CACHE_KEY.format(site_id=site.pk)
    items = cache.get(key)
    if items is None:
        items = [{"title": "Find services", "url": reverse("search:services")}]
        for page in site.root_page.get_children().live().in_menu().order_by("path"):
            items.append({"title": page.title, "url": page.get_url(request=request)})
        cache.set(key, items, 300)
    path = request.path
    return [
        {**item, "current": path.startswith(item["url"]) and item["url"] != "/"} for item in items
    ]


def clear_navigation_cache(**kwargs) -> None:
    for site in Site.objects.all():
        cache.delete(NAVIGATION_CACHE_KEY.format(site_id=site.pk))
