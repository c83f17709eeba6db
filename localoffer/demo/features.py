"""The demo providers' listings with known titles and prices, so a new user and the browser
tests can find them: Sunflower's Saturday sessions and hours of support at home, and
Splash's holiday swimming (the organisation Sunflower refers families to)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from localoffer.demo.directory.listings import CostSpec, OrganisationSpec
from localoffer.demo.directory.organisations import (
    PARTNER_ORGANISATION,
    PROVIDER_ADMIN_ORGANISATION,
)
from providers.enums import CostUnit, VatTreatment

SESSIONS_LISTING = "Saturday sensory play"
HOURS_LISTING = "Sensory support at home"
PARTNER_LISTING = "Holiday swimming club"
SESSION_PRICE = Decimal("6.50")
HOUR_PRICE = Decimal("30.00")
PARTNER_PRICE = Decimal("8.00")
# Families may share the cost of a Saturday session: up to four children for £20.
GROUP_PRICE = Decimal("20.00")
GROUP_SIZE = 4


def _features() -> dict[str, list[tuple[str, str, CostSpec]]]:
    """The listings with known titles and prices, by organisation."""
    return {
        PROVIDER_ADMIN_ORGANISATION: [
            (
                SESSIONS_LISTING,
                "Calm, small sensory play sessions on Saturday mornings in our sensory room "
                "and soft play, for children who find busy places hard. Parents stay.",
                CostSpec(
                    "A session", False, SESSION_PRICE, CostUnit.SESSION, True, VatTreatment.EXEMPT
                ),
            ),
            (
                HOURS_LISTING,
                "One-to-one sensory support at home from our trained support workers, at "
                "times that suit your family.",
                CostSpec("An hour", False, HOUR_PRICE, CostUnit.HOUR, True, VatTreatment.EXEMPT),
            ),
        ],
        PARTNER_ORGANISATION: [
            (
                PARTNER_LISTING,
                "Small, calm swimming sessions in the school holidays in our warm, quiet pool, "
                "with one instructor for every three children.",
                CostSpec(
                    "A session", False, PARTNER_PRICE, CostUnit.SESSION, True, VatTreatment.EXEMPT
                ),
            ),
        ],
    }


def feature_listings(plan: list[OrganisationSpec]) -> None:
    """Give the demo providers' first listings the known titles and prices."""
    for name, features in _features().items():
        organisation = next((org for org in plan if org.name == name), None)
        if organisation is None or not organisation.services:
            continue
        # A smaller build (`load_demo --services`) may have kept one; every story needs its.
        while len(organisation.services) < len(features):
            organisation.services.append(organisation.services[0])
        for index, (title, summary, cost) in enumerate(features):
            service = organisation.services[index]
            organisation.services[index] = dataclasses.replace(
                service,
                title=title,
                slug=title.lower().replace(" ", "-"),
                summary=summary,
                costs=[cost],
                live=True,
                delivered_at_home=title == HOURS_LISTING or service.delivered_at_home,
            )
