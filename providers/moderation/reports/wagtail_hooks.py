"""Admin hooks for problems families report with listings."""

from wagtail import hooks
from wagtail.log_actions import LogActionRegistry
from wagtail.permissions import register_permission_policy

from providers.moderation.permissions import ModeratorsOnlyPolicy
from providers.moderation.reports import services
from providers.moderation.reports.models import ListingReport
from providers.moderation.reports.viewsets import ListingReportViewSet, ProviderReportsPanel

register_permission_policy(ListingReport, ModeratorsOnlyPolicy(ListingReport), exact_class=True)


@hooks.register("register_admin_viewset")
def register_listing_reports_viewset() -> ListingReportViewSet:
    return ListingReportViewSet()


@hooks.register("construct_homepage_panels")
def add_provider_reports_panel(request, panels) -> None:
    panel = ProviderReportsPanel.for_request(request)
    if panel is not None:
        panels.append(panel)


@hooks.register("register_log_actions")
def register_report_log_actions(actions: LogActionRegistry) -> None:
    actions.register_action(
        services.ACTION_RECEIVED, "Report received", "Received through the public form"
    )
    actions.register_action(services.ACTION_START, "Mark as in progress", "Marked as in progress")
    actions.register_action(services.ACTION_RESOLVE, "Resolve", "Resolved")
