"""The coordinator's forms: finding the family, the questionnaire one domain a page, the
costed provision and the confirmations. Rules belong to the services; these forms only
check what was typed is well formed."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from localoffer.core.roles import FINANCE_OFFICERS
from pricing.allocation.enums import AssessmentStatus, Frequency
from pricing.allocation.models import Domain, PlannedOutcome
from pricing.budgets.admin_forms.fields import date_field
from pricing.budgets.enums import Stream
from pricing.budgets.models import PersonalBudget
from pricing.families.models import Child
from pricing.provision.models import ProvisionMapEntry, StandardUnitCost
from providers.enums import CostUnit
from providers.models import Category, Outcome

STATUS_CHOICES = [("", "Every status"), *AssessmentStatus.choices]


class CaseloadFilterForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=STATUS_CHOICES, required=False)


class FamilyEmailForm(forms.Form):
    email = forms.EmailField(
        label="The family's email address",
        help_text="The address the family signs in to the Local Offer with.",
        error_messages={
            "required": "Enter the family's email address",
            "invalid": "Enter an email address in the right form, like name@example.com",
        },
    )


class BudgetChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.reference}: {obj.child_name}"


class ChildChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.first_name}, born {obj.date_of_birth:%-d %B %Y}"


class ChildForm(forms.Form):
    """Which of the family's children, and the budget this assessment reviews, if any."""

    child = ChildChoiceField(
        label="Which child or young person is the assessment for?",
        queryset=Child.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Choose the child or young person"},
    )
    budget = BudgetChoiceField(
        label="Is this a review of an existing personal budget? (optional)",
        queryset=PersonalBudget.objects.none(),
        required=False,
        empty_label="No, it is a new budget",
    )

    def __init__(self, *args: Any, family: Any, council: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        children = Child.objects.filter(family=family).order_by("first_name", "pk")
        child_field = self.fields["child"]
        assert isinstance(child_field, forms.ModelChoiceField)
        child_field.queryset = children
        budget_field = self.fields["budget"]
        assert isinstance(budget_field, forms.ModelChoiceField)
        budget_field.queryset = PersonalBudget.objects.filter(
            council=council, child__in=children
        ).order_by("child_name", "reference")


class StartFromSelfForm(forms.Form):
    budget = BudgetChoiceField(
        label="Is this a review of an existing personal budget? (optional)",
        queryset=PersonalBudget.objects.none(),
        required=False,
        empty_label="No, it is a new budget",
    )

    def __init__(self, *args: Any, child: Any, council: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["budget"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = PersonalBudget.objects.filter(council=council, child=child)


def question_field(question_pk: int) -> str:
    return f"question_{question_pk}"


def note_field(question_pk: int) -> str:
    return f"note_{question_pk}"


class DomainForm(forms.Form):
    """One domain's questions: a group of radios each (a descriptor's words) and a note.

    Answers are optional here so the coordinator can save and come back; completing the
    assessment is what needs every question answered."""

    def __init__(self, *args: Any, domain: Domain, answers: dict[int, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(domain.questions.prefetch_related("descriptors"))
        for question in self.questions:
            answer = answers.get(question.pk)
            self.fields[question_field(question.pk)] = forms.TypedChoiceField(
                label=question.text,
                help_text=question.help_text,
                choices=[(d.pk, d.text) for d in question.descriptors.all()],
                coerce=int,
                widget=forms.RadioSelect,
                required=False,
                initial=answer.descriptor_id if answer else None,
            )
            self.fields[note_field(question.pk)] = forms.CharField(
                label="Note (optional)",
                help_text="In the family's words, what this answer is based on.",
                max_length=1000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=answer.note if answer else "",
            )

    def rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[question_field(q.pk)], self[note_field(q.pk)]) for q in self.questions]

    def given(self) -> dict[int, tuple[int, str]]:
        """Question id -> (descriptor id, note) for the questions answered."""
        result = {}
        for question in self.questions:
            chosen = self.cleaned_data.get(question_field(question.pk))
            if chosen not in (None, ""):
                result[question.pk] = (int(chosen), self.cleaned_data[note_field(question.pk)])
        return result


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why is the assessment withdrawn?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the assessment is withdrawn"},
    )


class OutcomeForm(forms.Form):
    description = forms.CharField(
        label="What the child wants to achieve",
        max_length=500,
        error_messages={"required": "Say what the child wants to achieve"},
    )
    area = forms.ModelChoiceField(
        label="Preparing for Adulthood outcome or EHC area",
        queryset=Outcome.objects.all(),
        empty_label="Choose an outcome or area",
        error_messages={"required": "Choose the outcome or area it serves"},
    )


def provision_types(council: Any) -> list[tuple[str, str]]:
    """Every type of provision with a price: the council's standard costs and the market's
    priced types, as "category:unit" choices."""
    labels: dict[tuple[int, str], str] = {}
    for entry in ProvisionMapEntry.objects.exclude(median=None).select_related(
        "category", "category__parent"
    ):
        labels[(entry.category_id, entry.unit)] = f"{entry.category} per {entry.unit}"
    for cost in StandardUnitCost.objects.filter(council=council).select_related(
        "category", "category__parent"
    ):
        labels[(cost.category_id, cost.unit)] = f"{cost.category} per {cost.unit}"
    ordered = sorted(labels.items(), key=lambda item: item[1].lower())
    return [(f"{category}:{unit}", label) for (category, unit), label in ordered]


class LineForm(forms.Form):
    outcome = forms.ModelChoiceField(
        label="For which outcome",
        queryset=PlannedOutcome.objects.none(),
        empty_label="Choose an outcome",
        error_messages={"required": "Choose the outcome this provision meets"},
    )
    provision = forms.ChoiceField(
        label="Type of provision",
        help_text="Priced from the provision map: the council's standard cost, else the "
        "median price of published listings.",
        error_messages={"required": "Choose the type of provision"},
    )
    description = forms.CharField(
        label="What it is (optional)",
        max_length=200,
        required=False,
        help_text="For example 'Speech and language therapy at school'.",
    )
    quantity = forms.DecimalField(
        label="How many units each time",
        min_value=Decimal("0.01"),
        max_digits=7,
        decimal_places=2,
        error_messages={
            "required": "Enter how many units each time",
            "invalid": "Enter the number of units, like 1 or 1.5",
            "min_value": "Enter a quantity greater than 0",
        },
    )
    frequency = forms.ChoiceField(
        label="How often",
        choices=[("", "Choose how often"), *Frequency.choices],
        error_messages={"required": "Choose how often"},
    )
    stream = forms.ChoiceField(
        label="Paid for from",
        choices=[("", "Choose a funding stream"), *Stream.choices],
        error_messages={"required": "Choose which funding stream pays for it"},
    )

    def __init__(self, *args: Any, assessment: Any, council: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        outcome = self.fields["outcome"]
        assert isinstance(outcome, forms.ModelChoiceField)
        outcome.queryset = assessment.outcomes.all()
        provision = self.fields["provision"]
        assert isinstance(provision, forms.ChoiceField)
        provision.choices = [("", "Choose a type of provision"), *provision_types(council)]

    def category_and_unit(self) -> tuple[Category, str]:
        category, unit = self.cleaned_data["provision"].split(":", 1)
        if unit not in CostUnit.values:
            raise forms.ValidationError("Choose the type of provision")
        return Category.objects.get(pk=int(category)), unit


class AdjustForm(forms.Form):
    stream = forms.ChoiceField(
        label="Funding stream",
        choices=[("", "Choose a funding stream"), *Stream.choices],
        error_messages={"required": "Choose which funding stream to change"},
    )
    amount = forms.DecimalField(
        label="Change in pounds (negative to lower it)",
        max_digits=12,
        decimal_places=2,
        error_messages={
            "required": "Enter the change in pounds",
            "invalid": "Enter an amount in pounds, like 250 or -120.50",
        },
    )
    reason = forms.CharField(
        label="Reason",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why the costed total changes"},
    )


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        name = obj.get_full_name()
        return f"{name} ({obj.email})" if name else obj.email


class SendToPanelForm(forms.Form):
    """Who will look after the budget the panel sets up or changes, and when it starts."""

    budget_officer = OfficerChoiceField(
        label="Finance officer who will look after the budget",
        queryset=get_user_model().objects.none(),
        empty_label="Choose a finance officer",
        error_messages={"required": "Choose a finance officer to look after the budget"},
    )
    starts_on = date_field(
        "Day the budget would start",
        help_text="The panel's amounts are for a year from this day.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["budget_officer"]
        assert isinstance(field, forms.ModelChoiceField)
        # The same people pricing.budgets.selectors.is_finance_officer lets in.
        field.queryset = (
            get_user_model()
            .objects.filter(Q(is_superuser=True) | Q(groups__name=FINANCE_OFFICERS), is_active=True)
            .distinct()
            .order_by("first_name", "last_name", "email")
        )
