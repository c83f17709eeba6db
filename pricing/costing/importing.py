"""Replace a draft costing's rows with those read from a spreadsheet, in one go.

A provider who keeps the figures in a spreadsheet uploads it instead of typing them again.
The whole draft is replaced, not merged: what the file says is the costing, as when the
provider downloaded, changed and uploaded it. Either everything in the file is saved or
nothing is (one transaction, after the file was checked in full by
`pricing.costing.spreadsheet`), and one audit entry records the replacement rather than
one per row. A saved version never changes, so only a draft can be replaced.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from wagtail.log_actions import log

from pricing.costing.enums import DEFAULT_DRIVERS, UnitsMethod
from pricing.costing.models import CostedService, Costing, CostLine, PoolDriver
from pricing.costing.selectors import belongs_to, price_now
from pricing.costing.services.common import CostingError, lock_draft, require_member
from pricing.costing.spreadsheet.layout import UNITS_COLUMNS, ServiceRow, SheetRows
from providers.models import ServicePage

ACTION_IMPORT = "pricing.costing_import"
LOG_ACTIONS = {ACTION_IMPORT: "Costing replaced from a spreadsheet"}


@dataclass(frozen=True)
class ImportSummary:
    services: int
    lines: int


def import_costing(
    *, costing: Costing, rows: SheetRows, by: Any, file_name: str = ""
) -> ImportSummary:
    """Replace the draft `costing`'s services, cost lines and drivers with `rows`.

    A service linked to a listing takes the listing's price now as its current price, as
    it does when typed in (`pricing.costing.services.rows.save_service`); only the figures
    of the way its units are planned are kept. A pool the file gives no driver keeps its
    usual one.
    """
    require_member(by, costing.organisation)
    listings = _listings(costing, rows)
    with transaction.atomic():
        locked = lock_draft(costing)
        # Queryset deletes: the draft's row is locked and checked above, and the rows'
        # own refusal is for saved versions.
        CostLine.objects.filter(costing=locked).delete()
        CostedService.objects.filter(costing=locked).delete()
        PoolDriver.objects.filter(costing=locked).delete()
        services = CostedService.objects.bulk_create(
            _service(locked, position, row, listings.get(row.listing_id or 0))
            for position, row in enumerate(rows.services, start=1)
        )
        by_name = {service.name: service for service in services}
        CostLine.objects.bulk_create(
            CostLine(
                costing=locked,
                service=by_name[line.service] if line.service is not None else None,
                kind=line.kind,
                pool=line.pool,
                description=line.description,
                amount=line.amount,
            )
            for line in rows.lines
        )
        drivers = {**DEFAULT_DRIVERS, **{row.pool: row.driver for row in rows.drivers}}
        PoolDriver.objects.bulk_create(
            PoolDriver(costing=locked, pool=pool, driver=driver) for pool, driver in drivers.items()
        )
        summary = ImportSummary(services=len(services), lines=len(rows.lines))
        log(
            instance=locked,
            action=ACTION_IMPORT,
            user=by,
            data={
                "file_name": file_name[:200],
                "services": summary.services,
                "lines": summary.lines,
            },
        )
    return summary


def _listings(costing: Costing, rows: SheetRows) -> dict[int, ServicePage]:
    """The listings the services name, each checked to be the organisation's own."""
    ids = {row.listing_id for row in rows.services if row.listing_id is not None}
    listings = {page.pk: page for page in ServicePage.objects.filter(pk__in=ids)}
    for pk in ids:
        listing = listings.get(pk)
        if listing is None or not belongs_to(listing, costing.organisation):
            raise CostingError(f"Listing {pk} is not one of your organisation's listings.")
    return listings


def _service(
    costing: Costing, position: int, row: ServiceRow, listing: ServicePage | None
) -> CostedService:
    if row.units_method not in UnitsMethod.values:
        raise CostingError(f"Choose how the units of {row.name} are planned.")
    price = price_now(listing) if listing is not None else None
    kept = UNITS_COLUMNS[row.units_method]
    return CostedService(
        costing=costing,
        position=position,
        name=row.name,
        listing=listing,
        unit_label=row.unit_label,
        current_price=price if price is not None else row.current_price,
        units_method=row.units_method,
        **{
            key: getattr(row, key) if key in kept else None
            for key in UNITS_COLUMNS[UnitsMethod.SESSIONS] + UNITS_COLUMNS[UnitsMethod.HOURS]
        },
        headcount=row.headcount,
        staff_time=row.staff_time,
        floor_area=row.floor_area,
    )
