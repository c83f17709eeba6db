"""The family's budget forms: spending they record, a receipt, money set aside, and which
child an invitation is for.

Messages follow the GOV.UK Design System's wording ("Enter ...", "Select ..."). The forms
check what a person typed (a real date, an amount of money, a photo or PDF); the rules
about what a budget may buy stay in the services, whose `BudgetError` the views show
beside the field it names.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils import timezone

from localoffer.core.money import format_pounds
from pricing.budgets.models import (
    PayeeException,
    PersonalBudget,
    SchoolConsent,
    SpendingCategory,
)
from pricing.budgets.receipts import check_receipt
from pricing.budgets.services.common import BudgetError, check_amount
from providers.organisations.forms import GovukDateField

YES_NO = [("yes", "Yes"), ("no", "No")]
# Digits with an optional "£", thousands commas in the right places ("1,250") and pence.
MAX_TYPED = 20
AMOUNT = re.compile(r"£?\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d*)?")


class PoundsField(forms.Field):
    """An amount of money as people type it: "12.50", "£12.50", "1,250".

    Negative, zero, part pennies and absurd amounts get the services' own messages
    (`check_amount`), so the page says the same thing whichever one noticed.
    """

    widget = forms.TextInput

    def __init__(self, *, description: str = "the amount", **kwargs: Any) -> None:
        kwargs["error_messages"] = {
            "required": f"Enter {description}",
            **kwargs.get("error_messages", {}),
        }
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:
        text = "".join(str(value or "").split())
        if not text:
            return None
        if text.startswith(("-", "£-", "−", "£−")):
            raise forms.ValidationError("Enter an amount greater than £0")
        match = AMOUNT.fullmatch(text) if len(text) <= MAX_TYPED else None
        if match is None:
            raise forms.ValidationError("Enter an amount of money, like 12.50")
        try:
            amount = Decimal(match.group(1).replace(",", "") + (match.group(2) or ""))
        except InvalidOperation:
            raise forms.ValidationError("Enter an amount of money, like 12.50") from None
        try:
            return check_amount(amount)
        except BudgetError as error:
            raise forms.ValidationError(error.message) from None


class ReceiptField(forms.FileField):
    """A photo or PDF of a receipt, checked by what its bytes are (`check_receipt`)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs["error_messages"] = {
            "required": "Select a photo or PDF of the receipt",
            "empty": "The selected file is empty",
            "invalid": "The selected file must be a photo (JPG or PNG) or a PDF",
            "missing": "Select a photo or PDF of the receipt",
            "max_length": "The selected file's name must be 200 characters or fewer",
        }
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if upload:
            check_receipt(upload)  # ReceiptRefused is a ValidationError with its message
        return upload


def _category_choices(budget: PersonalBudget) -> Any:
    # Every category of the council is accepted here, excluded ones too: the page offers
    # only the allowed ones, and one posted anyway reaches the service, which refuses it
    # saying why (a single place states the rule).
    return SpendingCategory.objects.filter(council_id=budget.council_id)


