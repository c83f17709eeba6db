"""The moderators' queues (a cycle's, urgent, waiting), decisions and figures.

The queues and the decisions list are Wagtail's generic index views: the permission
policy keeps them to moderators, a filter set narrows them, and Wagtail paginates and
refreshes the results as filters change. Each keeps the order its selector gives (the
queues oldest first, so nobody waits longest by accident; decisions newest first):
no column is sortable.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView

from providers.moderation import charts
from providers.moderation.enums import CycleStatus, SubmissionStatus
from providers.moderation.filters import CycleQueueFilterSet, DecisionFilterSet, QueueFilterSet
from providers.moderation.models import Submission, SubmissionCycle
from providers.moderation.permissions import ModeratorsOnlyPolicy
from providers.moderation.selectors import (
    current_cycle,
    cycle_figures,
    cycle_queue,
    decisions,
    next_cycle,
    urgent_queue,
    waiting_queue,
)
from providers.moderation.views.base import PER_PAGE, AdminPage, ModeratorsOnlyMixin, crumbs
from providers.moderation.views.columns import decision_columns, queue_columns


class ModerationIndexView(IndexView):
    """A list of submissions for moderators only, in its selector's order, fifty a page."""

    model = Submission
    permission_policy = ModeratorsOnlyPolicy(Submission)
    any_permission_required = ["view"]
    header_icon = "tasks"
    paginate_by = PER_PAGE
    caption = ""
    # Filled in by a subclass: {"cycle": ...}, the values used when the address has none.
    defaults: dict[str, str] = {}

    def get_breadcrumbs_items(self) -> list[dict[str, str]]:
        return crumbs({"url": "", "label": self.get_page_title()})

    def get_defaults(self) -> dict[str, str]:
        return dict(self.defaults)

    def get_filterset_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_filterset_kwargs()
        data: QueryDict = self.request.GET.copy()
        for name, value in self.get_defaults().items():
            data.setdefault(name, value)
        kwargs["data"] = data
        return kwargs

    @cached_property
    def filters(self):
        filters = super().filters
        if filters is not None:
            # A default is not an active filter: Wagtail offers no "remove" for it.
            for name, value in self.get_defaults().items():
                filters.form.fields[name].initial = value
        return filters

    def get_table_kwargs(self) -> dict[str, Any]:
        return {**super().get_table_kwargs(), "caption": self.caption}


class QueueView(ModerationIndexView):
    """Submissions of one cycle (the open one unless another is chosen), oldest first."""

    mode = "cycle"
    page_title = "Moderation queue"
    results_template_name = "moderation/admin/queue_results.html"
    index_url_name = "moderation:queue"
    index_results_url_name = "moderation:queue_results"
    filterset_class = CycleQueueFilterSet
    # With no state chosen, a queue shows what still needs a decision.
    defaults = {"status": SubmissionStatus.IN_REVIEW}

    @cached_property
    def cycles(self) -> list[SubmissionCycle]:
        return list(
            SubmissionCycle.objects.exclude(status=CycleStatus.SCHEDULED).order_by("-opens_on")
        )

    @cached_property
    def default_cycle(self) -> SubmissionCycle | None:
        return current_cycle() or (self.cycles[0] if self.cycles else None)

    @cached_property
    def cycle(self) -> SubmissionCycle | None:
        wanted = self.request.GET.get("cycle", "")
        if wanted.isdigit():
            for cycle in self.cycles:
                if cycle.pk == int(wanted):
                    return cycle
        return self.default_cycle

    def get_defaults(self) -> dict[str, str]:
        defaults = super().get_defaults()
        if self.default_cycle is not None:
            defaults["cycle"] = str(self.default_cycle.pk)
        return defaults

    def get_filterset_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_filterset_kwargs()
        if self.cycle is not None:
            # An unknown cycle falls back to the default rather than voiding every filter.
            kwargs["data"]["cycle"] = str(self.cycle.pk)
        return kwargs

    def get_base_queryset(self) -> QuerySet[Submission]:
        if self.cycle is None:
            return Submission.objects.none()
        return cycle_queue(self.cycle).select_related("revision")

    def get_page_title(self) -> str:
        if self.cycle is not None:
            return f"Moderation queue: {self.cycle.name}"
        return self.page_title

    @cached_property
    def caption(self) -> str:  # type: ignore[override]
        return f"{self.get_page_title()}, oldest first"

    @cached_property
    def columns(self) -> list[Column]:
        return queue_columns(waiting=self.mode == "waiting")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update({"mode": self.mode, "cycle": self.cycle, "tabs": _tabs(self.mode)})
        return context


class UrgentQueueView(QueueView):
    mode = "urgent"
    page_title = "Urgent changes"
    index_url_name = "moderation:urgent"
    index_results_url_name = "moderation:urgent_results"
    filterset_class = QueueFilterSet

    @cached_property
    def cycle(self) -> SubmissionCycle | None:
        return None

    def get_defaults(self) -> dict[str, str]:
        return dict(self.defaults)

    def get_base_queryset(self) -> QuerySet[Submission]:
        return urgent_queue().select_related("revision")


class WaitingQueueView(UrgentQueueView):
    mode = "waiting"
    page_title = "Waiting for the next cycle"
    index_url_name = "moderation:waiting"
    index_results_url_name = "moderation:waiting_results"
    # Everything waiting is in one state; the filter still offers the others.
    defaults = {"status": ""}

    def get_base_queryset(self) -> QuerySet[Submission]:
        return waiting_queue().select_related("revision")


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


class DecisionsView(ModerationIndexView):
    """Every decision: who, when, what and why, newest first."""

    page_title = "Decisions"
    header_icon = "list-ul"
    caption = "Decisions, newest first"
    results_template_name = "moderation/admin/decisions_results.html"
    index_url_name = "moderation:decisions"
    index_results_url_name = "moderation:decisions_results"
    filterset_class = DecisionFilterSet

    def get_base_queryset(self) -> QuerySet[Submission]:
        return decisions()

    @cached_property
    def columns(self) -> list[Column]:
        return decision_columns()


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
