"""Forms of referrals: the provider's note and answer, the family's consent.

The forms only read what was typed; every rule is the services' (a `ReferralError` is
shown on the form with `add_domain_error`). Messages follow the GOV.UK Design System's
wording ("Enter ...", "Select ...").
"""

from __future__ import annotations

from typing import Any

from django import forms

from pricing.referrals.models import ANSWER_MAX_LENGTH, NOTE_MAX_LENGTH

YES, NO = "yes", "no"
YES_NO = [(YES, "Yes"), (NO, "No")]


class SearchForm(forms.Form):
    """Words to look for (GET): a child's first name, or words in a listing's title."""

    q = forms.CharField(label="Search", max_length=100, required=False)

    def __init__(self, *args: Any, label: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].label = label

    @property
    def words(self) -> str:
        return self.cleaned_data.get("q", "") if self.is_valid() else ""


class NoteForm(forms.Form):
    note = forms.CharField(
        label="Why are you referring the family, and what do they need?",
        help_text="The family reads this first, and the other organisation reads it if the "
        "family agrees. Say what you have seen and what the family is looking for.",
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Enter why you are referring the family",
            "max_length": f"The note must be {NOTE_MAX_LENGTH} characters or fewer",
        },
    )
    ask_to_share_profile = forms.ChoiceField(
        label="Ask the family to share the child's one-page profile with the other organisation?",
        help_text="The family decides. If they agree, the other organisation can read the "
        "profile until the family stops sharing it.",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if the family should be asked to share it"},
    )

    def answers(self) -> dict[str, Any]:
        return {
            "note": self.cleaned_data["note"],
            "ask_to_share_profile": self.cleaned_data["ask_to_share_profile"] == YES,
        }


class AcceptForm(forms.Form):
    message = forms.CharField(
        label="Message for the family (optional)",
        help_text="For example, which sessions suit best or what to bring.",
        max_length=ANSWER_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": f"Use {ANSWER_MAX_LENGTH} characters or fewer"},
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="Why can you not take the referral?",
        help_text="The family and the referring organisation read this.",
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter why you cannot take the referral",
            "max_length": f"Use {ANSWER_MAX_LENGTH} characters or fewer",
        },
    )


class ConsentForm(forms.Form):
    """The family's answer; the question about the profile only when they were asked."""

    agree = forms.ChoiceField(
        label="Do you agree to this referral?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if you agree to the referral"},
    )
    share_profile = forms.ChoiceField(
        label="Share the one-page profile?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args: Any, ask_profile: bool, child: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ask_profile = ask_profile
        if ask_profile:
            self.fields["share_profile"].label = f"Do you want to share {child}'s one-page profile?"
        else:
            del self.fields["share_profile"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.ask_profile and data.get("agree") == YES and not data.get("share_profile"):
            self.add_error("share_profile", "Select yes if you want to share the one-page profile")
        return data

    @property
    def agreed(self) -> bool:
        return self.cleaned_data["agree"] == YES

    @property
    def share(self) -> bool:
        return self.agreed and self.ask_profile and self.cleaned_data.get("share_profile") == YES
