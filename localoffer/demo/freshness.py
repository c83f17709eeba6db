"""Demo data for listing freshness and reported problems: one listing flagged "may be out
of date" and one reported problem, both on the demo provider's organisation so that
provider@ sees them. Idempotent: a second run changes nothing.

Written directly rather than through the services, which would email the demo's people
on every load (the report service mails the moderators and the provider); the audit
entries the services write are written here too.
"""

from __future__ import annotations

from django.utils import timezone
from wagtail.log_actions import log

from providers.models import OrganisationPage, ServicePage
from providers.moderation.freshness.models import FLAG_AFTER_MISSED, ListingFreshness
from providers.moderation.freshness.services import ACTION_FLAG
from providers.moderation.reports.enums import ReportKind
from providers.moderation.reports.models import ListingReport
from providers.moderation.reports.services import ACTION_RECEIVED

DEMO_ORGANISATION = "Sunflower Sensory Centre"
DEMO_REPORT_DETAILS = (
    "The listing says the Saturday session starts at 10am, but when we went it started at "
    "11am. The phone number also goes to a voicemail that says it is full."
)


def _demo_listings() -> list[ServicePage]:
    organisation = OrganisationPage.objects.filter(title=DEMO_ORGANISATION).first()
    if organisation is None:
        return []
    return list(ServicePage.objects.child_of(organisation).live().order_by("title")[:2])


def ensure_demo_freshness_and_reports() -> int:
    """Flag one listing and file one report if the demo has none; returns how many made."""
    listings = _demo_listings()
    if not listings:
        return 0
    made = 0
    if not ListingFreshness.objects.flagged().exists():
        flagged = listings[0]
        now = timezone.now()
        record, _ = ListingFreshness.objects.get_or_create(page=flagged)
        record.missed_cycles = FLAG_AFTER_MISSED
        record.flagged_at = record.warned_at = now
        record.save(update_fields=["missed_cycles", "flagged_at", "warned_at"])
        log(instance=flagged, action=ACTION_FLAG, user=None, data={"cycle": "demo"})
        made += 1
    if not ListingReport.objects.filter(details=DEMO_REPORT_DETAILS).exists():
        reported = listings[-1]
        report = ListingReport.objects.create(
            page=reported,
            organisation=reported.get_parent().specific,
            page_title=reported.title,
            kind=ReportKind.WRONG_DETAILS,
            details=DEMO_REPORT_DETAILS,
            name="Sam",
        )
        log(instance=report, action=ACTION_RECEIVED, user=None, data={"kind": report.kind})
        made += 1
    return made
