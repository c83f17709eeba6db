"""The forms of each action on a budget: invite, adjust, reverse, clawback, repayment,
consent, payee exception, review and the approval limit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone

from pricing.budgets.admin_forms.fields import date_field, money_field, text_field
from pricing.budgets.admin_forms.version import BudgetForm
from pricing.budgets.enums import ClawbackMethod, ReviewKind
from pricing.budgets.models import FundingLine

ADD = "add"
TAKE = "take"


class InviteForm(forms.Form):
    email = BudgetForm.base_fields["email"]


class AdjustForm(forms.Form):
    pot = forms.ChoiceField(label="Which part of the budget", widget=forms.RadioSelect)
    direction = forms.ChoiceField(
        label="Add or take away",
        choices=[(ADD, "Add money (a top-up)"), (TAKE, "Take money away (a correction)")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to add or take away money"},
    )
    amount = money_field("Amount")
    reason = text_field("Reason", "Say why the budget is being adjusted", max_length=1000, rows=3)
    occurred_on = date_field(
        "Date of the adjustment", required=False, help_text="Leave empty for today."
    )

    def __init__(self, *args: Any, lines: list[FundingLine], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        pot = self.fields["pot"]
        assert isinstance(pot, forms.ChoiceField)
        pot.choices = [
            (
                f"{line.stream}:{line.held_as}",
                f"{line.get_stream_display()}, {line.get_held_as_display()}",
            )
            for line in lines
        ]
        pot.error_messages["required"] = "Choose which part of the budget to adjust"
        if len(lines) == 1:
            self.initial.setdefault("pot", pot.choices[0][0])

    def signed_amount(self) -> Decimal:
        amount: Decimal = self.cleaned_data["amount"]
        return -amount if self.cleaned_data["direction"] == TAKE else amount

    def stream_and_pot(self) -> tuple[str, str]:
        stream, held_as = self.cleaned_data["pot"].split(":", 1)
        return stream, held_as


class ReasonForm(forms.Form):
    reason = text_field(
        "Reason",
        "Say why the entry is being reversed",
        max_length=1000,
        rows=3,
        help_text="Kept with the reversing entry in the ledger.",
    )


class ClawbackForm(forms.Form):
    amount = money_field("Amount to recover")
    method = forms.ChoiceField(
        label="How the money will be recovered",
        choices=ClawbackMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the money will be recovered"},
    )
    reason = text_field(
        "Reason",
        "Say why the money is being recovered",
        max_length=1000,
        rows=3,
        help_text="The family reads this in their email.",
    )


class RepaymentForm(forms.Form):
    amount = money_field("Amount repaid")
    received_on = date_field("Date received")

    def clean_received_on(self) -> dt.date:
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("Enter a date that is today or in the past")
        return day


class ConsentForm(forms.Form):
    setting_name = text_field(
        "School or college", "Enter the name of the school or college", max_length=200
    )
    given_by = text_field(
        "Head teacher or principal who gave consent", "Enter who gave consent", max_length=200
    )
    given_on = date_field("Date consent was given")


class ExceptionForm(forms.Form):
    payee = text_field("Who may be paid", "Enter who may be paid", max_length=200)
    relationship = text_field(
        "Relationship to the child", "Enter how they are related to the child", max_length=100
    )
    reason = text_field(
        "Why the exception is agreed", "Say why the exception is agreed", max_length=1000, rows=3
    )


class ReviewForm(forms.Form):
    kind = forms.ChoiceField(
        label="Which review",
        choices=ReviewKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which review this was"},
    )
    held_on = date_field("Date of the review")
    notes = forms.CharField(
        label="Notes (optional)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="If the review changed the budget, make a new version afterwards.",
    )


class ApprovalLimitForm(forms.Form):
    approval_limit = money_field(
        "Approve council-managed bookings at once up to",
        minimum=Decimal("0.00"),
        help_text="A booking from the council-managed or third-party part above this waits "
        "for you to approve it. £0 means every booking waits.",
    )
