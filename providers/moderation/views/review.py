"""Reviewing one submission: the changes, the decision, marking it urgent."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from wagtail.admin import messages

from localoffer.core.forms import add_domain_error
from providers.moderation.enums import SubmissionStatus
from providers.moderation.forms import (
    DECISION_APPROVE,
    DECISION_REJECT,
    DECISION_REQUEST_CHANGES,
    DecisionForm,
    MarkUrgentForm,
)
from providers.moderation.models import Submission
from providers.moderation.selectors import (
    build_comparison,
    days_waiting,
    page_decisions,
    submitted_ages,
)
from providers.moderation.services import (
    ModerationError,
    approve_submission,
    mark_urgent,
    reject_submission,
    request_changes,
)
from providers.moderation.views.base import (
    AdminPage,
    ModeratorsOnlyMixin,
    crumbs,
    error_summary,
)


class ReviewView(ModeratorsOnlyMixin, AdminPage):
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

    @property
    def listing_title(self) -> str:
        # A deleted listing leaves its title on the record (moderation.models.record).
        page = self.submission.page
        return page.get_admin_display_title() if page else self.submission.page_title

    def get_page_title(self):
        return f"Review: {self.listing_title}"

    def get_breadcrumbs_items(self):
        return crumbs({"url": "", "label": self.listing_title})

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST" and self.submission.page_id is None:
            raise Http404("The listing was deleted, so there is nothing to decide.")
        return super().dispatch(request, *args, **kwargs)

    def get_template_names(self):
        if self.submission.page_id is None:
            return ["moderation/admin/review_deleted.html"]
        return super().get_template_names()

    def get_context_data(self, form=None, urgent_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        submission = self.submission
        if submission.page_id is None:
            # Nothing is left to compare, preview or decide: show what the record kept.
            context.update({"submission": submission, "listing_title": self.listing_title})
            return context
        page = submission.page.specific
        comparison = (
            build_comparison(self.request, page, submission) if submission.revision_id else None
        )
        form = form or DecisionForm()
        urgent_form = urgent_form or MarkUrgentForm(
            initial={"reason": submission.urgent_reason or None}
        )
        errors = error_summary(form) + error_summary(urgent_form)
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
                "ages": submitted_ages(submission),
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
            add_domain_error(form, error)
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
                add_domain_error(urgent_form, error)
            else:
                messages.success(
                    request, f"“{self.submission.page.title}” is urgent and ready to review now."
                )
                return redirect("moderation:review", self.submission.pk)
        return self.render_to_response(self.get_context_data(urgent_form=urgent_form))
