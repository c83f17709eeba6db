"""The PDF of every issued document: what it prints (HMRC's list, plain English), that it
is tagged for screen readers, that it is stored once and emailed with the PDF attached,
that only the customer and the provider's team can download it, and that rendering
fetches nothing.

Documents are issued through the real services; the task that makes the PDF runs when
the issuing transaction commits (the immediate task backend), so tests that want it run
wrap the issue in `django_capture_on_commit_callbacks(execute=True)`.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import threading
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from pricing.invoices import pdf as invoice_pdf
from pricing.invoices.enums import DocumentKind, PaymentWay
from pricing.invoices.models import CustomerDetails, Document, DocumentFile
from pricing.invoices.services import (
    LineInput,
    credit_invoice,
    issue_document,
    record_invoice_payment,
    save_billing_details,
)
from pricing.invoices.vat import EXEMPT_NOTE
from providers.enums import VatTreatment
from providers.organisations.access import grant_organisation_access
from tests.factories import OrganisationPageFactory, UserFactory
from tests.network import network_forbidden
from tests.pricing.factories import NOW

pytestmark = pytest.mark.django_db

SUPPLY = dt.date(2026, 3, 7)


def line(
    description: str = "Saturday sensory club, 7 March, for Amira",
    *,
    quantity: str = "2",
    unit_price: str = "12.50",
    treatment: str = VatTreatment.NOT_REGISTERED,
    unit: str = "place",
) -> LineInput:
    return LineInput(
        description=description,
        quantity=Decimal(quantity),
        unit_price=Decimal(unit_price),
        vat_treatment=treatment,
        unit=unit,
        supply_date=SUPPLY,
    )


def issue(organisation: Any, customer: Any, lines: list[LineInput], key: str = "a") -> Document:
    return issue_document(
        kind=DocumentKind.INVOICE,
        organisation=organisation,
        customer=customer,
        lines=lines,
        source_key=f"booking:{key}",
        now=NOW,
        booking_reference="NB-7K3P9Q",
    )


def reader_of(document: Document) -> PdfReader:
    stored = DocumentFile.objects.get(document=document)
    with stored.file.open("rb") as handle:
        return PdfReader(io.BytesIO(handle.read()))


def text_of(document: Document) -> str:
    """The PDF's text with runs of white space made one space (cells wrap lines)."""
    reader = reader_of(document)
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def outside_the_text_area(document: Document) -> list[str]:
    """Text that starts to the right of the page's right margin (16 mm): a table too wide
    for A4 is clipped, and its last column's figures would start off the page."""
    outside: list[str] = []
    for page in reader_of(document).pages:
        right = float(page.mediabox.width) - 16 * 72 / 25.4

        def visit(text: str, cm: Any, tm: Any, font: Any, size: Any, right=right) -> None:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            if text.strip() and x > right:
                outside.append(text)

        page.extract_text(visitor_text=visit)
    return outside


@pytest.fixture
def customer(family):
    CustomerDetails.objects.create(
        user=family, name="Sam Jones", address="2 Low Road\nNorthbridge\nNB2 5BB"
    )
    return family


@pytest.fixture
def vat_registered(organisation):
    """The provider, a charity registered for VAT, with a bank account and a footer."""
    save_billing_details(
        organisation=organisation,
        by=None,
        legal_name="Northbridge Play Club Ltd",
        address="1 High Street\nNorthbridge\nNB1 4AA",
        email="accounts@playclub.example.org",
        phone="01632 960 001",
        charity_number="1123456",
        company_number="09876543",
        vat_registered=True,
        vat_number="GB123456789",
        invoice_prefix="PLAY",
        payment_terms_days=30,
        bank_account_name="Northbridge Play Club Ltd",
        bank_sort_code="30-94-57",
        bank_account_number="12345678",
        footer="Thank you for playing with us.",
    )
    return organisation


