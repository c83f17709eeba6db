"""The panel's forms: one decision per stream, and a seat."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from localoffer.core.roles import PANEL_MEMBERS
from pricing.budgets.enums import HeldAs, Stream


class DecisionForm(forms.Form):
    final_amount = forms.DecimalField(
        label="Amount agreed for a year (£)",
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
        error_messages={
            "required": "Enter the amount agreed for a year",
            "invalid": "Enter the amount in pounds, like 2500 or 2500.50",
            "min_value": "Enter an amount of £0 or more",
            "max_decimal_places": "Enter the amount in pounds and pence",
        },
    )
    held_as = forms.ChoiceField(
        label="How the money will be held",
        choices=HeldAs.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text="Not needed when nothing is agreed.",
    )
    third_party_name = forms.CharField(
        label="Name of the third party (if it holds the money)", max_length=200, required=False
    )
    reason = forms.CharField(
        label="Reason",
        help_text="Needed when the amount differs from the indicative amount. The family reads it.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )

    def __init__(self, *args: Any, indicative: Decimal, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"final_amount": indicative})
        super().__init__(*args, **kwargs)


def panel_people() -> Any:
    return (
        get_user_model()
        .objects.filter(Q(is_superuser=True) | Q(groups__name=PANEL_MEMBERS), is_active=True)
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        name = obj.get_full_name()
        return f"{name} ({obj.email})" if name else obj.email


class SeatForm(forms.Form):
    user = PersonChoice(
        label="Panel member",
        queryset=panel_people(),
        empty_label="Choose a person",
        error_messages={"required": "Choose a panel member"},
    )
    stream = forms.ChoiceField(
        label="Funding stream",
        choices=Stream.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a funding stream"},
    )
    limit = forms.DecimalField(
        label="May agree a year's budget up to (£)",
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
        error_messages={
            "required": "Enter the delegated limit",
            "invalid": "Enter the limit in pounds, like 10000",
            "min_value": "Enter a limit of £0 or more",
        },
    )
    active = forms.BooleanField(
        label="Active (untick to end the seat; past decisions keep it)",
        required=False,
        initial=True,
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user_field = self.fields["user"]
        assert isinstance(user_field, PersonChoice)
        user_field.queryset = panel_people()  # read at each request, not at import
        if editing:
            # Who and which stream are the seat itself: a different one is a new seat.
            for name in ("user", "stream"):
                self.fields[name].disabled = True
                self.fields[name].required = False
