"""Reads for recovery from what was really sold: which costing to measure against, and
what the bookings, attendance and invoices of its services' listings say so far.

A fixed number of queries however many bookings there are: each read groups by listing
(or by session) in the database, and the arithmetic is `pricing.costing.recovery`.
The rules for what counts are in that module's docstring; the invoices and payments are
read by `pricing.costing.recovery_money`. Only the indexes that exist are needed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import IntegerField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from pricing.bookings.enums import Attendance, BookingStatus
from pricing.bookings.models import Appointment
from pricing.costing.enums import CostingStatus
from pricing.costing.models import Costing
from pricing.costing.recovery import (
    Actuals,
    RecoveryReport,
    ServicePlan,
    SessionTaken,
    YearToDate,
    recovery_report,
)
from pricing.costing.recovery_money import Money, money_by_listing
from pricing.costing.selectors import costing_rows
from pricing.offers.enums import SessionStatus
from pricing.offers.models import Session

S = BookingStatus
A = Attendance


def newest_saved(costing: Costing) -> Costing | None:
    """The newest saved version of `costing`'s organisation and year, if any."""
    return (
        Costing.objects.filter(
            organisation_id=costing.organisation_id,
            year_starts_on=costing.year_starts_on,
            status=CostingStatus.FINAL,
        )
        .order_by("-version")
        .first()
    )


def costing_to_measure(costing: Costing, newest: Costing | None) -> Costing:
    """What recovery is measured against when `costing` is asked about: a saved version
    is measured as it is (so versions can be compared); a draft, which can still change,
    gives way to the newest saved version of its year (`newest`), and is measured itself
    only while no version of the year has been saved."""
    if costing.is_final or newest is None:
        return costing
    return newest


def year_to_date(costing: Costing, today: dt.date) -> YearToDate:
    return YearToDate(starts_on=costing.year_starts_on, ends_on=costing.year_ends_on, today=today)


def window(year: YearToDate) -> tuple[dt.datetime, dt.datetime]:
    """The year so far as moments: from midnight of its first day to midnight after the
    last day counted, in the site's time zone."""
    since = timezone.make_aware(dt.datetime.combine(year.starts_on, dt.time.min))
    until = timezone.make_aware(
        dt.datetime.combine(year.last_day + dt.timedelta(days=1), dt.time.min)
    )
    return since, max(since, until)


def _units(field: str, condition: Q) -> Coalesce:
    return Coalesce(Sum(field, filter=condition), Value(0), output_field=IntegerField())


def _sessions(organisation_id: int, listings: list[int], since: dt.datetime, until: dt.datetime):
    """One row per session held so far: its places taken and their attendance."""
    prefix = "bookings__"
    confirmed = Q(bookings__status=S.CONFIRMED)
    return (
        Session.objects.filter(
            offer__organisation_id=organisation_id,
            offer__service_id__in=listings,
            starts_at__gte=since,
            starts_at__lt=until,
            status=SessionStatus.SCHEDULED,
        )
        .values("pk", "offer__service_id", "starts_at", "capacity")
        .annotate(
            taken=_units(prefix + "places", confirmed),
            attended=_units(prefix + "places", confirmed & Q(bookings__attendance=A.ATTENDED)),
            missed=_units(prefix + "places", confirmed & Q(bookings__attendance=A.DID_NOT_ATTEND)),
            late=_units(prefix + "places", confirmed & Q(bookings__attendance=A.CANCELLED_LATE)),
        )
        .order_by("starts_at", "pk")
        .values_list(
            "offer__service_id",
            "pk",
            "starts_at",
            "capacity",
            "taken",
            "attended",
            "missed",
            "late",
        )
    )