@pytest.fixture
def made(django_capture_on_commit_callbacks):
    """Issue through a callable, then run what the commit runs (the PDF task, the email)."""

    def run(action, *args: Any, **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


# --- What the PDF prints ------------------------------------------------------------------


def test_invoice_of_a_provider_not_registered_prints_what_hmrc_asks_and_no_vat(
    organisation, customer, made
):
    invoice = made(issue, organisation, customer, [line()])
    text = text_of(invoice)

    for expected in [
        f"Invoice {invoice.number}",
        "Invoice number " + invoice.number,
        "Invoice date 2 March 2026",
        "Pay by 16 March 2026",
        "Booking reference NB-7K3P9Q",
        # The supplier, as its page said when the invoice was issued.
        "Northbridge Play Club",
        "1 High Street",
        "NB1 4AA",
        f"Email: {organisation.email}",
        "Phone: 01632 960 001",
        f"Registered charity number: {organisation.charity_number}",
        # The customer.
        "Sam Jones",
        "2 Low Road",
        "NB2 5BB",
        # The line: what, when, how many, of what, at what price, and its amount.
        "Saturday sensory club, 7 March, for Amira 7 Mar 2026 2 place £12.50 £25.00",
        "Total to pay £25.00",
        "Please pay £25.00 by 16 March 2026.",
        f"To ask how to pay, contact Northbridge Play Club at {organisation.email}",
    ]:
        assert expected in text, expected
    assert "VAT" not in text
    assert "Company number" not in text


def test_vat_invoice_prints_the_vat_number_each_rate_and_the_totals_with_and_without_vat(
    vat_registered, customer, made
):
    invoice = made(
        issue,
        vat_registered,
        customer,
        [
            line("Climbing, VAT added", quantity="2", unit_price="10.00", treatment="added"),
            line("Snacks, reduced rate", quantity="1", unit_price="21.00", treatment="reduced"),
            line("Respite care", quantity="1", unit_price="15.00", treatment="exempt"),
            line("Printed guide", quantity="1", unit_price="8.00", treatment="zero"),
        ],
    )
    assert invoice.number == "PLAY-0001"
    text = text_of(invoice)

    for expected in [
        "Invoice PLAY-0001",
        "VAT invoice",
        "VAT registration number: GB123456789",
        "Company number: 09876543",
        "Registered charity number: 1123456",
        "Northbridge Play Club Ltd",
        "Pay by 1 April 2026",  # 30 days' terms
        # Quantity, unit, unit price without VAT, amount without VAT, rate, VAT, with VAT.
        "Climbing, VAT added 7 Mar 2026 2 place £10.00 £20.00 20% £4.00 £24.00",
        "Snacks, reduced rate 7 Mar 2026 1 place £20.00 £20.00 5% £1.00 £21.00",
        "Respite care 7 Mar 2026 1 place £15.00 £15.00 Exempt £0.00 £15.00",
        "Printed guide 7 Mar 2026 1 place £8.00 £8.00 0% £0.00 £8.00",
        "Total without VAT £63.00",
        "VAT £5.00",
        "Total to pay with VAT £68.00",
        "Pay by bank transfer to Northbridge Play Club Ltd, sort code 30-94-57, account 12345678.",
        "Use PLAY-0001 as the payment reference",
        "Thank you for playing with us.",
    ]:
        assert expected in text, expected
    assert outside_the_text_area(invoice) == []


def test_exempt_lines_say_exempt_and_why(vat_registered, customer, made):
    invoice = made(
        issue, vat_registered, customer, [line("Short break", unit_price="30", treatment="exempt")]
    )
    text = text_of(invoice)

    assert "Short break 7 Mar 2026 2 place £30.00 £60.00 Exempt £0.00 £60.00" in text
    assert EXEMPT_NOTE in text
    assert "Registered charity number: 1123456" in text
    # Exempt supplies alone are not a VAT invoice, though the supplier is registered.
    assert "VAT invoice" not in text
    assert "VAT registration number: GB123456789" in text


def test_a_vat_inclusive_price_that_does_not_divide_into_pence_keeps_its_places(
    vat_registered, customer, made
):
    invoice = made(
        issue,
        vat_registered,
        customer,
        [line("Swim", quantity="3", unit_price="25", treatment="included")],
    )
    # £75 with VAT is £62.50 and £12.50 of VAT: £20.8333 a place without VAT.
    assert "Swim 7 Mar 2026 3 place £20.8333 £62.50 20% £12.50 £75.00" in text_of(invoice)


def test_credit_note_names_the_invoice_it_corrects_and_why(organisation, customer, made):
    invoice = made(issue, organisation, customer, [line()])
    note = made(
        credit_invoice,
        invoice=invoice,
        amount=Decimal("12.50"),
        reason="The session on 7 March was cancelled by the club.",
        now=NOW + dt.timedelta(days=1),
        source_key="cancel:1",
    )
    text = text_of(note)

    assert text.startswith(f"Credit note {note.number}")
    assert f"Corrects invoice {invoice.number} of 2 March 2026" in text
    assert f"This credit note takes £12.50 off invoice {invoice.number}." in text
    assert "Reason: The session on 7 March was cancelled by the club." in text
    assert "Credit note date 3 March 2026" in text
    assert "Total credited £12.50" in text
    assert "How to pay" not in text
    assert "VAT" not in text


def test_receipt_says_how_and_what_was_paid(organisation, customer, made):
    invoice = made(issue, organisation, customer, [line()])
    paid = made(
        record_invoice_payment,
        invoice=invoice,
        amount=Decimal("25.00"),
        received_on=dt.date(2026, 3, 2),
        way=PaymentWay.BANK_TRANSFER,
        now=NOW,
        reference="JONES AMIRA",
    )
    text = text_of(paid.receipt)

    assert text.startswith(f"Receipt {paid.receipt.number}")
    assert f"For invoice {invoice.number}" in text
    assert "Paid by Bank transfer" in text
    assert "Payment reference JONES AMIRA" in text
    assert (
        f"Northbridge Play Club received £25.00 by bank transfer on 2 March 2026 for invoice "
        f"{invoice.number}. Thank you."
    ) in text
    assert "Total paid £25.00" in text


# --- A PDF for everyone: tagged, with its language and title ------------------------------


def _structure_types(node: Any, found: list[str]) -> list[str]:
    node = node.get_object()
    if isinstance(node, dict):
        if "/S" in node:
            found.append(str(node["/S"]))
        kids = node.get("/K")
        if kids is not None:
            for kid in kids if isinstance(kids, list) else [kids]:
                if hasattr(kid, "get_object") and isinstance(kid.get_object(), dict):
                    _structure_types(kid, found)
    return found


def test_the_pdf_is_tagged_with_its_language_and_title(organisation, customer, made):
    invoice = made(issue, organisation, customer, [line()])
    reader = reader_of(invoice)
    catalog = reader.trailer["/Root"]

    assert reader.pdf_header == "%PDF-1.7"
    assert reader.metadata.title == f"Invoice {invoice.number} from Northbridge Play Club"
    assert reader.metadata.author == "Northbridge Play Club"
    assert str(catalog["/Lang"]) == "en-GB"
    assert catalog["/MarkInfo"]["/Marked"]
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]
    types = _structure_types(catalog["/StructTreeRoot"], [])
    assert types.index("/H1") < types.index("/H2")
    for tag in ("/Table", "/TH", "/TD", "/Caption", "/P"):
        assert tag in types, tag
    assert 'pdfuaid:part="1"' in reader.xmp_metadata.rdf_root.toxml()  # PDF/UA-1


