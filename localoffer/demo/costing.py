"""Sunflower Sensory Centre's costing for this financial year.

The figures are the worked example of full cost recovery (`pricing.costing.worked_example`:
£85,000 of spending, £52.22 a place and £23.27 an hour), applied to Sunflower's two
listings and saved as version 1 early in the year. Against it the recovery page compares
the term of Saturday sessions and the hours of support the marketplace demo sold
(localoffer/demo/sales.py); the Saturday price (£6.50) shows as far below its unit cost.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from localoffer.demo.clock import at, on
from localoffer.demo.directory.organisations import PROVIDER_ADMIN_ORGANISATION
from localoffer.demo.features import HOURS_LISTING, SESSIONS_LISTING
from pricing.costing.models import Costing
from pricing.costing.worked_example import build_worked_example, this_financial_year
from providers.models import OrganisationPage, ServicePage


def ensure_demo_costing(*, now: dt.datetime) -> dict[str, int]:
    organisation = OrganisationPage.objects.filter(title=PROVIDER_ADMIN_ORGANISATION).first()
    provider = get_user_model().objects.filter(email="provider@northbridge.example").first()
    if organisation is None or provider is None:
        return {}
    if Costing.objects.filter(organisation=organisation).exists():
        return {}
    listings = ServicePage.objects.child_of(organisation).live()
    year_starts_on = this_financial_year(now.date())
    with on(at(year_starts_on + dt.timedelta(days=9), 10)):
        build_worked_example(
            organisation=organisation,
            by=provider,
            year_starts_on=year_starts_on,
            swim_name=SESSIONS_LISTING,
            swim_listing=listings.filter(title=SESSIONS_LISTING).first(),
            respite_name=HOURS_LISTING,
            respite_listing=listings.filter(title=HOURS_LISTING).first(),
            finalise=True,
        )
    return {"costings": 1}
