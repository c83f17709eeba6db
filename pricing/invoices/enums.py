"""Invoices, credit notes and receipts: their kinds, the VAT terms of a line, statuses."""

from __future__ import annotations

from django.db import models


class DocumentKind(models.TextChoices):
    INVOICE = "invoice", "Invoice"
    CREDIT_NOTE = "credit_note", "Credit note"
    RECEIPT = "receipt", "Receipt"


# Each kind has its own gap-free sequence; the letters keep the three apart when a
# provider's prefix is the same ("SWIM-0007", "SWIM-CN-0002", "SWIM-R-0012").
NUMBER_INFIX = {
    DocumentKind.INVOICE: "",
    DocumentKind.CREDIT_NOTE: "CN-",
    DocumentKind.RECEIPT: "R-",
}


class HoursInvoicing(models.TextChoices):
    """When hours of support are invoiced: the whole booking, or what was delivered."""

    ON_CONFIRMATION = "confirmation", "When the booking is confirmed"
    WEEKLY = "weekly", "Every week, for the hours delivered"
    FOUR_WEEKLY = "four_weekly", "Every four weeks, for the hours delivered"
    MONTHLY = "monthly", "Every month, for the hours delivered"


class InvoiceStatus(models.TextChoices):
    """Worked out from payments and credit notes, never stored (an invoice never changes)."""

    ISSUED = "issued", "Issued"
    PART_PAID = "part_paid", "Part paid"
    PAID = "paid", "Paid"
    OVERDUE = "overdue", "Overdue"
    CREDITED = "credited", "Credited"


class PaymentWay(models.TextChoices):
    CARD = "card", "Card"
    BANK_TRANSFER = "bank_transfer", "Bank transfer"
    DIRECT_PAYMENT_CARD = "direct_payment_card", "Direct-payment card"
    CASH = "cash", "Cash"
    CHEQUE = "cheque", "Cheque"
