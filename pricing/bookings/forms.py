"""The family's booking forms: ask for hours step by step, move, join a waiting list.

One question per form, so each page asks one thing (GOV.UK question pages). Messages
follow the Design System's wording ("Select ...", "Enter ..."). Ids of children and
sessions are checked against the signed-in family's own records by the views and the
services; a form only parses what was typed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms

from pricing.bookings.services.common import MAX_PLACES_PER_BOOKING, MAX_UNITS_PER_REQUEST
from pricing.families.models import Child

WEEKDAYS = [
    ("monday", "Mondays"),
    ("tuesday", "Tuesdays"),
    ("wednesday", "Wednesdays"),
    ("thursday", "Thursdays"),
    ("friday", "Fridays"),
    ("saturday", "Saturdays"),
    ("sunday", "Sundays"),
]
PARTS_OF_DAY = [
    ("mornings", "Mornings"),
    ("afternoons", "Afternoons"),
    ("after school", "After school"),
    ("evenings", "Evenings"),
]
TIMES_NOTE_MAX_LENGTH = 500
MESSAGE_MAX_LENGTH = 1000


class ChildForm(forms.Form):
    """Which child: radios of the family's own children (values are their ids)."""

    child = forms.ChoiceField(
        label="Who is it for?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select who it is for",
            "invalid_choice": "Select who it is for",
        },
    )

    def __init__(self, *args: Any, children: Iterable[Child], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.children = {str(child.pk): child for child in children}
        field = self.fields["child"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(pk, c.first_name) for pk, c in self.children.items()]

    def clean_child(self) -> Child:
        return self.children[self.cleaned_data["child"]]


def _count_field(label: str, most: int, what: str, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=1,
        max_value=most,
        help_text=help_text,
        error_messages={
            "required": f"Enter how many {what} you need",
            "invalid": f"Enter how many {what} you need as a number, like 3",
            "min_value": f"Enter 1 or more {what}",
            "max_value": f"You can ask for up to {most} {what} at once",
        },
    )


class UnitsForm(forms.Form):
    units = _count_field("How many?", MAX_UNITS_PER_REQUEST, "units")

    def __init__(self, *args: Any, unit: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plural = f"{unit}s"
        self.fields["units"] = _count_field(
            f"Number of {plural}",
            MAX_UNITS_PER_REQUEST,
            plural,
            help_text="The provider will agree dates and times for them with you.",
        )


class TimesForm(forms.Form):
    days = forms.MultipleChoiceField(
        label="Which days suit you?",
        choices=WEEKDAYS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
        error_messages={"invalid_choice": "Select days from the list"},
    )
    parts_of_day = forms.MultipleChoiceField(
        label="What times of day suit you?",
        choices=PARTS_OF_DAY,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
        error_messages={"invalid_choice": "Select times of day from the list"},
    )
    times_note = forms.CharField(
        label="Anything else about when suits you (optional)",
        required=False,
        max_length=TIMES_NOTE_MAX_LENGTH,
        widget=forms.Textarea,
        help_text="For example, 'not during school holidays' or 'after 4pm on Fridays'.",
        error_messages={
            "max_length": f"Anything else about when suits you must be {TIMES_NOTE_MAX_LENGTH}"
            " characters or fewer"
        },
    )
    message = forms.CharField(
        label="Anything else the provider should know (optional)",
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea,
        help_text="For example, what you would like the support to help with.",
        error_messages={
            "max_length": f"Anything else the provider should know must be {MESSAGE_MAX_LENGTH}"
            " characters or fewer"
        },
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not (
            data.get("days") or data.get("parts_of_day") or data.get("times_note", "").strip()
        ):
            self.add_error("days", "Select the days that suit you, or say when in your own words")
        return data


def describe_times(days: list[str], parts: list[str], note: str) -> str:
    """What the provider reads: 'Mondays, Fridays; mornings. Not in school holidays.'"""
    day_names = dict(WEEKDAYS)
    part_names = dict(PARTS_OF_DAY)
    pieces = []
    chosen = ", ".join(day_names[d] for d in days if d in day_names)
    parts_text = ", ".join(part_names[p].lower() for p in parts if p in part_names)
    if chosen and parts_text:
        pieces.append(f"{chosen}; {parts_text}.")
    elif chosen or parts_text:
        text = chosen or parts_text
        pieces.append(f"{text[0].upper()}{text[1:]}.")
    if note.strip():
        pieces.append(note.strip())
    return " ".join(pieces)


class MethodForm(forms.Form):
    method = forms.ChoiceField(
        label="How would you like to pay?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how you would like to pay",
            "invalid_choice": "Select how you would like to pay",
        },
    )

    def __init__(self, *args: Any, methods: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["method"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = methods


class PlacesForm(forms.Form):
    places = _count_field("How many places do you need?", MAX_PLACES_PER_BOOKING, "places")


class MoveForm(forms.Form):
    """The session to move to: checked against the booking's own offer by the view."""

    session = forms.IntegerField(
        label="Which session would you like instead?",
        min_value=1,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the session you want to move to",
            "invalid": "Select the session you want to move to",
            "min_value": "Select the session you want to move to",
        },
    )

    def __init__(self, *args: Any, sessions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Shown as radios by the page; any other id is checked by the view and service.
        self.sessions = sessions
