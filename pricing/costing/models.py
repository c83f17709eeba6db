"""A provider's full cost recovery costing: its services, their direct costs, the
organisation's overheads in four pools, and what shares each pool among the services.

A costing is a draft until it is saved; a saved version (FINAL) and its rows refuse to be
changed or deleted, so a price worked out from it always shows the figures it came from.
A change is a new draft copied from the newest saved version
(`pricing.costing.services.start_costing`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from localoffer.core.immutable import ChangeRefused
from pricing.costing.enums import (
    CostingStatus,
    DirectCostKind,
    Driver,
    OverheadPool,
    UnitsMethod,
)

MONEY: dict[str, Any] = {"max_digits": 12, "decimal_places": 2}
FINAL_MESSAGE = "A saved costing cannot be changed: start a new draft from it."


def year_end(starts_on: dt.date) -> dt.date:
    """The last day of a year that starts on `starts_on` (a 29 February start ends on the
    last day of February a year later)."""
    try:
        next_start = starts_on.replace(year=starts_on.year + 1)
    except ValueError:
        next_start = dt.date(starts_on.year + 1, 3, 1)
    return next_start - dt.timedelta(days=1)


class Costing(models.Model):
    """One version of an organisation's costing for one financial year."""

    organisation = models.ForeignKey(
        "providers.OrganisationPage", on_delete=models.PROTECT, related_name="+"
    )
    year_starts_on = models.DateField(
        "first day of the financial year", help_text="For most charities, 1 April."
    )
    version = models.PositiveIntegerField(default=1)
    status = models.CharField(
        max_length=10, choices=CostingStatus.choices, default=CostingStatus.DRAFT
    )
    based_on = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    finalised_at = models.DateTimeField(null=True, blank=True)

    # The status as read from the database: a row stored as saved refuses every save.
    _stored_status: str | None = None

    class Meta:
        ordering = ["organisation", "-year_starts_on", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year_starts_on", "version"], name="costing_version"
            ),
            # One draft per year: two drafts could not both become "the newest" version.
            models.UniqueConstraint(
                fields=["organisation", "year_starts_on"],
                condition=Q(status=CostingStatus.DRAFT),
                name="costing_one_draft",
            ),
            models.CheckConstraint(
                condition=Q(status__in=CostingStatus.values), name="costing_status_ok"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The move from draft to saved is allowed; anything after it is not.
        if self._stored_status == CostingStatus.FINAL:
            raise ChangeRefused(FINAL_MESSAGE)
        super().save(*args, **kwargs)
        self._stored_status = self.status

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self.is_final:
            raise ChangeRefused(FINAL_MESSAGE)
        return super().delete(*args, **kwargs)

    @classmethod
    def from_db(cls, db: str | None, field_names: Any, values: Any, **kwargs: Any) -> Costing:
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._stored_status = instance.__dict__.get("status")
        return instance

    @property
    def is_final(self) -> bool:
        return self.status == CostingStatus.FINAL

    @property
    def year_ends_on(self) -> dt.date:
        return year_end(self.year_starts_on)

    @property
    def year_label(self) -> str:
        """'2026 to 2027' (or '2026' for a calendar year)."""
        first, last = self.year_starts_on.year, self.year_ends_on.year
        return str(first) if first == last else f"{first} to {last}"

    @property
    def label(self) -> str:
        return f"{self.year_label}, version {self.version}"


class PartOfCosting(models.Model):
    """A row of a costing: changeable only while the costing is a draft."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._refuse_if_final()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        self._refuse_if_final()
        return super().delete(*args, **kwargs)

    def _refuse_if_final(self) -> None:
        costing: Costing = self.costing  # type: ignore[attr-defined]
        if costing.is_final:
            raise ChangeRefused(FINAL_MESSAGE)


class CostedService(PartOfCosting):
    """A service the organisation runs, with how many units it plans and its driver values."""

    costing = models.ForeignKey(Costing, on_delete=models.CASCADE, related_name="services")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=120)
    # The listing this costing prices; recovery reads the bookings of this listing.
    listing = models.ForeignKey(
        "providers.ServicePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    unit_label = models.CharField(
        "unit", max_length=30, help_text="What one unit is, for example 'place' or 'hour'."
    )
    # The price charged now: copied from the listing's price when linked, else typed.
    current_price = models.DecimalField("current price", null=True, blank=True, **MONEY)
    units_method = models.CharField(
        "how units are planned",
        max_length=10,
        choices=UnitsMethod.choices,
        default=UnitsMethod.SESSIONS,
    )
    sessions = models.DecimalField(
        "sessions a year", max_digits=10, decimal_places=2, null=True, blank=True
    )
    places = models.DecimalField(
        "places in a session", max_digits=10, decimal_places=2, null=True, blank=True
    )
    occupancy_percent = models.DecimalField(
        "expected occupancy (%)", max_digits=5, decimal_places=2, null=True, blank=True
    )
    staff_hours = models.DecimalField(
        "staff hours a year", max_digits=10, decimal_places=2, null=True, blank=True
    )
    chargeable_percent = models.DecimalField(
        "chargeable hours (%)", max_digits=5, decimal_places=2, null=True, blank=True
    )
    headcount = models.DecimalField("headcount", max_digits=8, decimal_places=2, default=0)
    staff_time = models.DecimalField(
        "staff time (hours a year)", max_digits=10, decimal_places=2, default=0
    )
    floor_area = models.DecimalField(
        "floor area (square metres)", max_digits=10, decimal_places=2, default=0
    )

    class Meta:
        ordering = ["costing", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["costing", "name"], name="costed_service_name"),
            models.CheckConstraint(
                condition=Q(units_method__in=UnitsMethod.values),
                name="costed_service_units_method_ok",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CostLine(PartOfCosting):
    """An amount for the year: a direct cost of one service, or an overhead in a pool."""

    costing = models.ForeignKey(Costing, on_delete=models.CASCADE, related_name="lines")
    # Empty for an overhead line, which belongs to a pool instead.
    service = models.ForeignKey(
        CostedService, on_delete=models.CASCADE, null=True, blank=True, related_name="lines"
    )
    kind = models.CharField(max_length=20, choices=DirectCostKind.choices, blank=True)
    pool = models.CharField(max_length=20, choices=OverheadPool.choices, blank=True)
    description = models.CharField(max_length=200)
    amount = models.DecimalField("amount for the year", **MONEY)

    class Meta:
        ordering = ["costing", "service", "pool", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(service__isnull=False, kind__in=DirectCostKind.values, pool="")
                    | Q(service__isnull=True, pool__in=OverheadPool.values, kind="")
                ),
                name="cost_line_direct_or_overhead",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="cost_line_amount_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def is_overhead(self) -> bool:
        return self.service_id is None


class PoolDriver(PartOfCosting):
    """What shares one overhead pool among the services of a costing."""

    costing = models.ForeignKey(Costing, on_delete=models.CASCADE, related_name="drivers")
    pool = models.CharField(max_length=20, choices=OverheadPool.choices)
    driver = models.CharField(max_length=20, choices=Driver.choices)

    class Meta:
        ordering = ["costing", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["costing", "pool"], name="pool_driver_once"),
            models.CheckConstraint(
                condition=Q(pool__in=OverheadPool.values), name="pool_driver_pool_ok"
            ),
            models.CheckConstraint(
                condition=Q(driver__in=Driver.values), name="pool_driver_driver_ok"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_pool_display()} by {self.get_driver_display().lower()}"


class PriceProposal(models.Model):
    """ "Use this as my price": a listing's price sent to the council, from a saved costing.

    It always names a saved (FINAL) costing, so the council and the provider can see the
    dated figures the price was worked out from. The live price changes only when a
    moderator approves the submission.
    """

    costing = models.ForeignKey(Costing, on_delete=models.PROTECT, related_name="proposals")
    service = models.ForeignKey(CostedService, on_delete=models.PROTECT, related_name="proposals")
    listing = models.ForeignKey("providers.ServicePage", on_delete=models.PROTECT, related_name="+")
    # The listing's cost row (a CostOption id; rows are copied between revisions by id).
    cost_option_id = models.PositiveIntegerField()
    old_price = models.DecimalField(null=True, blank=True, **MONEY)
    new_price = models.DecimalField(**MONEY)
    submission = models.ForeignKey(
        "moderation.Submission",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.service.name}: £{self.new_price}"
