"""Change a draft costing's rows: its services, their direct cost lines, the overhead
lines of each pool, and what shares each pool out.

Each locks the costing's row first, so changes to one costing happen one after the other
and none lands on a version saved in the meantime.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from wagtail.log_actions import log

from pricing.costing.enums import DirectCostKind, Driver, OverheadPool, UnitsMethod
from pricing.costing.models import CostedService, Costing, CostLine, PoolDriver
from pricing.costing.selectors import belongs_to, price_now
from pricing.costing.services.common import (
    ACTION_DRIVER_SET,
    ACTION_LINE_REMOVE,
    ACTION_LINE_SAVE,
    ACTION_SERVICE_REMOVE,
    ACTION_SERVICE_SAVE,
    MAX_COUNT,
    MAX_MONEY,
    CostingError,
    decimal_in,
    lock_draft,
    require_member,
)
from providers.models import ServicePage

HUNDRED = Decimal(100)
MAX_HEADCOUNT = Decimal("999999.99")


def save_service(
    *,
    costing: Costing,
    by: Any,
    service: CostedService | None = None,
    name: str,
    unit_label: str,
    units_method: str,
    listing: ServicePage | None = None,
    current_price: Decimal | None = None,
    sessions: Decimal | None = None,
    places: Decimal | None = None,
    occupancy_percent: Decimal | None = None,
    staff_hours: Decimal | None = None,
    chargeable_percent: Decimal | None = None,
    headcount: Decimal = Decimal(0),
    staff_time: Decimal = Decimal(0),
    floor_area: Decimal = Decimal(0),
) -> CostedService:
    """Add a service to a draft costing (`service` None) or change one of its services.

    A service linked to a listing takes the listing's price now as its current price, so
    the results compare the unit cost with what families really pay; unlinked, the price
    is typed. Units are planned one of two ways, and only that way's figures are kept.
    """
    require_member(by, costing.organisation)
    fields = _service_fields(
        costing=costing,
        name=name,
        unit_label=unit_label,
        units_method=units_method,
        listing=listing,
        current_price=current_price,
        sessions=sessions,
        places=places,
        occupancy_percent=occupancy_percent,
        staff_hours=staff_hours,
        chargeable_percent=chargeable_percent,
        headcount=headcount,
        staff_time=staff_time,
        floor_area=floor_area,
    )
    with transaction.atomic():
        locked = lock_draft(costing)
        if service is not None and service.costing_id != locked.pk:
            raise CostingError("That service is not part of this costing.")
        same_name = CostedService.objects.filter(costing=locked, name__iexact=fields["name"])
        if service is not None:
            same_name = same_name.exclude(pk=service.pk)
        if same_name.exists():
            raise CostingError("This costing already has a service with that name.", field="name")
        if service is None:
            position = CostedService.objects.filter(costing=locked).aggregate(Max("position"))
            service = CostedService(costing=locked, position=(position["position__max"] or 0) + 1)
        else:
            service.costing = locked
        for attribute, value in fields.items():
            setattr(service, attribute, value)
        service.save()
        log(
            instance=locked,
            action=ACTION_SERVICE_SAVE,
            user=by,
            data={"service_id": service.pk, "name": service.name},
        )
    return service


def _service_fields(
    *, costing: Costing, listing: ServicePage | None, units_method: str, **values: Any
) -> dict[str, Any]:
    """The service's fields checked, or the first refusal."""
    name = (values["name"] or "").strip()
    if not name:
        raise CostingError("Enter the name of the service.", field="name")
    if len(name) > 120:
        raise CostingError("The name must be 120 characters or fewer.", field="name")
    unit_label = (values["unit_label"] or "").strip()
    if not unit_label:
        raise CostingError("Enter what one unit is, for example place or hour.", field="unit_label")
    if len(unit_label) > 30:
        raise CostingError("The unit must be 30 characters or fewer.", field="unit_label")
    if units_method not in UnitsMethod.values:
        raise CostingError("Choose how the units are planned.", field="units_method")
    if listing is not None and not belongs_to(listing, costing.organisation):
        raise CostingError("Choose one of your organisation's listings.", field="listing")
    price = price_now(listing) if listing is not None else None
    if price is None:
        price = decimal_in(
            values["current_price"],
            field="current_price",
            name="the current price",
            maximum=MAX_MONEY,
            required=False,
        )
    fields: dict[str, Any] = {
        "name": name,
        "unit_label": unit_label,
        "units_method": units_method,
        "listing": listing,
        "current_price": price,
        "sessions": None,
        "places": None,
        "occupancy_percent": None,
        "staff_hours": None,
        "chargeable_percent": None,
    }

    def number(key: str, label: str, maximum: Decimal) -> Decimal | None:
        return decimal_in(values[key], field=key, name=label, maximum=maximum)

    if units_method == UnitsMethod.SESSIONS:
        fields["sessions"] = number("sessions", "the number of sessions a year", MAX_COUNT)
        fields["places"] = number("places", "the number of places in a session", MAX_COUNT)
        fields["occupancy_percent"] = number("occupancy_percent", "the expected occupancy", HUNDRED)
    else:
        fields["staff_hours"] = number("staff_hours", "the staff hours a year", MAX_COUNT)
        fields["chargeable_percent"] = number(
            "chargeable_percent", "the share of hours that are chargeable", HUNDRED
        )
    # Driver values may be left empty: a service with no floor area takes no premises.
    for key, label, maximum in (
        ("headcount", "the headcount", MAX_HEADCOUNT),
        ("staff_time", "the staff time", MAX_COUNT),
        ("floor_area", "the floor area", MAX_COUNT),
    ):
        given = decimal_in(values[key], field=key, name=label, maximum=maximum, required=False)
        fields[key] = given if given is not None else Decimal("0.00")
    return fields


