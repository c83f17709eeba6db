"""The family's documents: the list, its filters, the ZIP of a period, the details printed.

Two families and two providers. The `family` (Amira and Zac) has, at the marketplace's
fixed moment (Monday 2 March 2026):

  Northbridge Play Club  invoice 10 Jan  £48 for Amira, £20 paid 15 Jan (receipt): overdue
  Riverside              invoice 20 Feb  £30 for Zac, due 6 March: to pay
  Northbridge Play Club  invoice 25 Feb  £24 for Amira, credited in full 26 Feb
  Riverside              invoice 1 Mar   £10 for nobody in particular, paid 1 Mar (receipt)

and the other family one invoice of Northbridge Play Club for Ben (£99, 10 February).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from pricing.bookings.services import confirm_booking, hold_places
from pricing.invoices.enums import DocumentKind, PaymentWay
from pricing.invoices.family_views import ZIP_LIMIT
from pricing.invoices.models import CustomerDetails, Document, DocumentFile
from pricing.invoices.services import (
    ACTION_CUSTOMER_DETAILS,
    LineInput,
    credit_invoice,
    issue_document,
    record_invoice_payment,
)
from providers.enums import VatTreatment
from tests.factories import OrganisationPageFactory
from tests.html import get, soup_of, text_of
from tests.pricing.factories import NOW, ChildFactory

pytestmark = pytest.mark.django_db


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour, 0))


@pytest.fixture(autouse=True)
def _at_now() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def invoice(organisation, customer, *, on: dt.date, amount: str, child=None, ref: str = ""):
    return issue_document(
        kind=DocumentKind.INVOICE,
        organisation=organisation,
        customer=customer,
        lines=[
            LineInput(
                description=f"Sessions for {child.first_name if child else 'the family'}",
                quantity=Decimal("1"),
                unit_price=Decimal(amount),
                vat_treatment=VatTreatment.EXEMPT,
                supply_date=on,
            )
        ],
        source_key=f"test:{ref or on.isoformat()}:{customer.pk}",
        now=at(on),
        child=child,
        booking_reference=ref,
    )


def pay(document, *, on: dt.date, amount: str):
    return record_invoice_payment(
        invoice=document,
        amount=Decimal(amount),
        received_on=on,
        way=PaymentWay.BANK_TRANSFER,
        now=at(on, 12),
    ).receipt


@dataclass
class Documents:
    overdue: Document
    overdue_receipt: Document
    to_pay: Document
    credited: Document
    credit_note: Document
    paid: Document
    paid_receipt: Document
    others: Document

    def of_family(self) -> list[Document]:
        return [
            self.overdue,
            self.overdue_receipt,
            self.to_pay,
            self.credited,
            self.credit_note,
            self.paid,
            self.paid_receipt,
        ]


@pytest.fixture
def riverside(organisation):
    return OrganisationPageFactory(
        parent=organisation.get_parent(), title="Riverside Autism Support", verified=True
    )


@pytest.fixture
def zac(family):
    return ChildFactory(family=family, first_name="Zac")


@pytest.fixture
def other_family(other_child):
    return other_child.family


@pytest.fixture
def documents(family, child, zac, organisation, riverside, other_family, other_child):
    overdue = invoice(
        organisation, family, on=dt.date(2026, 1, 10), amount="48.00", child=child, ref="NB-AAA111"
    )
    overdue_receipt = pay(overdue, on=dt.date(2026, 1, 15), amount="20.00")
    to_pay = invoice(
        riverside, family, on=dt.date(2026, 2, 20), amount="30.00", child=zac, ref="NB-BBB222"
    )
    credited = invoice(
        organisation, family, on=dt.date(2026, 2, 25), amount="24.00", child=child, ref="NB-CCC333"
    )
    credit_note = credit_invoice(
        invoice=credited,
        amount=Decimal("24.00"),
        reason="The session was cancelled",
        now=at(dt.date(2026, 2, 26)),
        source_key="test:credit",
    )
    paid = invoice(riverside, family, on=dt.date(2026, 3, 1), amount="10.00", ref="NB-DDD444")
    paid_receipt = pay(paid, on=dt.date(2026, 3, 1), amount="10.00")
    others = invoice(
        organisation,
        other_family,
        on=dt.date(2026, 2, 10),
        amount="99.00",
        child=other_child,
        ref="NB-ZZZ999",
    )
    return Documents(
        overdue, overdue_receipt, to_pay, credited, credit_note, paid, paid_receipt, others
    )


@pytest.fixture
def family_client(family) -> Client:
    client = Client()
    client.force_login(family)
    return client


def cards(page) -> dict[str, dict[str, str]]:
    """Each summary card by its title: its rows, key to value."""
    found = {}
    for card in page.select(".govuk-summary-card"):
        rows = {
            text_of(row.select_one("dt")): text_of(row.select_one("dd"))
            for row in card.select(".govuk-summary-list__row")
        }
        found[text_of(card.select_one(".govuk-summary-card__title"))] = rows
    return found


def groups(page) -> dict[str, list[str]]:
    """The card titles under each h2 that has cards (the child's name)."""
    found: dict[str, list[str]] = {}
    heading = None
    for element in page.select("main h2, .govuk-summary-card__title"):
        if element.name == "h2":
            heading = text_of(element)
        else:
            found.setdefault(heading, []).append(text_of(element))
    return {key: titles for key, titles in found.items() if titles}


def zip_of(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def feb(**extra) -> dict[str, str]:
    return {
        "date_from_day": "1",
        "date_from_month": "2",
        "date_from_year": "2026",
        "date_to_day": "28",
        "date_to_month": "2",
        "date_to_year": "2026",
        **extra,
    }


# The list


def test_the_list_shows_only_the_familys_documents_by_child_newest_first(
    family_client, documents
) -> None:
    page = get(family_client, reverse("documents:list"))
    assert text_of(page.find("h1")) == "Your documents"
    assert len(page.find_all("h1")) == 1
    d = documents
    assert groups(page) == {
        "Amira": [
            f"Credit note {d.credit_note.number}",
            f"Invoice {d.credited.number}",
            f"Receipt {d.overdue_receipt.number}",
            f"Invoice {d.overdue.number}",
        ],
        "Zac": [f"Invoice {d.to_pay.number}"],
        "Not for one child": [f"Receipt {d.paid_receipt.number}", f"Invoice {d.paid.number}"],
    }
    text = text_of(page)
    assert d.others.number not in text and "Ben" not in text and "£99" not in text
    assert "NB-ZZZ999" not in text
    assert "receipt for anything that cost more than £5" in text
    assert "quarterly return" in text


def test_each_document_says_what_it_is_and_each_invoice_its_status(
    family_client, documents
) -> None:
    page = get(family_client, reverse("documents:list"))
    shown = cards(page)
    d = documents
    overdue = shown[f"Invoice {d.overdue.number}"]
    assert overdue["Provider"] == "Northbridge Play Club"
    assert overdue["For"] == "Booking NB-AAA111"
    assert overdue["Date"] == "10 January 2026"
    assert overdue["Amount"] == "£48"
    assert overdue["Status"] == "Overdue"
    assert overdue["Still to pay"] == "£28, which was due by 24 January 2026"
    to_pay = shown[f"Invoice {d.to_pay.number}"]
    assert to_pay["Provider"] == "Riverside Autism Support"
    assert to_pay["Status"] == "To pay"
    assert to_pay["Still to pay"] == "£30 by 6 March 2026"
    credited = shown[f"Invoice {d.credited.number}"]
    assert credited["Status"] == "Cancelled by a credit note"
    assert "Still to pay" not in credited
    paid = shown[f"Invoice {d.paid.number}"]
    assert paid["Status"] == "Paid"
    assert "Still to pay" not in paid
    credit_note = shown[f"Credit note {d.credit_note.number}"]
    assert credit_note["Amount"] == "£24"
    assert credit_note["For"] == (
        f"Booking NB-CCC333, corrects invoice {d.credited.number}: The session was cancelled"
    )
    assert "Status" not in credit_note
    receipt = shown[f"Receipt {d.overdue_receipt.number}"]
    assert receipt["Amount"] == "£20"
    assert receipt["Date"] == "15 January 2026"
    assert receipt["For"] == f"Booking NB-AAA111, payment for invoice {d.overdue.number}"


def test_an_invoice_for_nothing_has_nothing_to_pay(family, family_client, organisation) -> None:
    free = invoice(organisation, family, on=dt.date(2026, 2, 2), amount="0.00")
    shown = cards(get(family_client, reverse("documents:list")))[f"Invoice {free.number}"]
    assert shown["Status"] == "Nothing to pay"
    assert "Still to pay" not in shown


def test_download_links_name_the_document(family_client, documents) -> None:
    url = reverse("invoices:pdf", args=[documents.to_pay.pk])
    page = get(family_client, reverse("documents:list"))
    link = page.find("a", href=url)
    assert text_of(link) == (
        f"Download invoice {documents.to_pay.number} from Riverside Autism Support (PDF)"
    )
    assert text_of(link.select_one(".govuk-visually-hidden")).startswith("invoice")
    assert page.find("a", href=reverse("invoices:pdf", args=[documents.others.pk])) is None


def test_the_list_takes_the_same_number_of_queries_for_more_documents(
    family_client, documents, family, organisation, child
) -> None:
    url = reverse("documents:list")
    family_client.get(url)  # the session and the site's settings, cached
    with CaptureQueriesContext(connection) as few:
        family_client.get(url)
    for day in (3, 4, 5):
        more = invoice(organisation, family, on=dt.date(2026, 1, day), amount="12.00", child=child)
        pay(more, on=dt.date(2026, 1, day), amount="5.00")
    with CaptureQueriesContext(connection) as many:
        response = family_client.get(url)
    assert len(soup_of(response).select(".govuk-summary-card")) == 13
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_a_family_without_documents_is_told_where_they_come_from(family_client) -> None:
    page = get(family_client, reverse("documents:list"))
    assert "You have no documents yet" in text_of(page)


# Filters


def test_filter_by_child(family_client, documents, zac) -> None:
    page = get(family_client, reverse("documents:list") + f"?child={zac.pk}")
    assert groups(page) == {"Zac": [f"Invoice {documents.to_pay.number}"]}
    assert page.find("option", selected=True)["value"] == str(zac.pk)


def test_filter_documents_not_for_one_child(family_client, documents) -> None:
    page = get(family_client, reverse("documents:list") + "?child=none")
    assert list(groups(page)) == ["Not for one child"]


def test_filter_by_period(family_client, documents) -> None:
    response = family_client.get(reverse("documents:list"), feb())
    page = soup_of(response)
    d = documents
    assert groups(page) == {
        "Amira": [f"Credit note {d.credit_note.number}", f"Invoice {d.credited.number}"],
        "Zac": [f"Invoice {d.to_pay.number}"],
    }
    assert page.find(id="id_date_from-day")["value"] == "1"
    assert page.find(id="id_date_to-month")["value"] == "2"


def test_a_period_with_nothing_in_it_says_so(family_client, documents) -> None:
    response = family_client.get(
        reverse("documents:list"), feb(date_from_year="2020", date_to_year="2020")
    )
    assert "You have no documents for what you chose" in text_of(soup_of(response))


def test_bad_dates_are_summarised_and_what_was_typed_is_kept(family_client, documents) -> None:
    response = family_client.get(
        reverse("documents:list"),
        feb(date_from_day="31", date_to_day="", date_to_month="2", date_to_year="2026"),
    )
    assert response.status_code == 200
    page = soup_of(response)
    summary = page.select_one(".govuk-error-summary")
    assert [text_of(a) for a in summary.select("a")] == [
        "The date to show documents from must be a real date",
        "The date to show documents to must include a day",
    ]
    assert [a["href"] for a in summary.select("a")] == ["#id_date_from-day", "#id_date_to-day"]
    assert page.find(id="id_date_from-day")["value"] == "31"
    assert page.find(id="id_date_from-year")["value"] == "2026"
    assert page.title.string.startswith("Error: Your documents")
    assert not page.select(".govuk-summary-card")


def test_a_period_that_ends_before_it_starts_is_refused(family_client, documents) -> None:
    response = family_client.get(
        reverse("documents:list"), feb(date_to_day="1", date_from_day="20")
    )
    summary = soup_of(response).select_one(".govuk-error-summary")
    assert "must be the same as or after" in text_of(summary)


def test_another_familys_child_is_no_choice(family_client, documents, other_child) -> None:
    response = family_client.get(reverse("documents:list"), {"child": other_child.pk})
    page = soup_of(response)
    assert "Select a child from the list" in text_of(page.select_one(".govuk-error-summary"))
    assert "NB-ZZZ999" not in text_of(page)


# The ZIP


def test_the_zip_holds_exactly_the_familys_pdfs_of_the_period(family_client, documents) -> None:
    response = family_client.get(reverse("documents:zip"), feb())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        'attachment; filename="documents-2026-02-01-2026-02-28.zip"'
    )
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    bundle = zip_of(response)
    d = documents
    assert bundle.namelist() == [
        f"2026-02-20-{d.to_pay.number}.pdf",
        f"2026-02-25-{d.credited.number}.pdf",
        f"2026-02-26-{d.credit_note.number}.pdf",
    ]
    for name in bundle.namelist():
        assert bundle.read(name).startswith(b"%PDF"), name


def test_the_zip_uses_the_stored_pdf_and_keeps_to_one_child(family_client, documents, zac) -> None:
    stored = DocumentFile(document=documents.to_pay, size=20)
    stored.file.save("stored.pdf", ContentFile(b"%PDF-1.7 stored copy"), save=False)
    stored.save()
    response = family_client.get(reverse("documents:zip"), {"child": zac.pk})
    bundle = zip_of(response)
    assert bundle.namelist() == [f"2026-02-20-{documents.to_pay.number}.pdf"]
    assert bundle.read(bundle.namelist()[0]) == b"%PDF-1.7 stored copy"
    assert response["Content-Disposition"] == 'attachment; filename="documents.zip"'


def test_the_zip_of_everything_never_holds_another_familys_document(
    client, documents, other_family
) -> None:
    client.force_login(other_family)
    bundle = zip_of(client.get(reverse("documents:zip")))
    assert bundle.namelist() == [f"2026-02-10-{documents.others.number}.pdf"]


def test_a_zip_of_a_period_with_nothing_says_so(family_client, documents) -> None:
    query = feb(date_from_year="2020", date_to_year="2020")
    response = family_client.get(reverse("documents:zip"), query)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("documents:list") + "?")
    page = soup_of(family_client.get(response["Location"]))
    banner = text_of(page.select_one(".govuk-notification-banner"))
    assert "You have no documents from 1 February 2020 to 28 February 2020 to download" in banner
    assert page.find(id="id_date_from-year")["value"] == "2020"


