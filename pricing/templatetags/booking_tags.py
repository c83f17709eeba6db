"""The "Book a place" link on a listing's page.

Listings belong to providers, which must not import the marketplace (the apps import one
way: localoffer, then search and pricing, then providers), so the listing's template asks
for the link through this tag instead of its view. The link is the same for every
visitor, so the page stays in the full-page cache; the cache is purged when an offer is
made bookable or stops being so (localoffer.pagecache.signal_handlers).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from localoffer.core.money import format_pounds
from pricing.offers.enums import OfferKind
from pricing.offers.models import BookableOffer

register = template.Library()


@register.inclusion_tag("pricing/checkout/_book_link.html")
def book_link(service: Any) -> dict[str, Any]:
    """{% book_link page %}: "Book a place" for sessions, "Ask for hours of support" for
    hours, nothing when the listing is not bookable."""
    offer = (
        BookableOffer.objects.select_related("cost_option").filter(service_id=service.pk).first()
    )
    if offer is None or not offer.is_bookable:
        return {"link": None}
    if offer.kind == OfferKind.HOURS:
        return {
            "link": reverse("bookings:ask", args=[service.pk]),
            "text": "Ask for hours of support",
            "hint": "Tell the provider how many hours you need and when suits you.",
        }
    link = {
        "link": reverse("checkout:session", kwargs={"service": service.pk}),
        "text": "Book a place",
        "hint": "Choose a session, the child it is for and how to pay.",
    }
    if offer.group_price is not None and offer.group_size:
        # Families sharing the cost of a session for a group (pricing.sharing).
        link["share_link"] = reverse("sharing:start", kwargs={"service": service.pk})
        link["share_hint"] = (
            f"{format_pounds(offer.group_price)} for a session for up to "
            f"{offer.group_size} children, each family paying its share."
        )
    return link
