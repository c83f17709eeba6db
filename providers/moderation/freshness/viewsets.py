"""Admin screens for listing freshness: the moderators' list of stale listings, and the
provider's dashboard panel of listings to confirm in the open cycle.

Moderation is a role, not a model permission (providers.moderation.permissions): the list is for
moderators and site administrators only. It is read only: listings leave it when their
provider confirms or updates them.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from providers.models import ServicePage
from providers.moderation.freshness.models import ListingFreshness
from providers.moderation.freshness.selectors import listings_to_confirm, stale_listings
from providers.moderation.selectors.cycles import current_cycle

STATE_FLAGGED = "flagged"
STATE_UNPUBLISHED = "unpublished"


class StaleListingFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label="State",
        choices=[
            (STATE_FLAGGED, "Flagged as out of date"),
            (STATE_UNPUBLISHED, "Unpublished as stale"),
        ],
        empty_label="All",
        method="filter_state",
        widget=forms.RadioSelect,
    )

    class Meta:
        model = ListingFreshness
        fields = ["state"]

    def filter_state(self, queryset, name, value):
        if value == STATE_FLAGGED:
            return queryset.flagged()
        if value == STATE_UNPUBLISHED:
            return queryset.unpublished_as_stale()
        return queryset


class StaleListingIndexView(IndexView):
    def get_base_queryset(self):
        listings = ServicePage.objects.with_organisation().filter(pk=OuterRef("page_id"))
        return stale_listings().annotate(
            organisation_title=Subquery(listings.values("organisation_title")[:1])
        )


def _listing_edit_url(record: ListingFreshness) -> str:
    return reverse("wagtailadmin_pages:edit", args=[record.page_id])


class StaleListingViewSet(ModelViewSet):
    model = ListingFreshness
    name = "stale_listings"
    url_prefix = "stale-listings"
    icon = "warning"
    menu_label = "Stale listings"
    menu_order = 330
    add_to_admin_menu = True
    index_view_class = StaleListingIndexView
    filterset_class = StaleListingFilterSet
    copy_view_enabled = False
    inspect_view_enabled = False
    list_per_page = 50
    # No add or edit screen is registered; Wagtail still builds the form class.
    form_fields: list[str] = []
    ordering = ["-missed_cycles", "page__title"]
    list_display = [
        TitleColumn("page", label="Listing", accessor="page.title", get_url=_listing_edit_url),
        Column("organisation_title", label="Organisation"),
        Column("missed_cycles", label="Review rounds missed", sort_key="missed_cycles"),
        DateColumn("flagged_at", label="Flagged since", sort_key="flagged_at"),
        DateColumn("warned_at", label="Warned"),
        DateColumn("reminded_at", label="Reminded"),
        DateColumn("unpublished_at", label="Unpublished", sort_key="unpublished_at"),
        DateColumn("last_checked_at", label="Last confirmed or updated"),
    ]

    def get_common_view_kwargs(self, **kwargs):
        # Read only: no add, edit, delete, history or usage screens to link to.
        return super().get_common_view_kwargs(
            **{
                "add_url_name": None,
                "edit_url_name": None,
                "delete_url_name": None,
                "history_url_name": None,
                "usage_url_name": None,
                **kwargs,
            }
        )

    def get_urlpatterns(self):
        return [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name in ("index", "index_results")
        ]

    def get_permissions_to_register(self):
        # A role (ModeratorsOnlyPolicy), so no checkboxes in the group editor.
        return super().get_permissions_to_register().none()


class ListingsToConfirmPanel(Component):
    """The provider's dashboard: live listings not yet confirmed or updated this cycle."""

    name = "listings_to_confirm"
    template_name = "moderation/freshness/admin/listings_to_confirm_panel.html"
    order = 40

    def __init__(self, cycle, listings) -> None:
        self.cycle = cycle
        self.listings = listings

    @classmethod
    def for_request(cls, request) -> ListingsToConfirmPanel | None:
        cycle = current_cycle()
        listings = listings_to_confirm(request.user, cycle)
        return cls(cycle, listings) if listings else None

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(
            {
                "cycle": self.cycle,
                "listings": self.listings,
                "request": parent_context["request"],
                "csrf_token": parent_context["csrf_token"],
            }
        )
        return context
