"""The family's forms for documents: which documents to show, and the details to print.

The filter is a GET form (the list and the ZIP take the same address parameters), with
GOV.UK date inputs whose messages `GovukDateField` writes; the details form is a POST.
Messages follow the GOV.UK Design System's wording ("Enter ...", "Select ...").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import forms

from pricing.invoices.models import CustomerDetails
from pricing.invoices.selectors import NO_CHILD
from pricing.invoices.services import CUSTOMER_ADDRESS_MAX_LENGTH
from providers.organisations.forms import GovukDateField

ALL_CHILDREN = ""
NOT_FOR_ONE_CHILD = "Not for one child"
FILTER_FIELDS = ("child", "date_from", "date_to")


class DocumentFilterForm(forms.Form):
    """Documents for one child (or none in particular), issued in a period."""

    child = forms.ChoiceField(
        label="Child",
        required=False,
        error_messages={"invalid_choice": "Select a child from the list"},
    )
    date_from = GovukDateField(
        label="From date",
        description="the date to show documents from",
        help_text="For example, 1 4 2026",
        required=False,
    )
    date_to = GovukDateField(
        label="To date",
        description="the date to show documents to",
        help_text="For example, 30 6 2026",
        required=False,
    )

    def __init__(self, *args: Any, children: Iterable[tuple[int, str]] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["child"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (ALL_CHILDREN, "All children"),
            *((str(pk), name) for pk, name in children),
            (NO_CHILD, NOT_FOR_ONE_CHILD),
        ]

    @classmethod
    def from_query(cls, query: Any, **kwargs: Any) -> DocumentFilterForm:
        """Bound when the address has any filter in it, so a plain visit shows everything."""
        asked = any(key.startswith(FILTER_FIELDS) for key in query)
        return cls(query if asked else None, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error(
                "date_to",
                "The date to show documents to must be the same as or after the date to show "
                "them from",
            )
        return cleaned

    def filters(self) -> dict[str, Any]:
        """What `selectors.documents_of_customer` takes; nothing when unbound."""
        if not self.is_bound:
            return {}
        data = self.cleaned_data
        return {
            "child": data.get("child") or "",
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }

    def period_words(self) -> str:
        """'from 1 March 2026 to 31 March 2026', for messages; '' for all time."""
        start, end = self.filters().get("date_from"), self.filters().get("date_to")
        if start and end:
            return f"from {_day(start)} to {_day(end)}"
        if start:
            return f"from {_day(start)}"
        if end:
            return f"up to {_day(end)}"
        return ""


def _day(day: dt.date) -> str:
    return f"{day:%-d %B %Y}"


class CustomerDetailsForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=200,
        help_text="The name to print on your invoices and receipts.",
        error_messages={
            "required": "Enter the name to print on your invoices",
            "max_length": "Name must be 200 characters or fewer",
        },
    )
    address = forms.CharField(
        label="Postal address",
        max_length=CUSTOMER_ADDRESS_MAX_LENGTH,
        widget=forms.Textarea,
        help_text="Write each line of the address on its own line, with the postcode last.",
        error_messages={
            "required": "Enter your postal address",
            "max_length": f"Address must be {CUSTOMER_ADDRESS_MAX_LENGTH} characters or fewer",
        },
    )

    @classmethod
    def for_user(cls, user: Any) -> CustomerDetailsForm:
        saved = CustomerDetails.objects.filter(user=user).first()
        if saved is not None:
            return cls(initial={"name": saved.name, "address": saved.address})
        return cls(initial={"name": user.get_full_name(), "address": ""})
