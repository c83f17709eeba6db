"""Bookings and their documents: an invoice on confirmation for what was charged, a
receipt for every payment, a credit note for every cancellation or refund after invoicing,
and hours of support invoiced as they are delivered."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db import transaction

from pricing.bookings.enums import Attendance
from pricing.bookings.services import (
    accept_request,
    cancel_by_family,
    cancel_by_provider,
    confirm_booking,
    hold_places,
    record_attendance,
    refund_part,
    request_hours,
)
from pricing.bookings.services.invoicing import invoice_delivered_hours, periods_ended
from pricing.invoices.enums import DocumentKind, HoursInvoicing, InvoiceStatus, PaymentWay
from pricing.invoices.models import Document, InvoicePayment
from pricing.invoices.selectors import credited, owed, paid, status_of
from pricing.invoices.services import record_invoice_payment
from pricing.payments.models import PaymentMethod, PaymentStatus
from pricing.payments.services import apply_intent_state, record_offline_payment
from providers.enums import VatTreatment
from tests.pricing.factories import BookableOfferFactory

D = Decimal
pytestmark = pytest.mark.django_db


def _documents(kind):
    return list(Document.objects.filter(kind=kind).order_by("pk"))


def _pay_later(family, child, session, now, places=1):
    booking = hold_places(
        family=family, child=child, session=session, places=places, method="invoice", now=now
    )
    return confirm_booking(booking=booking, now=now).booking


def _card_paid(family, child, session, now, places=1):
    booking = hold_places(
        family=family,
        child=child,
        session=session,
        places=places,
        method=PaymentMethod.CARD,
        now=now,
        card_ready=True,
    )
    with time_machine.travel(now + dt.timedelta(minutes=2), tick=False), transaction.atomic():
        apply_intent_state(payment=booking.payment, stripe_status="succeeded", seen_at=now)
    booking.refresh_from_db()
    return booking


def test_a_card_booking_is_invoiced_and_receipted_when_its_payment_succeeds(
    billing, family, child, session, now
):
    booking = _card_paid(family, child, session, now, places=2)
    [invoice] = _documents(DocumentKind.INVOICE)
    assert (invoice.booking_reference, invoice.customer, invoice.child) == (
        booking.reference,
        family,
        child,
    )
    assert invoice.gross_total == booking.total == D("48.00")
    only = invoice.lines.get()
    assert (only.quantity, only.unit, only.supply_date) == (
        D("2"),
        "place",
        session.starts_at.date(),
    )
    assert "Saturday sensory club" in only.description and "Amira" in only.description
    [receipt] = _documents(DocumentKind.RECEIPT)
    assert (receipt.gross_total, receipt.payment_way) == (D("48.00"), PaymentWay.CARD)
    assert owed(invoice) == 0


def test_a_pay_later_booking_is_invoiced_on_confirmation_and_receipted_when_paid(
    billing, family, child, session, now, provider
):
    booking = _pay_later(family, child, session, now)
    [invoice] = _documents(DocumentKind.INVOICE)
    assert invoice.due_on == now.date() + dt.timedelta(days=14)
    assert not _documents(DocumentKind.RECEIPT)
    record_offline_payment(payment=booking.payment, by=provider, reference="BACS 1234")
    [receipt] = _documents(DocumentKind.RECEIPT)
    assert receipt.gross_total == D("24.00")
    assert status_of(invoice, paid=paid(invoice), credited=D("0"), today=now.date()) == (
        InvoiceStatus.PAID
    )


def test_paying_the_invoice_on_the_invoices_page_marks_the_booking_paid(
    billing, family, child, session, now, provider
):
    booking = _pay_later(family, child, session, now)
    [invoice] = _documents(DocumentKind.INVOICE)
    with time_machine.travel(now, tick=False):
        record_invoice_payment(
            invoice=invoice,
            amount=D("24.00"),
            received_on=now.date(),
            way=PaymentWay.BANK_TRANSFER,
            now=now,
            by=provider,
        )
    booking.payment.refresh_from_db()
    assert booking.payment.status == PaymentStatus.SUCCEEDED
    assert InvoicePayment.objects.count() == 1  # not recorded a second time


def test_a_free_booking_has_no_invoice(billing, family, child, service, now):
    option = service.cost_options.first()
    option.is_free, option.amount = True, None
    option.save()
    session = BookableOfferFactory(service=service).sessions.create(
        starts_at=now + dt.timedelta(days=3),
        ends_at=now + dt.timedelta(days=3, hours=2),
        online=True,
        capacity=5,
    )
    _pay_later(family, child, session, now)
    assert not Document.objects.exists()


def test_vat_added_to_a_listing_price_is_charged_and_invoiced_to_the_penny(
    vat_billing, family, child, service, now
):
    option = service.cost_options.first()
    option.amount, option.vat_treatment = D("10.03"), VatTreatment.ADDED
    option.save()
    session = BookableOfferFactory(service=service).sessions.create(
        starts_at=now + dt.timedelta(days=3),
        ends_at=now + dt.timedelta(days=3, hours=2),
        online=True,
        capacity=5,
    )
    booking = _pay_later(family, child, session, now, places=3)
    [invoice] = _documents(DocumentKind.INVOICE)
    assert booking.total == invoice.gross_total == D("36.11")
    assert (invoice.net_total, invoice.vat_total) == (D("30.09"), D("6.02"))


def test_cancelling_a_paid_booking_credits_exactly_what_is_refunded(
    billing, family, child, session, now
):
    booking = _card_paid(family, child, session, now, places=2)
    refund = cancel_by_family(booking=booking, family=family, now=now + dt.timedelta(minutes=5))
    [invoice] = _documents(DocumentKind.INVOICE)
    [note] = _documents(DocumentKind.CREDIT_NOTE)
    assert note.corrects == invoice
    assert note.gross_total == refund.amount == D("48.00")


def test_a_late_cancellation_with_no_refund_leaves_the_invoice_standing(
    billing, family, child, session, now
):
    booking = _card_paid(family, child, session, now)
    # The club's policy: free until 48 hours before; the session is 73 hours away, so
    # 26 hours before it nothing comes back and nothing is credited.
    late = session.starts_at - dt.timedelta(hours=26)
    assert cancel_by_family(booking=booking, family=family, now=late) is None
    assert not _documents(DocumentKind.CREDIT_NOTE)


def test_a_provider_cancelling_an_unpaid_invoice_credits_all_of_it(
    billing, family, child, session, now, provider
):
    booking = _pay_later(family, child, session, now, places=2)
    cancel_by_provider(booking=booking, by=provider, now=now, reason="Leader unwell")
    [invoice] = _documents(DocumentKind.INVOICE)
    assert credited(invoice) == D("48.00") and owed(invoice) == 0
    [note] = _documents(DocumentKind.CREDIT_NOTE)
    assert note.reason == "Leader unwell"


def test_every_part_refund_has_its_own_credit_note(billing, family, child, session, now, provider):
    booking = _card_paid(family, child, session, now, places=2)
    refund_part(booking=booking, amount=D("5.00"), by=provider, now=now, reason="Started late")
    refund_part(booking=booking, amount=D("5.00"), by=provider, now=now, reason="Finished early")
    notes = _documents(DocumentKind.CREDIT_NOTE)
    assert [(n.gross_total, n.reason) for n in notes] == [
        (D("5.00"), "Started late"),
        (D("5.00"), "Finished early"),
    ]


def _accepted_hours(family, child, service, provider, now, units=2):
    offer = BookableOfferFactory(service=service, hours=True)
    booking = request_hours(
        family=family,
        child=child,
        offer=offer,
        units=units,
        suitable_times="Weekday afternoons",
        method=PaymentMethod.INVOICE,
        now=now,
    )
    slots = [
        (now + dt.timedelta(days=d, hours=5), now + dt.timedelta(days=d, hours=6), 1)
        for d in range(1, units + 1)
    ]
    return accept_request(booking=booking, appointments=slots, by=provider, now=now)


def test_hours_are_invoiced_on_confirmation_by_default(
    billing, family, child, service, provider, now
):
    booking = _accepted_hours(family, child, service, provider, now)
    [invoice] = _documents(DocumentKind.INVOICE)
    assert invoice.gross_total == booking.total == D("48.00")
    assert invoice.lines.get().unit == "hour"


def test_hours_invoiced_as_delivered_bill_each_period_once_for_attended_units(
    billing, family, child, service, provider, now
):
    billing.hours_invoicing = HoursInvoicing.WEEKLY
    billing.save()
    booking = _accepted_hours(family, child, service, provider, now, units=3)
    assert not Document.objects.exists()
    first, second, third = booking.appointments.order_by("starts_at")
    after = third.ends_at + dt.timedelta(hours=1)
    record_attendance(outcome=Attendance.ATTENDED, by=provider, now=after, appointment=first)
    record_attendance(outcome=Attendance.DID_NOT_ATTEND, by=provider, now=after, appointment=second)
    record_attendance(outcome=Attendance.ATTENDED, by=provider, now=after, appointment=third)
    next_monday = now + dt.timedelta(days=7)  # NOW is a Monday: that week has ended
    assert invoice_delivered_hours(now=next_monday) == 1
    assert invoice_delivered_hours(now=next_monday) == 0  # once per period
    [invoice] = _documents(DocumentKind.INVOICE)
    assert (invoice.gross_total, invoice.lines.get().quantity) == (D("48.00"), D("2"))
    assert invoice.lines.get().supply_date == (now + dt.timedelta(days=6)).date()


def test_periods_start_on_mondays_or_the_first_of_the_month():
    wednesday = dt.date(2026, 3, 4)
    weeks = periods_ended(HoursInvoicing.WEEKLY, wednesday, dt.date(2026, 3, 16))
    assert [(p.starts_on, p.ends_on) for p in weeks] == [
        (dt.date(2026, 3, 2), dt.date(2026, 3, 9)),
        (dt.date(2026, 3, 9), dt.date(2026, 3, 16)),
    ]
    assert periods_ended(HoursInvoicing.FOUR_WEEKLY, wednesday, dt.date(2026, 3, 29)) == []
    months = periods_ended(HoursInvoicing.MONTHLY, wednesday, dt.date(2026, 5, 1))
    assert [p.starts_on for p in months] == [dt.date(2026, 3, 1), dt.date(2026, 4, 1)]
