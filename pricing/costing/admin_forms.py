"""The forms of the costing area: start a costing, a service, a cost line, the drivers,
and the what-if form (read from the address: it saves nothing).

Forms check what a person typed (numbers, lengths, required answers) and keep it when
something is wrong; the rules themselves are the services' (`pricing.costing.services`),
whose refusals are shown on the same forms.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet

from pricing.costing.enums import DirectCostKind, Driver, OverheadPool, UnitsMethod
from pricing.costing.models import CostedService
from providers.models import ServicePage

HUNDRED = Decimal(100)


def number_field(
    label: str,
    *,
    name: str,
    required: bool = False,
    maximum: Decimal | None = None,
    help_text: str = "",
    digits: int = 10,
) -> forms.DecimalField:
    """A number typed as text (no spinner), with GOV.UK-style messages that say what to do."""
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal(0),
        max_value=maximum,
        max_digits=digits,
        decimal_places=2,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "required": f"Enter {name}",
            "invalid": f"Enter {name} as a number, like 12.50",
            "min_value": f"Enter {name} of 0 or more",
            "max_value": f"Enter {name} of {maximum} or less" if maximum else "",
            "max_digits": f"Enter {name} with fewer digits",
            "max_decimal_places": f"Enter {name} with no more than 2 decimal places",
            "max_whole_digits": f"Enter {name} with fewer digits",
        },
    )


class StartForm(forms.Form):
    """The first day of the financial year, as three boxes (the GOV.UK date input)."""

    day = forms.IntegerField(
        label="Day", min_value=1, max_value=31, error_messages={"required": "Enter the day"}
    )
    month = forms.IntegerField(
        label="Month", min_value=1, max_value=12, error_messages={"required": "Enter the month"}
    )
    year = forms.IntegerField(
        label="Year",
        min_value=2000,
        max_value=2100,
        error_messages={"required": "Enter the year"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget = forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"})
            field.error_messages["invalid"] = "Enter the first day of the year as numbers"
            field.error_messages["min_value"] = "Enter a real date"
            field.error_messages["max_value"] = "Enter a real date"

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not self.errors:
            try:
                data["year_starts_on"] = dt.date(data["year"], data["month"], data["day"])
            except ValueError:
                self.add_error("day", "Enter a real date")
        return data


class ServiceForm(forms.Form):
    name = forms.CharField(
        label="Name of the service",
        max_length=120,
        error_messages={"required": "Enter the name of the service"},
    )
    listing = forms.ModelChoiceField(
        label="Listing it prices (optional)",
        queryset=ServicePage.objects.none(),
        required=False,
        empty_label="Not linked to a listing",
        help_text="Link a listing to compare its price with the cost, and to send the council "
        "a new price from this costing.",
    )
    unit_label = forms.CharField(
        label="What one unit is",
        max_length=30,
        help_text="For example place, session or hour.",
        error_messages={"required": "Enter what one unit is, for example place or hour"},
    )
    current_price = number_field(
        "Price of one unit now, in pounds (optional)",
        name="the price of one unit",
        digits=12,
        help_text="Leave this empty for a linked listing: its price is used.",
    )
    units_method = forms.ChoiceField(
        label="How are the units planned?",
        choices=UnitsMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the units are planned"},
    )
    sessions = number_field("Sessions a year", name="the number of sessions a year")
    places = number_field("Places in a session", name="the number of places in a session")
    occupancy_percent = number_field(
        "Expected occupancy (%)",
        name="the expected occupancy",
        maximum=HUNDRED,
        digits=5,
        help_text="How full you expect the sessions to be, on average.",
    )
    staff_hours = number_field("Staff hours a year", name="the staff hours a year")
    chargeable_percent = number_field(
        "Chargeable hours (%)",
        name="the share of hours that are chargeable",
        maximum=HUNDRED,
        digits=5,
        help_text="The share of staff hours you can charge for (not travel or training).",
    )
    headcount = number_field(
        "Headcount",
        name="the headcount",
        digits=8,
        help_text="Staff working on the service (part-time staff as parts, like 0.5).",
    )
    staff_time = number_field("Staff time (hours a year)", name="the staff time")
    floor_area = number_field("Floor area (square metres)", name="the floor area")

    NEEDED: dict[str, tuple[str, ...]] = {
        UnitsMethod.SESSIONS: ("sessions", "places", "occupancy_percent"),
        UnitsMethod.HOURS: ("staff_hours", "chargeable_percent"),
    }

    def __init__(self, *args: Any, listings: QuerySet[ServicePage], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        listing_field = self.fields["listing"]
        assert isinstance(listing_field, forms.ModelChoiceField)
        listing_field.queryset = listings

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for name in self.NEEDED.get(data.get("units_method") or "", ()):
            if data.get(name) is None and name not in self.errors:
                field = self.fields[name]
                self.add_error(name, field.error_messages["required"])
        return data

    @classmethod
    def initial_from(cls, service: CostedService) -> dict[str, Any]:
        return {
            name: getattr(service, "listing" if name == "listing" else name)
            for name in cls.base_fields
        }


class DirectLineForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of cost",
        choices=[("", "Choose a kind of cost"), *DirectCostKind.choices],
        error_messages={"required": "Choose what kind of cost this is"},
    )
    description = forms.CharField(
        label="Description (optional)",
        max_length=200,
        required=False,
        help_text="For example 'Swimming instructors'. Left empty, the kind of cost is used.",
    )
    amount = number_field(
        "Amount for the year, in pounds", name="the amount for the year", required=True, digits=12
    )


class OverheadLineForm(forms.Form):
    pool = forms.ChoiceField(
        label="Overhead",
        choices=[("", "Choose an overhead"), *OverheadPool.choices],
        error_messages={"required": "Choose which overhead this is"},
    )
    description = forms.CharField(
        label="Description (optional)",
        max_length=200,
        required=False,
        help_text="For example 'Office rent'. Left empty, the overhead's name is used.",
    )
    amount = number_field(
        "Amount for the year, in pounds", name="the amount for the year", required=True, digits=12
    )


DRIVER_HELP = (
    "Headcount, staff time and floor area are typed for each service; direct spending "
    "and planned units are worked out."
)


class DriversForm(forms.Form):
    """One question a pool: what shares it among the services."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for pool in OverheadPool:
            self.fields[pool.value] = forms.ChoiceField(
                label=f"How is {pool.label.lower()} shared out?",
                choices=Driver.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Choose how {pool.label.lower()} is shared out"},
            )


