"""Our own OpenAPI 3.0 description of the Open Referral UK API we implement.

Written here, not copied from the ORUK profile's openapi.json, so that it says exactly
what this server does (the extra `full`, `organization_id`, `taxonomy_id`, `parent_id`
and `top_only` parameters, `format` on /organizations, `minimal` on /services (which the
profile defines but gives no endpoint), the 400/404/405/429 answers) and
the site never depends on files outside the project at run time. Response bodies refer
to the ORUK 3.0 schemas by their published URLs, as the profile's own description does.
"""

from __future__ import annotations

from search.api.openapi_parameters import SERVICE_FILTERS, query_parameters

SCHEMAS = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema"


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/parameters/{name}"}


def _page_of(schema_url: str, description: str) -> dict:
    return {
        "description": description,
        "content": {
            "application/json": {
                "schema": {
                    "allOf": [{"$ref": "#/components/schemas/Page"}],
                    "properties": {"contents": {"type": "array", "items": {"$ref": schema_url}}},
                }
            }
        },
    }


def _organizations_page() -> dict:
    """A page as JSON, or with format=ndjson every organization, one JSON object a line."""
    response = _page_of(
        f"{SCHEMAS}/compiled/organization_list.json",
        "A page of organizations; with format=ndjson, every matching organization.",
    )
    response["content"]["application/x-ndjson"] = {
        "schema": {"type": "string", "description": "One organization as JSON on each line."}
    }
    return response


def _services_page(schema_url: str) -> dict:
    """A page of services, or with minimal=true a plain array of every match's id and date."""
    page = _page_of(schema_url, "A page of services.")["content"]["application/json"]["schema"]
    every_match = {"type": "array", "items": {"$ref": "#/components/schemas/MinimalService"}}
    return {
        "description": "A page of services; with minimal=true, every matching service's id "
        "and modified_date.",
        "content": {"application/json": {"schema": {"oneOf": [page, every_match]}}},
    }


def _one(schema_url: str, description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": schema_url}}},
    }


def _errors(*codes: str) -> dict:
    texts = {
        "400": (
            "A parameter is malformed, out of range, empty or names no record (an unknown "
            "taxonomy, term or organization id); `detail` says which and why."
        ),
        "404": "No published record has this id.",
        "429": "Too many requests from this address; wait `Retry-After` seconds.",
    }
    return {
        code: {
            "description": texts[code],
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
        for code in codes
    }


def _get(operation_id: str, summary: str, parameters: list, responses: dict) -> dict:
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "parameters": parameters,
            "responses": responses,
        }
    }


def _by_id(what: str) -> list:
    return [
        {
            "in": "path",
            "name": "id",
            "required": True,
            "description": f"The id (a UUID) of the {what}.",
            "schema": {"type": "string", "format": "uuid"},
        }
    ]


