"""Money received against invoices (each with its receipt), and reminders of overdue ones."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail.log_actions import log

from localoffer.core.mail import send_email, site_url
from localoffer.core.money import format_pounds, round_money
from pricing.invoices.enums import DocumentKind, InvoiceStatus, PaymentWay
from pricing.invoices.listeners import notify_invoice_payment
from pricing.invoices.models import (
    Document,
    InvoicePayment,
    InvoiceReminder,
)
from pricing.invoices.selectors import credited, paid, status_of
from pricing.invoices.services.common import ACTION, InvoiceError, LineInput
from pricing.invoices.services.issuing import issue_document
from providers.enums import VatTreatment


def record_invoice_payment(
    *,
    invoice: Document,
    amount: Decimal,
    received_on: dt.date,
    way: str,
    now: dt.datetime,
    reference: str = "",
    payment: Any = None,
    by: Any = None,
) -> InvoicePayment:
    """Record money received against an invoice and issue its receipt.

    A card payment through Stripe is recorded once (its receipt's source key names the
    payment); money recorded by hand may not exceed what is still owed.
    """
    if way not in PaymentWay.values:
        raise InvoiceError("Choose how the money was paid.", field="way")
    if not isinstance(amount, Decimal) or amount <= 0 or amount != round_money(amount):
        raise InvoiceError("Enter an amount in pounds and pence, such as 12.50.", field="amount")
    if received_on > timezone.localdate(now):
        raise InvoiceError("The date received cannot be in the future.", field="received_on")
    source_key = f"payment:{payment.pk}" if payment is not None else ""
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=invoice.pk)
        if locked.kind != DocumentKind.INVOICE:
            raise InvoiceError("Payments are recorded against invoices.")
        if payment is not None:
            already = InvoicePayment.objects.filter(invoice=locked, payment=payment).first()
            if already is not None:
                return already
        owed = locked.gross_total - credited(locked) - paid(locked)
        if amount > owed:
            raise InvoiceError(
                f"Only {format_pounds(max(owed, Decimal('0.00')))} is owed on this invoice.",
                field="amount",
            )
        count = InvoicePayment.objects.filter(invoice=locked).count()
        receipt = issue_document(
            kind=DocumentKind.RECEIPT,
            organisation=locked.organisation,
            customer=locked.customer,
            lines=[
                LineInput(
                    description=_receipt_description(locked),
                    quantity=Decimal("1"),
                    unit_price=amount,
                    vat_treatment=VatTreatment.NOT_REGISTERED,
                    supply_date=received_on,
                )
            ],
            source_key=source_key or f"invoice:{locked.pk}:payment:{count + 1}",
            now=now,
            child=locked.child,
            booking_reference=locked.booking_reference,
            corrects=None,
            payment_way=way,
            by=by,
        )
        recorded = InvoicePayment(
            invoice=locked,
            receipt=receipt,
            amount=amount,
            received_on=received_on,
            way=way,
            reference=reference[:100],
            payment=payment,
            recorded_by=by if getattr(by, "is_authenticated", False) else None,
            recorded_at=now,
        )
        recorded.save()
        notify_invoice_payment(recorded)
        log(
            instance=locked.organisation,
            action=ACTION + "payment_recorded",
            user=recorded.recorded_by,
            data={"invoice": locked.number, "amount": str(amount), "way": way},
        )
        return recorded


def _receipt_description(invoice: Document) -> str:
    booking = f" (booking {invoice.booking_reference})" if invoice.booking_reference else ""
    return f"Payment for invoice {invoice.number}{booking}"


PAYMENT_SEEN = "payment_seen"


def record_payment_by_hand(
    *,
    invoice: Document,
    payments_seen: int,
    amount: Decimal,
    received_on: dt.date,
    way: str,
    now: dt.datetime,
    reference: str = "",
    by: Any = None,
) -> InvoicePayment:
    """Record money the provider received (a transfer, cash, a cheque), once per form.

    The form says how many payments the invoice had when it was shown (`payments_seen`).
    Under the invoice's lock, held on through `record_invoice_payment`, any other number
    means a payment was recorded since: most often the same form sent twice. Nothing is
    recorded then, because a receipt once issued can never be taken back.
    """
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=invoice.pk)
        if InvoicePayment.objects.filter(invoice=locked).count() != payments_seen:
            raise InvoiceError(
                "A payment was recorded on this invoice since the form was opened (perhaps the "
                "form was sent twice), so nothing more was recorded. Check the payments below "
                "before recording another one.",
                code=PAYMENT_SEEN,
            )
        return record_invoice_payment(
            invoice=locked,
            amount=amount,
            received_on=received_on,
            way=way,
            now=now,
            reference=reference,
            by=by,
        )


REMINDER_TEMPLATE = "pricing/invoices/email/reminder"


def remind_overdue_invoice(*, invoice: Document, by: Any, now: dt.datetime) -> InvoiceReminder:
    """Remind the family of an overdue invoice by email, at most once a day.

    The invoice row is locked, so two people pressing "Remind" at once send one reminder:
    the second waits, then finds the first one's reminder of today. Whether the invoice is
    overdue is worked out again under the lock, from the payments and credit notes
    recorded by then. "A day" is the local calendar day. The email goes once the reminder
    is saved, and not at all if the transaction rolls back.
    """
    today = timezone.localdate(now)
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=invoice.pk)
        if locked.kind != DocumentKind.INVOICE:
            raise InvoiceError("Only an invoice can be reminded.")
        paid_so_far, credited_so_far = paid(locked), credited(locked)
        status = status_of(locked, paid=paid_so_far, credited=credited_so_far, today=today)
        if status != InvoiceStatus.OVERDUE:
            raise InvoiceError(
                f"This invoice is {InvoiceStatus(status).label.lower()}, not overdue: "
                "there is nothing to remind the family of."
            )
        start_of_today = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
        earlier = InvoiceReminder.objects.filter(invoice=locked, sent_at__gte=start_of_today)
        last = earlier.order_by("-sent_at").first()
        if last is not None:
            raise InvoiceError(
                f"The family was reminded of this invoice today at "
                f"{timezone.localtime(last.sent_at):%H:%M}. You can remind them again tomorrow."
            )
        user = by if getattr(by, "is_authenticated", False) else None
        reminder = InvoiceReminder.objects.create(invoice=locked, sent_at=now, sent_by=user)
        still_owed = locked.gross_total - paid_so_far - credited_so_far
        log(
            instance=locked.organisation,
            action=ACTION + "reminder_sent",
            user=user,
            data={"invoice": locked.number, "owed": str(still_owed)},
        )
        send_email(
            to=[locked.customer_email],
            template=REMINDER_TEMPLATE,
            context={
                "invoice": locked,
                "child_name": locked.child.first_name if locked.child is not None else "",
                "issued_on": f"{timezone.localtime(locked.issued_at):%-d %B %Y}",
                "due_on": f"{locked.due_on:%-d %B %Y}" if locked.due_on else "",
                "owed": format_pounds(still_owed),
                "link": _documents_link(),
            },
        )
        return reminder


def _documents_link() -> str:
    """The family's documents page, absolute; "" while that page is not wired."""
    try:
        return site_url() + reverse("documents:list")
    except NoReverseMatch:
        return ""
