"""The details printed on documents: a provider's billing details, a family's name and address."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from wagtail.log_actions import log

from pricing.invoices.models import (
    BillingDetails,
    CustomerDetails,
)
from pricing.invoices.services.common import ACTION, InvoiceError


def save_billing_details(*, organisation: Any, by: Any, **fields: Any) -> BillingDetails:
    """Create or change a provider's billing details (documents already issued keep theirs).

    Checked in full (a VAT number when registered, a prefix no other provider uses)
    before anything is written; a `ValidationError` names the fields at fault.
    """
    with transaction.atomic():
        details = BillingDetails.objects.select_for_update().filter(
            organisation=organisation
        ).first() or BillingDetails(organisation=organisation)
        changed = [name for name, value in fields.items() if getattr(details, name) != value]
        for name, value in fields.items():
            setattr(details, name, value)
        details.full_clean()
        details.save()
        log(
            instance=organisation,
            action=ACTION + "billing_details",
            user=by,
            data={"changed": changed},
        )
        return details


ACTION_CUSTOMER_DETAILS = ACTION + "customer_details"
CUSTOMER_ADDRESS_MAX_LENGTH = 500


def save_customer_details(*, user: Any, name: str, address: str) -> CustomerDetails:
    """Save the name and postal address a family wants on new invoices.

    Only documents issued from now on print them: an issued document is a snapshot and
    keeps the details it was issued with. The audit entry says what changed, not the
    address itself (it is personal data and is already on the row).
    """
    name = " ".join(name.split())
    address = "\n".join(line.strip() for line in address.strip().splitlines() if line.strip())
    if not name:
        raise InvoiceError("Enter the name to print on your invoices.", field="name")
    if not address:
        raise InvoiceError("Enter your postal address.", field="address")
    if len(name) > 200:
        raise InvoiceError("Name must be 200 characters or fewer.", field="name")
    if len(address) > CUSTOMER_ADDRESS_MAX_LENGTH:
        raise InvoiceError(
            f"Address must be {CUSTOMER_ADDRESS_MAX_LENGTH} characters or fewer.", field="address"
        )
    with transaction.atomic():
        details = CustomerDetails.objects.select_for_update().filter(user=user).first()
        if details is None:
            try:
                with transaction.atomic():
                    details = CustomerDetails.objects.create(user=user, name=name, address=address)
            except IntegrityError:  # saved by a second tab at the same moment: change it
                details = CustomerDetails.objects.select_for_update().get(user=user)
            else:
                log(
                    instance=details,
                    action=ACTION_CUSTOMER_DETAILS,
                    user=user,
                    data={"changed": ["name", "address"]},
                )
                return details
        changed = [
            field
            for field, value in (("name", name), ("address", address))
            if getattr(details, field) != value
        ]
        details.name = name
        details.address = address
        details.save(update_fields=["name", "address", "updated_at"])
        log(instance=details, action=ACTION_CUSTOMER_DETAILS, user=user, data={"changed": changed})
        return details
