"""Where bookings meet invoices: the invoice on confirmation, receipts for money received,
credit notes for cancellations and refunds, and hours of support invoiced as delivered.

Invoices are the lower layer (they know nothing of bookings): these functions turn a
booking into invoice lines and call the invoicing services, inside the transaction that
moves the booking, so a booking is never confirmed without its invoice, nor cancelled
without its credit note.

- Sessions are invoiced when confirmed.
- Hours of support are invoiced when confirmed, unless the provider invoices hours as
  delivered (weekly, four-weekly or monthly) and the family pays later: then each period's
  attended appointments are invoiced after the period ends (`invoice_delivered_hours`).
  A booking paid by card is always invoiced (and receipted) on confirmation, because the
  money was taken then.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import Sum
from django.utils import timezone

from pricing.bookings.enums import Attendance, BookingStatus
from pricing.bookings.models import Appointment, Booking
from pricing.invoices.enums import DocumentKind, HoursInvoicing, PaymentWay
from pricing.invoices.models import Document, InvoicePayment
from pricing.invoices.selectors import (
    billing_details,
    booking_invoice,
    booking_source_key,
    credited,
    owed,
)
from pricing.invoices.services import LineInput, credit_invoice, issue_document
from pricing.invoices.services import record_invoice_payment as record_received
from pricing.payments.models import PENDING_STATUSES, Payment, PaymentMethod, PaymentStatus
from pricing.payments.services import record_offline_payment


def _when(moment: dt.datetime) -> str:
    return f"{timezone.localtime(moment):%a %-d %b %Y %H:%M}"


def _unit(booking: Booking) -> str:
    option = booking.offer.cost_option
    if booking.session_id is not None:
        return "place"
    return option.get_unit_display() if option is not None else "unit"


def _lines(booking: Booking) -> list[LineInput]:
    """The booking as one line, priced as the family was charged (`price`), so the
    invoice's total is exactly the booking's total."""
    title = booking.offer.service.title
    child = booking.child.first_name
    if booking.session is not None:
        supply = booking.session.starts_at
        description = f"{title}, {_when(supply)}, for {child}"
    else:
        dates = list(booking.appointments.order_by("starts_at").values_list("starts_at", flat=True))
        supply = dates[0] if dates else booking.confirmed_at or timezone.now()
        listed = ", ".join(f"{timezone.localtime(d):%-d %b}" for d in dates[:12])
        description = f"{title} for {child}: appointments on {listed}" if dates else title
    return [
        LineInput(
            description=description,
            quantity=Decimal(booking.places),
            unit=_unit(booking),
            unit_price=booking.unit_price,
            vat_treatment=booking.vat_treatment,
            supply_date=timezone.localdate(supply),
        )
    ]


def invoiced_as_delivered(booking: Booking) -> bool:
    """Hours paid later, from a provider that invoices hours per period of delivery."""
    if booking.session_id is not None or booking.method != PaymentMethod.INVOICE:
        return False
    rule = billing_details(booking.offer.organisation).hours_invoicing
    return rule != HoursInvoicing.ON_CONFIRMATION


def invoice_confirmed(booking: Booking, *, now: dt.datetime) -> Document | None:
    """The booking's invoice, issued when it is confirmed (none for a free booking)."""
    if booking.total == 0 or invoiced_as_delivered(booking):
        return None
    invoice = issue_document(
        kind=DocumentKind.INVOICE,
        organisation=booking.offer.organisation,
        customer=booking.family,
        lines=_lines(booking),
        source_key=booking_source_key(booking.reference),
        now=now,
        child=booking.child,
        booking_reference=booking.reference,
    )
    if booking.payment is not None and booking.payment.status == PaymentStatus.SUCCEEDED:
        record_booking_payment(booking=booking, payment=booking.payment, now=now)
    return invoice


def _booking_invoices(booking: Booking) -> list[Document]:
    return list(
        Document.objects.filter(
            organisation_id=booking.offer.organisation_id,
            kind=DocumentKind.INVOICE,
            booking_reference=booking.reference,
        ).order_by("issued_at", "pk")
    )


def record_booking_payment(*, booking: Booking, payment: Payment, now: dt.datetime) -> None:
    """Record a booking's payment against its invoices, oldest first, with receipts.

    Runs when a card payment succeeds and when the provider records a pay-later payment;
    an invoice already paid (recorded on the invoices page) takes nothing more.
    """
    if payment.status != PaymentStatus.SUCCEEDED:
        return
    used = InvoicePayment.objects.filter(payment=payment).aggregate(t=Sum("amount"))["t"]
    left = Decimal(payment.amount) - (used or Decimal("0.00"))
    way = PaymentWay.CARD if payment.method == PaymentMethod.CARD else PaymentWay.BANK_TRANSFER
    received_on = timezone.localdate(payment.paid_at or now)
    for invoice in _booking_invoices(booking):
        take = min(left, owed(invoice))
        if take <= 0 or InvoicePayment.objects.filter(invoice=invoice, payment=payment).exists():
            continue
        record_received(
            invoice=invoice,
            amount=take,
            received_on=min(received_on, timezone.localdate(now)),
            way=way,
            now=now,
            reference=payment.offline_reference or payment.reference,
            payment=payment,
            by=payment.recorded_by,
        )
        left -= take


