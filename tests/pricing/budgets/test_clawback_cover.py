"""Money recovered "from the next payments" never stays open for ever: recording more than
the direct payments left can cover is refused (the officer asks for a repayment instead),
and when the payments left stop covering what is still owed (a new version lowers them,
the period ran out after a recovery was reversed) the rest becomes a repayment request,
audited, and the family is emailed how much and why. No ledger entry is written by the
move; the daily job run twice moves nothing more.

The budget: £1,300 a year for social care, 13 direct payments of £100 every 4 weeks from
1 April 2026 (the last on 3 March 2027).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from wagtail.models import ModelLogEntry

from pricing.budgets.enums import ClawbackMethod, ClawbackStatus, EntryKind
from pricing.budgets.figures import figures
from pricing.budgets.models import Clawback, LedgerEntry
from pricing.budgets.services import (
    BudgetError,
    LineInput,
    OutcomeInput,
    new_version,
    record_clawback,
    record_payments_due,
    record_repayment,
    reverse_entry,
)
from pricing.budgets.services.clawbacks import move_uncovered_clawbacks, outstanding
from pricing.budgets.tasks import run_budgets_daily

pytestmark = pytest.mark.django_db

D = dt.date
NEXT = ClawbackMethod.NEXT_PAYMENTS
REPAY = ClawbackMethod.REPAYMENT
REASON = "Money not spent for more than 8 weeks"
YEAR_END = D(2027, 3, 31)


@pytest.fixture
def claw(budget, officer):
    def record(amount: str, method: str = NEXT, *, to=budget) -> Clawback:
        return record_clawback(
            budget=to, amount=Decimal(amount), reason=REASON, method=method, by=officer
        )

    return record


def recovered_entries(budget) -> list[tuple[dt.date, Decimal, int | None]]:
    return list(
        LedgerEntry.objects.filter(budget=budget, kind=EntryKind.CLAWBACK)
        .order_by("occurred_on", "pk")
        .values_list("occurred_on", "amount", "clawback_id")
    )


def moved_audits(budget) -> list[dict]:
    return [
        entry.data
        for entry in ModelLogEntry.objects.filter(
            action="pricing.budget_clawback_moved", object_id=str(budget.pk)
        ).order_by("pk")
    ]


# Recording: only what the payments left can cover ------------------------------------------


def test_more_than_the_payments_left_is_refused_and_a_repayment_is_not(budget, claw):
    with pytest.raises(BudgetError, match="can cover only £1,300") as refused:
        claw("1300.01")
    assert refused.value.field == "method"
    assert "Choose a repayment request" in refused.value.message
    assert not Clawback.objects.exists()

    asked = claw("1300.01", REPAY)
    assert (asked.amount, asked.method) == (Decimal("1300.01"), REPAY)
    assert claw("1300.00").amount == Decimal("1300.00")  # exactly what is left


def test_money_already_being_recovered_counts_against_the_payments_left(budget, claw):
    record_payments_due(D(2026, 4, 29))  # 2 of 13 paid: £1,100 to come
    claw("800.00")
    with pytest.raises(BudgetError, match="can cover only £300"):
        claw("300.01")
    claw("300.00")
    with pytest.raises(BudgetError, match="already taking back other money") as refused:
        claw("0.01")
    assert refused.value.field == "method"
    assert Clawback.objects.count() == 2


def test_nothing_can_be_taken_once_the_payments_have_run_out(budget, claw):
    record_payments_due(YEAR_END)
    with pytest.raises(BudgetError, match="No direct payments are left") as refused:
        claw("10.00")
    assert refused.value.field == "method"
    assert claw("10.00", REPAY).status == ClawbackStatus.OUTSTANDING


def test_only_direct_payments_to_come_can_cover_it(make_budget, claw):
    pooled = make_budget(
        [("social_care", "direct_payment", "650.00"), ("education", "council_managed", "2600.00")]
    )
    with pytest.raises(BudgetError, match="can cover only £650"):
        claw("650.01", to=pooled)
    assert claw("650.00", to=pooled).amount == Decimal("650.00")


# A new version lowers the payments ---------------------------------------------------------


@pytest.fixture
def lowered(budget, claw, officer, pfa_outcome, django_capture_on_commit_callbacks):
    """£500 from the next payments, £100 taken on 27 May; then a review from 1 June to 31
    August pays £200 (£66.67, £66.67, £66.66): £200 of the £400 still owed is uncovered."""
    record_payments_due(D(2026, 4, 29))
    original = claw("500.00")
    record_payments_due(D(2026, 5, 27))
    with django_capture_on_commit_callbacks(execute=True):
        new_version(
            budget=budget,
            starts_on=D(2026, 6, 1),
            ends_on=D(2026, 8, 31),
            outcomes=[
                OutcomeInput(description="Make friends", area=pfa_outcome, key="make-friends")
            ],
            lines=[
                LineInput(stream="social_care", held_as="direct_payment", amount=Decimal("200"))
            ],
            reason="Support reduced after the review",
            by=officer,
        )
    original.refresh_from_db()
    return original


def test_the_uncovered_rest_becomes_a_repayment_request_at_once(budget, lowered, officer):
    request = Clawback.objects.get(rest_of=lowered)
    assert (request.amount, request.method, request.status, request.reason) == (
        Decimal("200.00"),
        REPAY,
        ClawbackStatus.OUTSTANDING,
        REASON,
    )
    assert request.recorded_by == officer  # made by the officer's new version
    assert (lowered.moved, lowered.status) == (Decimal("200.00"), ClawbackStatus.OUTSTANDING)
    assert outstanding(lowered) == Decimal("200.00")  # still from the payments left
    assert outstanding(request) == Decimal("200.00")
    # No money moved: the ledger has only what was taken from the 27 May payment.
    assert recovered_entries(budget) == [(D(2026, 5, 27), Decimal("100.00"), lowered.pk)]
    assert moved_audits(budget) == [
        {
            "clawback": lowered.pk,
            "repayment": request.pk,
            "amount": "200.00",
            "still_from_payments": "200.00",
            "payments_to_come": "200.00",
            "budget": budget.reference,
        }
    ]


def test_the_family_is_emailed_how_much_and_why(budget, lowered, family):
    (message,) = mail.outbox
    assert message.to == [family.email]
    assert message.subject == "Please pay back £200 to the council for Amira's personal budget"
    body = " ".join(message.body.split())
    for expected in (
        "the council told you it was taking back £500 from Amira's personal budget",
        f"(reference {budget.reference}), from the next payments",
        f"Why: {REASON}",
        "So far £100 has been taken from the payments.",
        "The payments left in the budget's period add up to £200, which is not enough",
        "the council is now asking you to pay back £200. It will tell you how to pay.",
        "The other £200 will still be taken from the next payments",
        f"http://testserver/account/budgets/{budget.reference}/",
    ):
        assert expected in body, expected
    for jargon in ("{{", "{%", "<", "&amp;", "&#x27;", "None", "clawback", "repayment"):
        assert jargon not in message.body


def test_the_payments_left_then_recover_the_covered_part_to_the_penny(budget, lowered, officer):
    record_payments_due(D(2026, 8, 31))
    lowered.refresh_from_db()
    assert recovered_entries(budget) == [
        (D(2026, 5, 27), Decimal("100.00"), lowered.pk),
        (D(2026, 6, 1), Decimal("66.67"), lowered.pk),
        (D(2026, 6, 29), Decimal("66.67"), lowered.pk),
        (D(2026, 7, 27), Decimal("66.66"), lowered.pk),
    ]
    assert lowered.status == ClawbackStatus.MOVED
    assert outstanding(lowered) == Decimal("0.00")
    assert figures(budget).recovered == Decimal("300.00")

    request = Clawback.objects.get(rest_of=lowered)
    record_repayment(
        clawback=request, amount=Decimal("200.00"), received_on=D(2026, 9, 1), by=officer
    )
    request.refresh_from_db()
    assert request.status == ClawbackStatus.RECOVERED
    got = figures(budget)
    assert (got.payments_in, got.recovered, got.paid_in) == (
        Decimal("500.00"),
        Decimal("500.00"),
        Decimal("0.00"),
    )
    assert move_uncovered_clawbacks() == 0
    assert Clawback.objects.count() == 2


def test_a_new_version_that_still_covers_it_moves_nothing(budget, claw, officer, pfa_outcome):
    claw("150.00")
    new_version(
        budget=budget,
        starts_on=D(2026, 6, 1),
        ends_on=D(2027, 3, 31),
        outcomes=[OutcomeInput(description="Make friends", area=pfa_outcome, key="make-friends")],
        lines=[LineInput(stream="social_care", held_as="direct_payment", amount=Decimal("150"))],
        reason="Review",
        by=officer,
    )
    assert Clawback.objects.count() == 1
    assert moved_audits(budget) == []


# The period ran out: the daily job asks for the rest ---------------------------------------


@pytest.fixture
def reopened(budget, claw, officer):
    """£100 taken from the first payment, every payment made, then the recovery reversed:
    £100 is owed again and no payment is left to take it from."""
    original = claw("100.00")
    record_payments_due(YEAR_END)
    taken = LedgerEntry.objects.get(kind=EntryKind.CLAWBACK)
    reverse_entry(entry=taken, reason="Taken from the wrong payment", by=officer)
    original.refresh_from_db()
    assert (original.status, outstanding(original)) == (
        ClawbackStatus.OUTSTANDING,
        Decimal("100.00"),
    )
    return original


def test_the_daily_job_asks_for_what_no_payment_is_left_to_cover(
    budget, reopened, family, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = run_budgets_daily.enqueue("2027-04-01")
    assert result.return_value["repayments_asked"] == 1

    reopened.refresh_from_db()
    request = Clawback.objects.get(rest_of=reopened)
    assert (request.amount, request.method, request.recorded_by) == (Decimal("100.00"), REPAY, None)
    assert (reopened.moved, reopened.status) == (Decimal("100.00"), ClawbackStatus.MOVED)
    assert outstanding(reopened) == Decimal("0.00")
    (message,) = [m for m in mail.outbox if "pay back" in m.subject]
    body = " ".join(message.body.split())
    assert "There are no payments left in the budget's period to take the rest from." in body
    assert "asking you to pay back £100" in body
    assert "So far" not in body and "The other" not in body
    assert moved_audits(budget)[0]["payments_to_come"] == "0.00"


def test_the_daily_job_run_again_changes_nothing(
    budget, reopened, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run_budgets_daily.enqueue("2027-04-01")
    sent, entries = len(mail.outbox), LedgerEntry.objects.count()

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("budgets_daily", "--date", "2027-04-02", "--no-progress", stdout=out)
    assert "Asked for 0 repayments of money the payments left could not cover." in out.getvalue()
    assert move_uncovered_clawbacks() == 0
    assert Clawback.objects.filter(rest_of=reopened).count() == 1
    assert len(moved_audits(budget)) == 1
    assert (len(mail.outbox), LedgerEntry.objects.count()) == (sent, entries)


def test_the_command_reports_what_it_asked_for(reopened, django_capture_on_commit_callbacks):
    out, err = StringIO(), StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("budgets_daily", "--date", "2027-04-01", stdout=out, stderr=err)
    assert "Asked for 1 repayments of money the payments left could not cover." in out.getvalue()
    assert "Checking money being recovered" in err.getvalue()


def test_a_budget_no_family_has_linked_is_moved_without_an_email(
    make_budget, officer, django_capture_on_commit_callbacks
):
    unlinked = make_budget(for_child=None)
    record_clawback(
        budget=unlinked, amount=Decimal("40.00"), reason=REASON, method=NEXT, by=officer
    )
    record_payments_due(YEAR_END)
    taken = LedgerEntry.objects.get(budget=unlinked, kind=EntryKind.CLAWBACK)
    reverse_entry(entry=taken, reason="Wrong payment", by=officer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert move_uncovered_clawbacks() == 1
    assert mail.outbox == []
    assert Clawback.objects.get(rest_of__isnull=False).amount == Decimal("40.00")
