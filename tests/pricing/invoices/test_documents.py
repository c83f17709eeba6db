"""Issuing documents: numbers without gaps, snapshots nobody can change, VAT per line,
credit notes that add up, receipts for money received."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from localoffer.core.money import vat_line
from pricing.invoices.enums import DocumentKind, InvoiceStatus, PaymentWay
from pricing.invoices.models import Document, DocumentChangeRefused, DocumentLine
from pricing.invoices.selectors import credited, owed, paid, status_of
from pricing.invoices.services import (
    InvoiceError,
    credit_invoice,
    record_invoice_payment,
)
from providers.enums import VatTreatment
from tests.factories import OrganisationPageFactory, UserFactory
from tests.pricing.factories import NOW
from tests.pricing.invoices.conftest import line

D = Decimal
pytestmark = pytest.mark.django_db


# --- VAT: the cases the law and the money rules decide ---------------------------------


def test_a_provider_not_registered_charges_no_vat_whatever_the_listing_says(billing, issue):
    invoice = issue(line("24.00", "3", VatTreatment.ADDED))
    assert (invoice.net_total, invoice.vat_total, invoice.gross_total) == (
        D("72.00"),
        D("0.00"),
        D("72.00"),
    )
    assert invoice.vat_number == ""
    assert invoice.lines.get().vat_label == ""


def test_exempt_welfare_services_carry_no_vat_but_say_so(vat_billing, issue):
    invoice = issue(line("24.00", "2", VatTreatment.EXEMPT))
    only = invoice.lines.get()
    assert (only.vat_rate, only.vat_label, only.vat_amount) == (None, "Exempt", D("0.00"))
    assert invoice.gross_total == D("48.00")
    assert invoice.vat_number == "GB123456789"


def test_standard_rate_is_rounded_once_per_line_not_per_unit(vat_billing, issue):
    # £10.03 a unit, VAT added: 3 units are £30.09 net, VAT £6.018 rounds to £6.02.
    # Rounding each unit's VAT (£2.006 -> £2.01) would have charged £6.03.
    invoice = issue(line("10.03", "3", VatTreatment.ADDED))
    only = invoice.lines.get()
    assert (only.net_amount, only.vat_amount, only.gross_amount) == (
        D("30.09"),
        D("6.02"),
        D("36.11"),
    )
    assert only.vat_rate == D("0.2000")


def test_a_price_that_includes_vat_keeps_its_total_and_shows_the_vat_in_it(vat_billing, issue):
    invoice = issue(line("25.00", "1", VatTreatment.INCLUDED))
    assert (invoice.net_total, invoice.vat_total, invoice.gross_total) == (
        D("20.83"),
        D("4.17"),
        D("25.00"),
    )


def test_a_mixed_invoice_totals_each_rate_line_by_line(vat_billing, issue):
    invoice = issue(
        line("24.00", "2", VatTreatment.EXEMPT, "Sensory club"),
        line("12.50", "1", VatTreatment.ADDED, "Art materials"),
        line("10.50", "1", VatTreatment.REDUCED, "Car seat"),
        line("8.00", "1", VatTreatment.ZERO_RATED, "Picture book"),
    )
    rows = [
        (row.vat_label, row.net_amount, row.vat_amount, row.gross_amount)
        for row in invoice.lines.all()
    ]
    assert rows == [
        ("Exempt", D("48.00"), D("0.00"), D("48.00")),
        ("20%", D("12.50"), D("2.50"), D("15.00")),
        ("5%", D("10.00"), D("0.50"), D("10.50")),
        ("0%", D("8.00"), D("0.00"), D("8.00")),
    ]
    assert (invoice.net_total, invoice.vat_total, invoice.gross_total) == (
        D("78.50"),
        D("3.00"),
        D("81.50"),
    )


def test_vat_line_rounds_halves_away_from_zero():
    # £0.125 of VAT rounds up to £0.13, the way HMRC and people round by hand.
    assert vat_line(quantity=1, unit_price=D("0.625"), rate=D("0.20"), includes_vat=False).vat == D(
        "0.13"
    )


# --- Numbers ------------------------------------------------------------------------


def test_numbers_count_up_from_one_per_provider_and_kind(billing, issue, family):
    first, second = issue(), issue()
    assert (first.number, second.number) == ("PLAY-0001", "PLAY-0002")
    note = credit_invoice(
        invoice=first, amount=D("5.00"), reason="Session cut short", now=NOW, source_key="c1"
    )
    assert note.number == "PLAY-CN-0001"
    other = OrganisationPageFactory(parent=billing.organisation.get_parent(), title="Swim Club")
    theirs = issue(organisation=other)
    assert theirs.sequence == 1
    assert theirs.number.endswith("-0001") and not theirs.number.startswith("PLAY")


def test_a_rolled_back_issue_gives_its_number_back(billing, issue):
    issue()
    with pytest.raises(RuntimeError), transaction.atomic():
        issue()
        raise RuntimeError("the booking could not be confirmed after all")
    assert issue().number == "PLAY-0002"
    assert list(Document.objects.invoices().values_list("sequence", flat=True)) == [2, 1]


def test_issuing_for_the_same_thing_twice_returns_the_first(billing, issue):
    first = issue(source_key="booking:NB-ABC123")
    again = issue(line("99.00"), source_key="booking:NB-ABC123")
    assert again.pk == first.pk
    assert Document.objects.count() == 1


def test_without_billing_details_the_organisation_page_is_printed(organisation, issue):
    invoice = issue()
    assert invoice.supplier_name == organisation.title
    assert invoice.number.startswith("NPC")
    assert invoice.vat_number == ""


# --- Nothing issued can change ------------------------------------------------------


def test_every_write_path_to_an_issued_document_is_refused(billing, issue):
    invoice = issue()
    row = invoice.lines.get()
    invoice.gross_total = D("1.00")
    with pytest.raises(DocumentChangeRefused):
        invoice.save()
    with pytest.raises(DocumentChangeRefused):
        invoice.delete()
    with pytest.raises(DocumentChangeRefused):
        Document.objects.filter(pk=invoice.pk).update(customer_name="Someone else")
    with pytest.raises(DocumentChangeRefused):
        Document.objects.filter(pk=invoice.pk).delete()
    with pytest.raises(DocumentChangeRefused):
        row.save()
    with pytest.raises(DocumentChangeRefused):
        DocumentLine.objects.filter(pk=row.pk).update(unit_price=D("0.01"))
    fresh = Document.objects.get(pk=invoice.pk)
    assert (fresh.gross_total, fresh.customer_name) == (D("24.00"), invoice.customer_name)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE pricing_document SET gross_total = 0, net_total = 0 WHERE id = %s",
        "UPDATE pricing_documentline SET description = 'changed' WHERE document_id = %s",
    ],
)
def test_the_database_refuses_an_update_from_outside_the_models(billing, issue, sql):
    invoice = issue()
    with (
        pytest.raises(DatabaseError, match="cannot be changed"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [invoice.pk])
    assert Document.objects.get(pk=invoice.pk).gross_total == D("24.00")


# PostgreSQL's one trigger refuses both; SQLite's DELETE trigger is one of its own.
DELETE_REFUSED = (
    "cannot be changed or deleted" if connection.vendor == "postgresql" else "cannot be deleted"
)


def test_the_database_refuses_a_delete_too(billing, issue):
    invoice = issue()
    with (
        pytest.raises(DatabaseError, match=DELETE_REFUSED),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM pricing_documentline WHERE document_id = %s", [invoice.pk])
    assert invoice.lines.count() == 1


@pytest.mark.parametrize(
    ("table", "column", "row_of"),
    [
        ("pricing_document", "id", lambda payment: payment.invoice_id),
        ("pricing_document", "id", lambda payment: payment.receipt_id),
        ("pricing_documentline", "document_id", lambda payment: payment.invoice_id),
        ("pricing_documentline", "document_id", lambda payment: payment.receipt_id),
        ("pricing_invoicepayment", "id", lambda payment: payment.pk),
    ],
    ids=["invoice", "receipt", "invoice-line", "receipt-line", "payment"],
)
def test_the_database_refuses_a_raw_delete_of_anything_issued_or_recorded(
    billing, issue, table, column, row_of
):
    """The DELETE a person at a SQL prompt would type, not only what the models do."""
    payment = record_invoice_payment(
        invoice=issue(), amount=D("24.00"), received_on=NOW.date(), way="cash", now=NOW
    )
    counted = f"SELECT count(*) FROM {table} WHERE {column} = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(counted, [row_of(payment)])
        before = cursor.fetchone()[0]
    assert before >= 1
    with (
        pytest.raises(DatabaseError, match=DELETE_REFUSED),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"DELETE FROM {table} WHERE {column} = %s", [row_of(payment)])  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(counted, [row_of(payment)])
        assert cursor.fetchone()[0] == before
    assert Document.objects.filter(pk__in=[payment.invoice_id, payment.receipt_id]).count() == 2


def test_changing_billing_details_later_leaves_issued_documents_as_they_were(billing, issue):
    invoice = issue()
    billing.legal_name = "Play Club (renamed)"
    billing.vat_registered, billing.vat_number = True, "GB999999973"
    billing.save()
    again = Document.objects.get(pk=invoice.pk)
    assert (again.supplier_name, again.vat_number) == ("Northbridge Play Club CIO", "")
    assert issue().supplier_name == "Play Club (renamed)"


# --- Credit notes -------------------------------------------------------------------


def test_credit_notes_add_up_to_the_invoice_and_never_beyond(billing, issue):
    invoice = issue(line("24.00", "3"))
    part = credit_invoice(
        invoice=invoice, amount=D("24.00"), reason="One place not used", now=NOW, source_key="a"
    )
    assert (part.corrects_id, part.reason, part.gross_total) == (
        invoice.pk,
        "One place not used",
        D("24.00"),
    )
    with pytest.raises(InvoiceError, match="up to £48"):
        credit_invoice(
            invoice=invoice, amount=D("48.01"), reason="Too much", now=NOW, source_key="b"
        )
    credit_invoice(
        invoice=invoice, amount=D("48.00"), reason="Session cancelled", now=NOW, source_key="c"
    )
    assert credited(invoice) == D("72.00")
    assert status_of(invoice, paid=D("0"), credited=credited(invoice), today=NOW.date()) == (
        InvoiceStatus.CREDITED
    )


def test_a_credit_note_needs_a_reason_and_a_real_amount(billing, issue):
    invoice = issue()
    with pytest.raises(InvoiceError, match="Say why"):
        credit_invoice(invoice=invoice, amount=D("1.00"), reason=" ", now=NOW, source_key="x")
    for amount in (D("0"), D("-1.00"), D("1.005")):
        with pytest.raises(InvoiceError, match="pounds and pence"):
            credit_invoice(invoice=invoice, amount=amount, reason="Oops", now=NOW, source_key="y")
    assert not Document.objects.filter(kind=DocumentKind.CREDIT_NOTE).exists()


def test_a_part_credit_of_a_mixed_invoice_carries_each_lines_vat(vat_billing, issue):
    invoice = issue(
        line("24.00", "1", VatTreatment.EXEMPT, "Sensory club"),
        line("10.00", "1", VatTreatment.ADDED, "Art materials"),
    )
    # £15 back: all of the last line (£12 with VAT), then £3 of the exempt line.
    note = credit_invoice(
        invoice=invoice, amount=D("15.00"), reason="Materials not needed", now=NOW, source_key="m"
    )
    rows = [(r.description, r.vat_label, r.vat_amount, r.gross_amount) for r in note.lines.all()]
    assert rows == [
        ("Credit: Art materials", "20%", D("2.00"), D("12.00")),
        ("Credit: Sensory club", "Exempt", D("0.00"), D("3.00")),
    ]
    assert (note.net_total, note.vat_total, note.gross_total) == (D("13.00"), D("2.00"), D("15.00"))


# --- Payments and receipts ----------------------------------------------------------


def test_recording_money_received_issues_a_receipt_and_moves_the_status(billing, issue):
    invoice = issue(line("24.00", "2"))
    today = NOW.date()
    assert status_of(invoice, paid=D("0"), credited=D("0"), today=today) == InvoiceStatus.ISSUED
    first = record_invoice_payment(
        invoice=invoice,
        amount=D("20.00"),
        received_on=today,
        way=PaymentWay.BANK_TRANSFER,
        now=NOW,
        reference="SMITH AMIRA",
    )
    assert first.receipt.kind == DocumentKind.RECEIPT
    assert first.receipt.number == "PLAY-R-0001"
    assert first.receipt.gross_total == D("20.00")
    assert status_of(invoice, paid=paid(invoice), credited=D("0"), today=today) == (
        InvoiceStatus.PART_PAID
    )
    with pytest.raises(InvoiceError, match="Only £28"):
        record_invoice_payment(
            invoice=invoice, amount=D("30.00"), received_on=today, way="cash", now=NOW
        )
    record_invoice_payment(
        invoice=invoice, amount=D("28.00"), received_on=today, way="cash", now=NOW
    )
    assert owed(invoice) == D("0.00")
    assert status_of(invoice, paid=paid(invoice), credited=D("0"), today=today) == (
        InvoiceStatus.PAID
    )


def test_an_unpaid_invoice_past_its_due_date_is_overdue(billing, issue):
    invoice = issue()
    assert invoice.due_on == NOW.date() + dt.timedelta(days=14)
    late = invoice.due_on + dt.timedelta(days=1)
    assert status_of(invoice, paid=D("0"), credited=D("0"), today=late) == InvoiceStatus.OVERDUE


def test_money_cannot_be_recorded_as_received_in_the_future(billing, issue):
    invoice = issue()
    with pytest.raises(InvoiceError, match="future"):
        record_invoice_payment(
            invoice=invoice,
            amount=D("1.00"),
            received_on=NOW.date() + dt.timedelta(days=1),
            way="cash",
            now=NOW,
        )


def test_documents_snapshot_the_familys_invoice_details(billing, issue, family):
    from pricing.invoices.models import CustomerDetails  # noqa: PLC0415

    plain = issue()
    assert plain.customer_email == family.email
    CustomerDetails.objects.create(user=family, name="Sam Smith", address="2 High St\nNB2 3CD")
    addressed = issue()
    assert (addressed.customer_name, addressed.customer_address) == (
        "Sam Smith",
        "2 High St\nNB2 3CD",
    )
    assert Document.objects.get(pk=plain.pk).customer_address == ""


def test_a_document_belongs_to_the_family_it_is_made_out_to(billing, issue, family):
    from pricing.invoices.selectors import may_read  # noqa: PLC0415

    invoice = issue()
    assert may_read(family, invoice)
    assert not may_read(UserFactory(), invoice)


def test_a_credit_note_reverses_vat_as_the_invoice_charged_it(vat_billing, issue):
    invoice = issue(line("10.00", "1", VatTreatment.ADDED))
    vat_billing.vat_registered, vat_billing.vat_number = False, ""
    vat_billing.save()
    note = credit_invoice(
        invoice=invoice, amount=D("12.00"), reason="Not delivered", now=NOW, source_key="v"
    )
    assert (note.vat_number, note.vat_total, note.net_total) == (
        "GB123456789",
        D("2.00"),
        D("10.00"),
    )


def test_an_invoice_for_nothing_is_not_called_credited(billing, issue):
    invoice = issue(line("0.00"))
    assert status_of(invoice, paid=D("0"), credited=D("0"), today=NOW.date()) == InvoiceStatus.PAID


def test_two_providers_cannot_share_an_invoice_prefix(billing):
    other = OrganisationPageFactory(parent=billing.organisation.get_parent(), title="Swim Club")
    with pytest.raises(IntegrityError), transaction.atomic():
        type(billing).objects.create(
            organisation=other,
            legal_name="Swim",
            address="x",
            email="s@example.org",
            invoice_prefix="PLAY",
        )
