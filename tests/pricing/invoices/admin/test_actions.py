"""An invoice's page and what a provider does with it: record a payment received (a
receipt is issued, never more than is owed, once per form), issue a credit note (never
more than is left, once per form), and remind the family of an overdue invoice (once a
day, by email)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from pricing.invoices.enums import DocumentKind, PaymentWay
from pricing.invoices.models import Document, InvoicePayment, InvoiceReminder
from tests.html import soup_of, text_of
from tests.pricing.factories import NOW

pytestmark = pytest.mark.django_db


def page_url(invoice) -> str:
    return f"/admin/invoices/documents/{invoice.pk}/"


def payment_form(client, invoice, **changes: str) -> dict[str, str]:
    """What the form sends as shown, with `changes` typed over it."""
    form = client.get(page_url(invoice) + "payment/").context["form"]
    data = {name: str(form[name].value()) for name in form.fields}
    data.update(changes)
    return data


def status_on_page(client, invoice) -> str:
    page = soup_of(client.get(page_url(invoice)))
    return text_of(page.find("dt", string="Status").find_next_sibling("dd"))


def test_the_invoice_page_shows_lines_totals_payments_credit_notes_and_links(
    provider_client, organisation, issue, pay, credit, family
):
    invoice = issue(Decimal("24.00"), Decimal("6.00"))
    receipt = pay(invoice, "10.00").receipt
    note = credit(invoice, "6.00")
    page = soup_of(provider_client.get(page_url(invoice)))
    words = text_of(page)
    assert "Session 1" in words and "Session 2" in words
    assert "Part paid" in words and "£10.00" in words
    assert text_of(page.find("dt", string="Still owed").find_next_sibling("dd")) == "£14.00"
    assert page.find("a", href=page_url(receipt)).text == receipt.number
    assert page.find("a", href=page_url(note)).text == note.number
    assert page.find("a", href=f"/admin/invoices/{organisation.pk}/families/{family.pk}/")
    assert page.find("a", href=reverse("invoices:pdf", args=[invoice.pk]))
    # The receipt's and the credit note's own pages lead back to the invoice.
    assert soup_of(provider_client.get(page_url(receipt))).find("a", href=page_url(invoice))
    assert soup_of(provider_client.get(page_url(note))).find("a", href=page_url(invoice))


def test_recording_a_payment_issues_a_receipt_and_moves_the_status(
    provider_client, provider, issue
):
    invoice = issue()
    form = provider_client.get(page_url(invoice) + "payment/").context["form"]
    assert form.initial["amount"] == Decimal("24.00")  # what is still owed
    assert form.initial["received_on"] == NOW.date()
    assert PaymentWay.CARD not in dict(form.fields["way"].choices)

    data = payment_form(provider_client, invoice, amount="10.00", reference="BACS 991")
    response = provider_client.post(page_url(invoice) + "payment/", data)
    assert response.status_code == 302 and response.url == page_url(invoice)
    recorded = InvoicePayment.objects.get(invoice=invoice)
    assert recorded.amount == Decimal("10.00") and recorded.reference == "BACS 991"
    assert recorded.way == PaymentWay.BANK_TRANSFER and recorded.recorded_by == provider
    assert recorded.receipt.kind == DocumentKind.RECEIPT
    assert recorded.receipt.gross_total == Decimal("10.00")
    shown = provider_client.get(page_url(invoice)).content.decode()
    assert f"Receipt {recorded.receipt.number} is sent to the family" in shown
    assert status_on_page(provider_client, invoice) == "Part paid"

    rest = payment_form(provider_client, invoice, way=PaymentWay.CASH)
    assert rest["amount"] == "14.00"
    provider_client.post(page_url(invoice) + "payment/", rest)
    assert status_on_page(provider_client, invoice) == "Paid"
    assert b"Record a payment received" not in provider_client.get(page_url(invoice)).content


def test_an_overpayment_is_refused_with_the_amount_owed_keeping_what_was_typed(
    provider_client, issue
):
    invoice = issue()
    data = payment_form(provider_client, invoice, amount="30.00", reference="Typed ref")
    response = provider_client.post(page_url(invoice) + "payment/", data)
    assert response.status_code == 200
    page = soup_of(response)
    summary = page.find(class_="help-critical")
    assert text_of(summary.find("a", href="#id_amount")) == "Only £24 is owed on this invoice."
    assert page.find("input", {"name": "amount"})["value"] == "30.00"
    assert page.find("input", {"name": "reference"})["value"] == "Typed ref"
    assert not InvoicePayment.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"received_on": "2026-03-03"}, "received_on", "cannot be in the future"),
        ({"amount": "ten"}, "amount", "pounds and pence"),
        ({"amount": "0"}, "amount", "at least £0.01"),
        ({"way": "card"}, "way", "Select a valid choice"),
    ],
)
def test_a_wrong_payment_is_named_beside_its_field(provider_client, issue, changes, field, message):
    invoice = issue()
    response = provider_client.post(
        page_url(invoice) + "payment/", payment_form(provider_client, invoice, **changes)
    )
    assert response.status_code == 200
    summary = soup_of(response).find(class_="help-critical")
    anchor = f"#id_{field}_0" if field == "way" else f"#id_{field}"
    assert message in text_of(summary.find("a", href=anchor))
    assert not InvoicePayment.objects.exists()


def test_the_same_payment_form_sent_twice_records_one_payment(provider_client, issue):
    invoice = issue()
    data = payment_form(provider_client, invoice, amount="5.00")
    assert provider_client.post(page_url(invoice) + "payment/", data).status_code == 302
    again = provider_client.post(page_url(invoice) + "payment/", data)
    assert again.status_code == 302 and again.url == page_url(invoice)
    assert InvoicePayment.objects.filter(invoice=invoice).count() == 1
    assert b"since the form was opened" in provider_client.get(page_url(invoice)).content


def test_a_credit_note_is_issued_once_and_never_for_more_than_is_left(
    provider_client, issue, credit
):
    invoice = issue()
    credit(invoice, "4.00")
    url = page_url(invoice) + "credit/"
    form = provider_client.get(url)
    assert "You can credit up to £20" in form.content.decode()
    token = form.context["form"].initial["token"]

    missing = provider_client.post(url, {"amount": "5.00", "reason": "", "token": token})
    assert b"Say why the invoice is credited" in missing.content
    over = provider_client.post(url, {"amount": "20.01", "reason": "Too much", "token": token})
    page = soup_of(over)
    assert text_of(page.find(class_="help-critical").find("a", href="#id_amount")) == (
        "You can credit up to £20 on this invoice."
    )
    assert page.find("textarea", {"name": "reason"}).text.strip() == "Too much"
    assert Document.objects.filter(kind=DocumentKind.CREDIT_NOTE).count() == 1

    data = {"amount": "7.50", "reason": "One session cancelled", "token": token}
    response = provider_client.post(url, data)
    assert response.status_code == 302 and response.url == page_url(invoice)
    assert provider_client.post(url, data).status_code == 302  # sent twice: one note
    note = Document.objects.get(source_key=f"manual:{invoice.pk}:{token}")
    assert note.kind == DocumentKind.CREDIT_NOTE and note.corrects == invoice
    assert note.gross_total == Decimal("7.50") and note.reason == "One session cancelled"
    assert Document.objects.filter(kind=DocumentKind.CREDIT_NOTE).count() == 2
    assert status_on_page(provider_client, invoice) == "Issued"

    rest = provider_client.get(url).context["form"].initial["token"]
    provider_client.post(url, {"amount": "12.50", "reason": "Cancelled", "token": rest})
    assert status_on_page(provider_client, invoice) == "Credited"
    refused = provider_client.post(url, {"amount": "1.00", "reason": "More", "token": rest})
    assert refused.status_code == 302
    assert b"credited in full already" in provider_client.get(page_url(invoice)).content


def test_a_changed_token_is_refused(provider_client, issue):
    invoice = issue()
    response = provider_client.post(
        page_url(invoice) + "credit/",
        {"amount": "1.00", "reason": "x", "token": "../../anything"},
    )
    assert response.status_code == 200 and b"send it once" in response.content
    assert not Document.objects.filter(kind=DocumentKind.CREDIT_NOTE).exists()


def test_only_an_overdue_invoice_can_be_reminded(provider_client, issue):
    invoice = issue()  # due in 14 days
    assert b"Remind the family" not in provider_client.get(page_url(invoice)).content
    page = provider_client.get(page_url(invoice) + "remind/")
    assert b"cannot be changed that way now (issued)" in page.content
    response = provider_client.post(page_url(invoice) + "remind/", {})
    assert response.status_code == 302
    assert b"Only an overdue invoice" in provider_client.get(page_url(invoice)).content
    assert not InvoiceReminder.objects.exists()


def test_an_overdue_invoice_is_reminded_by_email_once_a_day(
    provider_client, provider, issue, pay, family, time_machine, django_capture_on_commit_callbacks
):
    invoice = issue(days_ago=20)  # 10 February, due 14 days later
    pay(invoice, "4.00")
    assert b"Remind the family" in provider_client.get(page_url(invoice)).content
    url = page_url(invoice) + "remind/"
    assert "that £20 was due on 24 February 2026" in provider_client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = provider_client.post(url, {})
    assert response.status_code == 302 and response.url == page_url(invoice)
    reminder = InvoiceReminder.objects.get(invoice=invoice)
    assert reminder.sent_by == provider and reminder.sent_at == NOW
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [family.email]
    assert message.subject == (
        f"Reminder: invoice {invoice.number} from Northbridge Play Club is overdue"
    )
    assert f"invoice {invoice.number} from Northbridge Play Club for Amira" in message.body
    assert "was due to be paid by 24 February 2026" in message.body
    assert "£20 is still to pay" in message.body
    assert "http://testserver/account/documents/" in message.body

    shown = provider_client.get(page_url(invoice)).content.decode()
    assert "reminded today at 09:00" in shown and ">Remind the family<" not in shown
    with django_capture_on_commit_callbacks(execute=True):
        again = provider_client.post(url, {})
    assert again.status_code == 302
    assert InvoiceReminder.objects.count() == 1 and len(mail.outbox) == 1
    refused = provider_client.get(page_url(invoice)).content.decode()
    assert "You can remind them again tomorrow" in refused

    time_machine.move_to(NOW + dt.timedelta(days=1), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        provider_client.post(url, {})
    assert InvoiceReminder.objects.count() == 2 and len(mail.outbox) == 2


def test_a_paid_invoice_past_its_date_is_not_overdue(provider_client, issue, pay):
    invoice = issue(days_ago=20)
    pay(invoice, "24.00")
    assert status_on_page(provider_client, invoice) == "Paid"
    provider_client.post(page_url(invoice) + "remind/", {})
    assert not InvoiceReminder.objects.exists()
