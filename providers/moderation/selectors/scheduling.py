"""What the daily job does on a given day: which cycles close, which opens, who is reminded.

In this order, so a new cycle can open on the day the last one closes:

1. Close every open cycle whose deadline has passed (the deadline day itself is still
   open).
2. Open the earliest scheduled cycle whose opening date has come, unless another cycle
   is still open. A scheduled cycle whose deadline has already passed is left alone and
   reported: opening it would ask providers for something they could no longer do.
3. In the open cycle's last week, remind the providers of flagged listings.

`plan_day` only reads; `providers.moderation.services.run_day` carries the plan out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from providers.moderation.freshness.services.reminders import reminder_due
from providers.moderation.models import SubmissionCycle


@dataclass(frozen=True)
class DailyPlan:
    today: dt.date
    to_close: list[SubmissionCycle] = field(default_factory=list)
    to_open: SubmissionCycle | None = None
    # Cycles due to open that will not, each with the reason.
    not_opening: list[tuple[SubmissionCycle, str]] = field(default_factory=list)
    # The cycle whose deadline reminders are due (sent once per listing and cycle).
    remind_in: SubmissionCycle | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.to_close or self.to_open or self.not_opening or self.remind_in)

    def describe(self) -> list[str]:
        """The plan in words, one line per step, for the command's output."""
        lines = [
            f"Closing {cycle.name} (deadline {cycle.deadline:%-d %B %Y})" for cycle in self.to_close
        ]
        lines += [f"Not opening {cycle.name}: {reason}" for cycle, reason in self.not_opening]
        if self.to_open is not None:
            lines.append(
                f"Opening {self.to_open.name} (deadline {self.to_open.deadline:%-d %B %Y})"
            )
        if self.remind_in is not None:
            lines.append(f"Sending deadline reminders for {self.remind_in.name}")
        return lines


def plan_day(today: dt.date) -> DailyPlan:
    """What the daily job should do on `today` (see the rules above). Changes nothing."""
    cycles = SubmissionCycle.objects.for_council()
    to_close = list(cycles.open().filter(deadline__lt=today).order_by("opens_on"))
    still_open = cycles.accepting(today).first()
    due = cycles.scheduled().filter(opens_on__lte=today)
    not_opening = [
        (
            cycle,
            f"its deadline ({cycle.deadline:%-d %B %Y}) has passed. Change its dates in the admin.",
        )
        for cycle in due.filter(deadline__lt=today).order_by("opens_on", "pk")
    ]
    to_open = due.filter(deadline__gte=today).order_by("opens_on", "pk").first()
    if to_open is not None and still_open is not None:
        not_opening.append((to_open, f"{still_open.name} is still open."))
        to_open = None
    open_after = to_open or still_open
    remind_in = open_after if open_after and reminder_due(open_after, today) else None
    return DailyPlan(
        today=today,
        to_close=to_close,
        to_open=to_open,
        not_opening=not_opening,
        remind_in=remind_in,
    )
