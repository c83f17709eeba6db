"""The directory search page (/services/) and the shortlist (/services/shortlist/).

The search page is a plain GET form: every choice is in the address and every link on the
page (pagination, "remove this filter", the sort) is built from the search as understood
(search.presenter.SearchLinks), so what a family sees can be bookmarked and shared. It asks
`search.backends.get_backend()` and never knows which backend answers.

Layout on a phone, without JavaScript: the results come first, the filters after them,
with a "Filter results" link above the results; why is in templates/search/results.html.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from wagtail.models import Site

from localoffer.core.mail import service_name, site_url
from localoffer.core.origin import same_origin_post
from localoffer.core.pagination import pagination_context
from localoffer.core.paths import safe_local_path
from providers.selectors import top_categories_with_counts
from search import shortlist
from search.backends import get_backend
from search.backends.base import (
    COST_DIRECT_PAYMENT,
    COST_FREE,
    FACET_ACCESSIBILITY,
    FACET_CATEGORIES,
    FACET_COST,
    FACET_DELIVERY,
    FACET_NEEDS,
    FACET_RADIUS,
    FACET_TIMES,
    RADIUS_CHOICES_MILES,
    FacetOption,
    SearchQuery,
    SearchResults,
)
from search.forms import DEFAULT_RADIUS_MILES, Q, SearchForm, ShortlistEmailForm, Taxonomy
from search.presenter import SearchLinks, query_string
from search.selectors import is_published_service, result_rows, search_taxonomy

# --- the search page ----------------------------------------------------------------------------


@dataclass
class CategoryGroup:
    option: FacetOption  # the top-level category
    children: list[FacetOption]


def _shown(options: list[FacetOption]) -> list[FacetOption]:
    """Options worth offering: those with results, and any already chosen (so it can be
    unticked). An option with no results would only lead to an empty page."""
    return [option for option in options if option.count or option.selected]


def category_groups(options: list[FacetOption], taxonomy: Taxonomy) -> list[CategoryGroup]:
    """The category facet as top-level categories, each with its sub-categories."""
    by_slug = {option.value: option for option in options}
    groups = []
    for term in taxonomy.categories:
        if term.parent is not None or term.slug not in by_slug:
            continue
        top = by_slug[term.slug]
        children = _shown(
            [
                by_slug[child.slug]
                for child in taxonomy.categories
                if child.parent == term.slug and child.slug in by_slug
            ]
        )
        if top.count or top.selected or children:
            groups.append(CategoryGroup(option=top, children=children))
    return groups


def filter_panel(form: SearchForm, results: SearchResults, taxonomy: Taxonomy) -> dict:
    """Every filter with its options and their counts (search.backends.base facet rule)."""
    facets = results.facets
    cost = {option.value: option for option in _shown(facets.get(FACET_COST, []))}
    radius = form.cleaned_data.get("radius", DEFAULT_RADIUS_MILES)
    if FACET_RADIUS in facets:
        radius_options = facets[FACET_RADIUS]
    else:
        radius_options = [
            FacetOption(
                str(miles), f"Within {miles} mile{'s' if miles != 1 else ''}", -1, miles == radius
            )
            for miles in RADIUS_CHOICES_MILES
        ]
    return {
        "categories": category_groups(facets.get(FACET_CATEGORIES, []), taxonomy),
        "needs": _shown(facets.get(FACET_NEEDS, [])),
        "delivery": _shown(facets.get(FACET_DELIVERY, [])),
        "times": _shown(facets.get(FACET_TIMES, [])),
        "accessibility": _shown(facets.get(FACET_ACCESSIBILITY, [])),
        "free": cost.get(COST_FREE),
        "direct_payment": cost.get(COST_DIRECT_PAYMENT),
        "radius": radius_options,
        "radius_counts": FACET_RADIUS in facets,
    }


def pagination(links: SearchLinks, query: SearchQuery, results: SearchResults) -> dict:
    """Context for includes/pagination.html (the GOV.UK component), links keeping the search."""
    paginator = Paginator(range(results.total), query.per_page)
    return pagination_context(paginator, query.page, links.page_url)


def _bound(params, taxonomy: Taxonomy) -> SearchForm:
    data = QueryDict(urlencode(list(params)))
    form = SearchForm(data, taxonomy=taxonomy)
    form.is_valid()
    return form


def relaxations(links: SearchLinks, taxonomy: Taxonomy) -> list[dict]:
    """For a search with no results: each active filter with how many results there would be
    without it, found by running exactly the search its "remove" link leads to."""
    backend = get_backend()
    items = []
    for active in links.active_filters():
        relaxed = _bound(active.params_without, taxonomy)
        query = replace(relaxed.to_query(page=1, per_page=1), with_facets=False)
        items.append({"filter": active, "count": backend.search(query).total})
    return items


def _shortlist_context(request: HttpRequest) -> dict:
    return {"shortlist_count": len(shortlist.ids(request.session))}


def _landing(request: HttpRequest, form: SearchForm) -> HttpResponse:
    """/services/ with nothing asked yet: a short search form and the categories to browse."""
    return render(
        request,
        "search/landing.html",
        {
            "form": form,
            "radius_choices": RADIUS_CHOICES_MILES,
            "default_radius": DEFAULT_RADIUS_MILES,
            "categories": top_categories_with_counts(),
            **_shortlist_context(request),
        },
    )


@require_safe
def services(request: HttpRequest) -> HttpResponse:
    """Find services: words, filters with counts, sort, pages; or the landing page."""
    taxonomy = search_taxonomy()
    form = SearchForm(request.GET, taxonomy=taxonomy)
    if not form.is_search:
        return _landing(request, form)
    form.is_valid()
    links = SearchLinks(form)
    query = form.to_query()
    results = get_backend().search(query)
    rows = result_rows(results.hits)
    beyond_last_page = results.total > 0 and query.page > results.pages
    context = {
        "form": form,
        "query": query,
        "results": results,
        "rows": rows,
        "errors": form.error_list(),
        "filters": filter_panel(form, results, taxonomy),
        "active_filters": links.active_filters(),
        "sort_choices": links.sort_choices(),
        "pagination": pagination(links, query, results),
        "beyond_last_page": beyond_last_page,
        "first_page_url": links.page_url(1),
        "last_page_url": links.page_url(results.pages),
        "clear_url": query_string([(Q, query.text)] if query.text else []),
        "first_result": (query.page - 1) * query.per_page + 1,
        "last_result": min(results.total, query.page * query.per_page),
        **_shortlist_context(request),
    }
    if results.total == 0:
        context["relaxations"] = relaxations(links, taxonomy)
        if results.corrected_text:
            corrected = [(Q, results.corrected_text)] + [
                pair for pair in links.params() if pair[0] != Q
            ]
            context["corrected_url"] = query_string(corrected)
    elif results.corrected_text:
        context["corrected_from"] = query.text
    return render(request, "search/results.html", context)


# --- the shortlist ----------------------------------------------------------------------------


def _with_absolute_urls(request: HttpRequest, services: list, *, base: str = "") -> list:
    """Give each service `.absolute_url`: its path below this request's site root on `base`,
    else on the address the page was asked for (a printout shows the address the family
    used). A page under another site keeps that site's own address."""
    base = base or request.build_absolute_uri("/").rstrip("/")
    site = Site.find_for_request(request)
    for service in services:
        parts = service.get_url_parts(request)
        if parts is None:  # not routable: not under any site
            service.absolute_url = ""
            continue
        site_id, root_url, path = parts
        on_this_site = site is not None and site_id == site.pk
        service.absolute_url = (base if on_this_site else root_url.rstrip("/")) + path
    return services