def _appointments(
    organisation_id: int, listings: list[int], since: dt.datetime, until: dt.datetime
):
    """Units of appointments so far per listing, and their attendance."""
    attended = Q(attendance=A.ATTENDED)
    return (
        Appointment.objects.filter(
            booking__offer__organisation_id=organisation_id,
            booking__offer__service_id__in=listings,
            starts_at__gte=since,
            starts_at__lt=until,
        )
        .filter(Q(booking__status=S.CONFIRMED) | (Q(booking__status=S.CANCELLED) & attended))
        .values("booking__offer__service_id")
        .annotate(
            booked=Coalesce(Sum("units"), Value(0), output_field=IntegerField()),
            attended=_units("units", attended),
            missed=_units("units", Q(attendance=A.DID_NOT_ATTEND)),
            late=_units("units", Q(attendance=A.CANCELLED_LATE)),
        )
        .order_by()
        .values_list("booking__offer__service_id", "booked", "attended", "missed", "late")
    )


def actuals_by_listing(
    *, organisation_id: int, listings: Iterable[int], year: YearToDate
) -> dict[int, Actuals]:
    """What was booked, delivered, invoiced and paid on each listing in the year so far
    (three queries, whatever the number of bookings; none when no listing is given or the
    year has not started)."""
    listings = sorted(set(listings))
    if not listings or year.days_elapsed == 0:
        return {}
    since, until = window(year)
    # booked, attended, did not attend, cancelled late: per listing
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    sessions: dict[int, list[SessionTaken]] = defaultdict(list)
    for listing, pk, starts_at, capacity, *units in _sessions(
        organisation_id, listings, since, until
    ):
        sessions[listing].append(SessionTaken(pk, starts_at, capacity, units[0]))
        counts[listing] = [a + b for a, b in zip(counts[listing], units, strict=True)]
    for listing, *units in _appointments(organisation_id, listings, since, until):
        counts[listing] = [a + b for a, b in zip(counts[listing], units, strict=True)]
    money = money_by_listing(
        organisation_id=organisation_id, since=since, until=until, last_day=year.last_day
    )
    result = {}
    for listing in listings:
        paid = money.get(listing, Money())
        booked, attended, missed, late = counts[listing]
        result[listing] = Actuals(
            booked=booked,
            attended=attended,
            did_not_attend=missed,
            cancelled_late=late,
            invoiced_net=paid.invoiced_net,
            invoiced_gross=paid.invoiced_gross,
            credited_net=paid.credited_net,
            credited_gross=paid.credited_gross,
            paid_kept=paid.kept,
            sessions=tuple(sessions[listing]),
        )
    return result


@dataclass(frozen=True)
class Recovery:
    """The recovery page's figures: the costing they were measured against (for a draft,
    the newest saved version when there is one), the newest saved version of the year,
    and the report."""

    costing: Costing
    newest: Costing | None
    report: RecoveryReport


def recovery_of(costing: Costing, today: dt.date) -> Recovery:
    """Recovery so far of every service of the costing measured for `costing`'s year.

    Seven queries whatever the number of services, lines and bookings: the newest saved
    version (one), the costing's rows (three), then what was sold (three).
    """
    newest = newest_saved(costing)
    measured = costing_to_measure(costing, newest)
    rows = costing_rows(measured)
    result = rows.work_out()
    year = year_to_date(measured, today)
    plans = []
    for service, worked in zip(rows.services, result.services, strict=True):
        plans.append(
            ServicePlan(
                key=service.pk,
                name=service.name,
                unit_label=service.unit_label,
                full_cost=worked.full_cost,
                planned_units=worked.planned_units or None,
                listing_id=service.listing_id,
                listing_title=service.listing.title if service.listing is not None else "",
            )
        )
    actuals = actuals_by_listing(
        organisation_id=measured.organisation_id,
        listings=[p.listing_id for p in plans if p.listing_id is not None],
        year=year,
    )
    report = recovery_report(
        plans, actuals, year, problems=[problem.message for problem in result.problems]
    )
    return Recovery(costing=measured, newest=newest, report=report)
