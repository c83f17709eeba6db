"""Forms for registering an organisation, deciding on it and managing its team.

The registration form is one page of fieldsets rather than a series of one-question
pages. The people filling it in are a charity's trustee or a group's organiser who have
the papers in front of them (numbers, insurance certificate, safeguarding lead); one page
lets them check everything before sending, needs no saved state between pages (so a half
finished registration never exists), works without JavaScript and is one POST, which the
service turns into one transaction. Messages follow the GOV.UK Design System's wording.
"""

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from providers.enums import OrganisationType, TeamRole
from providers.models import OrganisationPage
from providers.validators import (
    normalise_postcode,
    normalise_registered_number,
    uk_phone_validator,
    validate_charity_number,
    validate_company_number,
    validate_full_postcode,
)

DESCRIPTION_MAX_LENGTH = 2000


class DayMonthYearWidget(forms.MultiWidget):
    """The GOV.UK date input: day, month and year boxes named `<name>_day` and so on."""

    def __init__(self) -> None:
        super().__init__(
            widgets={"day": forms.TextInput, "month": forms.TextInput, "year": forms.TextInput}
        )

    def decompress(self, value: dt.date | None) -> list[Any]:
        if value:
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.Field):
    """A date typed in three boxes, with the GOV.UK pattern's messages.

    `description` completes the sentences: "Enter {description}", "{Description} must be
    a real date".
    """

    widget = DayMonthYearWidget

    def __init__(self, *, description: str, **kwargs: Any) -> None:
        self.description = description
        kwargs["error_messages"] = {
            "required": f"Enter {description}",
            **kwargs.get("error_messages", {}),
        }
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> dt.date | None:
        parts = [str(part or "").strip() for part in [*(value or []), None, None, None][:3]]
        if not any(parts):
            return None
        subject = self.description[0].upper() + self.description[1:]
        missing = [
            name for name, part in zip(("day", "month", "year"), parts, strict=True) if not part
        ]
        if missing:
            raise forms.ValidationError(
                f"{subject} must include a {' and a '.join(missing)}", code="incomplete"
            )
        if not all(part.isdigit() for part in parts) or len(parts[2]) != 4:
            raise forms.ValidationError(f"{subject} must be a real date", code="invalid")
        try:
            return dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
        except ValueError:
            raise forms.ValidationError(f"{subject} must be a real date", code="invalid") from None


def _text(label: str, *, required_message: str, max_length: int = 120, **kwargs: Any):
    return forms.CharField(
        label=label,
        max_length=max_length,
        error_messages={
            "required": required_message,
            "max_length": f"{label} must be {max_length} characters or fewer",
        },
        **kwargs,
    )


