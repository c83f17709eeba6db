"""The fields every form of the officer's area uses: dates with the browser's picker,
money in pounds and pence within the services' limits, and text with a plain message."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from localoffer.core.money import format_pounds
from pricing.budgets.services.common import MAX_AMOUNT


class DateInput(forms.DateInput):
    """The browser's own date picker: works without JavaScript and at 320 px."""

    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label: str, *, required: bool = True, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"Enter the {label.lower()} as a real date, such as 27/3/2026",
        },
        **kwargs,
    )


def money_field(
    label: str,
    *,
    required: bool = True,
    minimum: Decimal = Decimal("0.01"),
    help_text: str = "",
    **kwargs: Any,
) -> forms.DecimalField:
    least = "greater than £0" if minimum > 0 else "of £0 or more"
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=minimum,
        max_value=MAX_AMOUNT,
        max_digits=12,
        decimal_places=2,
        help_text=help_text,
        error_messages={
            "required": "Enter the amount, in pounds and pence",
            "invalid": "Enter an amount in pounds and pence, such as 12.50",
            "max_decimal_places": "Enter an amount in pounds and pence, such as 12.50",
            "max_digits": f"Enter an amount of {format_pounds(MAX_AMOUNT)} or less",
            "max_whole_digits": f"Enter an amount of {format_pounds(MAX_AMOUNT)} or less",
            "min_value": f"Enter an amount {least}",
            "max_value": f"Enter an amount of {format_pounds(MAX_AMOUNT)} or less",
        },
        **kwargs,
    )


def text_field(label: str, message: str, *, max_length: int, rows: int = 0, **kw: Any) -> Any:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(
        label=label,
        max_length=max_length,
        widget=widget,
        error_messages={"required": message},
        **kw,
    )
