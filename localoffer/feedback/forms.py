"""The public feedback form, shown at the bottom of every page, and the staff moderation form."""

from django import forms
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from wagtail.admin.forms import WagtailAdminModelForm

from localoffer.core import spam
from localoffer.core.forms import error_summary_items
from localoffer.feedback.enums import FeedbackTopic
from localoffer.feedback.paths import safe_local_path, topic_for_path

COMMENT_MAX_LENGTH = 2000
TIMESTAMP_FIELD = spam.TIMESTAMP_FIELD
EXPIRED_MESSAGE = "This form was opened more than a day ago. Check your comment and send it again."


class FeedbackForm(spam.SpamCheckedForm):
    """What a visitor sends: a topic and a comment, nothing that identifies them.

    Besides the two visible fields it carries the page's path (context for staff), a
    honeypot and a signed render time; `spam_reason` says why a submission is dropped.
    """

    link_field = "comment"
    expired_message = EXPIRED_MESSAGE

    topic = forms.ChoiceField(
        label="What is your comment about?",
        choices=FeedbackTopic.choices,
        error_messages={
            "required": "Select what your comment is about",
            "invalid_choice": "Select what your comment is about",
        },
    )
    comment = forms.CharField(
        label="Your comment",
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={
            "required": "Enter your comment",
            "max_length": f"Your comment must be {COMMENT_MAX_LENGTH:,} characters or fewer",
        },
    )
    page_url = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "feedback-%s")
        super().__init__(*args, **kwargs)

    def clean_page_url(self) -> str:
        return safe_local_path(self.cleaned_data.get("page_url", ""))

    def error_list(self) -> list[dict[str, str]]:
        """The errors in page order; the form's own errors are shown at the comment."""
        return error_summary_items(self, fields=("topic", "comment"), form_errors_at="comment")


def build_feedback_form(request: HttpRequest) -> FeedbackForm:
    """A fresh form for the page being shown.

    Only the path is kept, never the query string: a search such as ?q=<a child's name>
    would otherwise be stored with an anonymous comment. On a page that may be cached the
    render time is a placeholder, signed afresh for each visitor by the page cache.
    """
    # Imported here: the page cache's purge rules import this app's models.
    from localoffer.pagecache.middleware import form_token

    return FeedbackForm(
        initial={
            "topic": topic_for_path(request.path),
            "page_url": safe_local_path(request.path),
            TIMESTAMP_FIELD: form_token(request),
        }
    )


def feedback_form_context(request: HttpRequest) -> dict:
    """Template context for the form in every page's footer.

    Lazy, so pages that never render the form (the admin, JSON) do not sign a token.
    """
    return {"feedback_form": SimpleLazyObject(lambda: build_feedback_form(request))}


class FeedbackModerationForm(WagtailAdminModelForm):
    """The staff form: the published wording, the response and the action.

    The published wording starts as the original comment, so a moderator edits rather
    than retypes it; `reason` is only for "Do not publish" and goes to the audit log.
    """

    reason = forms.CharField(
        label="Reason for not publishing",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            'Only needed for "Do not publish". Kept in the history, never shown to the public.'
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.instance.published_comment:
            self.initial["published_comment"] = self.instance.comment
