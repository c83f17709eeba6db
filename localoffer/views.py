"""Site-wide views: content search, error pages, health check."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from wagtail.models import Page

from localoffer.models import InformationPage, SectionPage
from localoffer.roles import is_council_staff

SEARCH_PAGE_SIZE = 10
MAX_QUERY_LENGTH = 200


def site_search(request: HttpRequest) -> HttpResponse:
    """Search the Local Offer's own information pages (the directory has its own search)."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = None
    if query:
        pages = (
            Page.objects.live().public().type(InformationPage, SectionPage).specific().search(query)
        )
        results = Paginator(pages, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "localoffer/search.html", {"query": query, "results": results})


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered with no context processors that touch the database: it may be what failed.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render({}), status=500)


def page_types_usage_report(request: HttpRequest, *, results_only: bool = False) -> HttpResponse:
    """Wagtail's page types report, for council staff only.

    Wagtail lets anyone who may add or change any page open it, and each row names the
    site's most recently edited page of that type, whoever owns it: a provider would see
    other organisations' draft listings. Mounted before Wagtail's admin URLs in urls.py.
    """
    from django.core.exceptions import PermissionDenied
    from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView

    if not is_council_staff(request.user):
        raise PermissionDenied
    return PageTypesUsageReportView.as_view(results_only=results_only)(request)


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})
