"""Start a costing (version 1, or a new draft copied from a saved version) and save a
draft as a version that never changes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from localoffer.core.transitions import lock, transition
from pricing.costing.enums import COSTING_TRANSITIONS, DEFAULT_DRIVERS, CostingStatus
from pricing.costing.models import CostedService, Costing, CostLine, PoolDriver
from pricing.costing.selectors import costing_rows, costings_of, price_now
from pricing.costing.services.common import (
    ACTION_FINALISE,
    ACTION_START,
    CostingError,
    require_member,
)
from providers.models import OrganisationPage

EARLIEST_YEAR = 2000
LATEST_YEAR = 2100


def start_costing(
    *,
    organisation: OrganisationPage,
    year_starts_on: dt.date,
    by: Any,
    based_on: Costing | None = None,
) -> Costing:
    """A new draft costing for the year that starts on `year_starts_on`.

    The first costing of a year is version 1 with the four overhead pools shared by their
    usual drivers. After that a draft is always a copy of a saved version (the newest, or
    `based_on`), services, lines and drivers, numbered one more than the newest version:
    saved versions never change, so what a price was worked out from stays on record.
    One draft per year at a time, or two people's changes could not both be kept.
    """
    require_member(by, organisation)
    if not isinstance(year_starts_on, dt.date) or not (
        EARLIEST_YEAR <= year_starts_on.year <= LATEST_YEAR
    ):
        raise CostingError("Enter the first day of the financial year.", field="year_starts_on")
    with transaction.atomic():
        # Serialises starts for one organisation, so two cannot take the same number
        # (only the organisation's own row: its page row is the moderation's to lock).
        OrganisationPage.objects.select_for_update(of=("self",)).get(pk=organisation.pk)
        year = list(costings_of(organisation).filter(year_starts_on=year_starts_on))
        draft = next((c for c in year if c.status == CostingStatus.DRAFT), None)
        if draft is not None:
            raise CostingError(
                f"There is already a draft for {draft.year_label}: carry on with that one.",
                field="year_starts_on",
            )
        source = _source(organisation, year_starts_on, year, based_on)
        costing = Costing.objects.create(
            organisation=organisation,
            year_starts_on=year_starts_on,
            version=max((c.version for c in year), default=0) + 1,
            status=CostingStatus.DRAFT,
            based_on=source,
            created_by=by,
        )
        if source is None:
            PoolDriver.objects.bulk_create(
                PoolDriver(costing=costing, pool=pool, driver=driver)
                for pool, driver in DEFAULT_DRIVERS.items()
            )
        else:
            _copy(source, costing)
        log(
            instance=costing,
            action=ACTION_START,
            user=by,
            data={"version": costing.version, "based_on": source.pk if source else None},
        )
    return costing


def _source(
    organisation: OrganisationPage,
    year_starts_on: dt.date,
    year: list[Costing],
    based_on: Costing | None,
) -> Costing | None:
    if based_on is None:
        return next((c for c in year if c.status == CostingStatus.FINAL), None)
    if based_on.organisation_id != organisation.pk or based_on.year_starts_on != year_starts_on:
        raise CostingError("Start from one of this year's saved versions.", field="based_on")
    if not based_on.is_final:
        raise CostingError("Start from a saved version, not a draft.", field="based_on")
    return based_on


def _copy(source: Costing, costing: Costing) -> None:
    """Copy every row of `source` into the new draft `costing`.

    A linked service's current price is read from its listing again: the council may have
    approved a new price since the version was saved.
    """
    rows = costing_rows(source)
    copies = []
    for service in rows.services:
        copy = CostedService(
            costing=costing,
            **{
                f.attname: getattr(service, f.attname)
                for f in CostedService._meta.concrete_fields
                if f.attname not in ("id", "costing_id")
            },
        )
        if service.listing is not None:
            price = price_now(service.listing)
            if price is not None:
                copy.current_price = price
        copies.append(copy)
    created = CostedService.objects.bulk_create(copies)
    new_ids = {old.pk: new.pk for old, new in zip(rows.services, created, strict=True)}
    lines = [
        CostLine(
            costing=costing,
            service_id=new_ids[line.service_id] if line.service_id else None,
            kind=line.kind,
            pool=line.pool,
            description=line.description,
            amount=line.amount,
        )
        for line in CostLine.objects.filter(costing=source).order_by("pk")
    ]
    CostLine.objects.bulk_create(lines)
    drivers = {**DEFAULT_DRIVERS, **rows.drivers}
    PoolDriver.objects.bulk_create(
        PoolDriver(costing=costing, pool=pool, driver=driver) for pool, driver in drivers.items()
    )


def finalise_costing(*, costing: Costing, by: Any) -> Costing:
    """Save a draft as a version: dated, and never changed again.

    Refused, with the list of what to put right, while it cannot be worked out in full:
    no services, a pool whose driver values are all zero, a service with no units.
    """
    require_member(by, costing.organisation)
    with transaction.atomic():
        return _finalise_locked(costing, by)


def _finalise_locked(costing: Costing, by: Any) -> Costing:
    """Finalise inside the caller's transaction (also used by "Use this as my price")."""
    locked = lock(costing)
    if locked.is_final:
        raise CostingError("This costing is already saved.")
    problems = [problem.message for problem in costing_rows(locked).work_out().problems]
    if problems:
        raise CostingError(
            "This costing cannot be saved yet: " + " ".join(problems), problems=problems
        )
    saved = transition(
        locked,
        table=COSTING_TRANSITIONS,
        to=CostingStatus.FINAL,
        user=by,
        action=ACTION_FINALISE,
        changes={"finalised_by": by, "finalised_at": timezone.now()},
        error=CostingError,
        data={"version": locked.version},
    )
    costing.status, costing.finalised_by, costing.finalised_at = (
        saved.status,
        saved.finalised_by,
        saved.finalised_at,
    )
    costing._stored_status = saved.status
    return saved
