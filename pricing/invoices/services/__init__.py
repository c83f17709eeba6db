"""The invoicing actions (writes). Views, the bookings layer, the demo and commands call these.

- issuing: issue_document, credit_invoice (gap-free numbers, snapshots)
- payments: record_invoice_payment, record_payment_by_hand, remind_overdue_invoice
- details: save_billing_details, save_customer_details
"""

from pricing.invoices.services.common import ACTION, InvoiceError, LineInput
from pricing.invoices.services.details import (
    ACTION_CUSTOMER_DETAILS,
    CUSTOMER_ADDRESS_MAX_LENGTH,
    save_billing_details,
    save_customer_details,
)
from pricing.invoices.services.issuing import credit_invoice, issue_document
from pricing.invoices.services.payments import (
    PAYMENT_SEEN,
    REMINDER_TEMPLATE,
    record_invoice_payment,
    record_payment_by_hand,
    remind_overdue_invoice,
)

__all__ = [
    "ACTION",
    "ACTION_CUSTOMER_DETAILS",
    "CUSTOMER_ADDRESS_MAX_LENGTH",
    "PAYMENT_SEEN",
    "REMINDER_TEMPLATE",
    "InvoiceError",
    "LineInput",
    "credit_invoice",
    "issue_document",
    "record_invoice_payment",
    "record_payment_by_hand",
    "remind_overdue_invoice",
    "save_billing_details",
    "save_customer_details",
]