def openapi_document(server_url: str) -> dict:
    """The description served at /api/oruk/openapi.json, for a server at `server_url`."""
    service_list = f"{SCHEMAS}/compiled/service_list.json"
    service_full = f"{SCHEMAS}/compiled/service.json"
    sal_list = f"{SCHEMAS}/compiled/service_at_location_list.json"
    sal_full = f"{SCHEMAS}/compiled/service_at_location.json"
    taxonomy = f"{SCHEMAS}/taxonomy.json"
    term = f"{SCHEMAS}/taxonomy_term.json"
    paging = [_ref("page"), _ref("per_page")]
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Northbridge SEND Local Offer: Open Referral UK API",
            "version": "3.0",
            "description": (
                "A read-only Open Referral UK 3.0 API of the published services in the "
                "Northbridge SEND Local Offer directory. Only published listings appear. "
                "Ids are UUIDs derived from our records and never change. Every answer is "
                'JSON; errors are {"detail": "..."}. Any origin may call it (CORS); each '
                "address may make a limited number of requests a minute (429 and "
                "Retry-After beyond it)."
            ),
            "license": {
                "name": "Open Government Licence v3.0",
                "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
            },
        },
        "servers": [{"url": server_url.rstrip("/")}],
        "paths": {
            "/": _get(
                "getAPIMetaInformation",
                "The ORUK version and profile this API follows.",
                [],
                {
                    "200": {
                        "description": "About this API.",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/About"}}
                        },
                    }
                },
            ),
            "/services": _get(
                "getPaginatedListOfServices",
                "A page of services with their one-to-one fields and organization.",
                [_ref(name) for name in [*SERVICE_FILTERS, "minimal"]],
                {"200": _services_page(service_list), **_errors("400", "429")},
            ),
            "/services/{id}": _get(
                "getFullyNestedServiceById",
                "A fully nested service.",
                _by_id("service"),
                {"200": _one(service_full, "The service."), **_errors("404", "429")},
            ),
            "/service_at_locations": _get(
                "getPaginatedListOfServiceAtLocation",
                "A page of services at locations, nearest first when a postcode is given.",
                [_ref(name) for name in [*SERVICE_FILTERS, "postcode", "proximity"]],
                {
                    "200": _page_of(sal_list, "A page of services at locations."),
                    **_errors("400", "429"),
                },
            ),
            "/service_at_locations/{id}": _get(
                "getServiceAtLocationWithNestedDataById",
                "A fully nested service at a location.",
                _by_id("service at location"),
                {"200": _one(sal_full, "The service at a location."), **_errors("404", "429")},
            ),
            "/organizations": _get(
                "getPaginatedListOfOrganizations",
                "A page of the organizations the council has verified, by name.",
                [_ref(name) for name in ("search", "page", "per_page", "full_service", "format")],
                {"200": _organizations_page(), **_errors("400", "429")},
            ),
            "/organizations/{id}": _get(
                "getOrganizationById",
                "An organization with its published services.",
                [*_by_id("organization"), _ref("full_service")],
                {
                    "200": _one(f"{SCHEMAS}/compiled/organization.json", "The organization."),
                    **_errors("400", "404", "429"),
                },
            ),
            "/taxonomies": _get(
                "getPaginatedListOfTaxonomies",
                "Our taxonomies: service categories, SEND needs and outcomes.",
                paging,
                {"200": _page_of(taxonomy, "A page of taxonomies."), **_errors("400", "429")},
            ),
            "/taxonomies/{id}": _get(
                "getTaxonomyById",
                "A taxonomy with all its terms.",
                _by_id("taxonomy"),
                {"200": _one(taxonomy, "The taxonomy."), **_errors("404", "429")},
            ),
            "/taxonomy_terms": _get(
                "getPaginatedListOfTaxonomyTerms",
                "A page of taxonomy terms (categories in tree order).",
                [
                    *paging,
                    _ref("search"),
                    {
                        "name": "taxonomy_id",
                        "in": "query",
                        "required": False,
                        "description": "Only terms of this taxonomy.",
                        "schema": {"type": "string", "format": "uuid"},
                    },
                    {
                        "name": "parent_id",
                        "in": "query",
                        "required": False,
                        "description": "Only the children of this term.",
                        "schema": {"type": "string", "format": "uuid"},
                    },
                    {
                        "name": "top_only",
                        "in": "query",
                        "required": False,
                        "description": "true: only terms without a parent.",
                        "schema": {"type": "boolean"},
                    },
                ],
                {"200": _page_of(term, "A page of taxonomy terms."), **_errors("400", "429")},
            ),
            "/taxonomy_terms/{id}": _get(
                "getTaxonomyTermById",
                "A taxonomy term.",
                _by_id("taxonomy term"),
                {"200": _one(term, "The taxonomy term."), **_errors("404", "429")},
            ),
        },
        "components": {
            "schemas": {
                "About": {
                    "type": "object",
                    "properties": {
                        "version": {"type": "string", "example": "3.0"},
                        "profile": {"type": "string", "format": "uri"},
                        "openapi_url": {"type": "string", "format": "uri"},
                    },
                },
                "Page": {
                    "type": "object",
                    "required": [
                        "total_items",
                        "total_pages",
                        "page_number",
                        "size",
                        "first_page",
                        "last_page",
                        "empty",
                        "contents",
                    ],
                    "properties": {
                        "total_items": {"type": "integer"},
                        "total_pages": {"type": "integer"},
                        "page_number": {"type": "integer"},
                        "size": {"type": "integer", "description": "Items in this page."},
                        "first_page": {"type": "boolean"},
                        "last_page": {"type": "boolean"},
                        "empty": {"type": "boolean", "description": "This page has no items."},
                        "contents": {"type": "array", "items": {}},
                    },
                },
                "MinimalService": {
                    "type": "object",
                    "required": ["id", "modified_date"],
                    "properties": {
                        "id": {"type": "string", "format": "uuid"},
                        "modified_date": {"type": "string", "format": "date-time"},
                    },
                },
                "Error": {
                    "type": "object",
                    "required": ["detail"],
                    "properties": {"detail": {"type": "string"}},
                },
            },
            "parameters": query_parameters(),
        },
    }
