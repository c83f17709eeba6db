"""The family's assessment forms: which child a self-assessment is for, one domain's
questions, and asking for an assessment to be looked at again.

Messages follow the GOV.UK Design System's wording; the rules (one self-assessment in
progress, every question answered before sending) stay in the services.
"""

from __future__ import annotations

from typing import Any

from django import forms

from pricing.allocation.models import Domain
from pricing.allocation.services.answers import Given
from pricing.allocation.services.look_again import TEXT_MAX_LENGTH

NOTE_MAX_LENGTH = 1000


class StartForm(forms.Form):
    child = forms.ChoiceField(
        label="Who is the self-assessment for?",
        error_messages={
            "required": "Select who the self-assessment is for",
            "invalid_choice": "Select who the self-assessment is for",
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


class DomainForm(forms.Form):
    """One domain's questions: a descriptor for each (radios) and an optional note.

    Answers may be left out when saving to come back later; "Save and continue" asks for
    them all (`require_all`), so the family knows which one they missed.
    """

    def __init__(self, *args: Any, domain: Domain, answers: dict[int, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(domain.questions.prefetch_related("descriptors"))
        self.rows: list[tuple[Any, forms.BoundField, forms.BoundField]] = []
        for question in self.questions:
            answer = answers.get(question.pk)
            self.fields[f"q{question.pk}"] = forms.ChoiceField(
                label=question.text,
                help_text=question.help_text,
                required=False,
                choices=[(str(d.pk), d.text) for d in question.descriptors.all()],
                initial=str(answer.descriptor_id) if answer else None,
                error_messages={"invalid_choice": "Select one of the answers given"},
            )
            self.fields[f"note{question.pk}"] = forms.CharField(
                label="Anything you want to add about this (optional)",
                help_text="For example what a usual day or a hard day looks like.",
                required=False,
                max_length=NOTE_MAX_LENGTH,
                initial=answer.note if answer else "",
                error_messages={
                    "max_length": f"Keep the note to {NOTE_MAX_LENGTH:,} characters or fewer"
                },
            )
        for question in self.questions:
            self.rows.append((question, self[f"q{question.pk}"], self[f"note{question.pk}"]))

    def require_all(self) -> bool:
        """Add an error to each question left unanswered; True when none is."""
        for question in self.questions:
            name = f"q{question.pk}"
            if name not in self.errors and not self.cleaned_data.get(name):
                self.add_error(name, f"Select the answer that best describes: {question.text}")
        return not self.errors

    def given(self) -> dict[int, Given]:
        """The answers chosen on this page (question id -> answer)."""
        found = {}
        for question in self.questions:
            chosen = self.cleaned_data.get(f"q{question.pk}")
            if chosen:
                note = self.cleaned_data.get(f"note{question.pk}") or ""
                found[question.pk] = Given(int(chosen), note)
        return found

    def field_order_names(self) -> list[str]:
        return [name for _, q, n in self.rows for name in (q.name, n.name)]


class LookAgainForm(forms.Form):
    what_is_wrong = forms.CharField(
        label="What do you think is wrong or has been missed?",
        help_text="For example an answer that does not describe your child, a need the "
        "questions did not ask about, or provision you think is missing.",
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={
            "required": "Tell us what you think is wrong or has been missed",
            "max_length": f"Keep it to {TEXT_MAX_LENGTH:,} characters or fewer",
        },
    )
