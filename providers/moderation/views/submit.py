"""Providers: sending the latest saved version of a listing for review."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from wagtail.admin import messages
from wagtail.models import Page

from localoffer.core.forms import add_domain_error
from providers.moderation.enums import SubmissionStatus
from providers.moderation.forms import SubmitForReviewForm
from providers.moderation.selectors import current_cycle, listing_states, next_cycle
from providers.moderation.services import ModerationError, directory_listing, submit_for_review
from providers.moderation.views.base import AdminPage, error_summary


class SubmitView(AdminPage):
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
        today = timezone.localdate()
        context.update(
            {
                "page": self.page,
                "organisation": self.organisation,
                "form": form,
                "errors": error_summary(form),
                "cycle": cycle,
                "in_cycle": cycle is not None and cycle.accepts_submissions_on(today),
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
                add_domain_error(form, error)
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
