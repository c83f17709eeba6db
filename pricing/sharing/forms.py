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

from pricing.checkout import budget as budgets
from pricing.checkout.forms import METHOD_LABELS, BudgetForm, OutcomeForm
from pricing.checkout.selectors import SessionChoice
from pricing.invoices.family_forms import CustomerDetailsForm
from pricing.payments.models import PaymentMethod
from pricing.sharing.models import SplitRule
from pricing.sharing.selectors import DeadlineChoice
from pricing.sharing.services import PayFrom

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


class BudgetQuestions(forms.Form):
    """The personal budget questions on a page that also asks which child (no JavaScript):
    pay the share from a budget (which child's, which part), and which agreed outcome.

    Added only when one of the family's children has a budget (`ask_budget`). Each answer
    names its child (values "child id:part" and "child id:outcome key"), so the choice is
    checked against the child chosen on the same page; the words are the session
    journey's (`pricing.checkout.budget`). The council or a third party pays on the
    provider's invoice, so "How do you want to pay your share?" need not be answered then.
    """

    child_budgets: dict[str, budgets.ChildBudget]
    budget_options: list[tuple[str, str, str]]
    unavailable_pots: list[budgets.Pot]

    def ask_budget(self, found: list[budgets.ChildBudget]) -> None:
        self.child_budgets = {str(item.child.pk): item for item in found}
        self.budget_options, self.unavailable_pots = [], []
        if not found:
            return
        several = len(found) > 1
        outcome_choices = []
        for item in found:
            name = item.child.first_name
            for value, label, hint in budgets.options(item.pots)[:-1]:
                label = f"{name}'s budget: {label}" if several else label
                self.budget_options.append((f"{item.child.pk}:{value}", label, hint))
            self.unavailable_pots += budgets.unavailable(item.pots)
            for outcome in item.outcomes:
                label = f"{name}: {outcome.description}" if several else outcome.description
                outcome_choices.append((f"{item.child.pk}:{outcome.key}", label))
        self.budget_options.append((budgets.NO_BUDGET, budgets.NO_BUDGET_LABEL, ""))
        budget = copy.deepcopy(BudgetForm.base_fields["budget"])
        budget.label = (
            "Do you want to pay from a personal budget?"
            if several
            else budgets.question(found[0].child.first_name)
        )
        budget.choices = [(value, label) for value, label, _ in self.budget_options]  # type: ignore[attr-defined]
        agreed = copy.deepcopy(OutcomeForm.base_fields["outcome"])
        agreed.choices = outcome_choices  # type: ignore[attr-defined]
        agreed.required = False  # only when paying from a budget: checked in clean()
        method = self.fields.pop("method")
        method.required = False  # not when the council or a third party pays: clean()
        self.fields.update(budget=budget, outcome=agreed, method=method)

    def _chosen(self) -> tuple[budgets.ChildBudget | None, str]:
        """The budget chosen and its part ("" when not paying from one)."""
        answer = self.cleaned_data.get("budget") or budgets.NO_BUDGET
        if answer == budgets.NO_BUDGET:
            return None, ""
        child_id, _, held_as = answer.partition(":")
        return self.child_budgets.get(child_id), held_as

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if "budget" not in self.fields or "budget" not in cleaned or "child" not in cleaned:
            return cleaned
        item, held_as = self._chosen()
        child = cleaned["child"]
        if item is not None and str(item.child.pk) != child:
            mine = self.child_budgets.get(child)
            self.add_error(
                "budget",
                f"Select one of the ways {mine.child.first_name}'s budget can pay, or "
                f"{budgets.NO_BUDGET_LABEL.lower()}"
                if mine is not None
                else f"The child you chose does not have a personal budget: select "
                f"{budgets.NO_BUDGET_LABEL.lower()}",
            )
            return cleaned
        if item is not None:
            outcome = cleaned.get("outcome") or ""
            if not outcome:
                self.add_error("outcome", "Select which agreed outcome this booking is for")
            elif outcome.partition(":")[0] != child:
                self.add_error(
                    "outcome",
                    f"Select one of the outcomes agreed in {item.child.first_name}'s plan",
                )
        paid_by_family = not budgets.paid_by_others(held_as)
        if paid_by_family and not cleaned.get("method") and "method" not in self.errors:
            self.add_error("method", "Select how you want to pay your share")
        return cleaned

    def pay_from(self) -> PayFrom | None:
        """The budget, part and outcome that pay the share (None: the family pays)."""
        if "budget" not in self.fields:
            return None
        item, held_as = self._chosen()
        if item is None:
            return None
        key = (self.cleaned_data.get("outcome") or "").partition(":")[2]
        return PayFrom(budget=item.budget, held_as=held_as, outcome_key=key)

    def paying_method(self) -> str:
        """How the share's booking is paid: the answer, or on invoice when others pay."""
        pay_from = self.pay_from()
        if pay_from is not None and budgets.paid_by_others(pay_from.held_as):
            return PaymentMethod.INVOICE.value
        return self.cleaned_data["method"]


class StartForm(BudgetQuestions):
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


class JoinForm(BudgetQuestions):
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
