"""The Open Referral UK 3.0 endpoints: about, services, service_at_locations, taxonomies.

Each view reads its parameters (search.api.params: 400 with a message when wrong), asks
the selectors for one page of ids, fetches those rows with their relations and builds
the standard's objects. Unknown or unpublished ids answer 404; every answer is JSON.
`/services?minimal=true` answers every match's id and date in one array instead of a
page (search.api.minimal).
"""

from __future__ import annotations

import math
from typing import cast

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from providers.models import Category, OrganisationPage, ServiceLocation, ServicePage
from search.api import params, serializers
from search.api.http import api_view, json_response
from search.api.ids import id_map, model_id
from search.api.minimal import minimal_response
from search.api.openapi import openapi_document
from search.api.params import ApiError, Paging
from search.api.selectors import (
    Near,
    ServiceFilters,
    fetch_locations,
    fetch_services,
    location_page,
    organisation_path,
    published_services,
    service_page,
)
from search.api.taxonomies import (
    CATEGORIES,
    NEEDS,
    OUTCOMES,
    TAXONOMIES,
    Taxonomy,
    taxonomy_for_id,
    term_for_id,
)
from search.gazetteer import PostcodeError, locate

ORUK_VERSION = "3.0"
ORUK_PROFILE = "https://docs.openreferraluk.org/en/latest/"
METRES_PER_MILE = 1609.344


def envelope(contents: list[dict], *, total: int, paging: Paging) -> dict:
    """The standard's page: totals, where this page is, and its contents.

    A page past the end is an empty page (not an error), so a client that pages on while
    listings are unpublished under it simply stops.
    """
    total_pages = max(1, math.ceil(total / paging.per_page))
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": paging.page,
        "size": len(contents),
        "first_page": paging.page == 1,
        "last_page": paging.page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


# --- about and the OpenAPI description ----------------------------------------------------


@api_view
def about(request: HttpRequest) -> HttpResponse:
    return json_response(
        {
            "version": ORUK_VERSION,
            "profile": ORUK_PROFILE,
            "openapi_url": request.build_absolute_uri(reverse("oruk:openapi")),
        }
    )


@api_view
def openapi(request: HttpRequest) -> HttpResponse:
    return json_response(openapi_document(request.build_absolute_uri(reverse("oruk:about"))))


# --- services -----------------------------------------------------------------------------


def service_filters(request: HttpRequest) -> ServiceFilters:
    """The filters shared by /services and /service_at_locations, checked."""
    query = request.GET
    minimum_age, maximum_age = params.ages(query)
    values: dict = {
        "text": params.search_text(query),
        "minimum_age": minimum_age,
        "maximum_age": maximum_age,
        "modified_after": params.datetime_after(query, "modified_after"),
        "day": params.day(query),
        "start_time": params.time_of_day(query, "start_time"),
        "end_time": params.time_of_day(query, "end_time"),
    }
    term_id = params.uuid_identifier(query, "taxonomy_term_id")
    if term_id:
        found = term_for_id(term_id)
        if found is None:
            raise ApiError(f"There is no taxonomy term with id '{term_id[:60]}'")
        owner, term = found
        slug: str = getattr(term, "slug", "")
        if owner.key == CATEGORIES:
            # A top-level category includes its sub-categories, as in the directory.
            children = Category.objects.filter(parent_id=term.pk).values_list("pk", "slug")
            values["category_ids"] = (term.pk, *(pk for pk, _ in children))
            values["category_slugs"] = (slug,)
        elif owner.key == NEEDS:
            values["need_ids"] = (term.pk,)
            values["need_slugs"] = (slug,)
        elif owner.key == OUTCOMES:
            values["outcome_ids"] = (term.pk,)
    taxonomy_id = params.uuid_identifier(query, "taxonomy_id")
    if taxonomy_id:
        taxonomy = taxonomy_for_id(taxonomy_id)
        if taxonomy is None:
            raise ApiError(f"There is no taxonomy with id '{taxonomy_id[:60]}'")
        values["taxonomy"] = taxonomy.key
    organisation_id = params.uuid_identifier(query, "organization_id")
    if organisation_id:
        candidates = OrganisationPage.objects.live().public()
        pk = id_map(OrganisationPage._meta.label_lower).resolve(organisation_id, candidates)
        path = organisation_path(pk) if pk is not None else None
        if path is None:
            raise ApiError(f"There is no organization with id '{organisation_id[:60]}'")
        values["organisation_path"] = path
    return ServiceFilters(**values)


@api_view
def services(request: HttpRequest) -> HttpResponse:
    paging = params.paging(request.GET)
    full = params.boolean(request.GET, "full")
    minimal = params.boolean(request.GET, "minimal")
    if minimal and full:
        raise ApiError("minimal and full cannot be used together: choose one")
    filters = service_filters(request)
    if minimal:
        # Every match in one plain array (search.api.minimal); api_view passes any
        # response through (headers only), though it is typed for the usual one.
        return cast(HttpResponse, minimal_response(filters))
    ids, total = service_page(filters, paging)
    rows = fetch_services(ids, full=full)
    contents = [serializers.service(row, request, full=full) for row in rows]
    return json_response(envelope(contents, total=total, paging=paging))


