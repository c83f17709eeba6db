"""A listing's "Booking settings" in the workspace: its address, and a button in the
listing's header in the page editor that leads there.

Imported by pricing/wagtail_hooks.py (Wagtail loads only the app's own hooks module).
"""

from __future__ import annotations

from typing import Any

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.widgets import Button

import localoffer.core.converters  # noqa: F401 (registers the <id:...> converter)
from pricing.offers import admin_views
from providers.models import ServicePage
from providers.organisations.access import is_organisation_member

offer_urls = (
    [path("<id:service>/", admin_views.OfferSettingsView.as_view(), name="settings")],
    "bookable_offers",
)


@hooks.register("register_admin_urls")
def register_offer_admin_urls() -> list:
    return [path("bookings/listings/", include(offer_urls))]


@hooks.register("register_page_header_buttons")
def booking_settings_button(page: Any, user: Any, view_name: str, next_url: Any = None) -> list:
    """ "Booking settings" on a listing's header, for its own organisation's team."""
    specific = page.specific_deferred
    if not isinstance(specific, ServicePage) or page.pk is None:
        return []
    organisation = specific.organisation
    if organisation is None or not is_organisation_member(user, organisation):
        return []
    return [
        Button(
            "Booking settings",
            reverse("bookable_offers:settings", args=[page.pk]),
            icon_name="date",
            priority=60,
        )
    ]