# --- Stored once, emailed with the PDF ----------------------------------------------------


def test_issuing_stores_the_pdf_privately_and_emails_it(organisation, customer, made):
    invoice = made(issue, organisation, customer, [line()])

    stored = DocumentFile.objects.get(document=invoice)
    # Named after the number (the storage adds a few letters if the name is taken).
    assert re.fullmatch(
        rf"documents/\d{{4}}/\d{{2}}/{invoice.number}(_\w+)?\.pdf", stored.file.name
    )
    with stored.file.open("rb") as handle:
        content = handle.read()
    assert content.startswith(b"%PDF-") and stored.size == len(content)

    [message] = mail.outbox
    assert message.to == ["parent@example.org"]
    assert message.reply_to == [organisation.email]
    assert message.subject == f"Your invoice {invoice.number} from Northbridge Play Club"
    body = " ".join(message.body.split())
    assert body.startswith("Hello Sam Jones,")
    assert "Saturday sensory club, 7 March, for Amira" in body
    assert "The total is £25. Please pay it by 16 March 2026." in body
    assert (
        "To ask how to pay, or about anything on the invoice, contact Northbridge Play Club "
        f"at {organisation.email} or 01632 960 001. You can also reply to this email."
    ) in body
    assert f"http://testserver/account/documents/{invoice.pk}/pdf/" in body
    assert "&#x27;" not in message.body and "&amp;" not in message.body
    [(name, attached, mimetype)] = message.attachments
    assert (name, mimetype) == (f"{invoice.number}.pdf", "application/pdf")
    assert attached == content


def test_the_private_storage_is_used(organisation, customer, made):
    from django.core.files.storage import storages

    invoice = made(issue, organisation, customer, [line()])
    stored = DocumentFile.objects.get(document=invoice)
    assert storages["private"].exists(stored.file.name)
    assert not storages["default"].exists(stored.file.name)