def _service_id(request: HttpRequest) -> int:
    value = (request.POST.get("service") or "").strip()
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        raise Http404("No such service")
    return int(value)


def _back_to(request: HttpRequest, service_id: int | None = None) -> HttpResponseRedirect:
    """Back to the page the button was on (a local path only), at the button that was used."""
    target = safe_local_path(request.POST.get("next", "")) or reverse("search:shortlist")
    if service_id is not None and "#" not in target:
        target = f"{target}#shortlist-{service_id}"
    return HttpResponseRedirect(target)


@same_origin_post
@require_POST
def shortlist_add(request: HttpRequest) -> HttpResponse:
    """Add a service. Exempt from the CSRF cookie (the button is on cached listing pages,
    which set no cookie); cross-site POSTs are refused by their headers instead."""
    service_id = _service_id(request)
    if not is_published_service(service_id):
        raise Http404("No such service")
    try:
        shortlist.add(request.session, service_id)
    except shortlist.ShortlistFull:
        return render(
            request,
            "search/shortlist_full.html",
            {"limit": shortlist.MAX_SERVICES, "back_url": _back_to(request).url},
            status=409,
        )
    return _back_to(request, service_id)


@require_POST
def shortlist_remove(request: HttpRequest) -> HttpResponse:
    service_id = _service_id(request)
    shortlist.remove(request.session, service_id)
    return _back_to(request, service_id)


