"""Invoices, credit notes and receipts: immutable documents with gap-free numbers.

A document copies everything it prints when it is issued (both parties, every line, the
totals), so changing a listing, an address or the provider's VAT registration later never
changes a document already sent. Issued documents are never changed or deleted: `save()`
and `delete()` refuse on the model and on querysets, and database triggers (migration
0002) refuse an UPDATE or DELETE from anywhere else. A mistake is corrected by a credit
note, a new document. The PDF is made after issue, so it lives in its own row.

Whether an invoice is paid is not stored on it either: it is worked out from the payments
recorded against it (`InvoicePayment`, also never changed) and its credit notes.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.utils import timezone

from localoffer.core.immutable import ChangeRefused, ImmutableModel, ImmutableQuerySet
from pricing.invoices.enums import DocumentKind, HoursInvoicing, PaymentWay

MONEY: dict[str, Any] = {"max_digits": 12, "decimal_places": 2}


# An issued document, its lines or a recorded payment was about to be changed.
DocumentChangeRefused = ChangeRefused


class BillingDetails(models.Model):
    """What a provider prints on its invoices, and how it invoices hours of support."""

    organisation = models.OneToOneField(
        "providers.OrganisationPage", on_delete=models.CASCADE, related_name="billing_details"
    )
    legal_name = models.CharField(
        "name to print", max_length=200, help_text="Your organisation's full legal name."
    )
    address = models.TextField(help_text="The postal address to print, with the postcode.")
    email = models.EmailField(help_text="Where families write about an invoice.")
    phone = models.CharField(max_length=30, blank=True)
    charity_number = models.CharField(max_length=20, blank=True)
    company_number = models.CharField(max_length=20, blank=True)
    vat_registered = models.BooleanField("registered for VAT", default=False)
    vat_number = models.CharField(
        "VAT registration number",
        max_length=14,
        blank=True,
        validators=[
            RegexValidator(
                r"^(GB)?(\d{9}|\d{12})$",
                "Enter a VAT number like GB123456789: GB, then 9 or 12 digits, no spaces.",
            )
        ],
    )
    # Unique across providers, so no two providers' invoices ever carry the same number.
    invoice_prefix = models.CharField(
        max_length=10,
        unique=True,
        validators=[
            RegexValidator(
                r"^[A-Z0-9]{2,10}$",
                "Enter 2 to 10 capital letters or digits, such as SWIM.",
            )
        ],
        help_text="Starts every invoice number, such as SWIM for SWIM-0001.",
    )
    payment_terms_days = models.PositiveIntegerField(
        "days to pay", default=14, validators=[MaxValueValidator(90)]
    )
    bank_account_name = models.CharField(max_length=100, blank=True)
    bank_sort_code = models.CharField(
        "sort code",
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^\d{2}-?\d{2}-?\d{2}$", "Enter a sort code like 30-94-57.")],
    )
    bank_account_number = models.CharField(
        "account number",
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^\d{8}$", "Enter an account number of 8 digits.")],
    )
    footer = models.TextField(blank=True, max_length=600)
    hours_invoicing = models.CharField(
        "when hours of support are invoiced",
        max_length=20,
        choices=HoursInvoicing.choices,
        default=HoursInvoicing.ON_CONFIRMATION,
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "billing details"
        verbose_name_plural = "billing details"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(vat_registered=False) | ~models.Q(vat_number=""),
                name="billing_vat_number_when_registered",
            ),
            models.CheckConstraint(
                condition=models.Q(hours_invoicing__in=HoursInvoicing.values),
                name="billing_hours_invoicing_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.legal_name


class CustomerDetails(models.Model):
    """The name and address a family wants on the invoices made out to it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invoice_details"
    )
    name = models.CharField(max_length=200)
    address = models.TextField(help_text="Your postal address, with the postcode.")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.name


class DocumentSequence(models.Model):
    """The last number used for one kind of document of one provider.

    Issuing locks this row, so numbers are handed out one at a time, and the number is
    taken in the same transaction as the document is written: a rollback gives the
    number back, so there is never a gap.
    """

    organisation = models.ForeignKey(
        "providers.OrganisationPage", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind"], name="one_sequence_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.last_number}"


class DocumentQuerySet(ImmutableQuerySet):
    def for_customer(self, user: Any) -> DocumentQuerySet:
        return self.filter(customer=user)

    def for_organisation(self, organisation: Any) -> DocumentQuerySet:
        return self.filter(organisation=organisation)

    def invoices(self) -> DocumentQuerySet:
        return self.filter(kind=DocumentKind.INVOICE)


