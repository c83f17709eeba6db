"""Quarterly returns: the figures reconcile to the penny, what needs attention is flagged,
and the return moves draft -> sent -> queried -> sent -> accepted, each move by the
right person only; a sent return is never made again (tests/pricing/budgets/
returns_setup.py describes the quarter)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
import time_machine
from django.core import mail

from pricing.budgets.enums import EntryKind, HeldAs, ReturnStatus
from pricing.budgets.models import LedgerEntry, QuarterlyReturn, ReturnQuery
from pricing.budgets.return_figures import lines_of, quarters_of, work_out
from pricing.budgets.services import BudgetError
from pricing.budgets.services.returns import (
    accept_return,
    answer_and_resubmit,
    make_return,
    query_return,
    remake_return,
    submit_return,
)
from tests.factories import UserFactory
from tests.pricing.budgets.returns_setup import NOW, Q1, Q2, TODAY, D, first_quarter, spend

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def entries(budget, family, officer) -> dict[str, LedgerEntry]:
    return first_quarter(budget, family, officer)


@pytest.fixture
def made(budget, family, entries) -> QuarterlyReturn:
    return make_return(budget=budget, starts_on=Q1[0], by=family)


@pytest.fixture
def mail_sent(django_capture_on_commit_callbacks):
    """The services' emails, sent when the test's transaction would have committed."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def sent(made, family, mail_sent) -> QuarterlyReturn:
    with mail_sent():
        return submit_return(ret=made, by=family, declared=True)


# The figures -------------------------------------------------------------------------


def test_the_quarters_run_from_the_first_versions_start(budget):
    got = [(q.starts_on, q.ends_on) for q in quarters_of(budget)]
    assert got == [
        Q1,
        Q2,
        (D(2026, 10, 1), D(2026, 12, 31)),
        (D(2027, 1, 1), D(2027, 3, 31)),
    ]
    assert quarters_of(budget)[0].due_by == D(2026, 7, 28)


def test_the_figures_of_a_quarter_reconcile_to_the_penny(made):
    assert made.status == ReturnStatus.DRAFT
    assert made.opening_balance == Decimal("0.00")
    assert made.paid_in == Decimal("405.00")  # 400 in, +20 adjusted, -15 repaid
    assert made.spent == Decimal("84.00")  # 32.50 + 4.50 + 45 + 12 + 60 - 60 - 10
    assert made.closing_balance == Decimal("321.00")
    assert made.opening_balance + made.paid_in - made.spent == made.closing_balance


def test_commitments_and_other_pots_are_not_in_the_return(made):
    # 50 committed and 99 spent from the council-managed pot in the same quarter.
    lines = lines_of(made)
    assert {line.entry.held_as for line in lines} == {HeldAs.DIRECT_PAYMENT}
    assert EntryKind.COMMITMENT not in {line.entry.kind for line in lines}
    assert len(lines) == 13
    assert (
        sum(line.entry.amount for line in lines if line.section == "spending")
        - sum(line.entry.amount for line in lines if line.section == "refund")
        == made.spent
    )


def test_the_next_quarter_opens_with_the_closing_balance(budget, family, made):
    with time_machine.travel(D(2026, 10, 5), tick=False):
        spend(budget, family, "300.00", D(2026, 7, 25), today=D(2026, 10, 5))
        from pricing.budgets.services import record_payments_due  # noqa: PLC0415

        record_payments_due(Q2[1])  # 22 July, 19 August, 16 September
        second = make_return(budget=budget, starts_on=Q2[0], by=family, today=D(2026, 10, 5))
    assert second.opening_balance == Decimal("321.00")
    assert second.paid_in == Decimal("300.00")
    assert second.spent == Decimal("300.00")
    assert second.closing_balance == Decimal("321.00")


def test_what_needs_attention_is_flagged_with_its_entry(made, entries):
    by_kind = {(flag["kind"], flag["entry"]) for flag in made.flags}
    assert by_kind == {
        ("no_receipt", entries["art"].pk),  # £45, no receipt
        ("no_receipt", entries["taxi"].pk),  # £12, no receipt
        ("no_outcome", entries["taxi"].pk),
        ("unspent", None),
    }
    # The £4.50 swim needs no receipt, the riding lesson has one, and a mistake and its
    # reversal cancel out.
    texts = {flag["kind"]: flag["text"] for flag in made.flags}
    assert "20 May 2026, Art club, £45: no receipt" in next(
        f["text"] for f in made.flags if f["entry"] == entries["art"].pk
    )
    assert texts["no_outcome"] == (
        "5 June 2026, Northbridge Taxis, £12: not tied to an agreed outcome."
    )
    # £1,300 a year is £24.93 a week: £321 is 12.9 weeks, more than 8.
    assert texts["unspent"].startswith(
        "£321 was unspent at the end of the quarter: about 12.9 weeks of payments."
    )


