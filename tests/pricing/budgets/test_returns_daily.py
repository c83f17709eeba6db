"""The budgets' daily job (`manage.py budgets_daily`): scheduled payments recorded once
however often it runs, and each quarter's return reminders sent once when due and once
when overdue, with progress shown as it goes.

The `budget` is a direct payment of £1,300 a year from 1 April 2026 (£100 every 4 weeks).
Its first quarter ends on 30 June; its return is due by 28 July and overdue after.
"""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from pricing.budgets.enums import EntryKind, ReturnStatus
from pricing.budgets.models import LedgerEntry, QuarterlyReturn
from pricing.budgets.services.returns import make_return, submit_return
from pricing.budgets.tasks import run_budgets_daily

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run the job as cron would on `day`; (what it printed, its progress)."""

    def run_on(day: str, *, progress: bool = True) -> tuple[str, str]:
        out, err = StringIO(), StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            options = ["--date", day] + ([] if progress else ["--no-progress"])
            call_command("budgets_daily", *options, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    return run_on


def payments_in(budget) -> int:
    return LedgerEntry.objects.filter(budget=budget, kind=EntryKind.PAYMENT_IN).count()


def test_payments_are_recorded_once_and_progress_is_shown(budget, run):
    out, err = run("2026-07-10")
    assert "Recorded 4 scheduled payments due by 10 July 2026." in out
    assert "Recording payments due" in err and "4/4" in err
    assert "Checking quarterly returns" in err and "1/1" in err
    assert payments_in(budget) == 4

    out, _ = run("2026-07-10")
    assert "Recorded 0 scheduled payments due by 10 July 2026." in out
    assert payments_in(budget) == 4


def test_the_due_reminder_is_sent_once_with_a_draft_made(budget, run):
    out, _ = run("2026-07-10", progress=False)
    assert "Sent reminders for 1 returns due and 0 overdue." in out
    assert [message.to for message in mail.outbox] == [["parent@example.org"]]
    body = mail.outbox[0].body
    assert "1 April 2026 to 30 June 2026: please send it by 28 July 2026." in body
    assert "1 thing in it needs your attention" in body  # £400 unspent: 16 weeks
    ret = QuarterlyReturn.objects.get()
    assert ret.status == ReturnStatus.DRAFT and ret.reminded_at is not None
    assert f"/account/budgets/returns/{budget.reference}/{ret.pk}/" in body

    out, _ = run("2026-07-11", progress=False)
    assert "Sent reminders for 0 returns due and 0 overdue." in out
    assert len(mail.outbox) == 1


def test_the_overdue_reminder_is_sent_once_28_days_after_the_quarter(budget, run):
    run("2026-07-10", progress=False)
    run("2026-07-28", progress=False)  # the last day to send it
    assert len(mail.outbox) == 1
    out, _ = run("2026-07-29", progress=False)
    assert "Sent reminders for 0 returns due and 1 overdue." in out
    assert len(mail.outbox) == 2
    assert "is overdue" in mail.outbox[1].subject
    assert "it was due by 28 July 2026" in mail.outbox[1].body
    run("2026-07-30", progress=False)
    assert len(mail.outbox) == 2


def test_a_sent_return_is_not_reminded(budget, family, run):
    run("2026-07-01", progress=False)  # the quarter ended yesterday: due
    mail.outbox.clear()
    ret = QuarterlyReturn.objects.get()
    submit_return(ret=ret, by=family, declared=True)
    out, _ = run("2026-08-15", progress=False)
    assert "Sent reminders for 0 returns due and 0 overdue." in out
    assert mail.outbox == []


def test_a_draft_the_family_made_keeps_its_figures_and_is_reminded(budget, family, run):
    from pricing.budgets.services import record_payments_due  # noqa: PLC0415

    record_payments_due(D(2026, 6, 30))
    made = make_return(budget=budget, starts_on=D(2026, 4, 1), by=family, today=D(2026, 7, 2))
    run("2026-07-10", progress=False)
    ret = QuarterlyReturn.objects.get()
    assert ret.pk == made.pk and ret.made_at == made.made_at
    assert ret.reminded_at is not None and len(mail.outbox) == 1


def test_a_family_behind_on_several_quarters_gets_one_email_of_each_kind(make_budget, run):
    make_budget(starts_on=D(2025, 10, 1), ends_on=D(2026, 9, 30))
    out, _ = run("2026-07-10", progress=False)
    assert "Sent reminders for 1 returns due and 2 overdue." in out
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == [
        "Your quarterly return for Amira is overdue",
        "Your quarterly return for Amira is ready to send",
    ]
    overdue = next(m for m in mail.outbox if "overdue" in m.subject).body
    assert "1 October 2025 to 31 December 2025: it was due by 28 January 2026." in overdue
    assert "1 January 2026 to 31 March 2026: it was due by 28 April 2026." in overdue
    assert QuarterlyReturn.objects.filter(overdue_reminded_at__isnull=False).count() == 2


def test_no_reminders_without_a_direct_payment_or_a_family(make_budget, run):
    make_budget([("social_care", "council_managed", "1300.00")])
    make_budget(for_child=None)  # the family has not accepted the invitation yet
    out, _ = run("2026-07-10", progress=False)
    assert "Sent reminders for 0 returns due and 0 overdue." in out
    assert mail.outbox == []
    assert not QuarterlyReturn.objects.exists()


def test_the_job_runs_as_a_task_too(budget, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = run_budgets_daily.enqueue("2026-07-10")
    assert result.return_value == {"payments": 4, "repayments_asked": 0, "due": 1, "overdue": 0}
    assert len(mail.outbox) == 1
