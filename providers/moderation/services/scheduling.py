"""The daily job's writes: carry out the day's plan (`selectors.scheduling.plan_day`).

Idempotent: a cycle is opened or closed once (the cycle services refuse a second move),
and each reminder is sent once per cycle, so running a day twice does nothing more.
"""

from __future__ import annotations

from providers.moderation.freshness.services import send_deadline_reminders
from providers.moderation.progress import LOGGED, Progress
from providers.moderation.selectors.scheduling import DailyPlan
from providers.moderation.services.cycles import close_cycle, open_cycle


def run_day(plan: DailyPlan, *, progress: Progress = LOGGED) -> None:
    """Close, open and remind as planned, acting as on `plan.today`."""
    for cycle in plan.to_close:
        close_cycle(cycle=cycle, progress=progress)
    if plan.to_open is not None:
        open_cycle(cycle=plan.to_open, today=plan.today)
    if plan.remind_in is not None:
        send_deadline_reminders(today=plan.today, progress=progress)