def test_a_zip_with_bad_dates_shows_the_errors_on_the_list(family_client, documents) -> None:
    response = family_client.get(reverse("documents:zip"), feb(date_from_month="13"))
    assert response.status_code == 302
    page = soup_of(family_client.get(response["Location"]))
    assert "must be a real date" in text_of(page.select_one(".govuk-error-summary"))
    assert page.find(id="id_date_from-month")["value"] == "13"


def test_a_zip_of_too_many_documents_is_refused_clearly(
    family_client, documents, monkeypatch
) -> None:
    monkeypatch.setattr("pricing.invoices.family_views.ZIP_LIMIT", 2)
    response = family_client.get(reverse("documents:zip"), feb())
    assert response.status_code == 302
    page = soup_of(family_client.get(response["Location"]))
    assert "more than 2 documents from 1 February 2026 to 28 February 2026" in text_of(
        page.select_one(".govuk-notification-banner")
    )
    assert ZIP_LIMIT == 500


# Who may use the pages


@pytest.mark.parametrize("name", ["documents:list", "documents:zip", "documents:details"])
def test_anonymous_visitors_sign_in_first(client, name) -> None:
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_work_accounts_are_told_this_is_a_work_account(client_for) -> None:
    for name in ("documents:list", "documents:zip", "documents:details"):
        assert client_for("provider").get(reverse(name)).status_code == 403, name