def test_eight_weeks_of_payments_or_less_is_not_flagged(budget, family, entries):
    # Eight weeks of £24.9315... is £199.452: £199.46 is over, £199.45 is not.
    spend(budget, family, "121.54", D(2026, 6, 29))
    worked = work_out(budget, *Q1)
    assert worked.closing_balance == Decimal("199.46")
    unspent = [flag["text"] for flag in worked.flags if flag["kind"] == "unspent"]
    assert unspent and "about 8.0 weeks of payments" in unspent[0]
    spend(budget, family, "0.01", D(2026, 6, 29))
    worked = work_out(budget, *Q1)
    assert worked.closing_balance == Decimal("199.45")
    assert "unspent" not in {flag["kind"] for flag in worked.flags}


def test_making_waits_for_the_quarter_to_end(budget, family, entries):
    with pytest.raises(BudgetError, match="once the quarter ends on 30 September 2026"):
        make_return(budget=budget, starts_on=Q2[0], by=family)
    with pytest.raises(BudgetError, match="Choose a quarter"):
        make_return(budget=budget, starts_on=D(2026, 4, 2), by=family)
    assert not QuarterlyReturn.objects.exists()


def test_a_budget_without_a_direct_payment_has_no_returns(make_budget, family, other_child):
    managed = make_budget([("social_care", "council_managed", "1300.00")])
    with pytest.raises(BudgetError, match="no direct payment"):
        make_return(budget=managed, starts_on=Q1[0], by=family)


def test_making_a_draft_again_takes_the_ledger_as_it_is_now(budget, family, made):
    spend(budget, family, "21.00", D(2026, 6, 30), receipt=None)
    again = remake_return(ret=made, by=family)
    assert again.pk == made.pk
    assert (again.spent, again.closing_balance) == (Decimal("105.00"), Decimal("300.00"))
    assert QuarterlyReturn.objects.count() == 1


# Sending -------------------------------------------------------------------------------


def test_sending_needs_the_declaration(made, family):
    with pytest.raises(BudgetError, match="Tick the box to declare") as refused:
        submit_return(ret=made, by=family, declared=False)
    assert refused.value.field == "declaration"
    made.refresh_from_db()
    assert made.status == ReturnStatus.DRAFT


def test_sending_lists_the_lines_and_tells_the_officer(sent, family, officer, entries):
    ret = sent
    assert ret.status == ReturnStatus.SUBMITTED
    assert (ret.declared_by, ret.submitted_at) == (family, NOW)
    listed = set(ret.lines.values_list("entry_id", flat=True))
    # 4 payments, the adjustment and the repayment, 5 spending lines, the reversal and
    # the refund; no commitment, nothing from the council-managed pot.
    assert len(listed) == 13
    assert {entries[name].pk for name in entries} <= listed
    assert [message.to for message in mail.outbox] == [[officer.email]]
    assert "Quarterly return sent for Amira" in mail.outbox[-1].subject
    assert "Closing balance: £321\n" in mail.outbox[-1].body


def test_a_return_changed_since_the_family_read_it_is_not_sent(budget, made, family):
    spend(budget, family, "21.00", D(2026, 6, 30))
    with pytest.raises(BudgetError, match="Make it again"):
        submit_return(ret=made, by=family, declared=True)
    made.refresh_from_db()
    assert made.status == ReturnStatus.DRAFT
    # Made again in another tab: the figures the family read are not the ones made now.
    read_at = made.made_at
    with time_machine.travel(NOW.replace(minute=5), tick=False):
        remake_return(ret=made, by=family)
    with pytest.raises(BudgetError, match="Make it again"):
        submit_return(ret=made, by=family, declared=True, seen_made_at=read_at)
    made.refresh_from_db()
    ret = submit_return(ret=made, by=family, declared=True, seen_made_at=made.made_at)
    assert ret.closing_balance == Decimal("300.00")


def test_a_sent_return_cannot_be_made_again_or_changed(budget, made, sent, family):
    for status in (ReturnStatus.SUBMITTED, ReturnStatus.QUERIED, ReturnStatus.ACCEPTED):
        QuarterlyReturn.objects.filter(pk=made.pk).update(status=status)
        with pytest.raises(BudgetError, match="has been sent to the council, so it cannot be"):
            remake_return(ret=made, by=family)
        with pytest.raises(BudgetError, match="cannot be changed"):
            make_return(budget=budget, starts_on=Q1[0], by=family)
        with pytest.raises(BudgetError, match="has been sent to the council"):
            submit_return(ret=made, by=family, declared=True)
        # Nor can spending be slipped into its quarter afterwards.
        with pytest.raises(BudgetError, match="You have sent the return for the quarter"):
            spend(budget, family, "5.00", D(2026, 6, 30))
    made.refresh_from_db()
    assert (made.paid_in, made.spent, made.closing_balance) == (
        Decimal("405.00"),
        Decimal("84.00"),
        Decimal("321.00"),
    )


