"""Forms of the provider's invoices area: billing details, the list's filters, recording a
payment received, a credit note, reminding a family and the accountant's export.

The forms only read what the provider typed and tidy it (spaces out of a VAT number, a
sort code in pairs); every rule about invoices is the services' (their `InvoiceError` is
shown on the form with `add_domain_error`), and every rule about billing details is the
model's, checked again by `save_billing_details`.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import RegexValidator

from pricing.invoices.enums import DocumentKind, InvoiceStatus, PaymentWay
from pricing.invoices.models import BillingDetails

AMOUNT_ERRORS = {
    "required": "Enter the amount, in pounds and pence",
    "invalid": "Enter an amount in pounds and pence, such as 12.50",
    "max_decimal_places": "Enter an amount in pounds and pence, such as 12.50",
    "max_digits": "Enter an amount of less than £10,000,000",
    "max_whole_digits": "Enter an amount of less than £10,000,000",
    "min_value": "Enter an amount of at least £0.01",
}
# How money is recorded by hand: a card payment is recorded by Stripe, never typed in.
WAYS_BY_HAND = [(value, label) for value, label in PaymentWay.choices if value != PaymentWay.CARD]
VAT_NUMBER_NEEDED = (
    "Enter your VAT registration number: you have said you are registered for VAT, and "
    "a VAT invoice must show it"
)


class DateInput(forms.DateInput):
    """The browser's own date picker: works without JavaScript and at 320 px."""

    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _date(label: str, *, required: bool = True, message: str = "", **kwargs: Any) -> Any:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        error_messages={
            "required": message or f"Enter the {label.lower()}",
            "invalid": f"Enter the {label.lower()} as a real date, such as 27/3/2026",
        },
        **kwargs,
    )


class BillingDetailsForm(forms.ModelForm):
    """What the provider prints on its invoices; saved by `services.save_billing_details`.

    Numbers people copy with spaces ("GB 123 4567 89", "1234 5678") are taken longer than
    they are stored, and tidied before the model's own rules check them.
    """

    vat_number = forms.CharField(
        label="VAT registration number",
        required=False,
        max_length=30,
        help_text="Required if you are registered for VAT: GB and 9 digits, such as GB123456789.",
    )
    bank_sort_code = forms.CharField(
        label="Sort code (optional)",
        required=False,
        max_length=20,
        help_text="With the account number, printed so families can pay by bank transfer.",
    )
    bank_account_number = forms.CharField(
        label="Account number (optional)", required=False, max_length=20
    )

    class Meta:
        model = BillingDetails
        # In the order the page shows them, which is the error summary's order too.
        fields = [
            "legal_name",
            "address",
            "email",
            "phone",
            "charity_number",
            "company_number",
            "vat_registered",
            "vat_number",
            "invoice_prefix",
            "payment_terms_days",
            "bank_account_name",
            "bank_sort_code",
            "bank_account_number",
            "footer",
            "hours_invoicing",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 4}),
            "footer": forms.Textarea(attrs={"rows": 3}),
            "hours_invoicing": forms.RadioSelect,
        }
        labels = {
            "legal_name": "Name to print on invoices",
            "email": "Email address for questions about invoices",
            "phone": "Phone number (optional)",
            "charity_number": "Charity number (optional)",
            "company_number": "Company number (optional)",
            "vat_registered": "We are registered for VAT",
            "invoice_prefix": "Invoice number prefix",
            "payment_terms_days": "Days to pay",
            "bank_account_name": "Name on the bank account (optional)",
            "footer": "Footer (optional)",
        }
        help_texts = {
            "vat_registered": "Only if HMRC has registered you: your invoices then show VAT.",
            "payment_terms_days": "How many days families have to pay an invoice, up to 90.",
            "footer": "Printed at the bottom of every invoice, such as a thank you.",
        }
        error_messages = {
            "legal_name": {"required": "Enter the name to print on your invoices"},
            "address": {"required": "Enter the postal address to print on your invoices"},
            "email": {
                "required": "Enter the email address families can write to about invoices",
                "invalid": "Enter an email address like name@example.org",
            },
            "invoice_prefix": {"required": "Enter the letters that start your invoice numbers"},
            "payment_terms_days": {
                "required": "Enter how many days families have to pay",
                "invalid": "Enter the days to pay as a whole number, such as 14",
                "max_value": "Enter at most 90 days to pay",
                "min_value": "Enter the days to pay as a whole number, such as 14",
            },
            "hours_invoicing": {"required": "Choose when hours of support are invoiced"},
        }

    def clean_vat_number(self) -> str:
        return re.sub(r"\s", "", self.cleaned_data["vat_number"]).upper()

    def clean_invoice_prefix(self) -> str:
        return self.cleaned_data["invoice_prefix"].strip().upper()

    def clean_bank_sort_code(self) -> str:
        typed = self.cleaned_data["bank_sort_code"].strip()
        digits = re.sub(r"[\s-]", "", typed)
        if re.fullmatch(r"\d{6}", digits):
            return f"{digits[:2]}-{digits[2:4]}-{digits[4:]}"
        return typed

    def clean_bank_account_number(self) -> str:
        return re.sub(r"\s", "", self.cleaned_data["bank_account_number"])

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        vat_missing = data.get("vat_registered") and not data.get("vat_number")
        if vat_missing and "vat_number" not in self.errors:
            self.add_error("vat_number", VAT_NUMBER_NEEDED)
        sort_code, account = data.get("bank_sort_code"), data.get("bank_account_number")
        if sort_code and not account and "bank_account_number" not in self.errors:
            self.add_error(
                "bank_account_number", "Enter the account number that goes with the sort code"
            )
        if account and not sort_code and "bank_sort_code" not in self.errors:
            self.add_error(
                "bank_sort_code", "Enter the sort code that goes with the account number"
            )
        return data

    def disable(self) -> None:
        """Show the details without letting them be changed (a member who is not an admin)."""
        for field in self.fields.values():
            field.disabled = True


