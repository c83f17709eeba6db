"""Forms of the moderation screens. They only read what people typed; rules are in services."""

from django import forms
from wagtail.admin.widgets import AdminDateInput

from providers.moderation.enums import UrgentReason
from providers.moderation.services import NOTE_MAX_LENGTH, REASON_MAX_LENGTH

NOT_URGENT = ""


class SubmitForReviewForm(forms.Form):
    note = forms.CharField(
        label="What have you changed?",
        help_text="Optional. A sentence or two helps the moderator check your changes quickly.",
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    urgent_reason = forms.ChoiceField(
        label="Does this change need to be published before the next review round?",
        help_text=(
            "Only for changes that cannot wait because families could be misled or put at "
            "risk. A moderator decides whether it is urgent."
        ),
        choices=[(NOT_URGENT, "No, it can wait for the next review round"), *UrgentReason.choices],
        required=False,
        initial=NOT_URGENT,
        widget=forms.RadioSelect,
    )


DECISION_APPROVE = "approve"
DECISION_REQUEST_CHANGES = "request_changes"
DECISION_REJECT = "reject"
DECISIONS = (DECISION_APPROVE, DECISION_REQUEST_CHANGES, DECISION_REJECT)


class DecisionForm(forms.Form):
    """One comment box and three buttons; the button pressed is the decision."""

    decision = forms.ChoiceField(
        choices=[(value, value) for value in DECISIONS], widget=forms.HiddenInput
    )
    reason = forms.CharField(
        label="Comments for the provider",
        help_text=(
            "Needed when you ask for changes or reject. Say what is wrong and what to do, "
            "in plain English: the provider reads this in an email."
        ),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            # The decision comes from the name of the button pressed, so the form works
            # without JavaScript.
            data = data.copy()
            for value in DECISIONS:
                if f"action-{value}" in data:
                    data["decision"] = value
        super().__init__(data, *args, **kwargs)


class MarkUrgentForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why can this change not wait for the next cycle?",
        choices=UrgentReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why the change is urgent."},
    )


class CycleForm(forms.Form):
    name = forms.CharField(
        max_length=80,
        help_text="For example “Spring 2027”. Providers see this name.",
        error_messages={"required": "Enter a name for the cycle."},
    )
    opens_on = forms.DateField(
        label="Opening date",
        widget=AdminDateInput,
        error_messages={"required": "Enter the opening date.", "invalid": "Enter a real date."},
    )
    deadline = forms.DateField(
        help_text="The last day providers can submit changes in this cycle.",
        widget=AdminDateInput,
        error_messages={"required": "Enter the deadline.", "invalid": "Enter a real date."},
    )
    review_by = forms.DateField(
        label="Review-by date",
        help_text="Moderators decide on every submission of the cycle by this day.",
        widget=AdminDateInput,
        error_messages={
            "required": "Enter the review-by date.",
            "invalid": "Enter a real date.",
        },
    )
