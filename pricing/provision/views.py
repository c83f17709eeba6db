"""The public page "What support costs" (/what-support-costs/): the provision map for
families planning what a budget buys. The same for every anonymous visitor, so it is kept
in the page cache (its view name is in localoffer.pagecache.middleware.PUBLIC_VIEW_NAMES)
and purged whenever the map or a standard cost changes (signals.map_changed)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from wagtail.models import Site

from pricing.provision.forms import MapFilters
from pricing.provision.selectors import MapRow, groups, map_rows


def directory_url(row: MapRow, *, direct_payment: bool = False) -> str:
    """The directory's search for this type's services (search.forms.SearchForm)."""
    query = {"category": row.category.slug}
    if direct_payment:
        query["direct_payment"] = "1"
    return f"{reverse('search:services')}?{urlencode(query)}"


def council_of(request: HttpRequest) -> Site | None:
    return Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()


def provision_map(request: HttpRequest) -> HttpResponse:
    filters = MapFilters(request.GET, groups=groups())
    rows = map_rows(
        council=council_of(request),
        group=filters.group,
        unit=filters.unit or None,
        direct_payment_only=filters.direct_payment,
    )
    for row in rows:
        row.directory_url = directory_url(row, direct_payment=filters.direct_payment)  # type: ignore[attr-defined]
    return render(
        request,
        "pricing/provision/map.html",
        {"rows": rows, "filters": filters, "directory_url": reverse("search:services")},
    )
