"""Costings for tests: the worked example (through the services, as the demo builds it)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pricing.costing.models import Costing
from pricing.costing.worked_example import build_worked_example
from providers.models import OrganisationPage

YEAR = dt.date(2026, 4, 1)


def worked_example_costing(
    organisation: OrganisationPage, by: Any, *, year_starts_on: dt.date = YEAR, **options: Any
) -> Costing:
    """The worked example costing (Swim Club and Respite sitting) of `organisation`."""
    return build_worked_example(
        organisation=organisation, by=by, year_starts_on=year_starts_on, **options
    )