class Document(ImmutableModel):
    """An invoice, credit note or receipt as it was issued: numbers, parties, totals."""

    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    organisation = models.ForeignKey(
        "providers.OrganisationPage", on_delete=models.PROTECT, related_name="+"
    )
    sequence = models.PositiveIntegerField()
    number = models.CharField(max_length=30)
    # Our own name for what this document is for ("booking:NB-7K3P9Q", with a period for
    # hours invoiced as delivered): issuing twice for the same thing finds the first one.
    source_key = models.CharField(max_length=80)
    issued_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField(null=True, blank=True)
    # Who the document is made out to (a family today; the council for budgets later).
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="documents"
    )
    child = models.ForeignKey(
        "pricing.Child", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    booking_reference = models.CharField(max_length=20, blank=True)
    # The supplier as printed.
    supplier_name = models.CharField(max_length=200)
    supplier_address = models.TextField()
    supplier_email = models.EmailField()
    supplier_phone = models.CharField(max_length=30, blank=True)
    charity_number = models.CharField(max_length=20, blank=True)
    company_number = models.CharField(max_length=20, blank=True)
    vat_number = models.CharField(max_length=14, blank=True)  # empty: not registered
    payment_instructions = models.TextField(blank=True)
    footer = models.TextField(blank=True)
    # The customer as printed.
    customer_name = models.CharField(max_length=200)
    customer_address = models.TextField(blank=True)
    customer_email = models.EmailField()
    net_total = models.DecimalField(**MONEY)
    vat_total = models.DecimalField(**MONEY)
    gross_total = models.DecimalField(**MONEY)
    # A credit note names the invoice it corrects and why; a receipt the invoice it paid.
    corrects = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections"
    )
    reason = models.CharField(max_length=500, blank=True)
    payment_way = models.CharField(max_length=30, choices=PaymentWay.choices, blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "kind", "issued_at"]),
            models.Index(fields=["customer", "issued_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "sequence"], name="document_sequence_unique"
            ),
            models.UniqueConstraint(
                fields=["organisation", "number"], name="document_number_unique"
            ),
            models.UniqueConstraint(
                fields=["organisation", "kind", "source_key"], name="document_source_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=DocumentKind.values), name="document_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(gross_total=models.F("net_total") + models.F("vat_total")),
                name="document_totals_add_up",
            ),
            models.CheckConstraint(
                condition=models.Q(gross_total__gte=0), name="document_total_not_negative"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=DocumentKind.CREDIT_NOTE)
                | (models.Q(corrects__isnull=False) & ~models.Q(reason="")),
                name="credit_note_corrects_an_invoice",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    @property
    def is_vat_invoice(self) -> bool:
        """An invoice or credit note from a VAT-registered provider (a receipt is neither)."""
        return self.kind != DocumentKind.RECEIPT and bool(self.vat_number)


class DocumentLine(ImmutableModel):
    """One line as printed: what, when, how many, at what price, and its VAT."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="lines")
    position = models.PositiveIntegerField()
    description = models.CharField(max_length=300)
    supply_date = models.DateField(null=True, blank=True)
    quantity = models.DecimalField(max_digits=9, decimal_places=2)
    unit = models.CharField(max_length=20, blank=True)
    unit_price = models.DecimalField(**MONEY)
    vat_rate = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    vat_label = models.CharField(max_length=20, blank=True)
    net_amount = models.DecimalField(**MONEY)
    vat_amount = models.DecimalField(**MONEY)
    gross_amount = models.DecimalField(**MONEY)

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(fields=["document", "position"], name="line_position_unique"),
            models.CheckConstraint(
                condition=models.Q(gross_amount=models.F("net_amount") + models.F("vat_amount")),
                name="line_amounts_add_up",
            ),
        ]

    def __str__(self) -> str:
        return self.description


class InvoicePayment(ImmutableModel):
    """Money received against an invoice, with the receipt issued for it."""

    invoice = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="payments")
    receipt = models.OneToOneField(Document, on_delete=models.PROTECT, related_name="receipt_for")
    amount = models.DecimalField(**MONEY)
    received_on = models.DateField()
    way = models.CharField(max_length=30, choices=PaymentWay.choices)
    reference = models.CharField(max_length=100, blank=True)
    # A card payment through Stripe; empty for money the provider recorded by hand.
    payment = models.ForeignKey(
        "pricing.Payment", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        ordering = ["received_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="invoice_payment_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.amount} for {self.invoice}"


def private_storage() -> Storage:
    """Where documents are kept: never under MEDIA_URL, served only through a view that
    checks who is asking (`STORAGES["private"]`)."""
    return storages["private"]


class DocumentFile(models.Model):
    """The PDF of a document, made in the background after it was issued."""

    document = models.OneToOneField(Document, on_delete=models.PROTECT, related_name="pdf")
    file = models.FileField(upload_to="documents/%Y/%m/", storage=private_storage)
    size = models.PositiveIntegerField()
    made_at = models.DateTimeField(default=timezone.now)
    # When the customer was sent it: a task run twice (a retry) does not send it twice.
    emailed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return str(self.file.name)


class InvoiceReminder(models.Model):
    """A reminder of an overdue invoice sent to the family (one a day at most)."""

    invoice = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="reminders")
    sent_at = models.DateTimeField(default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"Reminder of {self.invoice}"
