"""Reads of submission cycles: the open one, the next one, and the next one to suggest."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from providers.moderation.models import SubmissionCycle


def current_cycle() -> SubmissionCycle | None:
    """The directory council's open cycle, if any (a constraint allows one per council)."""
    return SubmissionCycle.objects.for_council().open().first()


def next_cycle(after: dt.date | None = None) -> SubmissionCycle | None:
    """The earliest scheduled cycle that has not opened yet (opening on or after `after`)."""
    cycles = SubmissionCycle.objects.for_council().scheduled().order_by("opens_on", "pk")
    if after is not None:
        cycles = cycles.filter(opens_on__gte=after)
    return cycles.first()


@dataclass(frozen=True)
class CycleSuggestion:
    name: str
    opens_on: dt.date
    deadline: dt.date
    review_by: dt.date


# The rule the create form is pre-filled with, after the council's practice of "regular
# opportunities every 2 or 3 months": a cycle opens three months after the previous one
# opened (the same day of the month, or that month's last day: 31 January + 1 month is
# 28 or 29 February; never before the day after the previous review-by date, never in the past);
# providers then have four weeks to submit (the deadline is the 28th day) and moderators
# three more weeks to decide.
MONTHS_BETWEEN_OPENINGS = 3
SUBMISSION_DAYS = 28
REVIEW_DAYS = 21


def season_name(day: dt.date) -> str:
    """'Spring 2027'; winter spans two years ('Winter 2026 to 2027')."""
    if day.month in (3, 4, 5):
        return f"Spring {day.year}"
    if day.month in (6, 7, 8):
        return f"Summer {day.year}"
    if day.month in (9, 10, 11):
        return f"Autumn {day.year}"
    first = day.year if day.month == 12 else day.year - 1
    return f"Winter {first} to {first + 1}"


def suggested_cycle(today: dt.date | None = None) -> CycleSuggestion:
    """The dates the site suggests for the next cycle (see the rule above)."""
    today = today or timezone.localdate()
    last = SubmissionCycle.objects.for_council().order_by("-opens_on").first()
    opens_on = today
    if last is not None:
        opens_on = max(
            last.opens_on + relativedelta(months=MONTHS_BETWEEN_OPENINGS),
            last.review_by + dt.timedelta(days=1),
            today,
        )
    deadline = opens_on + dt.timedelta(days=SUBMISSION_DAYS - 1)
    review_by = deadline + dt.timedelta(days=REVIEW_DAYS)
    name = season_name(opens_on)
    if SubmissionCycle.objects.for_council().filter(name=name).exists():
        name = f"{name} ({opens_on:%B})"
    return CycleSuggestion(name=name, opens_on=opens_on, deadline=deadline, review_by=review_by)
