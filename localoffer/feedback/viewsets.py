"""Staff moderation of feedback in the Wagtail admin.

One screen per comment: the original as sent (read only), the wording the public will
read, the council's response and action, and three buttons: "Publish with response",
"Save draft" and "Do not publish". Each button calls a service in services.py, which
checks the transition and writes the audit entry; this module only wires forms to them.

Permissions are Django's model permissions: `localoffer.view_feedback` lists and
inspects, `localoffer.change_feedback` edits, publishes and withdraws,
`localoffer.delete_feedback` deletes (for example to erase personal data on request).
Comments arrive through the public form only, so there is no "add" view.
"""

import django_filters
from django import forms
from django.contrib.auth import get_permission_codename
from django.db.models.functions import ExtractYear
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import DateColumn, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet

from localoffer.core.admin_views import ServiceActionEditView
from localoffer.feedback.enums import FEEDBACK_TRANSITIONS, FeedbackStatus, FeedbackTopic
from localoffer.feedback.forms import FeedbackModerationForm
from localoffer.feedback.models import Feedback
from localoffer.feedback.services import (
    publish_feedback,
    save_feedback_draft,
    withdraw_feedback,
)


def received_years() -> list[tuple[int, str]]:
    years = (
        Feedback.objects.annotate(received_year=ExtractYear("created_at"))
        .values_list("received_year", flat=True)
        .distinct()
    )
    return [(year, str(year)) for year in sorted({y for y in years if y}, reverse=True)]


class FeedbackFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        choices=FeedbackStatus.choices, empty_label="All", widget=forms.RadioSelect
    )
    topic = django_filters.ChoiceFilter(choices=FeedbackTopic.choices, empty_label="All")
    year = django_filters.ChoiceFilter(
        label="Year received",
        field_name="created_at",
        lookup_expr="year",
        # A callable, so the years are read when the filter is shown, not at import.
        choices=received_years,
        empty_label="All",
    )

    class Meta:
        model = Feedback
        fields = ["status", "topic", "year"]


class FeedbackEditView(ServiceActionEditView):
    """The moderation screen: each button goes through its service, never a plain save.

    An illegal move (publishing without a response, withdrawing twice) is shown on the
    form like a validation error, with what the moderator typed kept.
    """

    actions = ["edit", "publish", "withdraw"]
    success_messages = {
        "publish": "Published '%s' with the council's response.",
        "withdraw": "'%s' will not be published.",
        "edit": "Saved '%s' without changing whether it is published.",
    }

    def save_instance(self) -> Feedback:
        data = self.form.cleaned_data
        feedback = self.object
        user = self.request.user
        if self.action == "withdraw":
            return withdraw_feedback(feedback=feedback, user=user, reason=data.get("reason", ""))
        wording = {
            "published_comment": data.get("published_comment", ""),
            "response": data.get("response", ""),
            "action": data.get("action", ""),
            "topic": data.get("topic") or None,
        }
        if self.action == "publish":
            return publish_feedback(feedback=feedback, user=user, **wording)
        return save_feedback_draft(feedback=feedback, user=user, **wording)

    def get_success_message(self) -> str:
        return self.success_messages.get(self.action, self.success_messages["edit"]) % (
            self.object,
        )

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        status = self.object.status
        context.update(
            {
                "feedback": Feedback.objects.get(pk=self.object.pk),
                "can_publish": FeedbackStatus.PUBLISHED in FEEDBACK_TRANSITIONS[status],
                "can_withdraw": FeedbackStatus.NOT_PUBLISHED in FEEDBACK_TRANSITIONS[status],
                "is_published": status == FeedbackStatus.PUBLISHED,
            }
        )
        return context


class FeedbackViewSet(ModelViewSet):
    model = Feedback
    icon = "comment"
    menu_label = "Feedback"
    menu_order = 310
    add_to_admin_menu = True
    # Not "feedback": that namespace is the public form's (localoffer/feedback/urls.py).
    name = "feedback_moderation"
    url_prefix = "feedback"

    edit_view_class = FeedbackEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    # Staff see every comment; nothing about a family is in it beyond what they wrote.
    list_per_page = 50
    ordering = ["-created_at"]
    filterset_class = FeedbackFilterSet
    # The first column is the title column: it links to the moderation screen.
    list_display = [
        "excerpt",
        "topic",
        DateColumn("created_at", label="Received", sort_key="created_at"),
        StatusTagColumn(
            "get_status_display",
            label="Status",
            sort_key="status",
            primary=lambda feedback: feedback.status == FeedbackStatus.PUBLISHED,
        ),
    ]
    search_fields = ["comment", "published_comment", "response"]
    inspect_view_fields = [
        "topic",
        "status",
        "created_at",
        "page_url",
        "comment",
        "published_comment",
        "response",
        "action",
        "published_at",
        "responded_by",
    ]
    edit_template_name = "feedback/admin/edit.html"
    edit_handler = ObjectList(
        [
            FieldPanel("status", read_only=True),
            FieldPanel("comment", read_only=True, heading="What they sent"),
            FieldPanel("page_url", read_only=True, heading="Sent from the page"),
            FieldPanel("topic"),
            FieldPanel("published_comment", heading="You said (as it will be published)"),
            FieldPanel("response", heading="We did (the council's response)"),
            FieldPanel("action", heading="What we will do"),
            FieldPanel("reason"),
        ],
        base_form_class=FeedbackModerationForm,
    )

    def get_common_view_kwargs(self, **kwargs):
        # No add view: comments come from the public form, so no "Add" button either.
        return super().get_common_view_kwargs(**{"add_url_name": None, **kwargs})

    def get_urlpatterns(self):
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "add"]

    def get_permissions_to_register(self):
        # Without an add view the "add" permission would be a checkbox that does nothing.
        add = get_permission_codename("add", self.model_opts)
        return super().get_permissions_to_register().exclude(codename=add)
