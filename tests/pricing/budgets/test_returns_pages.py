"""The returns pages as the family and the officer use them, and who may open which:
another family's return, another officer's, a draft for an officer, a provider's team
(tests/pricing/budgets/returns_setup.py describes the quarter; today is 10 July 2026)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from localoffer.core.roles import FINANCE_OFFICERS
from pricing.budgets.enums import ReturnStatus
from pricing.budgets.models import QuarterlyReturn
from pricing.budgets.services.returns import make_return, query_return, submit_return
from tests.factories import UserFactory, site_roles
from tests.html import get, soup_of, text_of
from tests.pricing.budgets.returns_setup import NOW, Q1, D, first_quarter, spend

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def entries(budget, family, officer):
    return first_quarter(budget, family, officer)


@pytest.fixture
def family_client(family) -> Client:
    return signed_in(family)


@pytest.fixture
def made(budget, family, entries) -> QuarterlyReturn:
    return make_return(budget=budget, starts_on=Q1[0], by=family)


@pytest.fixture
def sent(made, family) -> QuarterlyReturn:
    return submit_return(ret=made, by=family, declared=True)


def list_url(budget) -> str:
    return reverse("budget_returns:list", args=[budget.reference])


def detail_url(ret: QuarterlyReturn) -> str:
    return reverse("budget_returns:detail", args=[ret.budget.reference, ret.pk])


def rows(page) -> list[str]:
    return [text_of(row) for row in page.select("tbody tr")]


# The family's pages -------------------------------------------------------------------


def test_the_quarters_say_which_return_can_be_made(family_client, family, budget, entries):
    page = get(family_client, list_url(budget))
    assert text_of(page.find("h1")) == "Quarterly returns"
    found = rows(page)
    assert found[0].startswith("1 Apr 2026 to 30 Jun 2026 28 Jul 2026 Ready to make")
    assert "Make the return" in found[0]
    assert "Not due yet" in found[1] and "Make the return" not in found[1]
    assert len(found) == 4

    with time_machine.travel(D(2026, 7, 29), tick=False):
        page = get(signed_in(family), list_url(budget))  # a new session: weeks have passed
    assert "Overdue" in rows(page)[0] and "Make the return" in rows(page)[0]


def test_one_click_makes_the_return_and_the_family_checks_and_sends_it(
    family_client, budget, entries, officer
):
    response = family_client.post(
        reverse("budget_returns:make", args=[budget.reference]), {"starts_on": "2026-04-01"}
    )
    ret = QuarterlyReturn.objects.get()
    assert response.status_code == 302 and response["Location"] == detail_url(ret)

    page = get(family_client, detail_url(ret))
    words = text_of(page.find("main"))
    assert "Quarterly return, 1 April 2026 to 30 June 2026" in words
    assert "Payments in £405 " in words
    assert "Spent, less refunds £84 " in words
    assert "Closing balance on 30 June 2026 £321 " in words
    assert "20 May 2026, Art club, £45: no receipt" in words
    spending = page.find(id="spending-caption").find_parent("table")
    riding = next(
        row for row in spending.select("tbody tr") if "Northbridge Riding" in text_of(row)
    )
    assert "Make friends outside school" in text_of(riding)
    link = riding.find("a")
    assert text_of(link) == "Receipt"
    assert link["aria-label"] == "Receipt for Northbridge Riding School on 10 April 2026"
    assert link["href"].startswith("/account/budgets/receipts/")
    assert "Not tied to an outcome" in text_of(
        next(row for row in spending.select("tbody tr") if "Taxis" in text_of(row))
    )

    # Without the declaration: the error summary says so.
    send_url = reverse("budget_returns:send", args=[budget.reference, ret.pk])
    made = page.find("input", attrs={"name": "made"})["value"]
    response = family_client.post(send_url, {"made": made})
    page = soup_of(response)
    assert response.status_code == 200
    assert "Tick the box to declare" in text_of(page.select_one(".govuk-error-summary"))

    response = family_client.post(send_url, {"made": made, "declaration": "yes"})
    assert response.status_code == 302
    ret.refresh_from_db()
    assert ret.status == ReturnStatus.SUBMITTED and ret.declared_by == budget.child.family
    page = get(family_client, detail_url(ret))
    assert "Sent to the council" in text_of(page.find("main"))
    assert page.find("input", attrs={"name": "declaration"}) is None


def test_a_draft_whose_quarter_changed_must_be_made_again(family_client, budget, made, family):
    spend(budget, family, "21.00", D(2026, 6, 30))
    page = get(family_client, detail_url(made))
    assert "have changed since this return was made" in text_of(page.find("main"))
    assert page.find("input", attrs={"name": "declaration"}) is None
    response = family_client.post(
        reverse("budget_returns:send", args=[budget.reference, made.pk]),
        {"made": made.made_at.isoformat(), "declaration": "yes"},
    )
    assert "Make it again" in text_of(soup_of(response).select_one(".govuk-error-summary"))

    family_client.post(reverse("budget_returns:remake", args=[budget.reference, made.pk]))
    page = get(family_client, detail_url(made))
    assert "Closing balance on 30 June 2026 £300 " in text_of(page.find("main"))
    assert page.find("input", attrs={"name": "declaration"}) is not None


def test_a_sent_return_is_not_made_again_from_its_page(family_client, budget, sent):
    response = family_client.post(
        reverse("budget_returns:remake", args=[budget.reference, sent.pk]), follow=True
    )
    assert "has been sent to the council, so it cannot be changed" in response.content.decode()
    sent.refresh_from_db()
    assert sent.status == ReturnStatus.SUBMITTED and str(sent.closing_balance) == "321.00"


def test_the_family_answers_the_officers_questions(family_client, budget, sent, officer, entries):
    art = query_return(ret=sent, by=officer, question="What was the art for?", entry=entries["art"])
    whole = query_return(ret=sent, by=officer, question="Send a bank statement?")
    page = get(family_client, detail_url(sent))
    words = text_of(page.find("main"))
    assert "Question 1, about 20 May 2026, Art club, £45.00: What was the art for?" in words
    answer_url = reverse("budget_returns:answer", args=[budget.reference, sent.pk])

    response = family_client.post(
        answer_url, {f"answer_{art.pk}": "Drawing with friends", "declaration": "yes"}
    )
    page = soup_of(response)
    assert "Enter your answer to question 2" in text_of(page.select_one(".govuk-error-summary"))
    assert text_of(page.find("textarea", attrs={"name": f"answer_{art.pk}"})) == (
        "Drawing with friends"
    )

    response = family_client.post(
        answer_url,
        {
            f"answer_{art.pk}": "Drawing with friends",
            f"answer_{whole.pk}": "Posted today",
            "declaration": "yes",
        },
    )
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.status == ReturnStatus.SUBMITTED
    page = get(family_client, detail_url(sent))
    assert "Your answer: Drawing with friends" in text_of(page.find("main"))


def test_the_family_downloads_the_return(family_client, budget, made):
    for name, kind, start in (
        ("pdf", "application/pdf", b"%PDF-"),
        ("csv", "text/csv; charset=utf-8", "\ufeffDate,Kind".encode()),
        ("zip", "application/zip", b"PK"),
    ):
        response = family_client.get(
            reverse(f"budget_returns:{name}", args=[budget.reference, made.pk])
        )
        assert response.status_code == 200
        assert response["Content-Type"] == kind
        assert (
            f'filename="return-{budget.reference}-2026-04-01.{name}"'
            in (response["Content-Disposition"])
        )
        assert b"".join(response.streaming_content).startswith(start)


# Who may open what ----------------------------------------------------------------------


def test_another_family_finds_nothing(client_for, budget, made):
    stranger = client_for("family")
    urls = [
        list_url(budget),
        detail_url(made),
        reverse("budget_returns:pdf", args=[budget.reference, made.pk]),
        reverse("budget_returns:zip", args=[budget.reference, made.pk]),
    ]
    for url in urls:
        assert stranger.get(url).status_code == 404, url
    for name in ("send", "remake"):
        url = reverse(f"budget_returns:{name}", args=[budget.reference, made.pk])
        assert stranger.post(url, {"declaration": "yes"}).status_code == 404
    made.refresh_from_db()
    assert made.status == ReturnStatus.DRAFT


def test_anonymous_visitors_sign_in_and_staff_are_sent_away(client_for, budget, made):
    response = client_for(None).get(detail_url(made))
    assert response.status_code == 302 and response["Location"].startswith("/account/login/")
    assert client_for("finance_officer").get(detail_url(made)).status_code == 403
    assert client_for("provider").get(list_url(budget)).status_code == 403


def admin_detail(ret: QuarterlyReturn) -> str:
    return reverse("budget_return_admin:detail", args=[ret.pk])


def test_the_officer_sees_the_returns_waiting_and_queries_a_line(
    client_for, budget, sent, entries, make_budget, other_child
):
    other = make_budget(for_child=other_child)  # nothing sent for the quarter: overdue
    with time_machine.travel(D(2026, 8, 3), tick=False):
        page = get(client_for("finance_officer"), reverse("budget_return_admin:index"))
    officer = client_for("finance_officer")
    waiting = page.find("caption", string=lambda s: s and "waiting for you" in s)
    assert [text_of(row) for row in waiting.find_parent("table").select("tbody tr")] == [
        f"{budget.reference} , return for 1 Apr 2026 to 30 Jun 2026 Amira "
        "1 Apr 2026 to 30 Jun 2026 10 Jul 2026 4 things"
    ]
    overdue = page.find("caption", string="Overdue returns").find_parent("table")
    assert [text_of(row) for row in overdue.select("tbody tr")] == [
        f"{other.reference} Ben 1 Apr 2026 to 30 Jun 2026 28 Jul 2026 6"
    ]

    page = get(officer, admin_detail(sent))
    words = text_of(page.find("main"))
    assert "Closing balance on 30 June 2026 £321 " in words
    assert "Not tied to an outcome" in words
    response = officer.post(
        admin_detail(sent), {"action": "query", "entry": str(entries["art"].pk), "question": ""}
    )
    assert "Enter your question for the family" in response.content.decode()
    response = officer.post(
        admin_detail(sent),
        {"action": "query", "entry": str(entries["art"].pk), "question": "What was it for?"},
    )
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.status == ReturnStatus.QUERIED
    query = sent.queries.get()
    assert (query.entry, query.question) == (entries["art"], "What was it for?")
    # Accepting waits for the answers.
    officer.post(admin_detail(sent), {"action": "accept"})
    sent.refresh_from_db()
    assert sent.status == ReturnStatus.QUERIED

    for name in ("pdf", "csv", "zip"):
        response = officer.get(reverse(f"budget_return_admin:{name}", args=[sent.pk]))
        assert response.status_code == 200, name


def test_the_officer_accepts_a_return(client_for, sent):
    officer = client_for("finance_officer")
    response = officer.post(admin_detail(sent), {"action": "accept"})
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.status == ReturnStatus.ACCEPTED


def test_officers_see_only_their_own_caseloads_sent_returns(client_for, budget, made, sent):
    other_officer = UserFactory(
        email="other.officer@northbridge.example", groups=[site_roles()[FINANCE_OFFICERS]]
    )
    other = signed_in(other_officer)
    assert other.get(admin_detail(sent)).status_code == 404
    assert other.get(reverse("budget_return_admin:pdf", args=[sent.pk])).status_code == 404
    assert budget.reference not in other.get(reverse("budget_return_admin:index")).content.decode()
    assert client_for("superuser").get(admin_detail(sent)).status_code == 200
    for role in ("content_editor", "moderator", "provider"):
        response = client_for(role).get(admin_detail(sent))
        assert response.status_code in (302, 403), role
        assert sent.budget.reference.encode() not in response.content


def test_an_officer_never_sees_a_draft(client_for, made):
    assert client_for("finance_officer").get(admin_detail(made)).status_code == 404


def test_a_question_asked_while_the_family_answers_gets_its_own_box(
    family_client, budget, sent, officer
):
    first = query_return(ret=sent, by=officer, question="What was the art for?")
    get(family_client, detail_url(sent))  # the family opens the page with one question
    second = query_return(ret=sent, by=officer, question="And the taxi?")
    response = family_client.post(
        reverse("budget_returns:answer", args=[budget.reference, sent.pk]),
        {f"answer_{first.pk}": "Drawing with friends", "declaration": "yes"},
    )
    page = soup_of(response)
    assert "Enter your answer to question 2" in text_of(page.select_one(".govuk-error-summary"))
    assert text_of(page.find("textarea", attrs={"name": f"answer_{first.pk}"})) == (
        "Drawing with friends"
    )
    assert page.find("textarea", attrs={"name": f"answer_{second.pk}"}) is not None
    assert not sent.queries.filter(answered_at__isnull=False).exists()