class SpendingForm(forms.Form):
    """Spending paid from the direct payment outside the site (`services.record_spending`)."""

    occurred_on = GovukDateField(
        label="When did you pay?",
        description="the date you paid",
        help_text="For example, 27 4 2026",
    )
    payee = forms.CharField(
        label="Who did you pay?",
        max_length=200,
        help_text="The person, business or organisation, as it is on the receipt.",
        error_messages={
            "required": "Enter who you paid",
            "max_length": "Who you paid must be 200 characters or fewer",
        },
    )
    description = forms.CharField(
        label="What was it for?",
        max_length=500,
        help_text="For example, 4 swimming lessons in May.",
        error_messages={
            "required": "Enter what the money was for",
            "max_length": "What it was for must be 500 characters or fewer",
        },
    )
    amount = PoundsField(label="How much did you pay?", description="how much you paid")
    outcome = forms.ChoiceField(
        label="Which agreed outcome was it for?",
        help_text="The outcomes agreed in the EHC plan. The budget can only pay for these.",
        error_messages={
            "required": "Select which agreed outcome this was for",
            "invalid_choice": "Select which agreed outcome this was for",
        },
    )
    category = forms.ModelChoiceField(
        label="What kind of spending was it?",
        queryset=SpendingCategory.objects.none(),
        error_messages={
            "required": "Select what kind of spending this was",
            "invalid_choice": "Select what kind of spending this was",
        },
    )
    in_school = forms.ChoiceField(
        label="Was this provided in a school or college?",
        choices=YES_NO,
        help_text="Support given in a school or college needs the head teacher's or "
        "principal's consent, recorded by your officer.",
        error_messages={
            "required": "Select yes if this was provided in a school or college",
            "invalid_choice": "Select yes if this was provided in a school or college",
        },
    )
    school_consent = forms.ModelChoiceField(
        label="If yes, which school or college gave consent?",
        queryset=SchoolConsent.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Select the school or college from the list"},
    )
    family_member = forms.ChoiceField(
        label="",  # set per budget: "... lives with <child>?"
        choices=YES_NO,
        help_text="A budget can only pay a family member who lives with the child if the "
        "council has agreed it.",
        error_messages={
            "required": "Select yes if the person you paid is a family member who lives "
            "with the child",
            "invalid_choice": "Select yes if the person you paid is a family member who "
            "lives with the child",
        },
    )
    payee_exception = forms.ModelChoiceField(
        label="If yes, which agreement with the council is it?",
        queryset=PayeeException.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Select the agreement from the list"},
    )
    receipt = ReceiptField(
        label="Receipt (optional)",
        required=False,
        help_text="Keep receipts for anything over £5. A photo (JPG or PNG) or a PDF, "
        "smaller than 10MB.",
    )

    def __init__(self, *args: Any, budget: PersonalBudget, child_name: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.budget = budget
        outcomes = budget.current_version.outcomes.order_by("pk")
        outcome = self.fields["outcome"]
        assert isinstance(outcome, forms.ChoiceField)
        outcome.choices = [(o.key, o.description) for o in outcomes]
        category = self.fields["category"]
        assert isinstance(category, forms.ModelChoiceField)
        category.queryset = _category_choices(budget)
        consent = self.fields["school_consent"]
        assert isinstance(consent, forms.ModelChoiceField)
        consent.queryset = budget.consents.order_by("setting_name", "pk")
        exception = self.fields["payee_exception"]
        assert isinstance(exception, forms.ModelChoiceField)
        exception.queryset = budget.payee_exceptions.order_by("payee", "pk")
        self.fields[
            "family_member"
        ].label = f"Is the person you paid a family member who lives with {child_name}?"
        self.offered_categories = [c for c in category.queryset if not c.excluded]
        self.consents = list(consent.queryset)
        self.exceptions = list(exception.queryset)
        self.consent_options = [
            (c.pk, f"{c.setting_name} (consent from {c.given_by}, {c.given_on:%-d %B %Y})")
            for c in self.consents
        ]
        self.exception_options = [(e.pk, f"{e.payee} ({e.relationship})") for e in self.exceptions]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        # With a choice to make, a "yes" needs it; with none recorded, the service says
        # to ask the officer (beside the yes/no question).
        if data.get("in_school") == "yes" and self.consents and not data.get("school_consent"):
            self.add_error("school_consent", "Select which school's or college's consent")
        if (
            data.get("family_member") == "yes"
            and self.exceptions
            and not data.get("payee_exception")
        ):
            self.add_error("payee_exception", "Select which agreement with the council")
        return data

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "occurred_on": data["occurred_on"],
            "payee": data["payee"],
            "description": data["description"],
            "amount": data["amount"],
            "outcome_key": data["outcome"],
            "category": data["category"],
            "in_school": data["in_school"] == "yes",
            "school_consent": data.get("school_consent"),
            "family_member": data["family_member"] == "yes",
            "payee_exception": data.get("payee_exception"),
            "receipt": data.get("receipt"),
        }


class ReceiptForm(forms.Form):
    receipt = ReceiptField(
        label="Photo or PDF of the receipt",
        help_text="A photo (JPG or PNG) or a PDF, smaller than 10MB.",
    )


class SetAsideForm(forms.Form):
    """Money "banked" for later, such as a short break (`services.set_aside`)."""

    purpose = forms.CharField(
        label="What are you saving it for?",
        max_length=200,
        help_text="For example, a short break in the summer holidays.",
        error_messages={
            "required": "Enter what the money is for",
            "max_length": "What the money is for must be 200 characters or fewer",
        },
    )
    amount = PoundsField(label="How much do you want to set aside?", description="how much")
    until = GovukDateField(
        label="When do you need it by? (optional)",
        description="the date you need it by",
        help_text="For example, 1 8 2026",
        required=False,
    )

    def __init__(self, *args: Any, free: Decimal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.free = free

    def clean_until(self) -> dt.date | None:
        until = self.cleaned_data.get("until")
        if until is not None and until < timezone.localdate():
            raise forms.ValidationError("The date you need it by must be today or in the future")
        return until

    def clean_amount(self) -> Decimal | None:
        # Only what is free to spend can be set aside; otherwise the page would show a
        # negative "free to spend", which helps nobody plan.
        amount = self.cleaned_data.get("amount")
        if amount is not None and amount > self.free:
            if self.free <= 0:
                raise forms.ValidationError("You have no money free to set aside at the moment")
            raise forms.ValidationError(
                f"Enter an amount of {format_pounds(self.free)} or less: that is what is "
                "free to spend"
            )
        return amount


class ChildChoiceForm(forms.Form):
    """Which of the family's own children an invitation's budget is for."""

    child = forms.ChoiceField(
        label="Who is the budget for?",
        error_messages={
            "required": "Select who the budget is for",
            "invalid_choice": "Select who the budget is for",
        },
    )

    def __init__(self, *args: Any, children: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.children = {str(child.pk): child for child in children}
        field = self.fields["child"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(pk, c.first_name) for pk, c in self.children.items()]

    def chosen(self) -> Any:
        return self.children[self.cleaned_data["child"]]