def test_your_account_and_a_booking_link_to_the_documents(family_client, client_for) -> None:
    page = get(family_client, reverse("account_home"))
    assert page.find("a", string="Your documents")["href"] == reverse("documents:list")
    work = get(client_for("provider"), reverse("account_home"))
    assert work.find("a", string="Your documents") is None


def test_a_booking_links_to_its_childs_documents(family, family_client, child, session) -> None:
    booking = hold_places(
        family=family, child=child, session=session, places=1, method="invoice", now=NOW
    )
    booking = confirm_booking(booking=booking, now=NOW).booking
    page = get(family_client, reverse("bookings:detail", kwargs={"reference": booking.reference}))
    link = page.find("a", string="See invoices and receipts for Amira")
    assert link["href"] == reverse("documents:list") + f"?child={child.pk}"
    listed = get(family_client, link["href"])
    assert not listed.select(".govuk-error-summary")
    assert listed.find("option", selected=True)["value"] == str(child.pk)


# The details printed on invoices


def test_the_details_form_saves_and_only_new_documents_print_them(
    family, family_client, documents, organisation, child
) -> None:
    old = documents.to_pay
    page = get(family_client, reverse("documents:details"))
    assert text_of(page.find("h1")) == "Your details for invoices"
    assert page.find(id="id_name")["value"] == family.get_full_name()
    assert "Documents already issued keep the name and address" in text_of(page)
    response = family_client.post(
        reverse("documents:details"),
        {"name": "  Dana   Okafor ", "address": "12 Mill Lane\r\n\r\nNorthbridge\r\nNB1 2CD\r\n"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:list")
    details = CustomerDetails.objects.get(user=family)
    assert (details.name, details.address) == ("Dana Okafor", "12 Mill Lane\nNorthbridge\nNB1 2CD")
    entry = ModelLogEntry.objects.get(action=ACTION_CUSTOMER_DETAILS)
    assert entry.user_id == family.pk
    assert "Mill Lane" not in str(entry.data)
    banner = get(family_client, response["Location"]).select_one(".govuk-notification-banner")
    assert "Your details for invoices have been saved" in text_of(banner)

    new = invoice(organisation, family, on=dt.date(2026, 3, 2), amount="5.00", child=child)
    assert (new.customer_name, new.customer_address) == (
        "Dana Okafor",
        "12 Mill Lane\nNorthbridge\nNB1 2CD",
    )
    old.refresh_from_db()
    assert old.customer_name == family.get_full_name()
    assert old.customer_address == ""

    # Saving again changes the same row, and the form shows what is saved.
    family_client.post(
        reverse("documents:details"), {"name": "Dana Okafor", "address": "1 New Road\nNB2 3EF"}
    )
    assert CustomerDetails.objects.get(user=family).address == "1 New Road\nNB2 3EF"
    page = get(family_client, reverse("documents:details"))
    assert text_of(page.find("textarea")) == "1 New Road NB2 3EF"


def test_the_details_form_summarises_errors_and_keeps_what_was_typed(family, family_client) -> None:
    response = family_client.post(
        reverse("documents:details"), {"name": "Dana Okafor", "address": "   "}
    )
    assert response.status_code == 200
    page = soup_of(response)
    summary = page.select_one(".govuk-error-summary")
    assert [(text_of(a), a["href"]) for a in summary.select("a")] == [
        ("Enter your postal address", "#id_address")
    ]
    assert page.find(id="id_name")["value"] == "Dana Okafor"
    assert not CustomerDetails.objects.filter(user=family).exists()