class RegistrationForm(forms.Form):
    """Everything the council needs to check an organisation before it is listed."""

    # About the organisation
    name = _text(
        "Organisation name",
        required_message="Enter your organisation's name",
        max_length=200,
        help_text="As registered with the Charity Commission or Companies House, if it is.",
    )
    organisation_type = forms.ChoiceField(
        label="What type of organisation is it?",
        choices=OrganisationType.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the type of organisation",
            "invalid_choice": "Select the type of organisation",
        },
    )
    charity_number = forms.CharField(
        label="Charity number",
        required=False,
        max_length=12,
        help_text="Needed for a registered charity or a CIO. For example, 1234567 or SC012345.",
        error_messages={"max_length": "Enter a charity number like 1234567, SC012345 or NIC100001"},
    )
    company_number = forms.CharField(
        label="Company number",
        required=False,
        max_length=10,
        help_text="Needed for a company or a community interest company. For example, 01234567.",
        error_messages={"max_length": "Enter a company number like 01234567 or SC123456"},
    )
    description = forms.CharField(
        label="What does your organisation do?",
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea,
        help_text="Who you help and how, in plain English. Families will read this.",
        error_messages={
            "required": "Enter what your organisation does",
            "max_length": f"What your organisation does must be {DESCRIPTION_MAX_LENGTH:,} "
            "characters or fewer",
        },
    )
    website = forms.URLField(
        label="Website",
        required=False,
        max_length=200,
        error_messages={"invalid": "Enter a website address like https://www.example.org"},
    )

    # Address
    address_line_1 = _text(
        "Address line 1", required_message="Enter address line 1, typically the building and street"
    )
    address_line_2 = _text("Address line 2", required_message="", required=False)
    town = _text("Town or city", required_message="Enter town or city", max_length=60)
    postcode = forms.CharField(
        label="Postcode",
        max_length=10,
        error_messages={
            "required": "Enter postcode",
            "max_length": "Enter a full postcode, like NB1 4AA",
        },
    )

    # Public contact details
    email = forms.EmailField(
        label="Email address for families",
        max_length=254,
        help_text="We show this on your public page.",
        error_messages={
            "required": "Enter an email address for families",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    phone = forms.CharField(
        label="Phone number for families",
        max_length=20,
        help_text="We show this on your public page.",
        error_messages={"required": "Enter a phone number for families"},
    )

    # Safeguarding lead (private: the council uses these, families never see them)
    safeguarding_lead_name = _text(
        "Full name", required_message="Enter the safeguarding lead's full name"
    )
    safeguarding_lead_role = _text(
        "Role in your organisation",
        required_message="Enter the safeguarding lead's role",
        help_text="For example, Designated Safeguarding Lead or Chair of trustees.",
    )
    safeguarding_lead_email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter the safeguarding lead's email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    safeguarding_lead_phone = forms.CharField(
        label="Phone number",
        max_length=20,
        error_messages={"required": "Enter the safeguarding lead's phone number"},
    )

    # Declarations
    insurance_held = forms.BooleanField(
        label="Our organisation has public liability insurance",
        error_messages={
            "required": "Confirm that your organisation has public liability insurance"
        },
    )
    insurance_expires_on = GovukDateField(
        label="When does your insurance end?",
        description="the date your insurance ends",
        help_text="For example, 31 3 2027",
    )
    dbs_checks_confirmed = forms.BooleanField(
        label="Everyone who works or volunteers with children has an enhanced DBS check",
        error_messages={
            "required": "Confirm that staff and volunteers working with children have enhanced "
            "DBS checks"
        },
    )
    safeguarding_policy_confirmed = forms.BooleanField(
        label="Our organisation has a written safeguarding policy that staff and volunteers follow",
        error_messages={"required": "Confirm that your organisation has a safeguarding policy"},
    )
    terms_accepted = forms.BooleanField(
        label="I accept the listing terms",
        error_messages={"required": "Confirm that you accept the listing terms"},
    )

    # Where each error in the summary links to, when it is not the field's own id.
    ERROR_ANCHORS = {"insurance_expires_on": "insurance_expires_on-day"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)

    def clean_name(self) -> str:
        # Kept exactly as typed (apart from surrounding spaces): markup in a name is shown
        # as text everywhere, never interpreted.
        return self.cleaned_data["name"].strip()

    def clean_charity_number(self) -> str:
        value = normalise_registered_number(self.cleaned_data["charity_number"])
        if value:
            validate_charity_number(value)
        return value

    def clean_company_number(self) -> str:
        value = normalise_registered_number(self.cleaned_data["company_number"])
        if value:
            validate_company_number(value)
        return value

    def clean_postcode(self) -> str:
        value = normalise_postcode(self.cleaned_data["postcode"])
        validate_full_postcode(value)
        return value

    def clean_phone(self) -> str:
        value = self.cleaned_data["phone"].strip()
        uk_phone_validator(value)
        return value

    def clean_safeguarding_lead_phone(self) -> str:
        value = self.cleaned_data["safeguarding_lead_phone"].strip()
        uk_phone_validator(value)
        return value

    def clean_insurance_expires_on(self) -> dt.date:
        value = self.cleaned_data["insurance_expires_on"]
        if value <= timezone.localdate():
            raise forms.ValidationError(
                "The date your insurance ends must be in the future. Renew your insurance "
                "before you register"
            )
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        errors = OrganisationPage.registered_number_errors(
            cleaned.get("organisation_type", ""),
            cleaned.get("charity_number", ""),
            cleaned.get("company_number", ""),
        )
        for field, message in errors.items():
            if field not in self.errors:
                self.add_error(field, message)
        return cleaned

    def error_list(self) -> list[dict[str, str]]:
        """The errors in page order, each with the id its summary link points to."""
        items = [{"href": "#name", "text": str(error)} for error in self.non_field_errors()]
        for name in self.fields:
            for error in self.errors.get(name, []):
                items.append({"href": f"#{self.ERROR_ANCHORS.get(name, name)}", "text": str(error)})
        return items


# --- admin forms -------------------------------------------------------------------------


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label="Reason for refusing",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="The organisation's admins will see this. Say what they need to correct.",
        error_messages={
            "required": "Enter the reason for refusing, so the organisation knows what to correct"
        },
    )


class InviteForm(forms.Form):
    email = forms.EmailField(
        label="Their email address",
        max_length=254,
        help_text="They must sign in or create an account with this address to accept.",
        error_messages={
            "required": "Enter the email address of the person you want to invite",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    role = forms.ChoiceField(
        label="What can they do?",
        choices=TeamRole.choices,
        initial=TeamRole.MEMBER,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether they will be a member or an admin"},
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label="Role",
        choices=TeamRole.choices,
        error_messages={"required": "Choose member or admin"},
    )