@require_POST
def shortlist_clear(request: HttpRequest) -> HttpResponse:
    shortlist.clear(request.session)
    return redirect("search:shortlist")


@never_cache
@require_safe
def shortlist_page(request: HttpRequest) -> HttpResponse:
    loaded = shortlist.load(request.session)
    return render(
        request,
        "search/shortlist.html",
        {
            "services": _with_absolute_urls(request, loaded.services),
            "dropped": loaded.dropped,
            "limit": shortlist.MAX_SERVICES,
        },
    )


@never_cache
@require_safe
def shortlist_print(request: HttpRequest) -> HttpResponse:
    loaded = shortlist.load(request.session)
    return render(
        request,
        "search/shortlist_print.html",
        {
            "services": _with_absolute_urls(request, loaded.services),
            "dropped": loaded.dropped,
            "hide_feedback_form": True,
        },
    )


def _rate_limited(request: HttpRequest) -> HttpResponse:
    _limit, window = shortlist.email_rate_limit()
    response = render(
        request,
        "search/shortlist_email_limited.html",
        {"wait_minutes": max(1, round(window / 60)), "hide_feedback_form": True},
        status=429,
    )
    response["Retry-After"] = str(window)
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def shortlist_email(request: HttpRequest) -> HttpResponse:
    """Ask for an email address and send the shortlist to it (post/redirect/get).

    The confirmation does not repeat the address: showing it after the redirect would mean
    keeping it somewhere until then.
    """
    loaded = shortlist.load(request.session)
    form = ShortlistEmailForm(request.POST if request.method == "POST" else None)
    send_error = ""
    if request.method == "POST" and loaded.services:
        if shortlist.email_rate_limited(request):
            return _rate_limited(request)
        if form.is_valid():
            try:
                shortlist.send_shortlist_email(
                    to=form.cleaned_data["email"],
                    services=_with_absolute_urls(request, loaded.services, base=site_url()),
                    site_url=site_url(),
                    service_name=service_name(request=request),
                )
            except (smtplib.SMTPException, OSError):
                send_error = "We could not send the email just now. Try again in a few minutes."
            else:
                shortlist.record_email_sent(request)
                return redirect("search:shortlist_email_sent")
    errors = form.error_list() if form.is_bound else []
    if send_error:
        errors.append({"href": "#email", "text": send_error})
    return render(
        request,
        "search/shortlist_email.html",
        {
            "form": form,
            "errors": errors,
            "services": loaded.services,
            "dropped": loaded.dropped,
            "hide_feedback_form": True,
        },
    )


@never_cache
@require_safe
def shortlist_email_sent(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "search/shortlist_email_sent.html",
        {"count": len(shortlist.ids(request.session)), "hide_feedback_form": True},
    )
