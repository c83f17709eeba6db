"""The shared booking's forms, built from what the family may choose now (the sessions a
group can book, their own children, the deadlines, the ways the provider takes payment),
so an id typed into a form that is not on offer is refused by the form. The rules that
need the database (places left, amounts adding up) are the services'."""

from __future__ import annotations

import copy
import re
from typing import Any

from django import forms
from django.db.models import QuerySet

from pricing.checkout.forms import METHOD_LABELS
from pricing.checkout.selectors import SessionChoice
from pricing.invoices.family_forms import CustomerDetailsForm
from pricing.payments.models import PaymentMethod
from pricing.sharing.models import SplitRule
from pricing.sharing.selectors import DeadlineChoice

MAX_INVITE_LENGTH = 2000
SPLIT_LABELS = {
    SplitRule.EQUAL: "Split it equally",
    SplitRule.AGREED: "Split it as we have agreed",
}


class SessionForm(forms.Form):
    session = forms.ChoiceField(
        label="Which session do you want to share?",
        error_messages={
            "required": "Select a session",
            "invalid_choice": "Select one of the sessions in the list",
        },
    )

    def __init__(self, *args: Any, choices: list[SessionChoice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["session"].choices = [  # type: ignore[attr-defined]
            (str(choice.session.pk), str(choice.session)) for choice in choices
        ]


def _child_field(children: QuerySet, label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[(str(child.pk), child.first_name) for child in children],
        error_messages={
            "required": "Select which of your children it is for",
            "invalid_choice": "Select one of your children",
        },
    )


def _method_field(methods: list[str]) -> forms.ChoiceField:
    return forms.ChoiceField(
        label="How do you want to pay your share?",
        choices=[(method, METHOD_LABELS[PaymentMethod(method)]) for method in methods],
        error_messages={
            "required": "Select how you want to pay your share",
            "invalid_choice": "Select one of the ways this provider takes payment",
        },
    )


class StartForm(forms.Form):
    """Everything the organiser decides, on one page (the session was chosen before)."""

    children = forms.IntegerField(
        label="How many children are in the group, with yours?",
        error_messages={
            "required": "Enter how many children are in the group",
            "invalid": "Enter the number of children as a whole number, like 3",
        },
    )
    split = forms.ChoiceField(
        label="How do you want to split the cost?",
        choices=[(value, SPLIT_LABELS[SplitRule(value)]) for value in SplitRule.values],
        error_messages={"required": "Select how to split the cost"},
    )
    deadline = forms.ChoiceField(
        label="When must everyone have paid by?",
        error_messages={
            "required": "Select when everyone must have paid by",
            "invalid_choice": "Select one of the deadlines in the list",
        },
    )
    invite = forms.CharField(
        label="Email addresses of the families to invite (optional)",
        required=False,
        max_length=MAX_INVITE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
        error_messages={"max_length": "Enter fewer email addresses"},
    )
    token = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        children: QuerySet,
        deadlines: list[DeadlineChoice],
        methods: list[str],
        group_size: int,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields = {
            "child": _child_field(children, "Which of your children is it for?"),
            **self.fields,
        }
        self.fields["deadline"].choices = [(d.key, d.label) for d in deadlines]  # type: ignore[attr-defined]
        self.fields["method"] = _method_field(methods)
        self.group_size = group_size
        self.deadlines = {d.key: d for d in deadlines}
        for number in range(1, group_size + 1):
            self.fields[f"amount_{number}"] = forms.CharField(
                label="Your share" if number == 1 else f"Share {number}",
                required=False,
                max_length=20,
            )

    def amount_fields(self) -> list[forms.BoundField]:
        return [self[f"amount_{number}"] for number in range(1, self.group_size + 1)]

    def clean_invite(self) -> list[str]:
        return [part for part in re.split(r"[\s,;]+", self.cleaned_data["invite"]) if part]

    def clean_deadline(self) -> DeadlineChoice:
        return self.deadlines[self.cleaned_data["deadline"]]

    def amounts(self) -> list[str]:
        return [self.cleaned_data.get(f"amount_{n}") or "" for n in range(1, self.group_size + 1)]


class JoinForm(forms.Form):
    def __init__(self, *args: Any, children: QuerySet, methods: list[str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["child"] = _child_field(children, "Which of your children is joining?")
        self.fields["method"] = _method_field(methods)


def ask_invoice_details(form: forms.Form, user: Any) -> None:
    """Add the name and address for the family's invoices to `form`, for a family that
    has not given them yet: each family's share is invoiced to it, and an invoice names
    its customer's address. The fields are those of "Your details for invoices"; the
    account's name is offered."""
    for name in ("name", "address"):
        form.fields[name] = copy.deepcopy(CustomerDetailsForm.base_fields[name])
    form.initial.setdefault("name", user.get_full_name())