def test_the_credit_note_email_says_why(organisation, customer, made):
    invoice = made(issue, organisation, customer, [line()])
    mail.outbox.clear()
    note = made(
        credit_invoice,
        invoice=invoice,
        amount=Decimal("25.00"),
        reason="Amira's session was cancelled.",
        now=NOW,
        source_key="cancel:1",
    )
    [message] = mail.outbox
    assert message.subject == f"Your credit note {note.number} from Northbridge Play Club"
    assert f"It takes £25 off invoice {invoice.number}." in message.body
    assert "Reason: Amira's session was cancelled." in message.body
    assert message.attachments[0][0] == f"{note.number}.pdf"


def test_an_invoice_paid_with_the_booking_is_not_asked_for_again(organisation, customer, made):
    """A card booking is invoiced and receipted in one transaction: by the time the
    invoice's email goes, it is paid, so the email says so rather than asking for money."""

    def book_and_pay() -> Document:
        invoice = issue(organisation, customer, [line()])
        record_invoice_payment(
            invoice=invoice,
            amount=Decimal("25.00"),
            received_on=dt.date(2026, 3, 2),
            way=PaymentWay.CARD,
            now=NOW,
        )
        return invoice

    invoice = made(book_and_pay)

    invoice_email, receipt_email = sorted(mail.outbox, key=lambda m: "receipt" in m.subject)
    assert invoice_email.subject == f"Your invoice {invoice.number} from Northbridge Play Club"
    body = " ".join(invoice_email.body.split())
    assert "The total is £25. It has been paid, thank you: there is nothing more to pay." in body
    assert "Please pay" not in body and "how to pay" not in body
    assert receipt_email.subject.startswith("Your receipt ")


def test_a_part_paid_invoice_says_what_is_left(organisation, customer, made):
    def book_and_pay_some() -> Document:
        invoice = issue(organisation, customer, [line()])
        record_invoice_payment(
            invoice=invoice,
            amount=Decimal("10.00"),
            received_on=dt.date(2026, 3, 2),
            way=PaymentWay.CASH,
            now=NOW,
        )
        return invoice

    made(book_and_pay_some)

    [invoice_email] = [m for m in mail.outbox if "invoice" in m.subject]
    body = " ".join(invoice_email.body.split())
    assert "The total is £25. £15 is left to pay. Please pay it by 16 March 2026." in body


def test_an_invoice_credited_before_its_email_asks_for_nothing(organisation, customer, made):
    def book_and_cancel() -> Document:
        invoice = issue(organisation, customer, [line()])
        credit_invoice(
            invoice=invoice, amount=Decimal("25.00"), reason="Cancelled.", now=NOW, source_key="x"
        )
        return invoice

    made(book_and_cancel)

    [invoice_email] = [m for m in mail.outbox if "invoice" in m.subject]
    body = " ".join(invoice_email.body.split())
    assert "The total is £25. It has been credited, so there is nothing to pay." in body
    assert "Please pay" not in body


def test_the_pdf_is_made_once(organisation, customer, made, monkeypatch):
    invoice = made(issue, organisation, customer, [line()])
    first = DocumentFile.objects.get(document=invoice)

    def refuse(document: Document) -> bytes:
        raise AssertionError("rendered again")

    monkeypatch.setattr(invoice_pdf, "render_pdf", refuse)
    made(invoice_pdf.make_pdf_and_send, invoice.pk)

    assert DocumentFile.objects.filter(document=invoice).get() == first
    assert len(mail.outbox) == 1  # a task run again (a retry) does not email again


def test_two_makers_at_once_keep_one_pdf(organisation, customer, made, monkeypatch):
    """The task and a download both found no PDF and both rendered one: the second to
    write finds the first's row, returns it and removes its own file."""
    invoice = made(issue, organisation, customer, [line()])
    first = DocumentFile.objects.get(document=invoice)
    storage = first.file.storage
    folder = first.file.name.rsplit("/", 1)[0]
    files_before = sorted(storage.listdir(folder)[1])
    monkeypatch.setattr(invoice_pdf, "_stored", lambda document: None)  # saw none, yet

    again = invoice_pdf.stored_pdf(invoice)

    assert again.pk == first.pk
    assert DocumentFile.objects.filter(document=invoice).count() == 1
    assert sorted(storage.listdir(folder)[1]) == files_before