@api_view
def service_detail(request: HttpRequest, pk: str) -> HttpResponse:
    found = id_map(ServicePage._meta.label_lower).resolve(pk, published_services())
    rows = fetch_services([found], full=True) if found is not None else []
    if not rows:
        raise ApiError(f"There is no published service with id '{pk[:60]}'", status=404)
    return json_response(serializers.service(rows[0], request, full=True))


# --- service at locations -----------------------------------------------------------------


def _near(request: HttpRequest) -> Near | None:
    postcode = params.identifier(request.GET, "postcode")
    metres = params.proximity_metres(request.GET)
    if postcode is None:
        if metres is not None:
            raise ApiError("proximity needs a postcode to measure from")
        return None
    try:
        point = locate(postcode)
    except PostcodeError as problem:
        raise ApiError(f"postcode: {problem}") from problem
    return Near(point=point, radius_miles=metres / METRES_PER_MILE if metres else None)


@api_view
def service_at_locations(request: HttpRequest) -> HttpResponse:
    paging = params.paging(request.GET)
    full = params.boolean(request.GET, "full")
    filters = service_filters(request)
    near = _near(request)
    ids, total = location_page(filters, paging, near)
    rows = fetch_locations(ids, full=full)
    contents = [
        serializers.service_at_location(
            row,
            request,
            service_id=model_id(row.published_service),
            full=full,
            with_service=row.published_service,
        )
        for row in rows
    ]
    return json_response(envelope(contents, total=total, paging=paging))


@api_view
def service_at_location_detail(request: HttpRequest, pk: str) -> HttpResponse:
    candidates = ServiceLocation.objects.filter(service__in=published_services().values("pk"))
    found = id_map(ServiceLocation._meta.label_lower).resolve(pk, candidates)
    rows = fetch_locations([found], full=True) if found is not None else []
    if not rows:
        raise ApiError(f"There is no published service_at_location with id '{pk[:60]}'", status=404)
    row = rows[0]
    return json_response(
        serializers.service_at_location(
            row,
            request,
            service_id=model_id(row.published_service),
            full=True,
            with_service=row.published_service,
        )
    )


# --- taxonomies ---------------------------------------------------------------------------


def _terms(taxonomy: Taxonomy) -> list:
    """A taxonomy's terms; categories as a tree (each top level followed by its children)."""
    terms = list(taxonomy.terms())
    if taxonomy.key != CATEGORIES:
        return terms
    children: dict[int, list] = {}
    for term in terms:
        if term.parent_id:
            children.setdefault(term.parent_id, []).append(term)
    ordered = []
    for term in terms:
        if not term.parent_id:
            ordered.append(term)
            ordered.extend(children.pop(term.pk, []))
    ordered.extend(term for group in children.values() for term in group)
    return ordered


@api_view
def taxonomies(request: HttpRequest) -> HttpResponse:
    paging = params.paging(request.GET)
    window = TAXONOMIES[paging.offset : paging.offset + paging.per_page]
    contents = [serializers.taxonomy(item, request) for item in window]
    return json_response(envelope(contents, total=len(TAXONOMIES), paging=paging))


@api_view
def taxonomy_detail(request: HttpRequest, pk: str) -> HttpResponse:
    taxonomy = taxonomy_for_id(pk)
    if taxonomy is None:
        raise ApiError(f"There is no taxonomy with id '{pk[:60]}'", status=404)
    return json_response(serializers.taxonomy(taxonomy, request, terms=_terms(taxonomy)))


@api_view
def taxonomy_terms(request: HttpRequest) -> HttpResponse:
    query = request.GET
    paging = params.paging(query)
    chosen = TAXONOMIES
    taxonomy_id = params.uuid_identifier(query, "taxonomy_id")
    if taxonomy_id:
        taxonomy = taxonomy_for_id(taxonomy_id)
        if taxonomy is None:
            raise ApiError(f"There is no taxonomy with id '{taxonomy_id[:60]}'")
        chosen = (taxonomy,)
    terms = [term for taxonomy in chosen for term in _terms(taxonomy)]
    parent_id = params.uuid_identifier(query, "parent_id")
    if parent_id:
        found = term_for_id(parent_id)
        if found is None:
            raise ApiError(f"There is no taxonomy term with id '{parent_id[:60]}'")
        parent = found[1]
        terms = [
            term
            for term in terms
            if getattr(term, "parent_id", None) == parent.pk and isinstance(term, type(parent))
        ]
    if params.boolean(query, "top_only"):
        terms = [term for term in terms if not getattr(term, "parent_id", None)]
    text = params.search_text(query).lower()
    if text:
        terms = [term for term in terms if text in term.name.lower()]
    window = terms[paging.offset : paging.offset + paging.per_page]
    contents = [serializers.taxonomy_term(term, request) for term in window]
    return json_response(envelope(contents, total=len(terms), paging=paging))


@api_view
def taxonomy_term_detail(request: HttpRequest, pk: str) -> HttpResponse:
    found = term_for_id(pk)
    if found is None:
        raise ApiError(f"There is no taxonomy term with id '{pk[:60]}'", status=404)
    return json_response(serializers.taxonomy_term(found[1], request))


@api_view
def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    raise ApiError("Not found. See the OpenAPI description at /api/oruk/openapi.json", status=404)
