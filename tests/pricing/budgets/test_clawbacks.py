"""Money the council recovers from a direct payment: taken from the next payments (oldest
clawback first) until it is all back, or paid back by the family; the family is told by
email in plain English."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from pricing.budgets.enums import ClawbackMethod, ClawbackStatus, EntryKind, HeldAs
from pricing.budgets.figures import figures
from pricing.budgets.models import Clawback, LedgerEntry
from pricing.budgets.services import (
    BudgetError,
    record_clawback,
    record_payments_due,
    record_repayment,
    reverse_entry,
)
from pricing.budgets.services.money_in import outstanding

pytestmark = pytest.mark.django_db

D = dt.date
NEXT = ClawbackMethod.NEXT_PAYMENTS
REPAY = ClawbackMethod.REPAYMENT
REASON = "Money not spent for more than 8 weeks"


@pytest.fixture
def claw(budget, officer):
    def record(amount: str, method: str = NEXT, *, reason: str = REASON, to=budget) -> Clawback:
        return record_clawback(
            budget=to, amount=Decimal(amount), reason=reason, method=method, by=officer
        )

    return record


def recovered_entries(budget) -> list[tuple[dt.date, Decimal, int | None]]:
    return list(
        LedgerEntry.objects.filter(budget=budget, kind=EntryKind.CLAWBACK)
        .order_by("occurred_on", "pk")
        .values_list("occurred_on", "amount", "clawback_id")
    )


# From the next payments --------------------------------------------------------------


def test_150_pounds_is_taken_from_the_next_two_100_pound_payments(budget, claw):
    record_payments_due(D(2026, 4, 1))
    clawback = claw("150.00")
    assert clawback.status == ClawbackStatus.OUTSTANDING
    assert figures(budget).paid_in == Decimal("100.00")  # nothing is taken at once

    record_payments_due(D(2026, 4, 29))
    clawback.refresh_from_db()
    assert recovered_entries(budget) == [(D(2026, 4, 29), Decimal("100.00"), clawback.pk)]
    assert clawback.status == ClawbackStatus.OUTSTANDING
    assert outstanding(clawback) == Decimal("50.00")
    assert figures(budget).paid_in == Decimal("100.00")  # £200 in, £100 back

    record_payments_due(D(2026, 5, 27))
    clawback.refresh_from_db()
    assert recovered_entries(budget) == [
        (D(2026, 4, 29), Decimal("100.00"), clawback.pk),
        (D(2026, 5, 27), Decimal("50.00"), clawback.pk),
    ]
    assert clawback.status == ClawbackStatus.RECOVERED
    assert outstanding(clawback) == Decimal("0.00")
    got = figures(budget)
    assert (got.payments_in, got.recovered, got.paid_in) == (
        Decimal("300.00"),
        Decimal("150.00"),
        Decimal("150.00"),
    )

    record_payments_due(D(2026, 6, 24))  # the next payment is whole again
    assert len(recovered_entries(budget)) == 2
    assert figures(budget).paid_in == Decimal("250.00")
    assert figures(budget).available == Decimal("250.00")


def test_running_the_job_again_takes_nothing_more(budget, claw):
    claw("150.00")
    record_payments_due(D(2026, 4, 1))
    record_payments_due(D(2026, 4, 1))
    assert recovered_entries(budget) == [
        (D(2026, 4, 1), Decimal("100.00"), Clawback.objects.get().pk)
    ]


def test_two_clawbacks_are_recovered_oldest_first(budget, claw):
    with time_machine.travel(dt.datetime(2026, 4, 10, 9, 0), tick=False):
        older = claw("30.00", reason="Paid for a school trip")
    with time_machine.travel(dt.datetime(2026, 4, 11, 9, 0), tick=False):
        newer = claw("120.00")

    record_payments_due(D(2026, 4, 29))  # the first payment (1 April) was due before both
    older.refresh_from_db()
    newer.refresh_from_db()
    # 1 April: £30 of the older, then £70 of the newer; 29 April: the newer's last £50.
    assert recovered_entries(budget) == [
        (D(2026, 4, 1), Decimal("30.00"), older.pk),
        (D(2026, 4, 1), Decimal("70.00"), newer.pk),
        (D(2026, 4, 29), Decimal("50.00"), newer.pk),
    ]
    assert (older.status, newer.status) == (ClawbackStatus.RECOVERED, ClawbackStatus.RECOVERED)
    assert figures(budget).paid_in == Decimal("50.00")


def test_only_direct_payments_are_recovered_from(make_budget, claw):
    budget = make_budget(
        [("social_care", "direct_payment", "650.00"), ("education", "council_managed", "2600.00")]
    )
    claw("80.00", to=budget)
    record_payments_due(D(2026, 4, 1))  # £50 direct, £200 council-managed

    assert [(amount, held) for _, amount, held in recovered_entries_held(budget)] == [
        (Decimal("50.00"), HeldAs.DIRECT_PAYMENT)
    ]
    assert figures(budget, held_as=HeldAs.COUNCIL_MANAGED).paid_in == Decimal("200.00")
    assert figures(budget, held_as=HeldAs.DIRECT_PAYMENT).paid_in == Decimal("0.00")


def recovered_entries_held(budget) -> list[tuple[dt.date, Decimal, str]]:
    return list(
        LedgerEntry.objects.filter(budget=budget, kind=EntryKind.CLAWBACK).values_list(
            "occurred_on", "amount", "held_as"
        )
    )


def test_a_budget_without_a_direct_payment_has_nothing_to_recover(make_budget, claw):
    managed = make_budget([("education", "council_managed", "2600.00")])
    with pytest.raises(BudgetError, match="no direct payment part"):
        claw("10.00", to=managed)
    assert not Clawback.objects.exists()


# Repayment by the family ------------------------------------------------------------------


def test_a_repayment_request_is_recovered_as_the_family_pays(budget, claw, officer):
    record_payments_due(D(2026, 4, 29))
    clawback = claw("150.00", REPAY)

    record_payments_due(D(2026, 5, 27))  # not taken from payments
    assert recovered_entries(budget) == []

    part = record_repayment(
        clawback=clawback, amount=Decimal("60.00"), received_on=D(2026, 6, 1), by=officer
    )
    assert (part.kind, part.amount, part.occurred_on) == (
        EntryKind.CLAWBACK,
        Decimal("60.00"),
        D(2026, 6, 1),
    )
    clawback.refresh_from_db()
    assert clawback.status == ClawbackStatus.OUTSTANDING
    assert outstanding(clawback) == Decimal("90.00")
    assert figures(budget).paid_in == Decimal("240.00")

    with pytest.raises(BudgetError, match="no more than the £90 still owed") as refused:
        record_repayment(
            clawback=clawback, amount=Decimal("90.01"), received_on=D(2026, 6, 2), by=officer
        )
    assert refused.value.field == "amount"

    record_repayment(
        clawback=clawback, amount=Decimal("90.00"), received_on=D(2026, 6, 2), by=officer
    )
    clawback.refresh_from_db()
    assert clawback.status == ClawbackStatus.RECOVERED
    got = figures(budget)
    assert (got.payments_in, got.recovered, got.paid_in) == (
        Decimal("300.00"),
        Decimal("150.00"),
        Decimal("150.00"),
    )

    with pytest.raises(BudgetError, match="Nothing is left"):
        record_repayment(
            clawback=clawback, amount=Decimal("1.00"), received_on=D(2026, 6, 3), by=officer
        )
    assert len(recovered_entries(budget)) == 2


def test_more_than_owed_at_once_is_refused(budget, claw, officer):
    clawback = claw("150.00", REPAY)
    with pytest.raises(BudgetError) as refused:
        record_repayment(
            clawback=clawback, amount=Decimal("150.01"), received_on=D(2026, 6, 1), by=officer
        )
    assert refused.value.field == "amount"
    assert recovered_entries(budget) == []


def test_a_repayment_dated_in_the_future_is_refused(budget, claw, officer):
    clawback = claw("150.00", REPAY)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(BudgetError, match="today or in the past") as refused:
        record_repayment(
            clawback=clawback, amount=Decimal("10.00"), received_on=tomorrow, by=officer
        )
    assert refused.value.field == "received_on"
    assert recovered_entries(budget) == []
    today = record_repayment(
        clawback=clawback, amount=Decimal("10.00"), received_on=timezone.localdate(), by=officer
    )
    assert today.occurred_on == timezone.localdate()


def test_a_mistaken_repayment_reversed_leaves_the_money_owed_again(budget, claw, officer):
    clawback = claw("150.00", REPAY)
    repaid = record_repayment(
        clawback=clawback, amount=Decimal("150.00"), received_on=D(2026, 6, 1), by=officer
    )
    clawback.refresh_from_db()
    assert clawback.status == ClawbackStatus.RECOVERED

    reversal = reverse_entry(entry=repaid, reason="The cheque bounced", by=officer)

    clawback.refresh_from_db()
    assert reversal.clawback == clawback
    assert clawback.status == ClawbackStatus.OUTSTANDING
    assert outstanding(clawback) == Decimal("150.00")
    assert figures(budget).recovered == Decimal("0.00")
    record_repayment(
        clawback=clawback, amount=Decimal("150.00"), received_on=D(2026, 6, 20), by=officer
    )
    clawback.refresh_from_db()
    assert clawback.status == ClawbackStatus.RECOVERED


# What is refused -------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_clawback_needs_a_reason(claw, reason):
    with pytest.raises(BudgetError) as refused:
        claw("10.00", reason=reason)
    assert refused.value.field == "reason"
    assert not Clawback.objects.exists()


@pytest.mark.parametrize("amount", ["0.00", "-5.00", "1.001", "NaN"])
def test_a_clawback_needs_a_sensible_amount(claw, amount):
    with pytest.raises(BudgetError) as refused:
        claw(amount)
    assert refused.value.field == "amount"


def test_a_clawback_needs_a_way_to_recover_it(claw):
    with pytest.raises(BudgetError) as refused:
        claw("10.00", "ask-nicely")
    assert refused.value.field == "method"


# The family is told ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "how"),
    [(NEXT, "taken from the next payments"), (REPAY, "asking you to pay it back")],
)
def test_the_family_is_emailed_in_plain_english(
    budget, claw, family, django_capture_on_commit_callbacks, method, how
):
    with django_capture_on_commit_callbacks(execute=True):
        claw("150.00", method)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [family.email]
    assert message.subject == "The council is taking back money from Amira's personal budget"
    body = message.body
    assert "£150" in body
    assert REASON in body
    assert how in body
    assert budget.reference in body
    assert "http://testserver" + reverse("budgets:detail", args=[budget.reference]) in body
    for jargon in ("{{", "{%", "<", "&amp;", "&#x27;", "None", "clawback", "next_payments"):
        assert jargon not in body


def test_a_budget_no_family_has_accepted_yet_sends_no_email(
    make_budget, claw, django_capture_on_commit_callbacks
):
    unlinked = make_budget(for_child=None)
    with django_capture_on_commit_callbacks(execute=True):
        claw("20.00", to=unlinked)
    assert mail.outbox == []


def test_a_refused_clawback_sends_no_email(claw, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(BudgetError):
        claw("20.00", reason="")
    assert mail.outbox == []
