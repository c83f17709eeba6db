"""The Open Referral UK `/organizations` and `/organizations/{id}` endpoints.

Only organisations that are live, public and verified by the council appear: an
organisation that registered but has not been checked, or was refused, is not one the
council vouches for. Their services are the published ones under them, nested as the
standard nests them (without each service repeating its organisation).

Parameters (search.api.params answers 400 naming the wrong one):
    page, per_page   the standard's pages, as on /services
    search           words that must all appear in the name or description
    full_service     each organisation in full, with its services fully nested; without
                     it a list holds the one-to-one fields only, and one organisation
                     nests its services with their one-to-one fields
    format           `json` (default, one page) or `ndjson`: every matching organisation,
                     one JSON object a line, streamed without pages, as the standard's
                     `format` parameter describes, for a consumer taking a full copy

Every page, and every batch of the stream, costs the same number of queries however
many organisations and services it holds: they are fetched together with their
relations prefetched once.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from functools import reduce
from operator import and_
from typing import cast

from django.db.models import Q, QuerySet
from django.db.models.functions import Length, Lower, Substr
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse

from providers.enums import VerificationStatus
from providers.models import OrganisationPage, ServicePage
from search.api import params, serializers
from search.api.http import api_view, json_response
from search.api.ids import id_map
from search.api.params import ApiError
from search.api.selectors import fetch_services, published_services
from search.api.views import envelope

FORMATS = ("json", "ndjson")
STREAM_BATCH = 100
MAX_SEARCH_WORDS = 10


def published_organisations() -> QuerySet[OrganisationPage]:
    """Live, public organisations the council has verified: the only ones shown."""
    return (
        OrganisationPage.objects.live()
        .public()
        .filter(verification_status=VerificationStatus.VERIFIED)
    )


def matching_organisations(text: str) -> QuerySet[OrganisationPage]:
    """Organisations with every word of `text` in their name or description, by name."""
    queryset = published_organisations()
    words = text.split()[:MAX_SEARCH_WORDS]
    if words:
        queryset = queryset.filter(
            reduce(and_, (Q(title__icontains=w) | Q(description__icontains=w) for w in words))
        )
    return queryset.order_by(Lower("title"), "pk")


def fetch_organisations(ids: Sequence[int]) -> list[OrganisationPage]:
    """These organisations with their logos, in this order."""
    found = {
        organisation.pk: organisation
        for organisation in OrganisationPage.objects.filter(pk__in=list(ids)).select_related("logo")
    }
    return [found[pk] for pk in ids if pk in found]


def services_by_organisation(
    organisations: Sequence[OrganisationPage], *, full: bool
) -> dict[int, list[ServicePage]]:
    """The published services directly under each organisation, by name, in two steps of
    a fixed number of queries: their ids, then the rows with what they show.

    A page's path is its parent's path and one step more, so "the path without its last
    step" picks the children of every organisation of the page in one query.
    """
    if not organisations:
        return {}
    by_path = {organisation.path: organisation.pk for organisation in organisations}
    rows = (
        published_services()
        .annotate(parent_path=Substr("path", 1, Length("path") - ServicePage.steplen))
        .filter(parent_path__in=list(by_path))
        .order_by(Lower("title"), "pk")
        .values_list("pk", "parent_path")
    )
    grouped: dict[int, list[int]] = {pk: [] for pk in by_path.values()}
    ordered: list[int] = []
    for pk, parent_path in rows:
        grouped[by_path[parent_path]].append(pk)
        ordered.append(pk)
    services = {service.pk: service for service in fetch_services(ordered, full=full)}
    return {
        organisation_pk: [services[pk] for pk in pks if pk in services]
        for organisation_pk, pks in grouped.items()
    }


# --- the standard's objects ---------------------------------------------------------------


def organization_list_item(organisation: OrganisationPage, request: HttpRequest) -> dict:
    """The one-to-one fields only (the standard's `organization_list`)."""
    full = serializers.organization(organisation, request)
    return {
        key: value
        for key, value in full.items()
        if key not in ("organization_identifiers", "phones")
    }


def nested_service(service: ServicePage, request: HttpRequest, *, full: bool) -> dict:
    """A service inside its organisation: everything but the organisation again."""
    data = serializers.service(service, request, full=full)
    data.pop("organization", None)
    return data


def organization_with_services(
    organisation: OrganisationPage,
    services: Sequence[ServicePage],
    request: HttpRequest,
    *,
    full_service: bool,
) -> dict:
    data = serializers.organization(organisation, request)
    data["services"] = [nested_service(row, request, full=full_service) for row in services]
    return data


# --- parameters ---------------------------------------------------------------------------


def response_format(request: HttpRequest) -> str:
    value = (params.identifier(request.GET, "format") or "json").lower()
    if value not in FORMATS:
        raise ApiError("format must be json or ndjson")
    return value


# --- views --------------------------------------------------------------------------------


@api_view
def organizations(request: HttpRequest) -> HttpResponse:
    full_service = params.boolean(request.GET, "full_service")
    chosen_format = response_format(request)
    paging = params.paging(request.GET)
    queryset = matching_organisations(params.search_text(request.GET))
    if chosen_format == "ndjson":
        # api_view passes any response through (headers only); it is typed for the usual.
        return cast(HttpResponse, _stream(queryset, request, full_service=full_service))
    total = queryset.count()
    ids = (
        list(queryset.values_list("pk", flat=True)[paging.offset : paging.offset + paging.per_page])
        if paging.offset < total
        else []
    )
    contents = _organisations(fetch_organisations(ids), request, full_service=full_service)
    return json_response(envelope(contents, total=total, paging=paging))


@api_view
def organization_detail(request: HttpRequest, pk: str) -> HttpResponse:
    full_service = params.boolean(request.GET, "full_service")
    found = id_map(OrganisationPage._meta.label_lower).resolve(pk, published_organisations())
    rows = fetch_organisations([found]) if found is not None else []
    if not rows:
        raise ApiError(f"There is no published organization with id '{pk[:60]}'", status=404)
    services = services_by_organisation(rows, full=full_service)
    organisation = rows[0]
    return json_response(
        organization_with_services(
            organisation, services[organisation.pk], request, full_service=full_service
        )
    )


def _organisations(
    rows: Sequence[OrganisationPage], request: HttpRequest, *, full_service: bool
) -> list[dict]:
    if not full_service:
        return [organization_list_item(row, request) for row in rows]
    services = services_by_organisation(rows, full=True)
    return [
        organization_with_services(row, services[row.pk], request, full_service=True)
        for row in rows
    ]


def _stream(
    queryset: QuerySet[OrganisationPage], request: HttpRequest, *, full_service: bool
) -> StreamingHttpResponse:
    """Every matching organisation, a line each, read in batches of ids so that memory
    and queries per batch stay the same however large the directory."""
    ids = list(queryset.values_list("pk", flat=True))

    def lines() -> Iterator[str]:
        for start in range(0, len(ids), STREAM_BATCH):
            rows = fetch_organisations(ids[start : start + STREAM_BATCH])
            for item in _organisations(rows, request, full_service=full_service):
                yield json.dumps(item, ensure_ascii=False) + "\n"

    response = StreamingHttpResponse(lines(), content_type="application/x-ndjson")
    response["X-Total-Count"] = str(len(ids))
    return response
