"""Site-wide views: content search, error pages, health check."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from wagtail.admin.views.home import error_test
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


def admin_error_test(request: HttpRequest) -> HttpResponse:
    """Wagtail's deliberate error page (/admin/failwhale/), for staff superusers only.

    It raises an exception to show that error reporting works. Wagtail opens it to anyone
    who may use the admin, providers included, so anyone could fill the error reports and
    alerts at will. Everyone else gets the 404 of an address that does not exist. Mounted
    before Wagtail's admin URLs in urls.py.
    """
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_staff and user.is_superuser):
        raise Http404
    return error_test(request)


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})