class DocumentFilterForm(forms.Form):
    """The list's filters, read from the address: status (invoices only) and issue dates."""

    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *InvoiceStatus.choices]
    )
    date_from = _date("Issued from", required=False)
    date_to = _date("Issued to", required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The end date must be the same as or after the start date")
        return data


KINDS_LISTED = [
    (DocumentKind.INVOICE, "Invoices"),
    (DocumentKind.CREDIT_NOTE, "Credit notes"),
    (DocumentKind.RECEIPT, "Receipts"),
]


class PaymentForm(forms.Form):
    """Money received by hand against an invoice (`services.record_payment_by_hand`)."""

    amount = forms.DecimalField(
        label="Amount received, in pounds",
        min_value=Decimal("0.01"),
        max_digits=10,
        decimal_places=2,
        error_messages=AMOUNT_ERRORS,
    )
    received_on = _date("Date received", message="Enter the date the money arrived")
    way = forms.ChoiceField(
        label="How it was paid",
        choices=WAYS_BY_HAND,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the money was paid"},
    )
    reference = forms.CharField(
        label="Payment reference (optional)",
        help_text="The reference on the bank transfer, or the cheque number.",
        required=False,
        max_length=100,
    )
    # How many payments the invoice had when this form was shown: the same form sent twice
    # finds one more, and records nothing (a receipt can never be taken back).
    payments_seen = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class CreditNoteForm(forms.Form):
    amount = forms.DecimalField(
        label="Amount to credit, in pounds",
        min_value=Decimal("0.01"),
        max_digits=10,
        decimal_places=2,
        error_messages=AMOUNT_ERRORS,
    )
    reason = forms.CharField(
        label="Reason",
        help_text="Printed on the credit note the family is sent.",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the invoice is credited: it is printed on the note"},
    )
    # Names this credit note (its source key): the same form sent twice issues one note.
    token = forms.CharField(
        widget=forms.HiddenInput,
        validators=[RegexValidator(r"^[0-9a-f]{32}$", "Open the form again and send it once.")],
    )


class ConfirmForm(forms.Form):
    """An action that needs nothing typed, only a deliberate press of its button."""


class ExportForm(forms.Form):
    date_from = _date("From", message="Enter the first day of the period")
    date_to = _date("To", message="Enter the last day of the period")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The last day must be the same as or after the first day")
        return data

    def period(self) -> tuple[dt.date, dt.date]:
        return self.cleaned_data["date_from"], self.cleaned_data["date_to"]
