"""The family's budget pages read back as a parent reads them: exact figures, the next
payment, what each outcome has had, the ledger, and the emails they are sent.

The `budget` is a direct payment of £1,300 a year for social care (13 payments of £100
every 4 weeks from 1 April 2026) for Amira. Today is Monday 15 June 2026, so three
payments have been made (1 April, 29 April, 27 May) and the next is on 24 June.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pricing.budgets.enums import EntryKind, HeldAs, Stream
from pricing.budgets.models import LedgerEntry, PersonalBudget
from pricing.budgets.services import (
    LineInput,
    OutcomeInput,
    invite,
    new_version,
    record_clawback,
    record_spending,
    set_aside,
)
from tests.html import get, text_of

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(
        dt.datetime(2026, 6, 15, 10, 0, tzinfo=ZoneInfo("Europe/London")), tick=False
    ):
        yield


@pytest.fixture
def family_client(family) -> Client:
    client = Client()
    client.force_login(family)
    return client


@pytest.fixture
def paid(budget, pay_in) -> PersonalBudget:
    assert pay_in(TODAY) == 3
    return budget


def spend(budget, family, *, on: dt.date, amount: str, payee: str = "Riding School", **more):
    return record_spending(
        budget=budget,
        by=family,
        occurred_on=on,
        payee=payee,
        description=more.pop("description", "Riding lesson"),
        amount=Decimal(amount),
        outcome_key=more.pop("outcome_key", "make-friends"),
        today=TODAY,
        **more,
    )


def commit(budget, *, on: dt.date, amount: str) -> LedgerEntry:
    """A booking confirmed but not paid yet, as the bookings listener records it."""
    return LedgerEntry.objects.create(
        budget=budget,
        kind=EntryKind.COMMITMENT,
        amount=Decimal(amount),
        occurred_on=on,
        stream=Stream.SOCIAL_CARE,
        held_as=HeldAs.DIRECT_PAYMENT,
        outcome_key="make-friends",
        description="Booking NPC-0001",
    )


def summary_value(page, key: str) -> str:
    """The value beside `key` in the first summary list that has it."""
    for row in page.select(".govuk-summary-list__row"):
        if text_of(row.select_one(".govuk-summary-list__key")) == key:
            return text_of(row.select_one(".govuk-summary-list__value"))
    raise AssertionError(f"no summary row {key!r}")


def table_rows(page, caption: str) -> list[list[str]]:
    table = next(t for t in page.select("table") if text_of(t.caption) == caption)
    return [[text_of(cell) for cell in row.select("th, td")] for row in table.select("tbody tr")]


def test_your_budget_says_what_there_is_what_is_committed_and_left(
    paid, family, family_client
) -> None:
    spend(paid, family, on=dt.date(2026, 4, 10), amount="32.50")
    spend(paid, family, on=dt.date(2026, 5, 2), amount="12.00", payee="Swim Club")
    commit(paid, on=dt.date(2026, 6, 1), amount="48.00")
    set_aside(
        budget=paid, purpose="Summer short break", amount=Decimal("50.00"), until=None, by=family
    )

    page = get(family_client, reverse("budgets:detail", args=[paid.reference]))

    assert text_of(page.h1) == "Amira's personal budget"
    assert summary_value(page, "Paid in so far") == "£300"
    assert summary_value(page, "Spent") == "£44.50"
    assert summary_value(page, "Committed") == "£48 Booked but not paid for yet"
    assert summary_value(page, "Left") == "£207.50"
    assert summary_value(page, "Set aside for later") == "£50"
    assert summary_value(page, "Free to spend now") == "£157.50"
    assert "£100 on Wednesday 24 June 2026." in text_of(page.main)
    assert table_rows(page, "What each outcome has had") == [
        ["Make friends outside school Friends, relationships and community", "£44.50", "£48"]
    ]
    assert table_rows(page, "Where the money comes from") == [
        ["Social care", "Direct payment, paid every 4 weeks", "£1,300", "£300"]
    ]
    latest = table_rows(page, "Latest payments and spending")
    assert latest[0] == [
        "1 Jun 2026",
        "Booked, not paid yet Booking NPC-0001",
        "Make friends outside school",
        "£48",
        "",
    ]
    assert latest[1][:4] == [
        "27 May 2026",
        "Payment from the council Social care",
        "",
        "£100",
    ]
    assert latest[2][:4] == [
        "2 May 2026",
        "Spending Riding lesson – Swim Club",
        "Make friends outside school",
        "£12",
    ]
    assert len(latest) == 6
    # Both spending lines are over £5 and have no receipt yet.
    assert [row[4] for row in latest if row[1].startswith("Spending")] == [
        "No receipt Add receipt",
        "No receipt Add receipt",
    ]
    assert [a["aria-label"] for a in page.select("a[aria-label^='Add receipt']")] == [
        "Add receipt for £12 on 2 May 2026",
        "Add receipt for £32.50 on 10 April 2026",
    ]
    set_asides = page.find("h2", string="Money set aside").find_next("dl")
    assert "Summer short break £50" in text_of(set_asides)
    links = {text_of(a): a["href"] for a in page.main.select("a[href]")}
    assert links["See every payment and spending"] == reverse(
        "budgets:ledger", args=[paid.reference]
    )
    assert links["Record spending"] == reverse("budgets:spend", args=[paid.reference])
    assert links["Your quarterly returns"] == reverse("budget_returns:list", args=[paid.reference])


def test_only_the_last_ten_entries_are_on_the_budget_page(paid, family, family_client) -> None:
    for day in range(1, 13):
        spend(paid, family, on=dt.date(2026, 6, day), amount="4.00", description=f"Bus fare {day}")
    page = get(family_client, reverse("budgets:detail", args=[paid.reference]))
    latest = table_rows(page, "Latest payments and spending")
    assert len(latest) == 10
    assert latest[0][1] == "Spending Bus fare 12 – Riding School"
    # Spending of £5 or less needs no receipt.
    assert all(row[4] == "" for row in latest)


def test_outcomes_of_an_earlier_version_are_still_named(
    paid, family, family_client, officer, pfa_outcome
) -> None:
    spend(paid, family, on=dt.date(2026, 4, 10), amount="32.50")
    new_version(
        budget=paid,
        starts_on=dt.date(2026, 6, 1),
        ends_on=dt.date(2027, 3, 31),
        outcomes=[OutcomeInput(description="Learn to swim", area=pfa_outcome, key="swim")],
        lines=[
            LineInput(stream="social_care", held_as="direct_payment", amount=Decimal("1000.00"))
        ],
        reason="First review",
        by=officer,
    )
    page = get(family_client, reverse("budgets:detail", args=[paid.reference]))
    assert table_rows(page, "What each outcome has had") == [
        ["Learn to swim Friends, relationships and community", "£0", "£0"],
        ["Make friends outside school From an earlier version of the plan", "£32.50", "£0"],
    ]
    assert "from 1 June 2026 to 31 March 2027" in text_of(page.main)


def test_a_clawback_is_explained_on_the_page_and_by_email(
    paid, family, family_client, officer, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        record_clawback(
            budget=paid,
            amount=Decimal("30.00"),
            reason="A games console is not in the plan.",
            method="next_payments",
            by=officer,
        )
    page = get(family_client, reverse("budgets:detail", args=[paid.reference]))
    banner = text_of(page.select_one(".govuk-notification-banner"))
    assert "The council is taking back £30 from this budget." in banner
    assert "A games console is not in the plan." in banner
    assert "taken from the next payments" in banner
    assert officer.email in banner

    (email,) = mailoutbox
    assert email.to == [family.email]
    assert email.subject == "The council is taking back money from Amira's personal budget"
    assert "taking back £30 from Amira's personal budget" in email.body
    assert "Why: A games console is not in the plan." in email.body
    assert "taken from the next payments" in email.body
    assert f"http://testserver/account/budgets/{paid.reference}/" in email.body
    assert officer.email in email.body


def test_a_repayment_clawback_asks_the_family_to_pay_it_back(
    paid, family_client, officer, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        record_clawback(
            budget=paid,
            amount=Decimal("12.50"),
            reason="Unspent money.",
            method="repayment",
            by=officer,
        )
    banner = text_of(
        get(family_client, reverse("budgets:detail", args=[paid.reference])).select_one(
            ".govuk-notification-banner"
        )
    )
    assert "taking back £12.50" in banner and "asked you to pay it back" in banner
    assert "asking you to pay it back" in mailoutbox[0].body


def test_the_invitation_email_says_who_it_is_from_and_that_the_link_works_once(
    make_budget, officer, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    budget = make_budget(for_child=None)
    with django_capture_on_commit_callbacks(execute=True):
        invite(budget=budget, email="Parent@Example.org", by=officer)
    (email,) = mailoutbox
    assert email.to == ["parent@example.org"]
    assert email.subject == "See Sam's personal budget online"
    link = re.search(r"http://testserver/account/budgets/invitation/[^/\s]+/", email.body)
    assert link is not None
    assert "The link works once." in email.body
    assert officer.email in email.body
    assert budget.reference in email.body


def test_the_ledger_lists_every_entry_newest_first_fifty_a_page(
    paid, family, family_client
) -> None:
    first = spend(paid, family, on=dt.date(2026, 4, 2), amount="20.00", description="Lesson 0")
    for n in range(1, 55):
        spend(paid, family, on=dt.date(2026, 4, 3), amount="3.00", description=f"Lesson {n}")
    from pricing.budgets.services import add_receipt

    add_receipt(entry=first, upload=SimpleUploadedFile("r.pdf", PDF), by=family)
    url = reverse("budgets:ledger", args=[paid.reference])

    page = get(family_client, url)
    rows = table_rows(page, "Payments and spending")
    assert len(rows) == 50
    assert rows[0][:4] == [
        "27 May 2026",
        "Payment from the council Social care",
        "",
        "£100",
    ]
    assert page.select_one(".govuk-pagination") is not None

    page_two = get(family_client, url + "?page=2")
    rows = table_rows(page_two, "Payments and spending")
    assert len(rows) == 58 - 50
    lesson_0 = next(row for row in rows if "Lesson 0" in row[1])
    assert lesson_0[4] == "Receipt"
    receipt_link = next(a for a in page_two.select("a") if text_of(a) == "Receipt")
    assert receipt_link["aria-label"] == "Receipt for £20 on 2 April 2026"
    assert receipt_link["href"] == reverse("budgets:receipt", args=[first.receipts.get().pk])
    assert rows[-1][0] == "1 Apr 2026"


def _queries(client: Client, url: str) -> int:
    client.get(url)  # warm caches (site root paths, sessions) that are not the page's own
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_ledger(paid, family, family_client) -> None:
    """5 entries or 60, the budget page and the ledger make the same queries."""
    from pricing.budgets.services import add_receipt

    receipt_for = spend(paid, family, on=dt.date(2026, 4, 2), amount="20.00")
    add_receipt(entry=receipt_for, upload=SimpleUploadedFile("r.pdf", PDF), by=family)
    spend(paid, family, on=dt.date(2026, 4, 3), amount="8.00")
    assert LedgerEntry.objects.filter(budget=paid).count() == 5
    set_aside(budget=paid, purpose="Short break", amount=Decimal("10.00"), until=None, by=family)
    detail = reverse("budgets:detail", args=[paid.reference])
    ledger = reverse("budgets:ledger", args=[paid.reference])
    few = (_queries(family_client, detail), _queries(family_client, ledger))

    for n in range(55):
        entry = spend(paid, family, on=dt.date(2026, 5, 1), amount="9.00", description=f"Item {n}")
        if n % 5 == 0:
            add_receipt(entry=entry, upload=SimpleUploadedFile("r.pdf", PDF), by=family)
    assert LedgerEntry.objects.filter(budget=paid).count() == 60
    many = (_queries(family_client, detail), _queries(family_client, ledger))
    assert many == few


def test_a_budget_held_by_the_council_has_nothing_for_the_family_to_record(
    make_budget, family_client
) -> None:
    budget = make_budget(lines=[("education", "council_managed", "2000.00")])
    page = get(family_client, reverse("budgets:detail", args=[budget.reference]))
    assert text_of(page.find("h2", string="Managed by the council")) == "Managed by the council"
    assert page.find("a", string="Record spending") is None
    assert "Free to spend now" not in text_of(page.main)
    response = family_client.get(reverse("budgets:spend", args=[budget.reference]))
    assert response.status_code == 302
    assert response["Location"] == reverse("budgets:detail", args=[budget.reference])


def test_the_account_page_links_to_the_familys_budgets(family_client) -> None:
    page = get(family_client, reverse("account_home"))
    link = page.find("a", string="Your personal budgets")
    assert link["href"] == reverse("budgets:list")
