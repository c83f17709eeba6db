"""A sent return's PDF is printed once, in the background, when it is sent; kept in the
private storage; served from there to the family and their officer only; printed again
(and the earlier copy kept) when the officer queries it, the family sends it again and the
officer accepts it. If it is not kept yet, a download prints it then. A draft's PDF is
printed on each request and never kept (tests/pricing/budgets/returns_setup.py describes
the quarter; the immediate task backend runs the task when the change commits)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from localoffer.core.roles import FINANCE_OFFICERS
from pricing.budgets.enums import ReturnStatus
from pricing.budgets.models import QuarterlyReturn, ReturnDocument
from pricing.budgets.services.returns import (
    accept_return,
    answer_and_resubmit,
    make_return,
    query_return,
    submit_return,
)
from pricing.budgets.tasks import make_return_pdf
from tests.factories import UserFactory
from tests.html import get, text_of
from tests.pricing.budgets.returns_setup import NOW, Q1, first_quarter

pytestmark = pytest.mark.django_db

# What a kept file is replaced with, to tell the kept copy from a fresh print.
MARKER = b"%PDF-1.4\n% the kept copy\n%%EOF\n"


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def made(budget, family, officer) -> QuarterlyReturn:
    first_quarter(budget, family, officer)
    return make_return(budget=budget, starts_on=Q1[0], by=family)


@pytest.fixture
def sent(made, family, django_capture_on_commit_callbacks) -> QuarterlyReturn:
    with django_capture_on_commit_callbacks(execute=True):
        return submit_return(ret=made, by=family, declared=True)


def family_pdf(ret: QuarterlyReturn) -> str:
    return reverse("budget_returns:pdf", args=[ret.budget.reference, ret.pk])


def officer_pdf(ret: QuarterlyReturn) -> str:
    return reverse("budget_return_admin:pdf", args=[ret.pk])


def body(response) -> bytes:
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


def stored_bytes(document: ReturnDocument) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


def replace_kept_file(document: ReturnDocument, content: bytes) -> None:
    storage = document.file.storage
    storage.delete(document.file.name)
    assert storage.save(document.file.name, ContentFile(content)) == document.file.name


def words_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_sending_prints_the_pdf_once_into_the_private_storage(sent):
    (document,) = ReturnDocument.objects.filter(ret=sent)
    assert document.status == ReturnStatus.SUBMITTED
    assert document.file.storage is storages["private"]
    pdf = stored_bytes(document)
    assert pdf.startswith(b"%PDF-")
    assert document.size == len(pdf)
    assert "Declared by" in words_of(pdf)
    # The task again (a retry) finds it kept and prints nothing.
    assert make_return_pdf.enqueue(sent.pk).return_value is False
    assert ReturnDocument.objects.filter(ret=sent).count() == 1


def test_the_kept_pdf_is_the_one_served_to_the_family_and_the_officer(sent, family, officer):
    document = ReturnDocument.objects.get(ret=sent)
    replace_kept_file(document, MARKER)
    for client, url in (
        (signed_in(family), family_pdf(sent)),
        (signed_in(officer), officer_pdf(sent)),
        (signed_in(family), family_pdf(sent)),
    ):
        response = client.get(url)
        assert response["Content-Type"] == "application/pdf"
        assert "no-store" in response["Cache-Control"]
        assert body(response) == MARKER
    assert ReturnDocument.objects.filter(ret=sent).count() == 1


def test_the_zip_carries_the_kept_pdf(sent, officer):
    replace_kept_file(ReturnDocument.objects.get(ret=sent), MARKER)
    archive = body(signed_in(officer).get(reverse("budget_return_admin:zip", args=[sent.pk])))
    with zipfile.ZipFile(io.BytesIO(archive)) as bundle:
        assert bundle.read(f"return-{sent.budget.reference}-2026-04-01.pdf") == MARKER


def test_a_pdf_not_printed_yet_is_printed_when_asked_for(made, family):
    sent = submit_return(ret=made, by=family, declared=True)  # the task has not run
    assert not ReturnDocument.objects.exists()
    client = signed_in(family)
    first = body(client.get(family_pdf(sent)))
    assert first.startswith(b"%PDF-")
    document = ReturnDocument.objects.get(ret=sent)
    assert stored_bytes(document) == first
    replace_kept_file(document, MARKER)
    assert body(client.get(family_pdf(sent))) == MARKER
    # The task, when it runs at last, finds it kept.
    assert make_return_pdf.enqueue(sent.pk).return_value is False


def test_a_kept_row_whose_file_is_gone_is_printed_again(sent, family):
    document = ReturnDocument.objects.get(ret=sent)
    document.file.storage.delete(document.file.name)
    assert body(signed_in(family).get(family_pdf(sent))).startswith(b"%PDF-")
    assert ReturnDocument.objects.filter(ret=sent).count() == 1


def test_a_draft_is_printed_on_each_request_and_never_kept(made, family):
    pdf = body(signed_in(family).get(family_pdf(made)))
    assert "Not sent yet: the family has not declared this return" in words_of(pdf)
    assert make_return_pdf.enqueue(made.pk).return_value is False
    assert not ReturnDocument.objects.exists()


def test_only_the_family_and_their_officer_get_it(sent, client_for):
    stranger_officer = UserFactory(
        email="other.officer@northbridge.example",
        groups=[Group.objects.get(name=FINANCE_OFFICERS)],
    )
    document = ReturnDocument.objects.get(ret=sent)
    copy = reverse("budget_return_admin:copy", args=[sent.pk, document.pk])
    assert client_for("family").get(family_pdf(sent)).status_code == 404
    for url in (officer_pdf(sent), copy):
        assert signed_in(stranger_officer).get(url).status_code == 404, url
        assert client_for("family").get(url).status_code in (302, 403), url
        assert client_for(None).get(url).status_code == 302, url
    assert client_for(None).get(family_pdf(sent)).status_code == 302


def test_questions_answers_and_acceptance_each_print_a_new_pdf_and_keep_the_old(
    sent, family, officer, django_capture_on_commit_callbacks
):
    first = ReturnDocument.objects.get(ret=sent)
    with django_capture_on_commit_callbacks(execute=True):
        query = query_return(ret=sent, by=officer, question="What was the taxi for?")
    with django_capture_on_commit_callbacks(execute=True):
        answer_and_resubmit(
            ret=sent, by=family, answers={query.pk: "To get to the art club."}, declared=True
        )
    kept = list(ReturnDocument.objects.filter(ret=sent).order_by("made_at", "pk"))
    assert [document.status for document in kept] == [
        ReturnStatus.SUBMITTED,
        ReturnStatus.QUERIED,
        ReturnStatus.SUBMITTED,
    ]
    assert kept[0] == first
    assert "What was the taxi for?" not in words_of(stored_bytes(first))
    served = body(signed_in(family).get(family_pdf(sent)))
    assert served == stored_bytes(kept[-1])
    assert "Answer: To get to the art club." in words_of(served)

    with django_capture_on_commit_callbacks(execute=True):
        accept_return(ret=QuarterlyReturn.objects.get(pk=sent.pk), by=officer)
    accepted = ReturnDocument.objects.filter(ret=sent).latest("made_at", "pk")
    assert accepted.status == ReturnStatus.ACCEPTED
    assert "Accepted by" in words_of(body(signed_in(officer).get(officer_pdf(sent))))
    assert ReturnDocument.objects.filter(ret=sent).count() == 4


def test_the_officer_lists_and_downloads_every_kept_copy(
    sent, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        query_return(ret=sent, by=officer, question="What was the taxi for?")
    client = signed_in(officer)
    page = get(client, reverse("budget_return_admin:detail", args=[sent.pk]))
    heading = page.find("h2", string="PDFs kept of this return")
    links = heading.find_next("ul").find_all("a")
    assert [text_of(link) for link in links] == [
        "Sent to the council, printed 10 July 2026, 10:00 (PDF)",
        "Questions from the council, printed 10 July 2026, 10:00 (PDF)",
    ]
    first = ReturnDocument.objects.filter(ret=sent).earliest("made_at", "pk")
    response = client.get(links[0]["href"])
    assert response["Content-Disposition"].startswith("attachment")
    assert body(response) == stored_bytes(first)