# Questions and answers -------------------------------------------------------------------


def test_the_officer_queries_the_family_answers_and_the_officer_accepts(
    sent, family, officer, entries, mail_sent
):
    ret = sent
    mail.outbox.clear()
    with mail_sent():
        query = query_return(
            ret=ret, by=officer, question="What was the art class for?", entry=entries["art"]
        )
    ret.refresh_from_db()
    assert ret.status == ReturnStatus.QUERIED
    assert query.entry == entries["art"]
    assert mail.outbox[-1].to == ["parent@example.org"]
    assert "What was the art class for?" in mail.outbox[-1].body
    assert "20 May 2026, Art club, £45.00" in mail.outbox[-1].body
    # A second question while the family has not answered: both are answered together.
    with mail_sent():
        whole = query_return(ret=ret, by=officer, question="Any bank statement?")
    assert whole.entry is None
    with pytest.raises(BudgetError, match="has not answered your questions yet"):
        accept_return(ret=ret, by=officer)

    # One answer missing: nothing is saved, the return stays with the family.
    with pytest.raises(BudgetError, match="Answer every question") as refused:
        answer_and_resubmit(
            ret=ret, by=family, answers={query.pk: "Drawing with friends"}, declared=True
        )
    assert refused.value.field == f"answer_{whole.pk}"
    assert not ReturnQuery.objects.filter(answered_at__isnull=False).exists()

    mail.outbox.clear()
    with mail_sent():
        ret = answer_and_resubmit(
            ret=ret,
            by=family,
            answers={query.pk: "Drawing with friends", whole.pk: "Yes, I will post it."},
            declared=True,
        )
    assert ret.status == ReturnStatus.SUBMITTED
    assert [message.to for message in mail.outbox] == [[officer.email]]
    assert "They answered: Drawing with friends" in mail.outbox[0].body
    assert (ret.paid_in, ret.spent) == (Decimal("405.00"), Decimal("84.00"))

    mail.outbox.clear()
    with mail_sent():
        ret = accept_return(ret=ret, by=officer)
    assert (ret.status, ret.decided_by, ret.accepted_at) == (ReturnStatus.ACCEPTED, officer, NOW)
    assert mail.outbox[-1].to == ["parent@example.org"]
    assert "has been accepted" in mail.outbox[-1].subject
    with pytest.raises(BudgetError, match="accepted, so it cannot be queried"):
        query_return(ret=ret, by=officer, question="One more thing")
    with pytest.raises(BudgetError, match="accepted, so it cannot be accepted"):
        accept_return(ret=ret, by=officer)


def test_a_draft_cannot_be_queried_or_accepted(made, officer):
    with pytest.raises(BudgetError, match="ready to check, so it cannot be queried"):
        query_return(ret=made, by=officer, question="Why?")
    with pytest.raises(BudgetError, match="cannot be accepted"):
        accept_return(ret=made, by=officer)


def test_a_question_must_say_something_about_a_line_of_the_return(
    budget, sent, family, officer, entries
):
    ret = sent
    with pytest.raises(BudgetError, match="Enter your question") as refused:
        query_return(ret=ret, by=officer, question="   ")
    assert refused.value.field == "question"
    with pytest.raises(BudgetError, match="characters or fewer"):
        query_return(ret=ret, by=officer, question="x" * 2001)
    later = spend(budget, family, "9.00", D(2026, 7, 2), today=TODAY)
    with pytest.raises(BudgetError, match="Choose a line of this return") as refused:
        query_return(ret=ret, by=officer, question="What is this?", entry=later)
    assert refused.value.field == "entry"


def test_only_the_family_and_the_budgets_officer_move_a_return(
    made, family, officer, users_by_role, mail_sent
):
    stranger = users_by_role["family"]
    other_officer = UserFactory(email="other.officer@northbridge.example")
    with pytest.raises(BudgetError, match="Only the family"):
        submit_return(ret=made, by=stranger, declared=True)
    with pytest.raises(BudgetError, match="Only the family"):
        remake_return(ret=made, by=officer)
    ret = submit_return(ret=made, by=family, declared=True)
    with pytest.raises(BudgetError, match="Only the budget's officer"):
        query_return(ret=ret, by=other_officer, question="Why?")
    with pytest.raises(BudgetError, match="Only the budget's officer"):
        accept_return(ret=ret, by=family)
    # A site administrator may act for the officer.
    accepted = accept_return(ret=ret, by=users_by_role["superuser"])
    assert accepted.status == ReturnStatus.ACCEPTED
