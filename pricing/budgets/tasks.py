"""Background work for personal budgets: the daily job, for a scheduler that enqueues
tasks rather than running commands (the `budgets_daily` command does the same, with
progress shown)."""

from __future__ import annotations

import datetime as dt

from django_tasks import task


@task()
def run_budgets_daily(today: str | None = None) -> dict[str, int]:
    """Record the scheduled payments due, then send the quarterly return reminders.

    `today` is an ISO date (tasks take plain JSON arguments); by default, today."""
    from pricing.budgets.services import record_payments_due  # noqa: PLC0415
    from pricing.budgets.services.return_reminders import send_return_reminders  # noqa: PLC0415

    day = dt.date.fromisoformat(today) if today else None
    recorded = record_payments_due(day)
    reminded = send_return_reminders(day)
    return {"payments": recorded, "due": reminded.due, "overdue": reminded.overdue}
