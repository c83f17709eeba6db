"""Demo data for listing freshness and reported problems, on the demo provider's
organisation so that provider@ sees them.

- One listing is flagged "may be out of date". The flag is set by the past cycle's close
  (`close_cycle`, in `localoffer.demo.moderation`), as it is on the site, because the
  listing had already missed the round before: `record_earlier_history` writes that
  earlier history, which the demo does not replay as cycles of its own.
- One problem is reported by a family, through `submit_report`, three days ago.

Idempotent: a second run changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from localoffer.demo.clock import at, on
from providers.models import OrganisationPage, ServicePage
from providers.moderation.freshness.models import FLAG_AFTER_MISSED, ListingFreshness
from providers.moderation.reports.enums import ReportKind
from providers.moderation.reports.models import ListingReport
from providers.moderation.reports.services import submit_report

DEMO_ORGANISATION = "Sunflower Sensory Centre"
DEMO_REPORT_DETAILS = (
    "The listing says the Saturday session starts at 10am, but when we went it started at "
    "11am. The phone number also goes to a voicemail that says it is full."
)


def demo_listings() -> list[ServicePage]:
    """The demo provider's first two live listings: the one to flag, the one reported."""
    organisation = OrganisationPage.objects.filter(title=DEMO_ORGANISATION).first()
    if organisation is None:
        return []
    return list(ServicePage.objects.child_of(organisation).live().order_by("title")[:2])


def record_earlier_history(page: ServicePage, *, last_checked: dt.datetime) -> None:
    """The listing was last checked at `last_checked` and has missed one round since.

    No service writes this: it is what the rounds before the demo's first would have left.
    The next close counts one more miss and flags the listing.
    """
    ListingFreshness.objects.update_or_create(
        page=page,
        defaults={
            "last_updated_at": last_checked,
            "last_confirmed_at": None,
            "missed_cycles": FLAG_AFTER_MISSED - 1,
        },
    )


def ensure_demo_report(today: dt.date | None = None) -> int:
    """File the family's report if the demo has none; returns how many were made."""
    if ListingReport.objects.filter(details=DEMO_REPORT_DETAILS).exists():
        return 0
    listings = demo_listings()
    if not listings:
        return 0
    today = today or timezone.localdate()
    with on(at(today - dt.timedelta(days=3), 19)):
        submit_report(
            page=listings[-1],
            kind=ReportKind.WRONG_DETAILS,
            details=DEMO_REPORT_DETAILS,
            name="Sam",
        )
    return 1
