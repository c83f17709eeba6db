"""Submission cycles in the Wagtail admin: list, plan and change them, open and close them.

A ModelViewSet gives the list and forms; saving goes through `schedule_cycle` and
`change_cycle`, which check the dates (in order, not overlapping another cycle) and write
the audit entries; a refusal is shown on the form with what the moderator typed kept.
Only scheduled cycles can be changed. Opening and closing are separate
confirmation screens (`providers.moderation.views.CycleActionView`) calling `open_cycle` and
`close_cycle`. The permission policy (`ModeratorsOnlyPolicy`) keeps all of it to
moderators and superusers.
"""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton

from localoffer.core.admin_views import DomainErrorFormMixin
from providers.moderation.enums import CycleStatus
from providers.moderation.models import SubmissionCycle
from providers.moderation.selectors import suggested_cycle
from providers.moderation.services import change_cycle, schedule_cycle

CYCLE_FIELDS = ["name", "opens_on", "deadline", "review_by"]


class CycleCreateView(DomainErrorFormMixin, CreateView):
    def get_initial_form_instance(self):
        # Pre-filled with the suggested next cycle (providers.moderation.selectors.suggested_cycle).
        suggestion = suggested_cycle()
        return SubmissionCycle(
            name=suggestion.name,
            opens_on=suggestion.opens_on,
            deadline=suggestion.deadline,
            review_by=suggestion.review_by,
        )

    def save_instance(self):
        data = self.form.cleaned_data
        return schedule_cycle(user=self.request.user, **{name: data[name] for name in CYCLE_FIELDS})


class CycleEditView(DomainErrorFormMixin, EditView):
    def dispatch(self, request, *args, **kwargs):
        cycle = self.get_object()
        if cycle.status != CycleStatus.SCHEDULED:
            messages.error(request, f"“{cycle.name}” has opened, so it can no longer be changed.")
            return redirect(self.index_url_name)
        return super().dispatch(request, *args, **kwargs)

    def save_instance(self):
        data = self.form.cleaned_data
        return change_cycle(
            cycle=self.object,
            user=self.request.user,
            **{name: data[name] for name in CYCLE_FIELDS},
        )


class CycleIndexView(IndexView):
    def get_edit_url(self, instance):
        if instance.status == CycleStatus.SCHEDULED:
            return super().get_edit_url(instance)
        return None

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if instance.status == CycleStatus.SCHEDULED:
            buttons.append(
                ListingButton(
                    "Open this cycle now",
                    url=reverse("moderation:cycle_open", args=[instance.pk]),
                    icon_name="unlock",
                    priority=5,
                    attrs={"aria-label": f"Open {instance.name} now"},
                )
            )
        elif instance.status == CycleStatus.OPEN:
            buttons.append(
                ListingButton(
                    "Close",
                    url=reverse("moderation:cycle_close", args=[instance.pk]),
                    icon_name="lock",
                    priority=5,
                    attrs={"aria-label": f"Close {instance.name}"},
                )
            )
        if instance.status != CycleStatus.SCHEDULED:
            buttons.append(
                ListingButton(
                    "Queue",
                    url=f"{reverse('moderation:queue')}?cycle={instance.pk}",
                    icon_name="tasks",
                    priority=6,
                    attrs={"aria-label": f"Queue of {instance.name}"},
                )
            )
        return buttons


class SubmissionCycleViewSet(ModelViewSet):
    model = SubmissionCycle
    icon = "date"
    menu_label = "Submission cycles"
    add_to_admin_menu = False
    name = "moderation_cycles"
    url_prefix = "moderation/cycles"
    index_view_class = CycleIndexView
    add_view_class = CycleCreateView
    edit_view_class = CycleEditView
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = CYCLE_FIELDS
    ordering = ["-opens_on"]
    list_display = [
        "name",
        DateColumn("opens_on", label="Opens"),
        DateColumn("deadline", label="Deadline"),
        DateColumn("review_by", label="Review by"),
        StatusTagColumn(
            "get_status_display",
            label="Status",
            sort_key="status",
            primary=lambda cycle: cycle.status == CycleStatus.OPEN,
        ),
        Column("queue_at_close", label="In review at close"),
    ]

    def get_urlpatterns(self):
        # No delete view: a cycle is part of the record of what was decided.
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "delete"]

    def get_permissions_to_register(self):
        # Moderation is a role (providers.moderation.permissions), not a model permission.
        return super().get_permissions_to_register().none()
