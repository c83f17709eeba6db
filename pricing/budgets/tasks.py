"""Background work for personal budgets: the daily job, for a scheduler that enqueues
tasks rather than running commands (the `budgets_daily` command does the same, with
progress shown); and a sent quarterly return's PDF, printed once its change commits so
nobody waits for WeasyPrint (`pricing.budgets.return_pdfs`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django_tasks import task


@task()
def run_budgets_daily(today: str | None = None) -> dict[str, int]:
    """Record the scheduled payments due, ask for a repayment of what the payments left
    cannot cover of a clawback, then send the quarterly return reminders.

    `today` is an ISO date (tasks take plain JSON arguments); by default, today."""
    from pricing.budgets.services import record_payments_due  # noqa: PLC0415
    from pricing.budgets.services.clawbacks import move_uncovered_clawbacks  # noqa: PLC0415
    from pricing.budgets.services.return_reminders import send_return_reminders  # noqa: PLC0415

    day = dt.date.fromisoformat(today) if today else None
    recorded = record_payments_due(day)
    moved = move_uncovered_clawbacks()
    reminded = send_return_reminders(day)
    return {
        "payments": recorded,
        "repayments_asked": moved,
        "due": reminded.due,
        "overdue": reminded.overdue,
    }


@task()
def make_return_pdf(return_id: int) -> bool:
    """Print and keep the PDF of a sent return as it is now (once per state)."""
    from pricing.budgets.return_pdfs import make_current  # noqa: PLC0415

    return make_current(return_id)


def enqueue_return_pdf(ret: Any) -> None:
    """Print the return's PDF in the background once the change behind it commits, so
    the worker never reads a state that is not there yet."""
    return_id = ret.pk
    transaction.on_commit(lambda: make_return_pdf.enqueue(return_id))
