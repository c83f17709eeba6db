"""Format checks for the identifiers and addresses providers type in."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

# Charity Commission (England and Wales) numbers are 6 or 7 digits; Scottish (SC) and
# Northern Irish (NIC / NI) registers use their own prefixes.
CHARITY_NUMBER_RE = re.compile(r"^(\d{6,7}|SC\d{6}|NIC?\d{5,6})$")
# Companies House numbers: 8 digits, or 2 letters (SC, NI, OC, ...) and 6 digits.
COMPANY_NUMBER_RE = re.compile(r"^([0-9]{8}|[A-Z]{2}[0-9]{6})$")
# A full UK postcode or just its outward part (district), the shapes the Royal Mail uses.
POSTCODE_RE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)( ?[0-9][A-Z]{2})?$")


def normalise_postcode(value: str) -> str:
    """Upper-case a postcode and put the single space where it belongs."""
    compact = re.sub(r"\s+", "", value or "").upper()
    if len(compact) > 4 and compact[-3:-2].isdigit():
        return f"{compact[:-3]} {compact[-3:]}"
    return compact


def normalise_registered_number(value: str) -> str:
    """A charity or Companies House number as stored: no spaces, capital letters."""
    return (value or "").replace(" ", "").upper()


def validate_charity_number(value: str) -> None:
    if not CHARITY_NUMBER_RE.match(value.replace(" ", "").upper()):
        raise ValidationError(
            "Enter a charity number like 1234567, SC012345 or NIC100001", code="charity_number"
        )


def validate_company_number(value: str) -> None:
    if not COMPANY_NUMBER_RE.match(value.replace(" ", "").upper()):
        raise ValidationError(
            "Enter a company number like 01234567 or SC123456", code="company_number"
        )


def validate_postcode(value: str) -> None:
    if not POSTCODE_RE.match(normalise_postcode(value)):
        raise ValidationError("Enter a real postcode, like NB1 4AA", code="postcode")


def validate_full_postcode(value: str) -> None:
    """A whole postcode, not just its district: letters about a registration go there."""
    match = POSTCODE_RE.match(normalise_postcode(value))
    if not match or not match.group(2):
        raise ValidationError("Enter a full postcode, like NB1 4AA", code="postcode")


uk_phone_validator = RegexValidator(
    r"^\+?[0-9 ()-]{10,20}$", "Enter a phone number, like 01632 960 001 or 07700 900 982"
)
