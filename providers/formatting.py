"""Human-readable text for times and schedules ("Mondays, 4pm to 5:30pm, term time only")."""

import datetime as dt

from providers.enums import ScheduleKind, SchedulePeriod


def describe_time(value: dt.time) -> str:
    """GOV.UK style: 9am, 5:30pm, midday, midnight."""
    if value.hour == 12 and value.minute == 0:
        return "midday"
    if value.hour == 0 and value.minute == 0:
        return "midnight"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def describe_schedule(schedule) -> str:

    times = f"{describe_time(schedule.start_time)} to {describe_time(schedule.end_time)}"
    if schedule.kind == ScheduleKind.ONE_OFF and schedule.date:
        when = f"{schedule.date:%A} {schedule.date.day} {schedule.date:%B %Y}"
        parts = [when, times]
    else:
        parts = [f"{schedule.get_weekday_display()}s", times]
        if schedule.period != SchedulePeriod.ALL_YEAR:
            parts.append(schedule.get_period_display().lower())
    if schedule.notes:
        parts.append(schedule.notes)
    return ", ".join(parts)
