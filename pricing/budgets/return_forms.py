"""The forms of quarterly returns: the family's declaration and answers, the officer's
question. What the rules refuse is the services' to say (`BudgetError`); these only read
what was typed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from pricing.budgets.models import ReturnQuery
from pricing.budgets.return_figures import Line
from pricing.budgets.services.returns import DECLARE_MESSAGE, MAX_TEXT

DECLARATION = "I declare the information is true and complete"
WHOLE_RETURN = ""


class MakeReturnForm(forms.Form):
    starts_on = forms.DateField(widget=forms.HiddenInput)


class DeclarationForm(forms.Form):
    declaration = forms.BooleanField(
        label=DECLARATION, required=True, error_messages={"required": DECLARE_MESSAGE}
    )
    # When the figures the family read were made (see services.returns.submit_return).
    made = forms.CharField(widget=forms.HiddenInput, required=False)

    def seen_made_at(self) -> dt.datetime | None:
        try:
            return dt.datetime.fromisoformat(self.cleaned_data.get("made") or "")
        except ValueError:
            return None


class AnswersForm(DeclarationForm):
    """An answer box for each open question, then the declaration again: the return is
    sent again with the answers."""

    def __init__(self, *args: Any, queries: list[ReturnQuery], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.queries = queries
        declaration = self.fields.pop("declaration")
        made = self.fields.pop("made")
        for number, query in enumerate(queries, start=1):
            self.fields[f"answer_{query.pk}"] = forms.CharField(
                label=f"Your answer to question {number}",
                max_length=MAX_TEXT,
                widget=forms.Textarea,
                error_messages={
                    "required": f"Enter your answer to question {number}",
                    "max_length": f"Your answer must be {MAX_TEXT} characters or fewer",
                },
            )
        self.fields["declaration"] = declaration
        self.fields["made"] = made

    def answers(self) -> dict[int, str]:
        return {query.pk: self.cleaned_data.get(f"answer_{query.pk}", "") for query in self.queries}

    def pairs(self) -> list[tuple[ReturnQuery, forms.BoundField]]:
        return [(query, self[f"answer_{query.pk}"]) for query in self.queries]


def line_choice(line: Line) -> str:
    entry = line.entry
    who = line.payee or line.what_for
    return f"{entry.occurred_on:%-d %b %Y}, {who}, {line.amount}"


class QueryForm(forms.Form):
    """The officer's question, about one line or the whole return."""

    entry = forms.ChoiceField(label="What is your question about?", required=False)
    question = forms.CharField(
        label="Your question for the family",
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The family is emailed your question and answers it on the return.",
        error_messages={
            "required": "Enter your question for the family",
            "max_length": f"Your question must be {MAX_TEXT} characters or fewer",
        },
    )

    def __init__(self, *args: Any, lines: list[Line], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lines = {str(line.entry.pk): line for line in lines}
        choices = [(WHOLE_RETURN, "The whole return")]
        choices += [(key, line_choice(line)) for key, line in self.lines.items()]
        entry_field = self.fields["entry"]
        assert isinstance(entry_field, forms.ChoiceField)
        entry_field.choices = choices

    def chosen_line(self) -> Line | None:
        return self.lines.get(self.cleaned_data.get("entry") or "")
