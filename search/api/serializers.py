"""Our listings as Open Referral UK 3.0 objects: plain functions building dicts.

The shapes follow the ORUK 3.0 JSON schemas (service, organization, location, schedule,
cost_option, ...). Where HSDS 3.0, which ORUK profiles, has a field ORUK's schemas leave
out but consumers use (a cost option's `currency`, a language's `name` and `code`, a
contact's `email` and `phones`, a service's `eligibility_description`), we add it: the
schemas allow extra properties. Optional fields with no value are left out rather than
sent empty, because an empty string is not a valid email address or URI.

Nothing here queries the database: callers fetch a page with its relations prefetched
(search.api.selectors), so a page costs the same queries whatever its size.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import strip_tags

from providers.enums import ScheduleKind
from providers.formatting import describe_schedule
from providers.models import (
    CostOption,
    OrganisationPage,
    ServiceContact,
    ServiceLocation,
    ServicePage,
    ServiceSchedule,
)
from search.api import ids
from search.api.ids import model_id, oruk_id
from search.api.taxonomies import BY_MODEL, TAXONOMIES, Taxonomy

DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # providers.enums.Weekday order
BLOCK_END_RE = re.compile(r"</(?:p|li|h[1-6]|div|ul|ol|blockquote)\s*>|<br\s*/?>", re.IGNORECASE)
# ISO 639 codes of languages staff list (British Sign Language has a 639-3 code only).
LANGUAGE_CODES = {
    "english": "en",
    "arabic": "ar",
    "bengali": "bn",
    "british sign language": "bfi",
    "bsl": "bfi",
    "french": "fr",
    "gujarati": "gu",
    "hindi": "hi",
    "italian": "it",
    "lithuanian": "lt",
    "mandarin": "zh",
    "cantonese": "zh",
    "pashto": "ps",
    "persian": "fa",
    "farsi": "fa",
    "polish": "pl",
    "portuguese": "pt",
    "punjabi": "pa",
    "romanian": "ro",
    "russian": "ru",
    "somali": "so",
    "spanish": "es",
    "tamil": "ta",
    "turkish": "tr",
    "ukrainian": "uk",
    "urdu": "ur",
    "welsh": "cy",
}


# --- small helpers ------------------------------------------------------------------------


def compact(data: dict, *, keep: tuple[str, ...] = ()) -> dict:
    """Drop optional keys with no value (None or ""); keys in `keep` always stay."""
    return {key: value for key, value in data.items() if key in keep or value not in (None, "")}


def html_to_text(value: str) -> str:
    """Rich text as plain text, one line per paragraph or list item.

    Rich text in the database holds Wagtail's internal link markup; expanding it costs a
    query per link, and consumers render our text in their own pages anyway.
    """
    if not value:
        return ""
    text = html.unescape(strip_tags(BLOCK_END_RE.sub("\n", value)))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def years(months: int) -> float | int:
    """Our ages are whole months; the standard's are years (6 months is 0.5)."""
    whole, rest = divmod(months, 12)
    return whole if rest == 0 else round(months / 12, 2)


def timestamp(value: dt.datetime | None) -> str | None:
    """RFC 3339 in UTC with milliseconds, as the standard's examples show."""
    if value is None:
        return None
    return value.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def clock(value: dt.time) -> str:
    return value.strftime("%H:%M")


def money(amount: Decimal | None) -> float | int:
    """A JSON number: ORUK's amount is a number, and a Decimal would be sent as a string."""
    if amount is None:
        return 0
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def absolute(request: HttpRequest, url: str | None) -> str | None:
    return request.build_absolute_uri(url) if url else None


# --- taxonomies ---------------------------------------------------------------------------


def taxonomy(item: Taxonomy, request: HttpRequest, *, terms=None) -> dict:
    data: dict[str, object] = {
        "id": item.id,
        "name": item.name,
        "description": item.description,
        "uri": absolute(request, reverse("oruk:taxonomy", kwargs={"pk": item.id})),
        "version": "1",
    }
    if terms is not None:
        data["taxonomy_terms"] = [taxonomy_term(term, request) for term in terms]
    return data


def taxonomy_term(term, request: HttpRequest) -> dict:
    """A category, need or outcome as a taxonomy_term."""
    owner = BY_MODEL[type(term)]
    description = getattr(term, "description", "") or ""
    if not description and hasattr(term, "get_group_display"):
        description = f"{term.get_group_display()}: {term.name}"
    parent_id = getattr(term, "parent_id", None)
    term_uri = None
    if owner.key == "categories":
        term_uri = absolute(request, reverse("providers:category", kwargs={"slug": term.slug}))
    return compact(
        {
            "id": model_id(term),
            "code": term.slug,
            "name": term.name,
            "description": description or term.name,
            "parent_id": oruk_id(term._meta.label_lower, parent_id) if parent_id else None,
            "taxonomy": owner.name,
            "taxonomy_id": owner.id,
            "term_uri": term_uri,
            "term": term.name,
        },
        keep=("id", "name", "description"),
    )


# --- organisations ------------------------------------------------------------------------


