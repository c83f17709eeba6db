"""Ages in completed months, from birth to 25 years, and how families read them.

Ages are stored as whole months so that a range like "6 months to 4 years" is exact. The
oldest age is inclusive of that whole year or month: a service for "8 to 16 years" is for
a child from their 8th birthday until their 17th.
"""

from django import forms

MAX_AGE_YEARS = 25
MAX_AGE_MONTHS = MAX_AGE_YEARS * 12


def describe_age(months: int) -> str:
    years, rest = divmod(months, 12)
    if years == 0:
        return "birth" if rest == 0 else f"{rest} month{'s' if rest != 1 else ''}"
    if rest == 0:
        return f"{years}"
    return f"{years} years {rest} month{'s' if rest != 1 else ''}"


def describe_age_range(min_months: int, max_months: int) -> str:
    """'8 to 16 years', '0 to 25 years', '6 months to 4 years', 'Up to 5 years'."""
    if min_months == 0 and max_months >= MAX_AGE_MONTHS:
        return "All ages up to 25"
    low = describe_age(min_months)
    high = describe_age(max_months)
    suffix = " years" if max_months % 12 == 0 and max_months >= 12 else ""
    if min_months == 0:
        return f"Birth to {high}{suffix}"
    if min_months == max_months:
        return f"{high}{suffix}"
    return f"{low} to {high}{suffix}"


class AgeWidget(forms.MultiWidget):
    """Years and months inputs that together give an age in months."""

    template_name = "providers/widgets/age.html"

    def __init__(self, attrs=None):
        number = {"inputmode": "numeric", "class": "age-input"}
        widgets = {
            "years": forms.NumberInput(attrs={**number, "min": 0, "max": MAX_AGE_YEARS}),
            "months": forms.NumberInput(attrs={**number, "min": 0, "max": 11}),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if value in (None, ""):
            return [None, None]
        years, months = divmod(int(value), 12)
        return [years, months]

    def value_from_datadict(self, data, files, name):
        years, months = super().value_from_datadict(data, files, name)
        if years in (None, "") and months in (None, ""):
            return None
        try:
            years_int = int(years or 0)
            months_int = int(months or 0)
        except (TypeError, ValueError):
            return f"{years}y{months}m"  # not a number: the IntegerField reports it
        if not 0 <= months_int <= 11:
            return f"{years}y{months}m"
        return years_int * 12 + months_int
