"""Forms of the provider's bookings area: sessions, answers to requests for hours,
attendance, cancelling, part refunds and payments received.

The forms only read what the provider typed; every rule about bookings is the services'
(their `BookingError`/`OfferError` is shown on the form with `add_domain_error`). Places
are chosen from the listing's own locations, and ids in a form are looked up among the
record's own rows, so a changed id finds nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone

from pricing.bookings.enums import Attendance
from pricing.offers.services import MAX_CAPACITY
from providers.models import ServiceLocation, ServicePage

ONLINE = "online"
APPOINTMENT_ROWS = 5
WEEKDAYS = [
    (0, "Monday"),
    (1, "Tuesday"),
    (2, "Wednesday"),
    (3, "Thursday"),
    (4, "Friday"),
    (5, "Saturday"),
    (6, "Sunday"),
]


class DateInput(forms.DateInput):
    """The browser's own date picker: works without JavaScript and at 320 px."""

    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


def local_moment(day: dt.date, at: dt.time) -> dt.datetime:
    """A local (Europe/London) date and time as an aware moment."""
    return timezone.make_aware(dt.datetime.combine(day, at))


def _place_choices(service: ServicePage) -> list[tuple[str, str]]:
    choices = [(str(location.pk), str(location)) for location in service.locations.all()]
    return [*choices, (ONLINE, "Online")]


class _PlaceMixin(forms.Form):
    place = forms.ChoiceField(
        label="Where it happens",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where it happens, or online"},
    )
    capacity = forms.IntegerField(
        label="Number of places",
        min_value=1,
        max_value=MAX_CAPACITY,
        error_messages={"required": "Enter the number of places"},
    )

    def __init__(self, *args: Any, service: ServicePage, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.service = service
        place = self.fields["place"]
        assert isinstance(place, forms.ChoiceField)
        place.choices = _place_choices(service)

    def location(self) -> ServiceLocation | None:
        value = self.cleaned_data["place"]
        if value == ONLINE:
            return None
        return self.service.locations.get(pk=int(value))

    def online(self) -> bool:
        return self.cleaned_data["place"] == ONLINE


class SessionForm(_PlaceMixin):
    date = forms.DateField(
        label="Date", widget=DateInput(), error_messages={"required": "Enter the date"}
    )
    starts = forms.TimeField(
        label="Start time", widget=TimeInput(), error_messages={"required": "Enter the start time"}
    )
    ends = forms.TimeField(
        label="End time", widget=TimeInput(), error_messages={"required": "Enter the end time"}
    )
    field_order = ["date", "starts", "ends", "place", "capacity"]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("starts") and data.get("ends") and data["ends"] <= data["starts"]:
            self.add_error("ends", "The end time must be after the start time")
        if data.get("date") and data["date"] < timezone.localdate():
            self.add_error("date", "The date must be today or in the future")
        return data


class PatternForm(_PlaceMixin):
    weekdays = forms.TypedMultipleChoiceField(
        label="On these days",
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one day of the week"},
    )
    first_day = forms.DateField(
        label="From", widget=DateInput(), error_messages={"required": "Enter the first date"}
    )
    last_day = forms.DateField(
        label="Until",
        widget=DateInput(),
        help_text="The last date, included.",
        error_messages={"required": "Enter the last date"},
    )
    starts = forms.TimeField(
        label="Start time", widget=TimeInput(), error_messages={"required": "Enter the start time"}
    )
    ends = forms.TimeField(
        label="End time", widget=TimeInput(), error_messages={"required": "Enter the end time"}
    )
    term_time_only = forms.BooleanField(
        label="Term time only",
        required=False,
        help_text="Only on days inside the council's school terms, skipping half terms.",
    )
    field_order = [
        "weekdays",
        "first_day",
        "last_day",
        "term_time_only",
        "starts",
        "ends",
        "place",
        "capacity",
    ]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("first_day") and data["first_day"] < timezone.localdate():
            self.add_error("first_day", "The first date must be today or in the future")
        if data.get("starts") and data.get("ends") and data["ends"] <= data["starts"]:
            self.add_error("ends", "The end time must be after the start time")
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        help_text="The family will read this in their email.",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Give a reason: the family will read it"},
    )


