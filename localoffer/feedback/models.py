"""'You said, we did': comments about the Local Offer and the council's published response.

The SEND Regulations 2014 (regulation 56) require a council to publish comments about its
Local Offer and its response, including any action it will take. Comments are anonymous;
staff publish an edited version with anything that could identify a family removed.
"""

from django.conf import settings
from django.contrib import admin
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from localoffer.feedback.enums import FeedbackStatus, FeedbackTopic

EXCERPT_LENGTH = 90


class FeedbackQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=FeedbackStatus.PUBLISHED)

    def awaiting_response(self):
        return self.filter(status=FeedbackStatus.NEW)


class Feedback(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    topic = models.CharField(max_length=40, choices=FeedbackTopic.choices)
    comment = models.TextField(max_length=2000, help_text="What the person wrote, as sent.")
    page_url = models.CharField(max_length=300, blank=True, help_text="The page it was sent from.")
    status = models.CharField(
        max_length=20, choices=FeedbackStatus.choices, default=FeedbackStatus.NEW
    )
    published_comment = models.TextField(
        max_length=2000,
        blank=True,
        help_text=(
            "The comment as the public will read it, with anything that could identify "
            "someone removed."
        ),
    )
    response = models.TextField(blank=True, help_text="What the council says in reply.")
    action = models.TextField(blank=True, help_text="What the council will do, and by when.")
    published_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = FeedbackQuerySet.as_manager()

    panels = [
        FieldPanel("topic"),
        FieldPanel("comment", read_only=True),
        FieldPanel("page_url", read_only=True),
        FieldPanel("published_comment"),
        FieldPanel("response"),
        FieldPanel("action"),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "feedback"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=FeedbackStatus.values), name="feedback_status_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(status=FeedbackStatus.PUBLISHED)
                | (~models.Q(published_comment="") & ~models.Q(response="")),
                name="published_feedback_has_response",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_topic_display()}: {self.comment[:60]}"

    @admin.display(description="Comment")
    def excerpt(self) -> str:
        """The start of the comment on one line, for the staff listing."""
        comment = " ".join(self.comment.split())
        if len(comment) <= EXCERPT_LENGTH:
            return comment
        return comment[:EXCERPT_LENGTH].rsplit(" ", 1)[0] + "…"

    @property
    def year(self) -> int:
        return (self.published_at or self.created_at).year


class YouSaidWeDidPage(Page):
    """The public page of published comments and responses, by year and topic."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["localoffer.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        # The selectors query the Feedback model defined in this module: a cycle at import.
        from localoffer.feedback.selectors import published_feedback_context

        context = super().get_context(request, *args, **kwargs)
        context.update(published_feedback_context(request.GET))
        return context