def invoice_paid(recorded: InvoicePayment) -> None:
    """Money recorded by hand on a pay-later booking's invoice (the invoices page): once
    nothing is owed on it, the booking's own payment is recorded as made, so cancelling
    it later refunds what was paid. Card payments are recorded the other way round."""
    invoice = recorded.invoice
    if recorded.payment_id is not None or not invoice.booking_reference or owed(invoice) > 0:
        return
    booking = (
        Booking.objects.select_related("payment")
        .filter(reference=invoice.booking_reference, offer__organisation=invoice.organisation)
        .first()
    )
    payment = booking.payment if booking is not None else None
    if payment is None or payment.method != PaymentMethod.INVOICE:
        return
    if payment.status in PENDING_STATUSES:
        record_offline_payment(
            payment=payment,
            by=recorded.recorded_by,
            reference=recorded.reference,
            received_at=recorded.recorded_at,
            invoice_paid=True,
        )


def credit_booking(
    *, booking: Booking, amount: Decimal, reason: str, key: str, now: dt.datetime, by: Any = None
) -> Document | None:
    """A credit note for what a booking's invoice no longer charges (a cancellation or a
    refund), when the booking was invoiced; never more than is left to credit."""
    invoice = booking_invoice(booking.offer.organisation_id, booking.reference)
    if invoice is None or amount <= 0:
        return None
    amount = min(amount, invoice.gross_total - credited(invoice))
    if amount <= 0:
        return None
    return credit_invoice(
        invoice=invoice,
        amount=amount,
        reason=reason or "Booking cancelled",
        now=now,
        source_key=f"{booking_source_key(booking.reference)}:{key}",
        by=by,
    )


@dataclass(frozen=True)
class Period:
    starts_on: dt.date
    ends_on: dt.date  # the day after the last, like a slice

    def holds(self, day: dt.date) -> bool:
        return self.starts_on <= day < self.ends_on

    @property
    def key(self) -> str:
        return f"{self.starts_on:%Y-%m-%d}"


def periods_ended(rule: str, first: dt.date, today: dt.date) -> list[Period]:
    """The whole periods from the one holding `first` that ended on or before `today`.

    Weeks and four-week periods start on a Monday; months on the 1st.
    """
    if rule == HoursInvoicing.MONTHLY:
        start = first.replace(day=1)
        step = relativedelta(months=1)
    else:
        start = first - dt.timedelta(days=first.weekday())
        step = relativedelta(weeks=4 if rule == HoursInvoicing.FOUR_WEEKLY else 1)
    periods = []
    while start + step <= today:
        periods.append(Period(start, start + step))
        start = start + step
    return periods


def invoice_delivered_hours(*, now: dt.datetime) -> int:
    """Invoice each period's attended appointments of hours booked to pay later from
    providers that invoice as delivered; once per booking and period. Run daily."""
    today = timezone.localdate(now)
    issued = 0
    bookings = Booking.objects.filter(
        status__in=[BookingStatus.CONFIRMED, BookingStatus.CANCELLED],
        session__isnull=True,
        method=PaymentMethod.INVOICE,
        appointments__attendance=Attendance.ATTENDED,
    ).distinct()
    rules: dict[int, str] = {}  # each provider's billing details, read once
    for booking in bookings.select_related("offer__organisation", "offer__service", "child"):
        organisation = booking.offer.organisation
        if organisation.pk not in rules:
            rules[organisation.pk] = billing_details(organisation).hours_invoicing
        if rules[organisation.pk] == HoursInvoicing.ON_CONFIRMATION:
            continue
        issued += _invoice_periods(booking, rule=rules[organisation.pk], now=now, today=today)
    return issued


def _invoice_periods(booking: Booking, *, rule: str, now: dt.datetime, today: dt.date) -> int:
    attended = list(
        Appointment.objects.filter(booking=booking, attendance=Attendance.ATTENDED).order_by(
            "starts_at"
        )
    )
    if not attended:
        return 0
    issued = 0
    for period in periods_ended(rule, timezone.localdate(attended[0].starts_at), today):
        in_period = [
            a
            for a in attended
            if period.starts_on <= timezone.localdate(a.starts_at) < period.ends_on
        ]
        units = sum(a.units for a in in_period)
        if not units:
            continue
        key = f"{booking_source_key(booking.reference)}:{period.key}"
        if Document.objects.filter(
            organisation_id=booking.offer.organisation_id,
            kind=DocumentKind.INVOICE,
            source_key=key,
        ).exists():
            continue
        last = period.ends_on - dt.timedelta(days=1)
        days = ", ".join(f"{timezone.localtime(a.starts_at):%-d %b}" for a in in_period)
        issue_document(
            kind=DocumentKind.INVOICE,
            organisation=booking.offer.organisation,
            customer=booking.family,
            lines=[
                LineInput(
                    description=(
                        f"{booking.offer.service.title} for {booking.child.first_name}, "
                        f"{period.starts_on:%-d %b} to {last:%-d %b %Y}: delivered on {days}"
                    ),
                    quantity=Decimal(units),
                    unit=_unit(booking),
                    unit_price=booking.unit_price,
                    vat_treatment=booking.vat_treatment,
                    supply_date=last,
                )
            ],
            source_key=key,
            now=now,
            child=booking.child,
            booking_reference=booking.reference,
        )
        issued += 1
    return issued
