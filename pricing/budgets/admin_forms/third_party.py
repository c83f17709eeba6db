"""The forms of the officer's steps about a budget's third party: invite it (with its
name), send the invitation again, remove its access."""

from __future__ import annotations

from django import forms

from pricing.budgets.admin_forms.fields import text_field
from pricing.budgets.services.third_party import NAME_MAX_LENGTH, REASON_MAX_LENGTH


class ThirdPartyForm(forms.Form):
    third_party_name = text_field(
        "Name of the third party",
        "Enter the name of the third party holding the money",
        max_length=NAME_MAX_LENGTH,
        help_text="A broker, trust or provider. The family reads this name, and providers' "
        "invoices for bookings paid from the part it holds are made out to it.",
    )
    email = forms.EmailField(
        label="Email address to invite",
        help_text="We email a link to accept, which works once.",
        max_length=254,
        error_messages={
            "required": "Enter the email address to invite",
            "invalid": "Enter an email address like name@example.com",
        },
    )


class SendAgainForm(forms.Form):
    """Nothing to type: the button says what happens."""


class RemoveThirdPartyForm(forms.Form):
    reason = text_field(
        "Reason",
        "Say why the third party's access is removed",
        max_length=REASON_MAX_LENGTH,
        rows=3,
        help_text="Kept in the budget's history.",
    )
