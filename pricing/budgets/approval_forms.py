"""The decision on a booking the council or a third party pays for: the form the officer
fills in the admin and the third party on its own pages, both calling the same services
(`pricing.budgets.services.approvals`), which check who may decide."""

from __future__ import annotations

from typing import Any

from django import forms

from pricing.budgets.enums import ApprovalStatus
from pricing.budgets.services.approvals import REASON_MAX_LENGTH


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Will the budget pay for this booking?",
        choices=[
            (ApprovalStatus.APPROVED.value, "Yes, approve it"),
            (ApprovalStatus.REFUSED.value, "No, refuse it: the booking is cancelled"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to approve or refuse the booking"},
    )
    reason = forms.CharField(
        label="Reason",
        help_text="The family reads it in an email. Needed when you refuse; the provider "
        "is told only that the budget will not pay.",
        required=False,
        max_length=REASON_MAX_LENGTH,
        error_messages={
            "max_length": f"The reason must be {REASON_MAX_LENGTH} characters or fewer"
        },
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, question: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if question:
            self.fields["decision"].label = question

    @property
    def approves(self) -> bool:
        return self.cleaned_data["decision"] == ApprovalStatus.APPROVED