def remove_service(*, service: CostedService, by: Any) -> None:
    """Remove a service and its direct cost lines from a draft costing."""
    costing = service.costing
    require_member(by, costing.organisation)
    with transaction.atomic():
        locked = lock_draft(costing)
        service.costing = locked
        data = {"service_id": service.pk, "name": service.name}
        service.delete()
        log(instance=locked, action=ACTION_SERVICE_REMOVE, user=by, data=data)


def save_line(
    *,
    costing: Costing,
    by: Any,
    line: CostLine | None = None,
    service: CostedService | None = None,
    kind: str = "",
    pool: str = "",
    description: str = "",
    amount: Decimal | None,
) -> CostLine:
    """Add or change a line: a direct cost of `service` (of a `kind`), or, with no
    service, an overhead in a `pool`. An empty description takes the kind's or pool's name.
    """
    require_member(by, costing.organisation)
    if service is not None:
        if kind not in DirectCostKind.values:
            raise CostingError("Choose what kind of cost this is.", field="kind")
        pool, label = "", DirectCostKind(kind).label
    else:
        if pool not in OverheadPool.values:
            raise CostingError("Choose which overhead this is.", field="pool")
        kind, label = "", OverheadPool(pool).label
    description = (description or "").strip() or label
    if len(description) > 200:
        raise CostingError("The description must be 200 characters or fewer.", field="description")
    money = decimal_in(amount, field="amount", name="the amount for the year", maximum=MAX_MONEY)
    assert money is not None  # required: decimal_in refuses an empty amount
    with transaction.atomic():
        locked = lock_draft(costing)
        if service is not None and service.costing_id != locked.pk:
            raise CostingError("That service is not part of this costing.")
        if line is None:
            line = CostLine(costing=locked)
        elif line.costing_id != locked.pk:
            raise CostingError("That line is not part of this costing.")
        line.costing = locked
        line.service = service
        line.kind, line.pool, line.description, line.amount = kind, pool, description, money
        line.save()
        log(
            instance=locked,
            action=ACTION_LINE_SAVE,
            user=by,
            data={"line_id": line.pk, "description": description, "amount": str(money)},
        )
    return line


def remove_line(*, line: CostLine, by: Any) -> None:
    costing = line.costing
    require_member(by, costing.organisation)
    with transaction.atomic():
        locked = lock_draft(costing)
        line.costing = locked
        data = {"line_id": line.pk, "description": line.description, "amount": str(line.amount)}
        line.delete()
        log(instance=locked, action=ACTION_LINE_REMOVE, user=by, data=data)


def set_driver(*, costing: Costing, pool: str, driver: str, by: Any) -> PoolDriver:
    """Choose what shares an overhead pool among the services."""
    require_member(by, costing.organisation)
    if pool not in OverheadPool.values:
        raise CostingError("Choose an overhead pool.", field="pool")
    if driver not in Driver.values:
        raise CostingError("Choose how this overhead is shared out.", field="driver")
    with transaction.atomic():
        locked = lock_draft(costing)
        row, _ = PoolDriver.objects.select_for_update().get_or_create(
            costing=locked, pool=pool, defaults={"driver": driver}
        )
        row.costing = locked
        if row.driver != driver:
            row.driver = driver
            row.save(update_fields=["driver"])
        log(
            instance=locked,
            action=ACTION_DRIVER_SET,
            user=by,
            data={"pool": pool, "driver": driver},
        )
    return row
