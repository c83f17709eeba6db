"""The public "Report a problem with this listing" form and the moderators' form.

Spam checks are the feedback form's (localoffer.core.spam): a honeypot, a signed
render time and a per-address rate limit, so nobody is asked to solve a CAPTCHA
(WCAG 2.2 success criterion 3.3.8).
"""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from localoffer.core import spam
from providers.moderation.reports.enums import ReportKind
from providers.moderation.reports.models import DETAILS_MAX_LENGTH

TIMESTAMP_FIELD = spam.TIMESTAMP_FIELD
EXPIRED_MESSAGE = "This form was opened more than a day ago. Check your report and send it again."
FIELD_ORDER = ("kind", "details", "name", "email")


class ReportForm(spam.SpamCheckedForm):
    link_field = "details"
    expired_message = EXPIRED_MESSAGE

    kind = forms.ChoiceField(
        label="What is wrong?",
        choices=ReportKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what is wrong with the listing",
            "invalid_choice": "Select what is wrong with the listing",
        },
    )
    details = forms.CharField(
        label="Tell us more",
        max_length=DETAILS_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={
            "required": "Enter what is wrong",
            "max_length": f"What is wrong must be {DETAILS_MAX_LENGTH:,} characters or fewer",
        },
    )
    name = forms.CharField(
        label="Your name (optional)",
        required=False,
        max_length=100,
        error_messages={"max_length": "Your name must be 100 characters or fewer"},
    )
    email = forms.EmailField(
        label="Your email address (optional)",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "report-%s")
        super().__init__(*args, **kwargs)

    def clean_details(self) -> str:
        details = self.cleaned_data["details"].strip()
        if not details:
            raise forms.ValidationError("Enter what is wrong", code="required")
        return details

    def error_list(self) -> list[dict]:
        """The errors in page order for the GOV.UK error summary. A radio group's link
        goes to its first option, as the GOV.UK design system asks."""
        targets = {"kind": "#report-kind-0", "details": "#report-details"}
        items = [{"href": "#report-details", "text": e} for e in self.non_field_errors()]
        for name in FIELD_ORDER:
            for error in self.errors.get(name, []):
                items.append({"href": targets.get(name, f"#report-{name}"), "text": error})
        return items


def new_report_form() -> ReportForm:
    return ReportForm(initial={TIMESTAMP_FIELD: spam.make_form_token()})


class ReportModerationForm(WagtailAdminModelForm):
    """The moderators' form: only the note is typed; buttons move the status."""

    class Meta:
        fields = ["resolution_note"]
