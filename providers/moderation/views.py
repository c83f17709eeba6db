"""Admin screens of moderation. They read through selectors and act only through services.

Moderators' screens (queues, review, decisions, dashboard, cycles) are for the council's
moderators and superusers; `can_moderate` refuses everyone else, whatever their model
permissions. The submit screen is for anyone who may edit the listing (its providers).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from providers.moderation import charts
from providers.moderation.enums import CycleStatus, SubmissionStatus
from providers.moderation.forms import (
    DECISION_APPROVE,
    DECISION_REJECT,
    DECISION_REQUEST_CHANGES,
    DecisionFilterForm,
    DecisionForm,
    MarkUrgentForm,
    QueueFilterForm,
    SubmitForReviewForm,
)
from providers.moderation.models import Submission, SubmissionCycle
from providers.moderation.permissions import can_moderate
from providers.moderation.selectors import (
    current_cycle,
    cycle_figures,
    cycle_queue,
    days_waiting,
    decisions,
    filter_submissions,
    listing_states,
    next_cycle,
    page_decisions,
    urgent_queue,
    waiting_queue,
)
from providers.moderation.services import (
    ModerationError,
    approve_submission,
    close_cycle,
    directory_listing,
    mark_urgent,
    open_cycle,
    reject_submission,
    request_changes,
    submit_for_review,
)

PER_PAGE = 50


def _crumbs(*items: dict[str, str]) -> list[dict[str, str]]:
    return [
        {"url": reverse("wagtailadmin_home"), "label": "Home"},
        {"url": reverse("moderation:queue"), "label": "Moderation"},
        *items,
    ]


def _error_summary(form) -> list[dict[str, str]]:
    """The errors of a form as (anchor, message) pairs for the error summary at the top."""
    errors = []
    for name, messages_ in form.errors.items():
        anchor = f"#{form[name].id_for_label}" if name != "__all__" and name in form.fields else ""
        for message in messages_:
            errors.append({"href": anchor, "text": message})
    return errors


class ModeratorsOnlyMixin:
    """Refuse anyone who is not a council moderator or a superuser."""

    def dispatch(self, request, *args, **kwargs):
        if not can_moderate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class _AdminPage(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "tasks"
    crumb = ""

    def get_breadcrumbs_items(self):
        return _crumbs({"url": "", "label": self.get_page_title()})


# --- the queue ------------------------------------------------------------------------------


class QueueView(ModeratorsOnlyMixin, _AdminPage):
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


def _submitted_ages(submission: Submission) -> str:
    from providers.ages import describe_age_range

    content = submission.revision.content if submission.revision_id else {}
    low, high = content.get("min_age_months"), content.get("max_age_months")
    if low is None or high is None:
        return ""
    return describe_age_range(int(low), int(high))


def _queue_row(submission: Submission) -> dict[str, Any]:
    return {
        "submission": submission,
        "days_waiting": days_waiting(submission),
        "ages": _submitted_ages(submission),
        "review_url": reverse("moderation:review", args=[submission.pk]),
        "mark_urgent_url": reverse("moderation:mark_urgent", args=[submission.pk])
        if submission.status == SubmissionStatus.WAITING
        else "",
    }


# --- reviewing one submission ---------------------------------------------------------------


def build_comparison(request, page: Page, submission: Submission) -> dict[str, Any]:
    """The submitted revision against the published version, with Wagtail's compare panels.

    As Wagtail's own revisions compare view does, the page's edit handler gives one
    comparison per panel field. Changed fields come first. A page never published is
    compared with an empty page of its type, so every field it has shows as new.
    """
    specific = page.specific
    submitted = submission.revision.as_object()
    if specific.live:
        published, is_new = specific, False
    elif specific.live_revision_id:
        published, is_new = specific.live_revision.as_object(), False
    else:
        published, is_new = specific.specific_class(), True
    panel = specific.get_edit_handler().get_bound_panel(
        instance=specific, request=request, form=None
    )
    changed, unchanged = [], []
    for comparison_class in panel.get_comparison():
        comparison = comparison_class(published, submitted)
        if is_new or comparison.has_changed():
            # The published value alone: the same comparison with nothing changed.
            before = None if is_new else comparison_class(published, published)
            changed.append({"comp": comparison, "before": before})
        else:
            unchanged.append(comparison)
    return {"is_new": is_new, "changed": changed, "unchanged": unchanged}


class ReviewView(ModeratorsOnlyMixin, _AdminPage):
    """One submission: the changes, the provider's note, the decision and the history."""

    template_name = "moderation/admin/review.html"
    page_title = "Review"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.submission = get_object_or_404(
            Submission.objects.select_related(
                "page", "organisation", "revision", "cycle", "submitted_by", "decided_by"
            ),
            pk=kwargs["submission_id"],
        )

    def get_page_title(self):
        return f"Review: {self.submission.page.title}"

    def get_breadcrumbs_items(self):
        return _crumbs({"url": "", "label": self.submission.page.get_admin_display_title()})

    def get_context_data(self, form=None, urgent_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        submission = self.submission
        page = submission.page.specific
        comparison = (
            build_comparison(self.request, page, submission) if submission.revision_id else None
        )
        form = form or DecisionForm()
        urgent_form = urgent_form or MarkUrgentForm(
            initial={"reason": submission.urgent_reason or None}
        )
        errors = _error_summary(form) + _error_summary(urgent_form)
        context.update(
            {
                "submission": submission,
                "page": page,
                "comparison": comparison,
                "form": form,
                "urgent_form": urgent_form,
                "errors": errors,
                "can_decide": submission.status == SubmissionStatus.IN_REVIEW,
                "can_mark_urgent": submission.status == SubmissionStatus.WAITING,
                "history": [item for item in page_decisions(page.pk) if item.pk != submission.pk],
                "preview_url": reverse(
                    "wagtailadmin_pages:revisions_view", args=[page.pk, submission.revision_id]
                )
                if submission.revision_id
                else "",
                "history_url": reverse("wagtailadmin_pages:history", args=[page.pk]),
                "days_waiting": days_waiting(submission),
                "ages": _submitted_ages(submission),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        form = DecisionForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        decision = form.cleaned_data["decision"]
        reason = form.cleaned_data["reason"]
        service = {
            DECISION_APPROVE: approve_submission,
            DECISION_REQUEST_CHANGES: request_changes,
            DECISION_REJECT: reject_submission,
        }[decision]
        try:
            service(submission=self.submission, user=request.user, reason=reason)
        except ModerationError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, error.message)
            return self.render_to_response(self.get_context_data(form=form))
        done = {
            DECISION_APPROVE: "Approved and published “%s”.",
            DECISION_REQUEST_CHANGES: "Asked for changes to “%s”. The provider has been emailed.",
            DECISION_REJECT: "Rejected the change to “%s”. The provider has been emailed.",
        }[decision]
        messages.success(request, done % self.submission.page.title)
        return redirect(_queue_url_for(self.submission))


def _queue_url_for(submission: Submission) -> str:
    if submission.urgent:
        return reverse("moderation:urgent")
    if submission.cycle_id:
        return f"{reverse('moderation:queue')}?cycle={submission.cycle_id}"
    return reverse("moderation:queue")


class MarkUrgentView(ReviewView):
    """Mark a waiting submission urgent: it is reviewed now, outside any cycle."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        urgent_form = MarkUrgentForm(request.POST)
        if urgent_form.is_valid():
            try:
                mark_urgent(
                    submission=self.submission,
                    user=request.user,
                    reason=urgent_form.cleaned_data["reason"],
                )
            except ModerationError as error:
                urgent_form.add_error(None, error.message)
            else:
                messages.success(
                    request, f"“{self.submission.page.title}” is urgent and ready to review now."
                )
                return redirect("moderation:review", self.submission.pk)
        return self.render_to_response(self.get_context_data(urgent_form=urgent_form))


# --- decisions and figures ------------------------------------------------------------------


class DecisionsView(ModeratorsOnlyMixin, _AdminPage):
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


class DashboardView(ModeratorsOnlyMixin, _AdminPage):
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


# --- cycles: opening and closing ------------------------------------------------------------


class CycleActionView(ModeratorsOnlyMixin, _AdminPage):
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


# --- providers: submitting a listing --------------------------------------------------------


class SubmitView(_AdminPage):
    """A provider sends the latest saved version of a listing for review."""

    template_name = "moderation/admin/submit.html"
    header_icon = "resubmit"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        page = get_object_or_404(Page, pk=kwargs["page_id"])
        try:
            self.page, self.organisation = directory_listing(page)
        except ModerationError as error:
            raise Http404(error.message) from error

    def dispatch(self, request, *args, **kwargs):
        if not self.page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Submit for review: {self.page.title}"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": "Home"},
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
                "label": self.page.get_admin_display_title(),
            },
            {"url": "", "label": "Submit for review"},
        ]

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        form = form or SubmitForReviewForm()
        cycle = current_cycle()
        context.update(
            {
                "page": self.page,
                "organisation": self.organisation,
                "form": form,
                "errors": _error_summary(form),
                "cycle": cycle,
                "in_cycle": cycle is not None and timezone.localdate() <= cycle.deadline,
                "next_cycle": next_cycle(),
                "state": listing_states([self.page])[self.page.pk],
                "edit_url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        form = SubmitForReviewForm(request.POST)
        if form.is_valid():
            try:
                submission = submit_for_review(
                    page=self.page,
                    user=request.user,
                    note=form.cleaned_data["note"],
                    urgent_reason=form.cleaned_data["urgent_reason"],
                )
            except ModerationError as error:
                field = error.field if error.field in form.fields else None
                form.add_error(field, error.message)
            else:
                if submission.status == SubmissionStatus.IN_REVIEW:
                    text = (
                        f"“{self.page.title}” is submitted for review in "
                        f"{submission.cycle.name}. We will email you when a moderator decides."
                    )
                else:
                    text = (
                        f"“{self.page.title}” is submitted. It will be reviewed when the next "
                        "cycle opens. We will email you when a moderator decides."
                    )
                messages.success(request, text)
                return HttpResponseRedirect(reverse("wagtailadmin_home"))
        return self.render_to_response(self.get_context_data(form=form))
