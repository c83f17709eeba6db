"""Opening and closing a cycle, after a confirmation screen."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from wagtail.admin import messages

from providers.moderation.enums import SubmissionStatus
from providers.moderation.models import Submission, SubmissionCycle
from providers.moderation.services import ModerationError, close_cycle, open_cycle
from providers.moderation.views.base import AdminPage, ModeratorsOnlyMixin


class CycleActionView(ModeratorsOnlyMixin, AdminPage):
    """Confirm, then open or close a cycle."""

    template_name = "moderation/admin/cycle_confirm.html"
    action = "open"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.cycle = get_object_or_404(SubmissionCycle, pk=kwargs["pk"])

    def get_page_title(self):
        verb = "Open" if self.action == "open" else "Close"
        return f"{verb} {self.cycle.name}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "cycle": self.cycle,
                "action": self.action,
                "waiting": Submission.objects.waiting().count(),
                "in_review": Submission.objects.filter(
                    cycle=self.cycle, status=SubmissionStatus.IN_REVIEW
                ).count(),
                "index_url": reverse("moderation_cycles:index"),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        service = open_cycle if self.action == "open" else close_cycle
        try:
            service(cycle=self.cycle, user=request.user)
        except ModerationError as error:
            messages.error(request, error.message)
        else:
            if self.action == "open":
                messages.success(request, f"“{self.cycle.name}” is open for submissions.")
            else:
                messages.success(request, f"“{self.cycle.name}” is closed.")
        return redirect("moderation_cycles:index")
