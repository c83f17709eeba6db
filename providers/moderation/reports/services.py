"""Writes for "Report a problem with this listing": taking a report, working on it, resolving it.

Who is told, and why:

- A safeguarding concern goes to the council's moderators only, never to the provider: the
  concern may be about the provider's own staff, and allegations about people who work
  with children go to the council's Local Authority Designated Officer (LADO), not to the
  employer first. The email carries no details, only a link to the admin: a concern can
  name a child, and mailboxes are forwarded and kept.
- Anything else goes to the listing's provider (who can fix the listing) and the moderators
  (who make sure it is fixed), with the details and any contact the person chose to give.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from localoffer.core.mail import send_email, site_url
from localoffer.core.transitions import DomainError, transition
from providers.models import ServicePage
from providers.moderation.freshness.selectors import members_by_organisation, organisation_of_pages
from providers.moderation.reports.enums import REPORT_TRANSITIONS, ReportKind, ReportStatus
from providers.moderation.reports.models import DETAILS_MAX_LENGTH, ListingReport
from providers.moderation.reports.selectors import report_recipients

ACTION_RECEIVED = "moderation.reports.received"
ACTION_START = "moderation.reports.start"
ACTION_RESOLVE = "moderation.reports.resolve"


class ReportError(DomainError):
    """A step the rules do not allow; `field` names the form field it is about."""


def _admin_url(report: ListingReport) -> str:
    return site_url() + reverse("listing_reports:edit", args=[report.pk])


def submit_report(
    *, page: ServicePage, kind: str, details: str, name: str = "", email: str = ""
) -> ListingReport:
    """Store a report about a live listing and tell the people who must act on it."""
    if kind not in ReportKind.values:
        raise ReportError("Select what is wrong with the listing", field="kind")
    details = details.strip()
    if not details:
        raise ReportError("Enter what is wrong", field="details")
    if len(details) > DETAILS_MAX_LENGTH:
        raise ReportError(
            f"What is wrong must be {DETAILS_MAX_LENGTH:,} characters or fewer", field="details"
        )
    if not ServicePage.objects.filter(pk=page.pk, live=True).exists():
        raise ReportError("This listing is no longer published.")
    organisation = organisation_of_pages([page])[page.pk]
    with transaction.atomic():
        report = ListingReport.objects.create(
            page_id=page.pk,
            organisation=organisation,
            page_title=page.title[:255],
            kind=kind,
            details=details,
            name=name.strip()[:100],
            email=email.strip()[:254],
        )
        log(instance=report, action=ACTION_RECEIVED, user=None, data={"kind": kind})
        context = {
            "report": report,
            "listing_url": page.get_full_url() or "",
            "admin_url": _admin_url(report),
            "organisation": organisation,
        }
        if report.is_safeguarding:
            send_email(
                to=report_recipients(),
                template="moderation/reports/email/safeguarding_concern",
                context=context,
            )
        else:
            send_email(
                to=report_recipients(),
                template="moderation/reports/email/report_to_moderators",
                context=context,
            )
            members = members_by_organisation([organisation.pk]) if organisation else {}
            send_email(
                to=[member.email for member in members.get(getattr(organisation, "pk", 0), [])],
                template="moderation/reports/email/report_to_provider",
                context={
                    **context,
                    "edit_url": site_url() + reverse("wagtailadmin_pages:edit", args=[page.pk]),
                },
            )
    return report


def mark_report_in_progress(*, report: ListingReport, user: Any) -> ListingReport:
    """Someone is dealing with it (or a resolved report came back)."""
    with transaction.atomic():
        # Two moderators may act on one report at once; the second sees the first's status.
        return transition(
            report,
            table=REPORT_TRANSITIONS,
            to=ReportStatus.IN_PROGRESS,
            user=user,
            action=ACTION_START,
            error=ReportError,
        )


def resolve_report(*, report: ListingReport, user: Any, note: str) -> ListingReport:
    """Close a report, saying what was done; the note is kept with the report and its history."""
    note = note.strip()
    if not note:
        raise ReportError("Say what was done about this report", field="resolution_note")
    with transaction.atomic():
        return transition(
            report,
            table=REPORT_TRANSITIONS,
            to=ReportStatus.RESOLVED,
            user=user,
            action=ACTION_RESOLVE,
            changes={"resolution_note": note, "resolved_at": timezone.now(), "resolved_by": user},
            data={"note": note[:500]},
            error=ReportError,
        )