def organization(organisation: OrganisationPage, request: HttpRequest) -> dict:
    """The organisation as a full object (its identifiers and phone come from its own row)."""
    pk = organisation.pk
    org_id = model_id(organisation)
    identifiers = []
    if organisation.charity_number:
        identifiers.append(("GB-CHC", "Charity number", organisation.charity_number))
    if organisation.company_number:
        identifiers.append(("GB-COH", "Company number", organisation.company_number))
    logo = organisation.logo.file.url if organisation.logo_id and organisation.logo else None
    phones = []
    if organisation.phone:
        phones.append(
            {
                "id": oruk_id(ids.PHONE, "organisation", pk),
                "organization_id": org_id,
                "number": organisation.phone,
            }
        )
    return compact(
        {
            "id": org_id,
            "name": organisation.title,
            "description": html_to_text(organisation.description),
            "email": organisation.email,
            "website": organisation.website,
            "logo": absolute(request, logo),
            "uri": organisation.get_full_url(request),
            "organization_identifiers": [
                {
                    "id": oruk_id(ids.ORGANIZATION_IDENTIFIER, pk, scheme),
                    "organization_id": org_id,
                    "identifier_scheme": scheme,
                    "identifier_type": kind,
                    "identifier": value,
                }
                for scheme, kind, value in identifiers
            ],
            "phones": phones,
        },
        keep=("id", "name", "description"),
    )


# --- services -----------------------------------------------------------------------------


def _service_email(service: ServicePage, organisation: OrganisationPage | None) -> str:
    """The first contact's email address, else the organisation's."""
    for row in service.contacts.all():
        if row.email:
            return row.email
    return organisation.email if organisation else ""


def _eligibility(service: ServicePage) -> str:
    parts = [service.eligibility.strip()]
    if service.ehc_plan_required:
        parts.append("An education, health and care (EHC) plan is needed.")
    if service.referral_required:
        parts.append("A referral is needed.")
    return "\n".join(part for part in parts if part)


def minimal_service(pk: int, changed: dt.datetime | None) -> dict:
    """A service as `/services?minimal=true` lists it: its id and when it last changed
    (the same moment as its `last_modified`)."""
    return {"id": oruk_id(ServicePage._meta.label_lower, pk), "modified_date": timestamp(changed)}


def service(item: ServicePage, request: HttpRequest, *, full: bool = False) -> dict:
    """A service: its one-to-one fields and organisation, and with `full` everything else.

    `item.organisation_page` must be attached (search.api.selectors.attach_organisations);
    `full` needs the relations of selectors.service_relations() prefetched.
    """
    organisation = getattr(item, "organisation_page", None)
    service_id = model_id(item)
    description = "\n".join(part for part in (item.summary, html_to_text(item.description)) if part)
    data = {
        "id": service_id,
        "organization_id": model_id(organisation) if organisation else None,
        "name": item.title,
        "description": description,
        "url": item.get_full_url(request),
        "email": _service_email(item, organisation),
        "status": "active",
        "minimum_age": years(item.min_age_months),
        "maximum_age": years(item.max_age_months),
        "eligibility_description": _eligibility(item),
        "application_process": html_to_text(item.how_to_access),
        "assured_date": item.last_reviewed.isoformat() if item.last_reviewed else None,
        "last_modified": timestamp(
            item.last_published_at or item.latest_revision_created_at or item.first_published_at
        ),
        "organization": organization(organisation, request) if organisation else None,
    }
    if full:
        contacts = list(item.contacts.all())
        data.update(
            {
                "schedules": [schedule(row, item, service_id) for row in item.schedules.all()],
                "service_areas": [service_area(item, service_id)],
                "service_at_locations": [
                    service_at_location(location, request, service_id=service_id, full=True)
                    for location in item.locations.all()
                ],
                "languages": languages(item, service_id),
                "cost_options": [cost_option(row, service_id) for row in item.cost_options.all()],
                "contacts": [contact(row, service_id) for row in contacts],
                "phones": [phone for row in contacts for phone in contact_phones(row, service_id)],
                "attributes": attributes(item, request, service_id),
            }
        )
    return compact(data, keep=("id", "name", "status"))


def schedule(row: ServiceSchedule, item: ServicePage, service_id: str) -> dict:
    """A weekly slot as an RFC 5545 rule (WEEKLY on one day), a one-off as a single date.

    Times are UK local time without an offset: a weekly 4pm session is at 4pm in winter
    and in summer, which no fixed UTC offset could say.
    """
    data: dict[str, Any] = {
        "id": model_id(row),
        "service_id": service_id,
        "opens_at": clock(row.start_time),
        "closes_at": clock(row.end_time),
        "description": describe_schedule(row),
        "attending_type": ", ".join(item.delivery_methods),
        "notes": row.notes,
    }
    if row.kind == ScheduleKind.ONE_OFF and row.date:
        day = row.date.isoformat()
        data.update({"dtstart": day, "valid_from": day, "valid_to": day})
    elif row.weekday is not None:
        data.update({"freq": "WEEKLY", "interval": 1, "byday": DAY_CODES[row.weekday]})
    return compact(data, keep=("id",))


