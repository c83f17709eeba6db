"""The provider's invoices area in the workspace (/admin/invoices/), one module per part:
the list and one document (`documents`), the actions on an invoice (`actions`), the
billing details (`billing`), and a family's statement and the accountant's export
(`accounts`)."""

from pricing.invoices.admin_views.accounts import ExportView, StatementView
from pricing.invoices.admin_views.actions import CreditNoteView, RecordPaymentView, RemindView
from pricing.invoices.admin_views.billing import BillingDetailsView
from pricing.invoices.admin_views.documents import (
    BillingIndexView,
    DocumentListView,
    DocumentView,
    InvoicesIndexView,
)

__all__ = [
    "BillingDetailsView",
    "BillingIndexView",
    "CreditNoteView",
    "DocumentListView",
    "DocumentView",
    "ExportView",
    "InvoicesIndexView",
    "RecordPaymentView",
    "RemindView",
    "StatementView",
]
