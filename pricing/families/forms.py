"""The family's forms: a child's details and their one-page profile.

Messages follow the GOV.UK Design System's wording ("Enter ...", "Select ..."), and the
date of birth uses the GOV.UK date input (three boxes), whose messages the shared
`GovukDateField` already writes.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from pricing.families.models import (
    PROFILE_SECTION_MAX_LENGTH,
    YOUNG_PERSON_MAX_AGE,
    YOUNG_PERSON_MIN_AGE,
    Child,
    age_on,
)
from providers.models import Need
from providers.organisations.forms import GovukDateField

YES_NO = [("yes", "Yes"), ("no", "No")]
NEEDS_NOTES_MAX_LENGTH = 500


class ChildForm(forms.Form):
    first_name = forms.CharField(
        label="First name",
        max_length=60,
        help_text="We only ask for a first name: it is all a provider needs to know.",
        error_messages={
            "required": "Enter their first name",
            "max_length": "First name must be 60 characters or fewer",
        },
    )
    date_of_birth = GovukDateField(
        label="Date of birth",
        description="their date of birth",
        help_text="For example, 27 3 2015",
    )
    needs = forms.ModelMultipleChoiceField(
        label="What are their needs?",
        queryset=Need.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply. Providers use this to plan support.",
        error_messages={"invalid_choice": "Select their needs from the list"},
    )
    needs_notes = forms.CharField(
        label="Anything else about their needs (optional)",
        max_length=NEEDS_NOTES_MAX_LENGTH,
        required=False,
        widget=forms.Textarea,
        help_text="What a provider should know to keep them safe and included.",
        error_messages={
            "max_length": f"Anything else about their needs must be {NEEDS_NOTES_MAX_LENGTH} "
            "characters or fewer"
        },
    )
    has_ehc_plan = forms.ChoiceField(
        label="Do they have an education, health and care (EHC) plan?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select yes if they have an EHC plan",
            "invalid_choice": "Select yes if they have an EHC plan",
        },
    )
    is_account_holder = forms.BooleanField(
        label="This is me: I am the young person, aged "
        f"{YOUNG_PERSON_MIN_AGE} to {YOUNG_PERSON_MAX_AGE}, and this is my own account",
        required=False,
    )

    @classmethod
    def for_child(cls, child: Child, **kwargs: Any) -> ChildForm:
        return cls(
            initial={
                "first_name": child.first_name,
                "date_of_birth": child.date_of_birth,
                "needs": list(child.needs.all()),
                "needs_notes": child.needs_notes,
                "has_ehc_plan": "yes" if child.has_ehc_plan else "no",
                "is_account_holder": child.is_account_holder,
            },
            **kwargs,
        )

    def clean_first_name(self) -> str:
        return " ".join(self.cleaned_data["first_name"].split())

    def clean_date_of_birth(self) -> Any:
        born = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        if born > today:
            raise forms.ValidationError("Date of birth must be today or in the past")
        if age_on(born, today) > YOUNG_PERSON_MAX_AGE:
            raise forms.ValidationError(
                f"The Local Offer is for children and young people up to {YOUNG_PERSON_MAX_AGE}:"
                " check the year of their date of birth"
            )
        return born

    def clean_has_ehc_plan(self) -> bool:
        return self.cleaned_data["has_ehc_plan"] == "yes"


def _section(label: str, hint: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=PROFILE_SECTION_MAX_LENGTH,
        required=False,
        widget=forms.Textarea,
        help_text=hint,
        error_messages={
            "max_length": f"{label} must be {PROFILE_SECTION_MAX_LENGTH:,} characters or fewer"
        },
    )


class ProfileForm(forms.Form):
    like_and_admire = _section(
        "What people like and admire about me",
        "Their strengths and what people say they are good at.",
    )
    important_to_me = _section(
        "What is important to me",
        "The people, things and routines that matter to them, in their own words if you can.",
    )
    how_to_support = _section(
        "How best to support me",
        "What helps and what to avoid: for example, short instructions, a quiet space, "
        "warning before a change.",
    )