def service_area(item: ServicePage, service_id: str) -> dict:
    label = item.get_area_served_display()
    return {
        "id": oruk_id(ids.SERVICE_AREA, item.pk),
        "service_id": service_id,
        "name": label,
        "service_area": label,
    }


def languages(item: ServicePage, service_id: str) -> list[dict]:
    """English, then the other languages staff speak."""
    names = list(dict.fromkeys(["English", *item.languages_list]))
    return [
        compact(
            {
                "id": oruk_id(ids.LANGUAGE, item.pk, name.lower()),
                "service_id": service_id,
                "name": name,
                "code": LANGUAGE_CODES.get(name.lower()),
            },
            keep=("id",),
        )
        for name in names
    ]


def cost_option(row: CostOption, service_id: str) -> dict:
    """A price per unit in pounds (free is an amount of 0)."""
    description = row.price_display
    if row.direct_payment_eligible:
        description += "; can be paid for with a direct payment"
    return compact(
        {
            "id": model_id(row),
            "service_id": service_id,
            "option": row.label or ("Free" if row.is_free else f"Per {row.get_unit_display()}"),
            "amount": money(None if row.is_free else row.amount),
            "currency": "GBP",
            "amount_description": description,
        },
        keep=("id",),
    )


def contact_phones(row: ServiceContact, service_id: str) -> list[dict]:
    if not row.phone:
        return []
    return [
        {
            "id": oruk_id(ids.PHONE, "contact", row.pk),
            "contact_id": model_id(row),
            "service_id": service_id,
            "number": row.phone,
        }
    ]


def contact(row: ServiceContact, service_id: str) -> dict:
    return compact(
        {
            "id": model_id(row),
            "service_id": service_id,
            "name": row.name,
            "title": row.role,
            "email": row.email,
            "phones": contact_phones(row, service_id),
        },
        keep=("id",),
    )


def attributes(item: ServicePage, request: HttpRequest, service_id: str) -> list[dict]:
    """Links from the service to its categories, needs and outcomes as taxonomy terms."""
    links = []
    relations = {"categories": item.categories, "needs": item.needs, "outcomes": item.outcomes}
    for owner in TAXONOMIES:
        for term in relations[owner.key].all():
            term_data = taxonomy_term(term, request)
            links.append(
                {
                    "id": oruk_id(ids.ATTRIBUTE, item.pk, term_data["id"]),
                    "link_id": service_id,
                    "link_type": owner.link_type,
                    "link_entity": "service",
                    "taxonomy_term_id": term_data["id"],
                    "taxonomy_term": term_data,
                }
            )
    return links


# --- locations ----------------------------------------------------------------------------


def location(row: ServiceLocation, *, full: bool) -> dict:
    """A place where a service happens.

    When the provider hides the exact address (a refuge, a family home) the standard
    gets what families see: the town and the postcode district, and no coordinates.
    """
    location_id = oruk_id(ids.LOCATION, row.pk)
    hidden = row.hide_exact_address
    data: dict[str, Any] = {
        "id": location_id,
        "location_type": "physical",
        "name": row.name,
        "latitude": None if hidden else row.latitude,
        "longitude": None if hidden else row.longitude,
    }
    if full:
        data["addresses"] = [
            compact(
                {
                    "id": oruk_id(ids.ADDRESS, row.pk),
                    "location_id": location_id,
                    "address_1": "" if hidden else row.address_line_1,
                    "address_2": "" if hidden else row.address_line_2,
                    "city": row.town,
                    "state_province": "",
                    "postal_code": row.postcode_district if hidden else row.postcode,
                    "country": "GB",
                    "address_type": "physical",
                },
                keep=(
                    "id",
                    "address_1",
                    "city",
                    "state_province",
                    "postal_code",
                    "country",
                    "address_type",
                ),
            )
        ]
        data["accessibility"] = accessibility(row, location_id)
    return compact(data, keep=("id", "location_type"))


def accessibility(row: ServiceLocation, location_id: str) -> list[dict]:
    """One entry per accessibility feature; the provider's notes give the details."""
    notes = row.accessibility_notes.strip()
    entries = [
        compact(
            {
                "id": oruk_id(ids.ACCESSIBILITY, row.pk, feature.pk),
                "location_id": location_id,
                "description": feature.name,
                "accessibility": feature.name,
                "details": notes,
            },
            keep=("id",),
        )
        for feature in row.accessibility.all()
    ]
    if notes and not entries:
        entries.append(
            {
                "id": oruk_id(ids.ACCESSIBILITY, row.pk, "notes"),
                "location_id": location_id,
                "description": notes,
                "accessibility": notes,
            }
        )
    return entries


def service_at_location(
    row: ServiceLocation,
    request: HttpRequest,
    *,
    service_id: str,
    full: bool,
    with_service: ServicePage | None = None,
) -> dict:
    """The link between a service and one of its locations; the list form nests the
    service's one-to-one fields, the full form the fully nested service."""
    data = {
        "id": model_id(row),
        "service_id": service_id,
        "location_id": oruk_id(ids.LOCATION, row.pk),
        "location": location(row, full=full),
    }
    if with_service is not None:
        data["service"] = service(with_service, request, full=full)
    return data
