"""Setting up a budget and changing it after a review: who it is for, the period, the
outcomes agreed in the plan and the money from each funding stream (rows of formsets; a
row left empty is ignored)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone

from pricing.budgets.admin_forms.fields import date_field, money_field, text_field
from pricing.budgets.enums import HeldAs, Stream
from pricing.budgets.models import FundingLine
from pricing.budgets.services import LineInput, OutcomeInput
from providers.models import Outcome

MAX_OUTCOMES = 20


class PeriodForm(forms.Form):
    starts_on = date_field("Start date of the period")
    ends_on = date_field(
        "End date of the period", help_text="The last day, included. Usually a year."
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends <= starts:
            self.add_error("ends_on", "The end date must be after the start date")
        return data


class BudgetForm(PeriodForm):
    """A new budget: who it is for, who is invited to see it, its period and limits."""

    child_name = text_field(
        "Child or young person's name", "Enter the child or young person's name", max_length=120
    )
    child_date_of_birth = date_field("Date of birth")
    email = forms.EmailField(
        label="Email address of the parent, or of the young person aged 16 to 25",
        help_text="We email them a link to see the budget.",
        max_length=254,
        error_messages={
            "required": "Enter the email address to invite",
            "invalid": "Enter an email address like name@example.com",
        },
    )
    approval_limit = money_field(
        "Approve council-managed bookings at once up to",
        required=False,
        minimum=Decimal("0.00"),
        help_text="A booking above this waits for you to approve it. Leave empty for £0.",
    )
    third_party_name = forms.CharField(
        label="Third party holding money (if any)",
        required=False,
        max_length=200,
        help_text="A broker or provider, when a stream is held by a third party.",
    )

    field_order = [
        "child_name",
        "child_date_of_birth",
        "email",
        "starts_on",
        "ends_on",
        "approval_limit",
        "third_party_name",
    ]

    def clean_child_date_of_birth(self) -> dt.date:
        born = self.cleaned_data["child_date_of_birth"]
        if born >= timezone.localdate():
            raise forms.ValidationError("The date of birth must be in the past")
        return born


class NewVersionForm(PeriodForm):
    reason = text_field(
        "Why it changed",
        "Say why the budget changed",
        max_length=500,
        rows=3,
        help_text="For example: what the review agreed. The family can read this.",
    )


class AreaField(forms.ModelChoiceField):
    """An outcome area named with its group, so "Preparing for adulthood" and "EHC area
    of need" can be told apart in one list."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_group_display()})"


class OutcomeRowForm(forms.Form):
    """One outcome agreed in the plan; a row left empty is ignored."""

    description = forms.CharField(
        label="What the child wants to achieve", required=False, max_length=500
    )
    area = AreaField(
        label="Preparing for Adulthood outcome or EHC area",
        queryset=Outcome.objects.all(),
        required=False,
        empty_label="Choose",
    )
    stream = forms.ChoiceField(
        label="Paid for from",
        choices=[("", "Any stream of the budget"), *Stream.choices],
        required=False,
    )
    # The outcome's key in the previous version, so spending keeps counting towards it.
    key = forms.SlugField(required=False, max_length=60, widget=forms.HiddenInput())

    def is_empty(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not (data.get("description") or "").strip() and not data.get("area")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if self.is_empty():
            return data
        if not (data.get("description") or "").strip() and "description" not in self.errors:
            self.add_error("description", "Enter what the child wants to achieve")
        if not data.get("area") and "area" not in self.errors:
            self.add_error("area", "Choose the Preparing for Adulthood outcome or EHC area")
        return data

    def to_input(self) -> OutcomeInput:
        data = self.cleaned_data
        return OutcomeInput(
            description=data["description"].strip(),
            area=data["area"],
            stream=data.get("stream") or "",
            key=data.get("key") or "",
        )


class _BaseOutcomeFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(form.errors for form in self.forms):
            return
        if all(form.is_empty() for form in self.forms):
            raise forms.ValidationError("Add at least one outcome agreed in the plan")

    def inputs(self) -> list[OutcomeInput]:
        return [form.to_input() for form in self.forms if not form.is_empty()]


def outcome_formset(extra: int) -> type[forms.BaseFormSet]:
    return forms.formset_factory(
        OutcomeRowForm,
        formset=_BaseOutcomeFormSet,
        extra=extra,
        max_num=MAX_OUTCOMES,
        validate_max=True,
    )


class LineRowForm(forms.Form):
    """One funding stream's money for the period; a row without an amount is ignored."""

    stream = forms.ChoiceField(
        label="Funding stream", choices=[("", "Choose"), *Stream.choices], required=False
    )
    held_as = forms.ChoiceField(
        label="How it is held", choices=[("", "Choose"), *HeldAs.choices], required=False
    )
    amount = money_field(
        "Amount for the period",
        required=False,
        help_text="Leave empty if this stream pays nothing.",
    )
    every_weeks = forms.IntegerField(
        label="Paid every (weeks)",
        min_value=1,
        max_value=13,
        required=False,
        initial=4,
        error_messages={
            "invalid": "Enter a whole number of weeks, from 1 to 13",
            "min_value": "Enter a whole number of weeks, from 1 to 13",
            "max_value": "Enter a whole number of weeks, from 1 to 13",
        },
    )

    def is_empty(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return data.get("amount") is None and "amount" not in self.errors

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if self.is_empty():
            return data
        if not data.get("stream") and "stream" not in self.errors:
            self.add_error("stream", "Choose the funding stream")
        if not data.get("held_as") and "held_as" not in self.errors:
            self.add_error("held_as", "Choose how the money is held")
        return data

    def to_input(self) -> LineInput:
        data = self.cleaned_data
        return LineInput(
            stream=data["stream"],
            held_as=data["held_as"],
            amount=data["amount"],
            every_weeks=data.get("every_weeks") or 4,
        )


class _BaseLineFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(form.errors for form in self.forms):
            return
        used = [form.cleaned_data["stream"] for form in self.forms if not form.is_empty()]
        if not used:
            raise forms.ValidationError("Add the money from at least one funding stream")
        if len(set(used)) != len(used):
            raise forms.ValidationError("Each funding stream can be added once")

    def inputs(self) -> list[LineInput]:
        return [form.to_input() for form in self.forms if not form.is_empty()]


LineFormSet = forms.formset_factory(
    LineRowForm,
    formset=_BaseLineFormSet,
    extra=0,
    max_num=len(Stream.values),
    validate_max=True,
    absolute_max=len(Stream.values),
)


def line_rows(lines: list[FundingLine] | None = None) -> list[dict[str, Any]]:
    """A row for each stream: the version's own line where it has one, else blank."""
    found = {line.stream: line for line in lines or []}
    rows = []
    for stream in Stream:
        line = found.get(stream)
        rows.append(
            {
                "stream": stream.value,
                "held_as": line.held_as if line else HeldAs.DIRECT_PAYMENT.value,
                "amount": line.amount if line else None,
                "every_weeks": line.payment_every_weeks if line else 4,
            }
        )
    return rows
