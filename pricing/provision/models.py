"""The provision map: what a unit of each type of provision costs in the directory, and
the council's own standard unit costs where the market has none.

A type of provision is a category with a unit (an hour of speech and language therapy, a
place at an after-school club). `ProvisionPrice` holds one row per published cost option
and category; `ProvisionMapEntry` holds each type's figures, worked out from those rows
whenever a listing is published, unpublished, moved or deleted
(`pricing.provision.services`), so the public page reads one small table however large the
directory grows.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from providers.enums import CostUnit

MONEY: dict[str, Any] = {"max_digits": 12, "decimal_places": 2}


class ProvisionPrice(models.Model):
    """One published cost option of a listing, under one of the listing's categories."""

    service = models.ForeignKey("providers.ServicePage", on_delete=models.CASCADE, related_name="+")
    organisation_id = models.IntegerField()  # the listing's parent page
    category = models.ForeignKey("providers.Category", on_delete=models.CASCADE, related_name="+")
    unit = models.CharField(max_length=10, choices=CostUnit.choices)
    amount = models.DecimalField(**MONEY, null=True, blank=True)  # empty when free
    direct_payment = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(fields=["category", "unit", "amount"]),
            models.Index(fields=["service"]),
        ]

    def __str__(self) -> str:
        return f"{self.category_id} per {self.unit}: {self.amount}"


class ProvisionMapEntry(models.Model):
    """One type of provision's figures across the published directory."""

    category = models.ForeignKey("providers.Category", on_delete=models.CASCADE, related_name="+")
    unit = models.CharField(max_length=10, choices=CostUnit.choices)
    providers = models.PositiveIntegerField()
    services = models.PositiveIntegerField()
    priced = models.PositiveIntegerField(help_text="Cost options with a price.")
    free = models.PositiveIntegerField(help_text="Cost options that are free.")
    lowest = models.DecimalField(**MONEY, null=True)
    median = models.DecimalField(**MONEY, null=True)
    highest = models.DecimalField(**MONEY, null=True)
    direct_payment = models.PositiveIntegerField(
        help_text="Services that can be paid for with a direct payment."
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["category__name", "unit"]
        constraints = [
            models.UniqueConstraint(fields=["category", "unit"], name="provision_map_one_entry")
        ]

    def __str__(self) -> str:
        return f"{self.category} per {self.unit}"


class StandardUnitCost(models.Model):
    """A council's own price for a unit of provision, for costed provision where the market
    has no price (for example an hour of a learning support assistant)."""

    council = models.ForeignKey("wagtailcore.Site", on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey("providers.Category", on_delete=models.PROTECT, related_name="+")
    unit = models.CharField(max_length=10, choices=CostUnit.choices)
    description = models.CharField(
        max_length=200, help_text="For example 'An hour of a learning support assistant'."
    )
    amount = models.DecimalField("price for one unit", **MONEY)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["council", "category__name", "unit"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "category", "unit"], name="standard_cost_one_a_type"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="standard_cost_positive"),
        ]

    def __str__(self) -> str:
        return self.description
