"""One question per page. Each form is built from what the family may choose now (the
listing's bookable sessions, the family's own children, the ways the provider takes
payment), so an id typed into the form that is not on offer is refused by the form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from pricing.checkout.selectors import MAX_PLACES, SessionChoice
from pricing.payments.models import PaymentMethod

METHOD_LABELS: dict[str, str] = {
    PaymentMethod.CARD: "Pay now by card",
    PaymentMethod.INVOICE: "Pay later: the provider sends you an invoice",
}


class SessionForm(forms.Form):
    session = forms.CharField(
        label="Which session do you want to book?",
        error_messages={"required": "Select a session"},
    )

    def __init__(self, *args: Any, choices: list[SessionChoice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices = {str(choice.session.pk): choice for choice in choices}

    def clean_session(self) -> SessionChoice:
        choice = self.choices.get(self.cleaned_data["session"])
        if choice is None:
            raise forms.ValidationError("Select one of the sessions in the list")
        if choice.problem:
            raise forms.ValidationError(choice.problem)
        if choice.is_full:
            raise forms.ValidationError("This session is full. You can join its waiting list")
        return choice


class ChildForm(forms.Form):
    child: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=None,
        label="Who is the place for?",
        error_messages={
            "required": "Select who the place is for",
            "invalid_choice": "Select one of your children",
        },
    )

    def __init__(self, *args: Any, children: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["child"]
        field.queryset = children  # type: ignore[attr-defined]
        field.choices = [(str(child.pk), child.first_name) for child in children]  # type: ignore[attr-defined]


class ShareProfileForm(forms.Form):
    """Whether to share the child's one-page profile with the listing's organisation."""

    YES, NO = "yes", "no"

    share_profile = forms.ChoiceField(choices=[(YES, "Yes"), (NO, "No")])

    def __init__(self, *args: Any, child_name: str, organisation: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["share_profile"]
        field.label = f"Do you want to share {child_name}'s one-page profile with {organisation}?"
        field.error_messages = {
            "required": f"Select yes if you want to share {child_name}'s one-page profile",
            "invalid_choice": f"Select yes or no: do you want to share {child_name}'s profile?",
        }

    @property
    def shares(self) -> bool:
        return self.cleaned_data["share_profile"] == self.YES


class PlacesForm(forms.Form):
    places = forms.IntegerField(
        label="How many places do you need?",
        error_messages={
            "required": "Enter how many places you need",
            "invalid": "Enter the number of places as a whole number, like 1",
        },
    )

    def __init__(self, *args: Any, most: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.most = most
        self.fields[
            "places"
        ].help_text = (
            f"For one child, for example with a carer or a sibling. You can book up to {most}."
        )

    def clean_places(self) -> int:
        places = self.cleaned_data["places"]
        if places < 1:
            raise forms.ValidationError("Enter a number of places of 1 or more")
        if places > self.most:
            if self.most < MAX_PLACES:
                raise forms.ValidationError(
                    f"There {'is' if self.most == 1 else 'are'} only {self.most} "
                    f"place{'' if self.most == 1 else 's'} left on this session"
                )
            raise forms.ValidationError(f"You can book up to {self.most} places at once")
        return places


class MethodForm(forms.Form):
    method = forms.ChoiceField(
        label="How do you want to pay?",
        error_messages={
            "required": "Select how you want to pay",
            "invalid_choice": "Select one of the ways this provider takes payment",
        },
    )

    def __init__(self, *args: Any, methods: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = [  # type: ignore[attr-defined]
            (method, METHOD_LABELS[PaymentMethod(method)]) for method in methods
        ]


class BudgetForm(forms.Form):
    """Pay from the child's personal budget, and which part of it (or not at all)."""

    budget = forms.ChoiceField(
        error_messages={
            "required": "Select whether you want to pay from the personal budget",
            "invalid_choice": "Select one of the ways the budget can pay for this booking",
        },
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], label: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["budget"]
        field.label = label
        field.choices = choices  # type: ignore[attr-defined]


class OutcomeForm(forms.Form):
    """Which outcome agreed in the plan the booking is for (the budget may only pay for
    provision that meets one)."""

    outcome = forms.ChoiceField(
        label="Which agreed outcome is this booking for?",
        error_messages={
            "required": "Select which agreed outcome this booking is for",
            "invalid_choice": "Select one of the outcomes agreed in the plan",
        },
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = choices  # type: ignore[attr-defined]


class ConfirmForm(forms.Form):
    """The last page's form: its one-time token makes a second press the same booking."""

    token = forms.CharField(max_length=64, widget=forms.HiddenInput)
