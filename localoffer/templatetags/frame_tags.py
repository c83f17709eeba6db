"""Template tags for the page frame: breadcrumbs, GOV.UK pagination and unique ids."""

import uuid

from django import template
from django.core.paginator import Page as PaginatorPage
from django.http import HttpRequest
from django.template.defaulttags import querystring
from wagtail.models import Page, Site

from localoffer.core.pagination import pagination_context

register = template.Library()


def page_ancestor_links(page: Page, request: HttpRequest | None) -> list[tuple[str, str]]:
    """(title, url) of each ancestor from the site's home page down to the page's parent.

    GOV.UK breadcrumbs end at the parent section: the current page is the h1 below them.
    The home page is called "Home" whatever its title, as families expect.
    """
    site = Site.find_for_request(request) if request is not None else None
    root = site.root_page if site is not None else None
    ancestors = page.get_ancestors().filter(depth__gt=1)
    if root is not None:
        ancestors = ancestors.filter(depth__gte=root.depth, path__startswith=root.path)
    links = []
    for ancestor in ancestors:
        url = ancestor.get_url(request=request)
        if not url:
            continue
        is_home = root is not None and ancestor.pk == root.pk
        links.append(("Home" if is_home else ancestor.title, url))
    return links


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def page_breadcrumbs(context: template.Context, page: Page | None = None) -> dict:
    """Breadcrumbs for a Wagtail page, computed from its ancestors (one query)."""
    page = page or context.get("page")
    request = context.get("request")
    links = page_ancestor_links(page, request) if page is not None else []
    return {"breadcrumbs": links}


@register.inclusion_tag("includes/pagination.html", takes_context=True)
def govuk_pagination(context: template.Context, page_obj: PaginatorPage | None) -> dict:
    """The GOV.UK pagination component for a Django paginator page.

    Each link is this address with `page` changed (page 1 without it), keeping every
    other query parameter, as Django's `{% querystring %}` tag builds it.
    """
    if page_obj is None:
        return {"show": False}

    def href(number: int) -> str:
        if getattr(context, "request", None) is None:
            return f"?page={number}"
        return querystring(context, page=number if number > 1 else None)

    return pagination_context(page_obj.paginator, page_obj.number, href)


@register.simple_tag(takes_context=True)
def dom_id(context: template.Context, prefix: str, block_id: str | None = None) -> str:
    """An id unique within the page for a component such as an accordion.

    StreamField blocks have stable ids, which we prefer (the accordion remembers open
    sections by id). Otherwise a counter kept on the request numbers them in page order.
    """
    if block_id:
        return f"{prefix}-{block_id}"
    request = context.get("request")
    if request is None:
        return f"{prefix}-{uuid.uuid4().hex[:8]}"
    count = getattr(request, "_dom_id_count", 0) + 1
    request._dom_id_count = count
    return f"{prefix}-{count}"


@register.simple_tag
def crumbs(*titles_and_urls: str) -> list[tuple[str, str]]:
    """Pairs for the breadcrumbs include from a flat list: {% crumbs "Home" "/" as trail %}."""
    if len(titles_and_urls) % 2:
        raise template.TemplateSyntaxError("crumbs takes title and url pairs")
    pairs = zip(titles_and_urls[::2], titles_and_urls[1::2], strict=True)
    return [(str(title), str(url)) for title, url in pairs]
