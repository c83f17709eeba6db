"""Admin screens for reported problems.

Moderators and site administrators see and act on every report (a role, not a model
permission: providers.moderation.permissions.ModeratorsOnlyPolicy, which also refuses deletion, so
reports stay on record). One screen per report: what was sent (read only), the note, and
buttons "Mark as in progress" and "Resolve", each through a service that checks the move
and writes the history. Reports arrive through the public form only: no "add" screen.

Providers never reach these screens; they see their own listings' reports, except
safeguarding concerns, in a dashboard panel.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.urls import reverse
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet

from localoffer.core.admin_views import ServiceActionEditView
from providers.moderation.reports.enums import REPORT_TRANSITIONS, ReportKind, ReportStatus
from providers.moderation.reports.forms import ReportModerationForm
from providers.moderation.reports.models import ListingReport
from providers.moderation.reports.selectors import PROVIDER_PANEL_LIMIT, reports_for_provider
from providers.moderation.reports.services import (
    mark_report_in_progress,
    resolve_report,
)


class ListingReportFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        choices=ReportStatus.choices, empty_label="All", widget=forms.RadioSelect
    )
    kind = django_filters.ChoiceFilter(
        label="What is wrong", choices=ReportKind.choices, empty_label="All"
    )

    class Meta:
        model = ListingReport
        fields = ["status", "kind"]


class ListingReportEditView(ServiceActionEditView):
    """Each button goes through its service, never a plain save of the form."""

    actions = ["start", "resolve"]
    success_messages = {
        "start": "'%s' is marked as in progress.",
        "resolve": "'%s' is resolved.",
    }

    def get_action(self, request):
        for action in self.get_available_actions():
            if request.POST.get(f"action-{action}"):
                return action
        return "resolve"

    def save_instance(self) -> ListingReport:
        user = self.request.user
        if self.action == "start":
            return mark_report_in_progress(report=self.object, user=user)
        return resolve_report(
            report=self.object,
            user=user,
            note=self.form.cleaned_data.get("resolution_note", ""),
        )

    def get_success_message(self) -> str:
        return self.success_messages[self.action] % (self.object,)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        report = ListingReport.objects.select_related("page", "resolved_by").get(pk=self.object.pk)
        allowed = REPORT_TRANSITIONS[report.status]
        context.update(
            {
                "report": report,
                "listing_edit_url": reverse("wagtailadmin_pages:edit", args=[report.page_id])
                if report.page_id
                else "",
                "can_start": ReportStatus.IN_PROGRESS in allowed,
                "can_resolve": ReportStatus.RESOLVED in allowed,
                "is_resolved": report.status == ReportStatus.RESOLVED,
            }
        )
        return context


class ListingReportViewSet(ModelViewSet):
    model = ListingReport
    name = "listing_reports"
    url_prefix = "listing-reports"
    icon = "warning"
    menu_label = "Reported problems"
    menu_order = 320
    add_to_admin_menu = True
    edit_view_class = ListingReportEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_per_page = 50
    ordering = ["-created_at"]
    filterset_class = ListingReportFilterSet
    search_fields = ["page_title", "details"]
    list_display = [
        "page_title",
        Column("get_kind_display", label="What is wrong", sort_key="kind"),
        Column("excerpt", label="Details"),
        DateColumn("created_at", label="Received", sort_key="created_at"),
        StatusTagColumn(
            "get_status_display",
            label="Status",
            sort_key="status",
            primary=lambda report: report.status != ReportStatus.RESOLVED,
        ),
    ]
    inspect_view_fields = [
        "page_title",
        "kind",
        "details",
        "name",
        "email",
        "status",
        "created_at",
        "resolution_note",
        "resolved_at",
        "resolved_by",
    ]
    edit_template_name = "moderation/reports/admin/edit.html"
    edit_handler = ObjectList(
        [FieldPanel("resolution_note", heading="What was done")],
        base_form_class=ReportModerationForm,
    )

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(**{"add_url_name": None, **kwargs})

    def get_urlpatterns(self):
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "add"]

    def get_permissions_to_register(self):
        # A role (ModeratorsOnlyPolicy), so no checkboxes in the group editor.
        return super().get_permissions_to_register().none()


class ProviderReportsPanel(Component):
    """A provider's dashboard: open reports about their listings (never safeguarding)."""

    name = "provider_reports"
    template_name = "moderation/reports/admin/provider_reports_panel.html"
    order = 45

    def __init__(self, reports) -> None:
        self.reports = reports

    @classmethod
    def for_request(cls, request) -> ProviderReportsPanel | None:
        reports = list(reports_for_provider(request.user)[:PROVIDER_PANEL_LIMIT])
        return cls(reports) if reports else None

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["reports"] = self.reports
        return context
