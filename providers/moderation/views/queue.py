"""The moderators' queues (a cycle's, urgent, waiting), decisions and figures."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.functional import cached_property

from providers.moderation import charts
from providers.moderation.enums import CycleStatus, SubmissionStatus
from providers.moderation.forms import DecisionFilterForm, QueueFilterForm
from providers.moderation.models import Submission, SubmissionCycle
from providers.moderation.selectors import (
    current_cycle,
    cycle_figures,
    cycle_queue,
    days_waiting,
    decisions,
    filter_submissions,
    next_cycle,
    submitted_ages,
    urgent_queue,
    waiting_queue,
)
from providers.moderation.views.base import PER_PAGE, AdminPage, ModeratorsOnlyMixin


class QueueView(ModeratorsOnlyMixin, AdminPage):
    """Submissions of one cycle (the open one unless another is chosen), oldest first."""

    template_name = "moderation/admin/queue.html"
    mode = "cycle"
    page_title = "Moderation queue"
    # With no state chosen, the queue shows what still needs a decision.
    default_status = SubmissionStatus.IN_REVIEW

    @cached_property
    def cycles(self) -> list[SubmissionCycle]:
        return list(
            SubmissionCycle.objects.exclude(status=CycleStatus.SCHEDULED).order_by("-opens_on")
        )

    @cached_property
    def cycle(self) -> SubmissionCycle | None:
        wanted = self.request.GET.get("cycle", "")
        if wanted.isdigit():
            for cycle in self.cycles:
                if cycle.pk == int(wanted):
                    return cycle
        return current_cycle() or (self.cycles[0] if self.cycles else None)

    def base_queryset(self):
        if self.cycle is None:
            return Submission.objects.none()
        return cycle_queue(self.cycle)

    def get_page_title(self):
        if self.mode == "cycle" and self.cycle is not None:
            return f"Moderation queue: {self.cycle.name}"
        return self.page_title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET.copy()
        if "status" not in params:
            params["status"] = self.default_status
        form = QueueFilterForm(params)
        queryset = self.base_queryset().select_related("revision")
        if form.is_valid():
            queryset = filter_submissions(
                queryset,
                status=form.cleaned_data["status"],
                organisation_id=form.cleaned_data["organisation"],
                age_band=form.cleaned_data["age"],
            )
        page = Paginator(queryset, PER_PAGE).get_page(self.request.GET.get("p"))
        rows = [_queue_row(submission) for submission in page.object_list]
        context.update(
            {
                "mode": self.mode,
                "filter_form": form,
                "cycles": self.cycles,
                "cycle": self.cycle,
                "page_obj": page,
                "rows": rows,
                "tabs": _tabs(self.mode),
                "querystring": _querystring_without_page(self.request),
            }
        )
        return context


class UrgentQueueView(QueueView):
    mode = "urgent"
    page_title = "Urgent changes"

    def base_queryset(self):
        return urgent_queue()


class WaitingQueueView(QueueView):
    mode = "waiting"
    page_title = "Waiting for the next cycle"
    default_status = ""

    def base_queryset(self):
        return waiting_queue()


def _tabs(mode: str) -> list[dict[str, Any]]:
    return [
        {"label": "Cycle queue", "url": reverse("moderation:queue"), "current": mode == "cycle"},
        {"label": "Urgent", "url": reverse("moderation:urgent"), "current": mode == "urgent"},
        {
            "label": "Waiting for the next cycle",
            "url": reverse("moderation:waiting"),
            "current": mode == "waiting",
        },
    ]


def _querystring_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("p", None)
    return params.urlencode()


def _queue_row(submission: Submission) -> dict[str, Any]:
    return {
        "submission": submission,
        "days_waiting": days_waiting(submission),
        "ages": submitted_ages(submission),
        "review_url": reverse("moderation:review", args=[submission.pk]),
        "mark_urgent_url": reverse("moderation:mark_urgent", args=[submission.pk])
        if submission.status == SubmissionStatus.WAITING
        else "",
    }


class DecisionsView(ModeratorsOnlyMixin, AdminPage):
    """Every decision: who, when, what and why."""

    template_name = "moderation/admin/decisions.html"
    page_title = "Decisions"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = DecisionFilterForm(self.request.GET)
        queryset = decisions()
        if form.is_valid():
            queryset = filter_submissions(
                queryset,
                status=form.cleaned_data["decision"],
                organisation_id=form.cleaned_data["organisation"],
                cycle_id=form.cleaned_data["cycle"],
            )
        page = Paginator(queryset, PER_PAGE).get_page(self.request.GET.get("p"))
        context.update(
            {
                "filter_form": form,
                "page_obj": page,
                "querystring": _querystring_without_page(self.request),
            }
        )
        return context


class DashboardView(ModeratorsOnlyMixin, AdminPage):
    """Per cycle: the queue, decisions by kind and time to decision, as charts and tables."""

    template_name = "moderation/admin/dashboard.html"
    page_title = "Moderation figures"
    header_icon = "table"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        figures = cycle_figures()
        context.update(
            {
                "figures": figures,
                "decisions_chart": charts.decisions_chart(figures),
                "time_chart": charts.time_to_decision_chart(figures),
                "current_cycle": current_cycle(),
                "next_cycle": next_cycle(),
            }
        )
        return context