class AppointmentRowForm(forms.Form):
    """One agreed appointment; a row left empty is ignored."""

    date = forms.DateField(label="Date", widget=DateInput(), required=False)
    starts = forms.TimeField(label="Start time", widget=TimeInput(), required=False)
    ends = forms.TimeField(label="End time", widget=TimeInput(), required=False)
    units = forms.IntegerField(
        label="Units",
        min_value=1,
        max_value=200,
        required=False,
        help_text="How many of the units asked for this appointment counts as.",
    )

    def is_empty(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any(data.get(name) for name in ("date", "starts", "ends"))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if self.is_empty():
            return data
        for name, message in (
            ("date", "Enter the date"),
            ("starts", "Enter the start time"),
            ("ends", "Enter the end time"),
        ):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, message)
        if data.get("starts") and data.get("ends") and data["ends"] <= data["starts"]:
            self.add_error("ends", "The end time must be after the start time")
        return data

    def slot(self) -> tuple[dt.datetime, dt.datetime, int]:
        data = self.cleaned_data
        return (
            local_moment(data["date"], data["starts"]),
            local_moment(data["date"], data["ends"]),
            data.get("units") or 1,
        )


class _BaseAppointmentFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(form.errors for form in self.forms):
            return
        if all(form.is_empty() for form in self.forms):
            raise forms.ValidationError("Enter the date and times of at least one appointment")

    def slots(self) -> list[tuple[dt.datetime, dt.datetime, int]]:
        return [form.slot() for form in self.forms if not form.is_empty()]


AppointmentFormSet = forms.formset_factory(
    AppointmentRowForm,
    formset=_BaseAppointmentFormSet,
    extra=APPOINTMENT_ROWS,
    max_num=APPOINTMENT_ROWS,
    validate_max=True,
)


class NoteForm(forms.Form):
    note = forms.CharField(
        label="Message to the family (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AttendanceForm(forms.Form):
    """One question per booking (or appointment): attended, did not attend, cancelled late.

    Rows are `(key, label, current)`; a row left unanswered records nothing.
    """

    def __init__(self, *args: Any, rows: list[tuple[str, str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label, current in rows:
            self.fields[key] = forms.ChoiceField(
                label=label,
                choices=Attendance.choices,
                required=False,
                initial=current or None,
                widget=forms.RadioSelect,
            )

    def answers(self) -> dict[str, str]:
        return {key: value for key, value in self.cleaned_data.items() if value}


class RefundForm(ReasonForm):
    amount = forms.DecimalField(
        label="Amount to refund, in pounds",
        min_value=Decimal("0.01"),
        max_digits=10,
        decimal_places=2,
        error_messages={
            "required": "Enter the amount to refund",
            "invalid": "Enter an amount in pounds and pence, such as 12.50",
            "max_decimal_places": "Enter an amount in pounds and pence, such as 12.50",
            "min_value": "Enter an amount of at least £0.01",
        },
    )
    # Names this refund: the same form sent twice makes one refund.
    token = forms.CharField(widget=forms.HiddenInput, max_length=40)
    field_order = ["amount", "reason", "token"]


class PaymentReceivedForm(forms.Form):
    received_on = forms.DateField(
        label="Date the money arrived",
        widget=DateInput(),
        error_messages={"required": "Enter the date the money arrived"},
    )
    reference = forms.CharField(
        label="Payment reference (optional)",
        help_text="The reference on the bank transfer, if there is one.",
        required=False,
        max_length=100,
    )

    def clean_received_on(self) -> dt.date:
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("The date must be today or in the past")
        return day
