"""Reading the standard's query parameters, answering 400 with a message for bad ones.

A consumer of the API is a developer, not a family: messages say exactly which parameter
is wrong and what is accepted, so a bad request is fixed at once instead of quietly
returning the wrong services.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from django.http import QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from providers.enums import Weekday
from search.api.ids import canonical
from search.backends.base import MAX_PER_PAGE

DEFAULT_PER_PAGE = 20
MAX_PAGE = 1_000_000  # far past any real directory; keeps SQL offsets sane
MAX_AGE_YEARS = 150
MAX_SEARCH_LENGTH = 200
MAX_PROXIMITY_METRES = 1_000_000  # 1,000 km: the whole of Great Britain and more

# RFC 5545 day codes (the `byday` of the standard's schedules) and English names.
DAY_CODES: dict[str, int] = {
    "MO": Weekday.MONDAY,
    "TU": Weekday.TUESDAY,
    "WE": Weekday.WEDNESDAY,
    "TH": Weekday.THURSDAY,
    "FR": Weekday.FRIDAY,
    "SA": Weekday.SATURDAY,
    "SU": Weekday.SUNDAY,
}
DAY_NAMES: dict[str, int] = {label.lower(): day for day, label in Weekday.choices}
TIME_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$")
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")


class ApiError(Exception):
    """A request the API refuses; answered as JSON `{"detail": message}`."""

    def __init__(self, detail: str, status: int = 400) -> None:
        super().__init__(detail)
        self.detail = detail
        self.status = status


@dataclass(frozen=True)
class Paging:
    page: int
    per_page: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def _raw(query: QueryDict, name: str) -> str | None:
    """The parameter's value trimmed, None when absent; present but blank is refused.

    "taxonomy_term_id=" is a filter that went wrong in the client, not a request for
    everything: answering every service would hide the mistake.
    """
    value = query.get(name)
    if value is None:
        return None
    value = value.strip()
    if not value:
        raise ApiError(f"{name} is empty: give a value or leave the parameter out")
    return value


def integer(query: QueryDict, name: str, *, minimum: int, maximum: int) -> int | None:
    """A whole number within [minimum, maximum] ("7" and "7.0" are both 7)."""
    value = _raw(query, name)
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or number != int(number):
        raise ApiError(f"{name} must be a whole number, not '{value[:40]}'")
    if not minimum <= number <= maximum:
        raise ApiError(f"{name} must be between {minimum} and {maximum}")
    return int(number)


def paging(query: QueryDict) -> Paging:
    page = integer(query, "page", minimum=1, maximum=MAX_PAGE)
    per_page = integer(query, "per_page", minimum=1, maximum=MAX_PER_PAGE)
    return Paging(page=page or 1, per_page=per_page or DEFAULT_PER_PAGE)


def ages(query: QueryDict) -> tuple[int | None, int | None]:
    """minimum_age and maximum_age in whole years; the minimum may not exceed the maximum."""
    minimum = integer(query, "minimum_age", minimum=0, maximum=MAX_AGE_YEARS)
    maximum = integer(query, "maximum_age", minimum=0, maximum=MAX_AGE_YEARS)
    if minimum is not None and maximum is not None and minimum > maximum:
        raise ApiError("minimum_age must not be more than maximum_age")
    return minimum, maximum


def time_of_day(query: QueryDict, name: str) -> dt.time | None:
    """A time as HH:MM or HH:MM:SS (24-hour clock, local time in the UK)."""
    value = _raw(query, name)
    if value is None:
        return None
    match = TIME_RE.match(value)
    if not match:
        raise ApiError(f"{name} must be a time as HH:MM or HH:MM:SS, like 15:30")
    hours, minutes, seconds = match.groups()
    return dt.time(int(hours), int(minutes), int(seconds or 0))


def day(query: QueryDict) -> int | None:
    """A day of the week: an RFC 5545 code (MO ... SU) or its English name."""
    value = _raw(query, "day")
    if value is None:
        return None
    found = DAY_CODES.get(value.upper())
    if found is None:
        found = DAY_NAMES.get(value.lower())
    if found is None:
        raise ApiError("day must be one of MO, TU, WE, TH, FR, SA, SU (or the day's name)")
    return int(found)


def datetime_after(query: QueryDict, name: str) -> dt.datetime | None:
    """An ISO 8601 date or date-time; without a time zone it is UK local time."""
    value = _raw(query, name)
    if value is None:
        return None
    parsed: dt.datetime | None = None
    try:
        parsed = parse_datetime(value.replace(" ", "+"))  # "+01:00" arrives as " 01:00"
        if parsed is None:
            date = parse_date(value)
            if date is not None:
                parsed = dt.datetime.combine(date, dt.time.min)
    except ValueError:
        parsed = None
    if parsed is None:
        raise ApiError(f"{name} must be an ISO 8601 date or date-time, like 2025-01-31T09:00:00Z")
    try:
        if timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed)
        # The same instant in UTC: PostgreSQL refuses offsets beyond 15:59, which ISO 8601
        # and Python allow (up to 23:59).
        return parsed.astimezone(dt.UTC)
    except OverflowError:  # the first or last day of year 1 or 9999, moved to UTC
        raise ApiError(f"{name} is out of range") from None


def boolean(query: QueryDict, name: str) -> bool:
    value = _raw(query, name)
    if value is None:
        return False
    lowered = value.lower()
    if lowered in ("true", "1", "yes"):
        return True
    if lowered in ("false", "0", "no"):
        return False
    raise ApiError(f"{name} must be true or false")


def search_text(query: QueryDict) -> str:
    """The `search` words: control characters dropped, trimmed; more than 200 is refused.

    Cutting a longer text short would search for words the client never sent whole.
    """
    raw = query.get("search", "")
    if len(raw) > MAX_SEARCH_LENGTH:
        raise ApiError(f"search must be at most {MAX_SEARCH_LENGTH} characters")
    return " ".join(CONTROL_RE.sub(" ", raw).split())


def identifier(query: QueryDict, name: str) -> str | None:
    """A raw parameter value (an id is checked with `uuid_identifier`)."""
    return _raw(query, name)


def uuid_identifier(query: QueryDict, name: str) -> str | None:
    """An id parameter, which must be a UUID (the caller checks it names a record)."""
    value = _raw(query, name)
    if value is None:
        return None
    if canonical(value) is None:
        raise ApiError(f"{name} must be a UUID, not '{value[:60]}'")
    return value


def proximity_metres(query: QueryDict) -> float | None:
    value = _raw(query, "proximity")
    if value is None:
        return None
    try:
        metres = float(value)
    except ValueError:
        metres = math.nan
    if not math.isfinite(metres) or metres <= 0:
        raise ApiError("proximity must be a distance in metres greater than 0, like 5000")
    return min(metres, MAX_PROXIMITY_METRES)