def test_a_lost_file_is_made_again_from_the_snapshot(organisation, customer, made):
    invoice = made(issue, organisation, customer, [line()])
    stored = DocumentFile.objects.get(document=invoice)
    stored.file.storage.delete(stored.file.name)

    again = invoice_pdf.stored_pdf(invoice)

    assert again.pk == stored.pk
    assert again.file.storage.exists(again.file.name)
    assert f"Invoice {invoice.number}" in text_of(invoice)


# --- Downloading: the customer and the provider's team only -------------------------------


def _download(client: Any, document: Document) -> Any:
    return client.get(reverse("invoices:pdf", kwargs={"pk": document.pk}))


def test_the_customer_downloads_the_pdf(organisation, customer, made, client):
    invoice = made(issue, organisation, customer, [line()])
    client.force_login(customer)

    response = _download(client, invoice)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{invoice.number}.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_the_providers_team_downloads_the_pdf(organisation, customer, made, users_by_role, client):
    invoice = made(issue, organisation, customer, [line()])
    client.force_login(users_by_role["provider"])

    assert _download(client, invoice).status_code == 200


def test_another_family_is_told_it_does_not_exist(organisation, customer, made, client):
    invoice = made(issue, organisation, customer, [line()])
    client.force_login(UserFactory(email="someone.else@example.org"))

    assert _download(client, invoice).status_code == 404
    assert client.get(reverse("invoices:pdf", kwargs={"pk": invoice.pk + 1000})).status_code == 404


def test_another_providers_team_is_told_it_does_not_exist(
    organisation, organisation_index, customer, made, client
):
    invoice = made(issue, organisation, customer, [line()])
    other = OrganisationPageFactory(parent=organisation_index, title="Other Club", verified=True)
    stranger = UserFactory(email="staff@other.example.org")
    grant_organisation_access(organisation=other, user=stranger, admin=True)
    client.force_login(stranger)

    assert _download(client, invoice).status_code == 404


def test_someone_signed_out_is_asked_to_sign_in(organisation, customer, made, client):
    invoice = made(issue, organisation, customer, [line()])

    response = _download(client, invoice)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")


def test_a_download_before_the_task_ran_makes_the_pdf_without_emailing(
    organisation, customer, client
):
    invoice = issue(organisation, customer, [line()])  # the commit (and the task) never comes
    assert not DocumentFile.objects.filter(document=invoice).exists()
    client.force_login(customer)

    response = _download(client, invoice)

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert DocumentFile.objects.filter(document=invoice).count() == 1
    assert mail.outbox == []


# --- Nothing is fetched -------------------------------------------------------------------


def test_rendering_opens_no_connection(organisation, customer, monkeypatch):
    invoice = issue(organisation, customer, [line()])
    with network_forbidden(monkeypatch) as attempts:
        pdf = invoice_pdf.render_pdf(invoice)
    assert pdf.startswith(b"%PDF-")
    assert attempts == []


def test_urls_in_the_html_are_never_fetched(monkeypatch):
    """Even on this machine: an image, a stylesheet, a font and a file are all refused."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    local = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    html = f"""<!DOCTYPE html><html lang="en-GB"><head><title>Test</title>
      <link rel="stylesheet" href="{local}/style.css">
      <style>@import url("{local}/import.css");
        @font-face {{ font-family: Remote; src: url("{local}/font.woff2"); }}
        body {{ font-family: Remote; background: url("https://example.org/bg.png"); }}</style>
      </head><body><h1>Test</h1><img src="{local}/logo.png" alt="Logo">
      <img src="file:///etc/hostname" alt="A file"><img src="https://example.org/x.png" alt="x">
      </body></html>"""
    try:
        with network_forbidden(monkeypatch) as attempts:
            pdf = invoice_pdf.html_to_pdf(html)
    finally:
        server.shutdown()
        server.server_close()
    assert pdf.startswith(b"%PDF-")
    assert hits == []
    assert attempts == []


def test_the_invoice_email_says_how_to_pay(vat_registered, customer, made):
    invoice = made(issue, vat_registered, customer, [line(treatment="added")])

    [message] = mail.outbox
    assert message.subject == "Your invoice PLAY-0001 from Northbridge Play Club Ltd"
    body = " ".join(message.body.split())
    assert "The total is £30. Please pay it by 1 April 2026." in body
    assert (
        "Pay by bank transfer to Northbridge Play Club Ltd, sort code 30-94-57, account "
        "12345678. Use PLAY-0001 as the payment reference."
    ) in body
    assert "If you have a question about it, contact Northbridge Play Club Ltd" in body
    assert message.attachments[0][0] == f"{invoice.number}.pdf"
