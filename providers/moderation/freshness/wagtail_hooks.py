"""Admin hooks for listing confirmations and stale listings."""

from django.urls import path
from wagtail import hooks
from wagtail.log_actions import LogActionRegistry
from wagtail.permissions import register_permission_policy

import localoffer.core.converters  # noqa: F401 (registers the <id:...> converter)
from providers.moderation.freshness import services, views
from providers.moderation.freshness.models import ListingFreshness
from providers.moderation.freshness.viewsets import ListingsToConfirmPanel, StaleListingViewSet
from providers.moderation.permissions import ModeratorsOnlyPolicy

register_permission_policy(
    ListingFreshness, ModeratorsOnlyPolicy(ListingFreshness), exact_class=True
)


@hooks.register("register_admin_viewset")
def register_stale_listings_viewset() -> StaleListingViewSet:
    return StaleListingViewSet()


@hooks.register("register_admin_urls")
def register_confirm_url():
    return [
        path(
            "listings/confirm/<id:page_id>/",
            views.confirm_from_dashboard,
            name="freshness_confirm_listing",
        )
    ]


@hooks.register("construct_homepage_panels")
def add_listings_to_confirm_panel(request, panels) -> None:
    panel = ListingsToConfirmPanel.for_request(request)
    if panel is not None:
        panels.append(panel)


@hooks.register("register_log_actions")
def register_freshness_log_actions(actions: LogActionRegistry) -> None:
    actions.register_action(
        services.ACTION_CONFIRM, "Confirm listing", "Provider confirmed the listing is still right"
    )
    actions.register_action(
        services.ACTION_FLAG,
        "Flag as out of date",
        "Flagged as possibly out of date after two review rounds without a check",
    )
    actions.register_action(
        services.ACTION_REMIND,
        "Remind provider",
        "Reminded the provider that the listing will be unpublished at the deadline",
    )
    actions.register_action(
        services.ACTION_UNPUBLISH,
        "Unpublish as stale",
        "Unpublished after three review rounds without a check",
    )
    actions.register_action(
        services.ACTION_CLEAR,
        "Clear out-of-date flag",
        "Cleared the out-of-date flag because a change was published",
    )