class WhatIfForm(forms.Form):
    """What-ifs from the address: occupancy and price per service, driver per pool.

    Left empty, a value is the costing's own. Nothing here is ever saved.
    """

    def __init__(self, *args: Any, services: list[CostedService], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.services = services
        for service in services:
            occupancy = (
                "Chargeable hours (%)"
                if service.units_method == UnitsMethod.HOURS
                else "Occupancy (%)"
            )
            now = (
                service.chargeable_percent
                if service.units_method == UnitsMethod.HOURS
                else service.occupancy_percent
            )
            self.fields[f"occupancy_{service.pk}"] = number_field(
                f"{occupancy} for {service.name}",
                name=f"the occupancy of {service.name}",
                maximum=HUNDRED,
                digits=5,
                help_text=f"In the costing: {now.normalize():f}%." if now is not None else "",
            )
            price = service.current_price
            self.fields[f"price_{service.pk}"] = number_field(
                f"Price of one {service.unit_label} of {service.name}, in pounds",
                name=f"the price of {service.name}",
                digits=12,
                help_text=f"Now: £{price:,.2f}." if price is not None else "No price now.",
            )
        for pool in OverheadPool:
            self.fields[f"driver_{pool.value}"] = forms.ChoiceField(
                label=f"Share {pool.label.lower()} by",
                choices=[("", "As in the costing"), *Driver.choices],
                required=False,
            )

    def overrides(self) -> dict[str, dict[Any, Any]]:
        """The what-ifs typed, as `work_out`'s keyword overrides (empty when none or invalid)."""
        if not self.is_bound or not self.is_valid():
            return {"occupancy": {}, "prices": {}, "drivers": {}}
        data = self.cleaned_data
        occupancy = {
            s.pk: data[f"occupancy_{s.pk}"]
            for s in self.services
            if data.get(f"occupancy_{s.pk}") is not None
        }
        prices = {
            s.pk: data[f"price_{s.pk}"]
            for s in self.services
            if data.get(f"price_{s.pk}") is not None
        }
        drivers = {
            pool.value: data[f"driver_{pool.value}"]
            for pool in OverheadPool
            if data.get(f"driver_{pool.value}")
        }
        return {"occupancy": occupancy, "prices": prices, "drivers": drivers}
